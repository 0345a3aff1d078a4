// The element against a stand-in BI server as harsh as the real tools (test/server/frames.mjs):
// Lightdash's real routes only, Metabase's 200 page that shows its API's refusal, no error event
// from either, Lightdash events only to allowed origins.
import { expect, waitUntil } from '@open-wc/testing';
import type { BiEmbed } from '../src/bi-embed.js';
import type { BiEmbedEventMap } from '../src/types.js';
import { jwtFor } from './helpers/endpoint.js';
import { recordAll } from './helpers/events.js';
import { command, frameOf } from './helpers/frames.js';
import { create, mount as mountElement } from './helpers/mount.js';
import { FRAME_ORIGIN } from './helpers/origins.js';
import { sleep } from './helpers/wait.js';

/** What the stand-in page shows (embed-page.js `shown`). */
interface Shown {
  tool: string;
  status: number;
  api: number | undefined;
  text: string;
}

const EVENTS = [
  'bi-embed-load',
  'bi-embed-content-loaded',
  'bi-embed-error',
  'bi-embed-filter-change',
  'bi-embed-token-refresh',
] as const;

/** Mounts an element with these attributes, recording every event but resizes in order. */
async function mountWatched(attrs: Record<string, string>) {
  const el = create(attrs);
  const events = recordAll(el, EVENTS);
  await mountElement(el);
  /** The first recorded `type` event's detail, once it has fired (even before this call). */
  async function fired<K extends (typeof EVENTS)[number]>(type: K) {
    await waitUntil(() => events.some((e) => e.type === type), `${type} fired`, { timeout: 8000 });
    return events.find((e) => e.type === type)!.detail as BiEmbedEventMap[K]['detail'];
  }
  return { el, events, fired };
}

/** Asks the frame's page what it shows, once its API call answered (it asks again until then). */
async function shownBy(el: BiEmbed): Promise<Shown> {
  const frame = await frameOf(el);
  for (;;) {
    // A command sent before the page's script runs is lost: ask until it answers.
    const ack = (await Promise.race([
      command(frame.contentWindow!, FRAME_ORIGIN, {}),
      new Promise((resolve) => setTimeout(resolve, 200)),
    ])) as { shown: Shown } | undefined;
    if (ack && (ack.shown.api !== undefined || ack.shown.tool === 'not-found')) return ack.shown;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Time for events that would follow (Metabase polls every 100 ms; Lightdash posts at once). */
const settle = () => sleep(600);

const frameUrl = async (el: BiEmbed) => new URL((await frameOf(el)).src);

describe('stand-in Lightdash: real routes', () => {
  it('loads a dashboard at /embed/<project>#<JWT> and reports its content loaded', async () => {
    const { el, events, fired } = await mountWatched({
      'token-endpoint': '/api/token?provider=lightdash&id=dash-1',
    });
    const content = await fired('bi-embed-content-loaded');
    const url = await frameUrl(el);
    expect(url.pathname).to.equal('/embed/project-uuid-1');
    expect(await shownBy(el)).to.include({ tool: 'lightdash', status: 200, api: 200 });
    expect(content).to.include({ provider: 'lightdash', origin: FRAME_ORIGIN });
    expect(content.tilesCount).to.equal(3);
    expect(content.loadTimeMs).to.be.a('number').and.to.be.at.least(0);
    await settle();
    expect(events.map((e) => e.type)).to.deep.equal(['bi-embed-load', 'bi-embed-content-loaded']);
  });

  it('loads a chart at /embed/<project>/chart/<id>#<JWT>', async () => {
    const { el, fired } = await mountWatched({
      'token-endpoint': '/api/token?provider=lightdash&kind=chart&id=chart-7',
    });
    const content = await fired('bi-embed-content-loaded');
    expect((await frameUrl(el)).pathname).to.equal('/embed/project-uuid-1/chart/chart-7');
    expect(content.tilesCount).to.equal(1);
    expect(await shownBy(el)).to.include({ tool: 'lightdash', api: 200 });
  });

  it('shows the not-found page at the old /embed/<p>/dashboard/<uuid> route', async () => {
    const jwt = await jwtFor('provider=lightdash&id=dash-1');
    const { el, events } = await mountWatched({
      src: `${FRAME_ORIGIN}/embed/project-uuid-1/dashboard/dash-1#${jwt}`,
    });
    expect(await shownBy(el)).to.include({
      tool: 'not-found',
      status: 200,
      text: 'Page not found',
    });
    await settle();
    // A page that posts nothing: its `load` is all the element has, and no content is claimed.
    expect(events).to.deep.equal([
      {
        type: 'bi-embed-load',
        detail: { provider: 'lightdash', origin: FRAME_ORIGIN, signal: 'load' },
      },
    ]);
  });

  it('keeps the JWT of a Lightdash src and writes its options in the query', async () => {
    const jwt = await jwtFor('provider=lightdash&id=dash-1');
    const { el, fired } = await mountWatched({
      src: `${FRAME_ORIGIN}/embed/project-uuid-1#${jwt}`,
      theme: 'night',
      'background-color': '#0a1b2c',
      timezone: 'Europe/Paris',
      bordered: 'false',
      font: 'Lato',
    });
    await fired('bi-embed-content-loaded');
    const url = await frameUrl(el);
    expect(url.hash).to.equal(`#${jwt}`);
    expect(Object.fromEntries(url.searchParams)).to.deep.equal({
      targetOrigin: location.origin,
      theme: 'dark',
      backgroundColor: '0a1b2c',
      timezone: 'Europe/Paris',
    });
    // The page took the token from the hash and its API accepted it: the JWT arrived intact.
    expect(await shownBy(el)).to.include({ tool: 'lightdash', api: 200 });
  });

  it('posts nothing for a token it refuses: the element sees only the load', async () => {
    const { el, events } = await mountWatched({
      'token-endpoint': '/api/token?provider=lightdash&id=dash-1&badSig=1',
    });
    expect(await shownBy(el)).to.include({
      tool: 'lightdash',
      status: 200,
      api: 403,
      text: 'Invalid embed token',
    });
    await settle();
    expect(events).to.deep.equal([
      {
        type: 'bi-embed-load',
        detail: { provider: 'lightdash', origin: FRAME_ORIGIN, signal: 'load' },
      },
    ]);
    expect(el.status).to.equal('ready');
  });

  it('posts nothing to an origin its project does not allow', async () => {
    const { el, events } = await mountWatched({
      'token-endpoint': '/api/token?provider=lightdash&id=dash-1&project=closed-project',
    });
    expect(await shownBy(el)).to.include({ tool: 'lightdash', api: 200 });
    await settle();
    expect(events.map((e) => e.type)).to.deep.equal(['bi-embed-load']);
    expect((events[0].detail as BiEmbedEventMap['bi-embed-load']['detail']).signal).to.equal(
      'load',
    );
  });
});

describe('stand-in Metabase: refusals look like a load', () => {
  const refusals: [string, string, string][] = [
    ['a token without params', 'noParams=1', 'Token is missing value for keypath [:params]'],
    ['a bad signature', 'badSig=1', 'Message seems corrupt or manipulated'],
  ];
  for (const [what, query, message] of refusals) {
    it(`serves a 200 page showing Metabase's 400 for ${what}; the element fires one load`, async () => {
      const { el, events } = await mountWatched({ 'token-endpoint': `/api/token?${query}` });
      expect(await shownBy(el)).to.deep.equal({
        tool: 'metabase',
        status: 200,
        api: 400,
        text: message,
      });
      await settle();
      // Exactly what the element can tell: the page posted its messages, so it loaded. No error,
      // no content signal (Metabase has none), no filter event (its first report sets `filters`).
      expect(events).to.deep.equal([
        {
          type: 'bi-embed-load',
          detail: { provider: 'metabase', origin: FRAME_ORIGIN, signal: 'message' },
        },
      ]);
      expect(el.status).to.equal('ready');
      expect(el.filters).to.deep.equal({});
    });
  }

  it('accepts a good token, an entity-ID resource too', async () => {
    const { el } = await mountWatched({ 'token-endpoint': '/api/token?id=Hgr1vP3tC5kD0ZqA_mW7x' });
    expect(await shownBy(el)).to.deep.equal({
      tool: 'metabase',
      status: 200,
      api: 200,
      text: 'Stand-in dashboard',
    });
  });

  it('writes background, font and hide-download-button where the frame reads them', async () => {
    const { el, fired } = await mountWatched({
      'token-endpoint': '/api/token',
      background: 'false',
      font: 'Open Sans',
      'hide-download-button': '',
      timezone: 'Europe/Paris',
      'background-color': 'fff',
    });
    await fired('bi-embed-load');
    const url = await frameUrl(el);
    expect(Object.fromEntries(new URLSearchParams(url.hash.slice(1)))).to.deep.equal({
      background: 'false',
      font: 'Open Sans',
      downloads: 'false',
    });
    expect(url.search, 'options only Lightdash reads are not written').to.equal('');
    expect(await shownBy(el)).to.include({ api: 200 });
  });
});
