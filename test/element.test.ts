import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { decodeJwt } from 'jose';
import '../src/define.js';
import type { BiEmbed } from '../src/bi-embed.js';
import type {
  BiEmbedErrorDetail,
  BiEmbedLoadDetail,
  ErrorCode,
  TokenResponse,
} from '../src/types.js';
import { endpointLog, newKey as keyFor } from './helpers/endpoint.js';
import { nth, type Recorded } from './helpers/events.js';
import { FakeClock } from './helpers/fake-clock.js';
import { frames } from './helpers/frames.js';
import { holdTokens } from './helpers/gates.js';
import { mountRecorded } from './helpers/mount.js';
import { FRAME_ORIGIN } from './helpers/origins.js';

const EVENTS = [
  'bi-embed-load',
  'bi-embed-error',
  'bi-embed-token-refresh',
  'bi-embed-resize',
  'bi-embed-filter-change',
];
const SLOW = { timeout: 5_000 };

const newKey = () => keyFor('element');

let container: HTMLElement;
beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
});
afterEach(() => container.remove());

interface Mounted {
  el: BiEmbed;
  /** Every bi-embed-* event, in order, from before the element was connected. */
  events: Recorded[];
}

/** Creates the element, sets attributes then properties, records its events, then connects it. */
const mount = (attrs: Record<string, string>, props: Partial<BiEmbed> = {}): Mounted =>
  mountRecorded(EVENTS, attrs, props);

const ofType = (events: Recorded[], type: string) => events.filter((e) => e.type === type);
/** The element's `n`th `bi-embed-load` (not an iframe's DOM `load`: see frameLoaded). */
const embedLoaded = (m: Mounted, n = 1) => nth<BiEmbedLoadDetail>(m.events, 'bi-embed-load', n);
const failed = (m: Mounted, n = 1) => nth<BiEmbedErrorDetail>(m.events, 'bi-embed-error', n);

function frameUrl(el: BiEmbed): URL {
  const shown = frames(el);
  expect(shown, 'one frame on screen').to.have.length(1);
  return new URL(shown[0].src);
}
const hashOf = (url: URL) => Object.fromEntries(new URLSearchParams(url.hash.slice(1)));
/** The Metabase JWT in a frame URL's path. */
const pathJwt = (url: URL) => url.pathname.split('/').pop()!;

describe('<bi-embed> response forms', () => {
  it('loads a Metabase dashboard from a {token} answer, in a cross-origin frame', async () => {
    const m = mount({ 'token-endpoint': '/api/token?id=42' });
    const { detail } = await embedLoaded(m);
    expect(detail).to.deep.equal({ provider: 'metabase', origin: FRAME_ORIGIN, signal: 'message' });
    const url = frameUrl(m.el);
    expect(url.origin + url.pathname).to.match(/^http:\/\/127\.0\.0\.1:\d+\/embed\/dashboard\//);
    expect(decodeJwt(pathJwt(url)).resource).to.deep.equal({ dashboard: 42 });
    expect(frames(m.el)[0].contentDocument, 'the frame is cross-origin').to.equal(null);
    expect(m.el.status).to.equal('ready');
    expect(m.el.matches(':state(ready)')).to.equal(true);
    expect(m.el.expiresAt).to.be.closeTo(Date.now() + 600_000, 5_000);
  });

  it('loads a Metabase question', async () => {
    const m = mount({ 'token-endpoint': '/api/token?kind=question&id=7' });
    await embedLoaded(m);
    const url = frameUrl(m.el);
    expect(url.pathname).to.match(/^\/embed\/question\//);
    expect(decodeJwt(pathJwt(url)).resource).to.deep.equal({ question: 7 });
  });

  it('navigates a {url} answer as given, with its hash options', async () => {
    const m = mount({
      'token-endpoint': '/api/token?form=url&hash=bordered%3Dfalse%26font%3DLato',
    });
    await embedLoaded(m);
    const url = frameUrl(m.el);
    expect(url.origin).to.equal(FRAME_ORIGIN);
    expect(url.pathname).to.match(/^\/embed\/dashboard\/[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(hashOf(url)).to.deep.equal({ bordered: 'false', font: 'Lato' });
  });

  it('navigates a Lightdash {url} answer, adding targetOrigin', async () => {
    const m = mount({ 'token-endpoint': '/api/token?form=url&provider=lightdash&id=dash-2' });
    expect((await embedLoaded(m)).detail.provider).to.equal('lightdash');
    const url = frameUrl(m.el);
    expect(url.pathname).to.equal('/embed/project-uuid-1');
    expect([...url.searchParams]).to.deep.equal([['targetOrigin', location.origin]]);
    expect(decodeJwt(url.hash.slice(1)).content).to.include({ dashboardUuid: 'dash-2' });
  });

  it('loads a bare text/plain JWT with instance-url', async () => {
    const m = mount({ 'token-endpoint': '/api/token?form=text', 'instance-url': FRAME_ORIGIN });
    expect((await embedLoaded(m)).detail.origin).to.equal(FRAME_ORIGIN);
    expect(frameUrl(m.el).pathname).to.match(/^\/embed\/dashboard\//);
  });

  it('loads a Lightdash dashboard with the JWT in the fragment and targetOrigin', async () => {
    const m = mount({
      'token-endpoint': '/api/token?provider=lightdash&id=dash-9',
      theme: 'night',
    });
    const { detail } = await embedLoaded(m);
    expect(detail).to.deep.include({ provider: 'lightdash', origin: FRAME_ORIGIN });
    // Its `load`, or its first event if that came sooner: the page posts after its API call.
    expect(['load', 'message']).to.include(detail.signal);
    const url = frameUrl(m.el);
    expect(url.pathname).to.equal('/embed/project-uuid-1');
    expect(url.searchParams.get('targetOrigin')).to.equal(location.origin);
    expect(url.searchParams.get('theme')).to.equal('dark');
    expect(decodeJwt(url.hash.slice(1)).content).to.include({ dashboardUuid: 'dash-9' });
  });

  it('loads a Lightdash chart, the project from project-uuid', async () => {
    const m = mount({
      'token-endpoint': '/api/token?provider=lightdash&kind=chart&id=chart-3&noProject=1',
      'project-uuid': 'proj-from-attribute',
    });
    // The claim's projectUuid would say project-uuid-1: the attribute comes first.
    await embedLoaded(m);
    expect(frameUrl(m.el).pathname).to.equal('/embed/proj-from-attribute/chart/chart-3');
  });

  it('embeds a Metabase public link (src) with options, without a token request', async () => {
    const m = mount({ src: `${FRAME_ORIGIN}/public/dashboard/abc-123`, titled: 'false' });
    expect((await embedLoaded(m)).detail).to.deep.equal({
      provider: 'metabase',
      origin: FRAME_ORIGIN,
      signal: 'message',
    });
    expect(frameUrl(m.el).href).to.equal(`${FRAME_ORIGIN}/public/dashboard/abc-123#titled=false`);
    expect(m.el.expiresAt).to.equal(null);
  });

  it('uses fetchToken instead of the endpoint request', async () => {
    const answer = await (await fetch('/api/token?id=77')).json();
    let calls = 0;
    const m = mount({}, { fetchToken: async () => (calls++, answer) });
    await embedLoaded(m);
    expect(calls).to.equal(1);
    expect(decodeJwt(pathJwt(frameUrl(m.el))).resource).to.deep.equal({ dashboard: 77 });
  });
});

describe('<bi-embed> token request', () => {
  afterEach(() => {
    document.cookie = 'bi_embed_el=; path=/; max-age=0';
  });

  it('sends GET, Accept: application/json and same-origin cookies', async () => {
    document.cookie = 'bi_embed_el=abc; path=/';
    const key = newKey();
    const m = mount({ 'token-endpoint': `/api/token?key=${key}` });
    await embedLoaded(m);
    const [entry, ...more] = await endpointLog(key);
    expect(more).to.deep.equal([]);
    expect(entry).to.include({ method: 'GET', accept: 'application/json' });
    expect(entry.cookie).to.include('bi_embed_el=abc');
  });

  it('merges tokenRequestInit: POST with a CSRF header, credentials omitted', async () => {
    document.cookie = 'bi_embed_el=abc; path=/';
    const key = newKey();
    const m = mount(
      { 'token-endpoint': `/api/token?key=${key}` },
      {
        tokenRequestInit: {
          method: 'POST',
          headers: { 'X-CSRF-Token': 't0k3n' },
          credentials: 'omit',
        },
      },
    );
    await embedLoaded(m);
    expect((await endpointLog(key))[0]).to.include({
      method: 'POST',
      csrf: 't0k3n',
      accept: 'application/json',
      cookie: null,
    });
  });

  it('times out after 15 s by default', async () => {
    const clock = new FakeClock();
    const key = newKey();
    const m = mount({ 'token-endpoint': `/api/token?delay=5000&key=${key}` }, { clock });
    await waitUntil(async () => (await endpointLog(key)).length === 1, 'request sent', SLOW);
    expect([clock.pending, clock.longest]).to.deep.equal([1, 15_000]);
    clock.tick(14_999);
    expect(m.events).to.deep.equal([]);
    clock.tick(1);
    expect((await failed(m)).detail).to.deep.include({ code: 'token-timeout', recoverable: true });
    await waitUntil(async () => (await endpointLog(key))[0].aborted, 'request aborted', SLOW);
  });

  it('falls back to 15 s for a token-timeout attribute that is not a positive number', async () => {
    for (const value of ['soon', '-5', '0']) {
      const clock = new FakeClock();
      const m = mount(
        { 'token-endpoint': '/api/token?delay=5000', 'token-timeout': value },
        { clock },
      );
      await waitUntil(() => clock.pending > 0, 'timer set');
      expect(clock.longest, value).to.equal(15_000);
      m.el.remove();
    }
  });

  it('honours token-timeout in ms', async () => {
    const m = mount({ 'token-endpoint': '/api/token?delay=3000', 'token-timeout': '150' });
    const { detail } = await failed(m);
    expect(detail.code).to.equal('token-timeout');
    expect(m.el.tokenTimeout).to.equal(150);
  });
});

describe('<bi-embed> errors', () => {
  const cases: [string, Record<string, string>, ErrorCode, Partial<BiEmbedErrorDetail>][] = [
    ['nothing to load', {}, 'config', { recoverable: false }],
    [
      'both src and token-endpoint',
      { src: `${FRAME_ORIGIN}/public/dashboard/u`, 'token-endpoint': '/api/token' },
      'config',
      { recoverable: false },
    ],
    [
      'a params attribute that is not a JSON object',
      { 'token-endpoint': '/api/token', params: '{category: Gizmo}' },
      'config',
      { recoverable: false },
    ],
    [
      'a token answer without any instance URL',
      { 'token-endpoint': '/api/token?form=text' },
      'config',
      { recoverable: false },
    ],
    [
      'HTTP 403',
      { 'token-endpoint': '/api/token?status=403' },
      'token-http',
      { status: 403, recoverable: false },
    ],
    [
      'HTTP 503',
      { 'token-endpoint': '/api/token?status=503' },
      'token-http',
      { status: 503, recoverable: true },
    ],
    [
      'a dropped connection',
      { 'token-endpoint': '/api/token?drop=1' },
      'token-network',
      { recoverable: true },
    ],
    [
      'an answer that is not a token',
      { 'token-endpoint': '/api/token?body=Please%20log%20in' },
      'token-invalid',
      { recoverable: false },
    ],
    [
      'an expired token',
      { 'token-endpoint': '/api/token?iat=0&expired=1' },
      'token-expired',
      { recoverable: true },
    ],
    [
      'a {url} answer on another origin than instance-url',
      { 'token-endpoint': '/api/token?form=url', 'instance-url': 'https://bi.example' },
      'url-rejected',
      { recoverable: false },
    ],
    [
      'a {token} answer whose instanceUrl is not instance-url',
      { 'token-endpoint': '/api/token', 'instance-url': location.origin },
      'url-rejected',
      { recoverable: false },
    ],
    [
      'a javascript: {url}',
      {
        'token-endpoint': `/api/token?type=application/json&body=${encodeURIComponent('{"url":"javascript:alert(1)"}')}`,
      },
      'url-rejected',
      { recoverable: false },
    ],
    [
      'a data: {url}',
      {
        'token-endpoint': `/api/token?type=application/json&body=${encodeURIComponent('{"url":"data:text/html,<script>alert(1)</script>"}')}`,
      },
      'url-rejected',
      { recoverable: false },
    ],
    [
      'a relative {url}',
      {
        'token-endpoint': `/api/token?type=application/json&body=${encodeURIComponent('{"url":"/embed/dashboard/a.b.c"}')}`,
      },
      'url-rejected',
      { recoverable: false },
    ],
    ['a javascript: src', { src: 'javascript:alert(1)' }, 'url-rejected', { recoverable: false }],
    ['a relative src', { src: '/public/dashboard/u' }, 'url-rejected', { recoverable: false }],
    [
      'a src on another origin than instance-url',
      { src: `${FRAME_ORIGIN}/public/dashboard/u`, 'instance-url': 'https://bi.example' },
      'url-rejected',
      { recoverable: false },
    ],
    [
      'a blob: src',
      { src: `blob:${location.origin}/5c8e7f1a-0000-4000-8000-000000000000` },
      'url-rejected',
      { recoverable: false },
    ],
  ];
  for (const [what, attrs, code, expected] of cases) {
    it(`reports ${what} as ${code}, navigating nothing`, async () => {
      const m = mount(attrs);
      const event = await failed(m);
      expect(event.detail).to.deep.include({ code, ...expected });
      expect(event.detail.message).to.be.a('string').and.not.equal('');
      if (!('status' in expected)) expect(event.detail).not.to.have.property('status');
      expect(m.el.status).to.equal('error');
      expect(m.el.matches(':state(error)')).to.equal(true);
      expect(m.el.matches(':state(loading)')).to.equal(false);
      expect(frames(m.el), 'no frame').to.have.length(0);
      expect(ofType(m.events, 'bi-embed-load')).to.have.length(0);
      if (!expected.recoverable) {
        // One failure, one event: the re-render the error causes does not report it again.
        await m.el.updateComplete;
        await new Promise((resolve) => setTimeout(resolve, 50));
        expect(ofType(m.events, 'bi-embed-error')).to.have.length(1);
      }
    });
  }

  it('waits after a config error until the configuration changes, then loads', async () => {
    const m = mount({});
    expect((await failed(m)).detail.code).to.equal('config');
    m.el.tokenEndpoint = '/api/token';
    await embedLoaded(m);
    expect(m.events.map((e) => e.type)).to.deep.equal(['bi-embed-error', 'bi-embed-load']);
    expect(m.el.status).to.equal('ready');
    expect(m.el.matches(':state(error)')).to.equal(false);
  });

  it('never puts the token or the signed URL in an error detail', async () => {
    const answer = (await (await fetch('/api/token?form=url')).json()) as { url: string };
    const token = pathJwt(new URL(answer.url));
    const m = mount({ 'instance-url': 'https://bi.example' }, { fetchToken: async () => answer });
    const { detail } = await failed(m);
    expect(detail.code).to.equal('url-rejected');
    const text = JSON.stringify(detail);
    expect(text).not.to.include(token);
    expect(text).not.to.include(answer.url);
    expect(text).not.to.include(token.split('.')[1]);
  });

  it('shows an error view with Retry that requests again and recovers', async () => {
    const key = newKey();
    const m = mount({ 'token-endpoint': `/api/token?status=400&fail=1&key=${key}` });
    expect((await failed(m)).detail).to.deep.include({ code: 'token-http', status: 400 });
    await m.el.updateComplete;
    const view = m.el.shadowRoot!.querySelector('[part="error"]')!;
    expect(view.getAttribute('role')).to.equal('alert');
    expect(view.textContent).to.include('HTTP 400');
    const retry = view.querySelector<HTMLButtonElement>('[part="retry"]')!;
    expect(retry.textContent).to.equal('Retry');
    retry.click();
    await embedLoaded(m);
    expect(await endpointLog(key)).to.have.length(2);
    expect(m.el.status).to.equal('ready');
    expect(m.el.matches(':state(error)')).to.equal(false);
    await m.el.updateComplete;
    expect(m.el.shadowRoot!.querySelector('[part="error"]')).to.equal(null);
  });

  it('lets the page replace the error view through the error slot', async () => {
    const m = mount({ 'token-endpoint': '/api/token?status=404' });
    const custom = document.createElement('p');
    custom.slot = 'error';
    custom.textContent = 'Our dashboard is unavailable.';
    m.el.append(custom);
    await failed(m);
    await m.el.updateComplete;
    const slot = m.el.shadowRoot!.querySelector<HTMLSlotElement>('slot[name="error"]')!;
    expect(slot.assignedElements()).to.deep.equal([custom]);
  });
});

describe('<bi-embed> status, states and views', () => {
  it('is idle before it is connected, loading while the request runs, then ready', async () => {
    const el = document.createElement('bi-embed');
    el.tokenEndpoint = '/api/token?delay=300';
    expect(el.status).to.equal('idle');
    const m = { el, events: [] as CustomEvent[] };
    el.addEventListener('bi-embed-load', (e) => m.events.push(e as CustomEvent));
    container.append(el);
    await el.updateComplete;
    expect(el.status).to.equal('loading');
    expect(el.matches(':state(loading)')).to.equal(true);
    expect(el.matches(':state(ready)')).to.equal(false);
    await embedLoaded(m);
    expect(el.status).to.equal('ready');
    expect(el.matches(':state(loading)')).to.equal(false);
    expect(el.matches(':state(ready)')).to.equal(true);
  });

  it('shows a loading placeholder until the frame loads', async () => {
    const m = mount({ 'token-endpoint': '/api/token?delay=300' });
    await m.el.updateComplete;
    const placeholder = m.el.shadowRoot!.querySelector('[part="loading"]')!;
    expect(placeholder.getAttribute('role')).to.equal('status');
    expect(placeholder.textContent).to.include('Loading');
    await embedLoaded(m);
    await m.el.updateComplete;
    expect(m.el.shadowRoot!.querySelector('[part="loading"]')).to.equal(null);
  });

  it('lets the page replace the loading placeholder through the loading slot', async () => {
    const custom = document.createElement('span');
    custom.slot = 'loading';
    custom.textContent = 'Fetching numbers…';
    const el = document.createElement('bi-embed');
    el.tokenEndpoint = '/api/token?delay=300';
    el.append(custom);
    container.append(el);
    await el.updateComplete;
    const slot = el.shadowRoot!.querySelector<HTMLSlotElement>('slot[name="loading"]')!;
    expect(slot.assignedElements()).to.deep.equal([custom]);
  });

  it('titles the frame "Embedded dashboard" by default, else with title', async () => {
    const m = mount({ 'token-endpoint': '/api/token' });
    await embedLoaded(m);
    const [frame] = frames(m.el);
    expect(frame.title).to.equal('Embedded dashboard');
    expect(frame.getAttribute('part')).to.equal('frame');
    m.el.title = 'Quarterly sales';
    await m.el.updateComplete;
    expect(frames(m.el)[0]).to.equal(frame, 'a title change does not reload');
    expect(frame.title).to.equal('Quarterly sales');

    const titled = mount({ 'token-endpoint': '/api/token', title: 'Revenue' });
    await embedLoaded(titled);
    expect(frames(titled.el)[0].title).to.equal('Revenue');
  });

  it('fires bubbling, composed events whose detail is an object without the token', async () => {
    // The element sits in another component's shadow root: composed events still reach document.
    const host = document.createElement('div');
    container.append(host);
    const root = host.attachShadow({ mode: 'open' });
    const el = document.createElement('bi-embed');
    el.tokenEndpoint = '/api/token';
    const atDocument = oneEvent(document, 'bi-embed-load');
    root.append(el);
    const event = (await atDocument) as CustomEvent<BiEmbedLoadDetail>;
    expect(event.bubbles).to.equal(true);
    expect(event.composed).to.equal(true);
    expect(event.target).to.equal(host, 'retargeted to the shadow host');
    expect(event.detail).to.be.an('object');
    const url = new URL(el.shadowRoot!.querySelector('iframe')!.src);
    const text = JSON.stringify(event.detail);
    expect(text).not.to.include(pathJwt(url));
    expect(text).not.to.include(url.pathname);

    const failing = document.createElement('bi-embed');
    const error = oneEvent(document, 'bi-embed-error');
    root.append(failing);
    const errorEvent = (await error) as CustomEvent<BiEmbedErrorDetail>;
    expect(errorEvent.bubbles && errorEvent.composed).to.equal(true);
    expect(errorEvent.detail).to.be.an('object');
  });
});

describe('<bi-embed> display options', () => {
  const options: [
    attr: string,
    prop: keyof BiEmbed,
    first: string,
    hash1: string,
    second: unknown,
    attr2: string | null,
    hash2: string | undefined,
  ][] = [
    ['bordered', 'bordered', 'true', 'true', false, 'false', 'false'],
    ['titled', 'titled', 'false', 'false', true, 'true', 'true'],
    ['theme', 'theme', 'light', 'light', 'night', 'night', 'night'],
    ['theme', 'theme', 'transparent', 'transparent', undefined, null, undefined],
    [
      'hide-parameters',
      'hideParameters',
      'date,category',
      'date,category',
      'region',
      'region',
      'region',
    ],
    // Current Metabase reads `downloads=false`; it only logs `hide_download_button`.
    ['hide-download-button', 'hideDownloadButton', '', 'false', false, null, undefined],
    ['downloads', 'downloads', 'pdf', 'pdf', 'false', 'false', 'false'],
    [
      'downloads',
      'downloads',
      'results,pdf',
      'results,pdf',
      'pdf, results',
      'pdf,results',
      'pdf,results',
    ],
    ['locale', 'locale', 'de', 'de', 'fr-CA', 'fr-CA', 'fr-CA'],
    ['background', 'background', 'false', 'false', true, 'true', 'true'],
    ['font', 'font', 'Lato', 'Lato', 'Open Sans', 'Open Sans', 'Open Sans'],
  ];
  const HASH: Record<string, string> = {
    'hide-parameters': 'hide_parameters',
    'hide-download-button': 'downloads',
  };

  for (const [attr, prop, first, hash1, second, attr2, hash2] of options) {
    it(`maps ${attr}="${first}" into the hash, then ${String(second)} set as a property`, async () => {
      const key = newKey();
      const hashKey = HASH[attr] ?? attr;
      const m = mount({ 'token-endpoint': `/api/token?key=${key}`, [attr]: first });
      await embedLoaded(m);
      const url1 = frameUrl(m.el);
      expect(hashOf(url1)).to.deep.equal({ [hashKey]: hash1 });

      (m.el as unknown as Record<string, unknown>)[prop] = second;
      await m.el.updateComplete;
      expect(m.el.getAttribute(attr), 'reflected').to.equal(attr2);
      await embedLoaded(m, 2);
      const url2 = frameUrl(m.el);
      expect(hashOf(url2)).to.deep.equal(hash2 === undefined ? {} : { [hashKey]: hash2 });
      expect(pathJwt(url2), 'same token').to.equal(pathJwt(url1));
      expect(await endpointLog(key), 'no new token request').to.have.length(1);
    });
  }

  it('applies an option set while the token request runs, with one request', async () => {
    const key = newKey();
    const m = mount({ 'token-endpoint': `/api/token?delay=200&key=${key}` });
    await waitUntil(async () => (await endpointLog(key)).length === 1, 'request sent');
    m.el.bordered = false;
    await embedLoaded(m);
    expect(hashOf(frameUrl(m.el))).to.deep.equal({ bordered: 'false' });
    expect(m.events.map((e) => e.type)).to.deep.equal(['bi-embed-load']);
    expect(await endpointLog(key)).to.have.length(1);
  });

  it('removing an attribute takes its option out of the URL', async () => {
    const m = mount({ 'token-endpoint': '/api/token', theme: 'night', titled: 'false' });
    await embedLoaded(m);
    m.el.removeAttribute('theme');
    await embedLoaded(m, 2);
    expect(hashOf(frameUrl(m.el))).to.deep.equal({ titled: 'false' });
  });

  it('writes nothing into the hash when no option is set', async () => {
    const m = mount({ 'token-endpoint': '/api/token' });
    await embedLoaded(m);
    expect(frameUrl(m.el).hash).to.equal('');
  });

  it('falls back to the documented default for bad attribute values (style rule 4)', async () => {
    const m = mount({
      'token-endpoint': '/api/token',
      bordered: 'yes',
      titled: '',
      theme: 'dark',
      downloads: 'csv',
      locale: 'not a locale',
      'hide-parameters': ' , ',
      provider: 'tableau',
      loading: 'soon',
      'min-height': 'tall',
      'max-height': '-20',
    });
    await embedLoaded(m);
    expect(frameUrl(m.el).hash, 'nothing written into the URL').to.equal('');
    expect(m.el.bordered).to.equal(undefined);
    expect(m.el.titled).to.equal(undefined);
    expect(m.el.theme).to.equal(undefined);
    expect(m.el.downloads).to.equal(undefined);
    expect(m.el.locale).to.equal(undefined);
    expect(m.el.hideParameters).to.equal(undefined);
    expect(m.el.provider, 'detected instead').to.equal(undefined);
    expect(m.el.loading).to.equal('eager');
    expect(m.el.minHeight).to.equal(0);
    expect(m.el.maxHeight).to.equal(undefined);
    expect(m.el.status).to.equal('ready');
  });

  it('takes options from an endpoint URL, the element attributes winning', async () => {
    const key = newKey();
    const hash = encodeURIComponent('bordered=true&theme=night&titled=false&hide_parameters=a,b');
    const m = mount({
      'token-endpoint': `/api/token?form=url&hash=${hash}&key=${key}`,
      bordered: 'false',
      locale: 'de',
    });
    await embedLoaded(m);
    expect(hashOf(frameUrl(m.el))).to.deep.equal({
      bordered: 'false',
      theme: 'night',
      titled: 'false',
      hide_parameters: 'a,b',
      locale: 'de',
    });
    // The URL's options appear on the element; the page's own attributes are kept.
    expect(m.el.theme).to.equal('night');
    expect(m.el.getAttribute('theme')).to.equal('night');
    expect(m.el.titled).to.equal(false);
    expect(m.el.getAttribute('hide-parameters')).to.equal('a,b');
    expect(m.el.bordered).to.equal(false);
    expect(m.el.getAttribute('bordered')).to.equal('false');

    m.el.theme = 'light';
    await embedLoaded(m, 2);
    expect(hashOf(frameUrl(m.el)).theme).to.equal('light');
    expect(await endpointLog(key), 'no new token request').to.have.length(1);
  });
});

describe('<bi-embed> params', () => {
  it('puts params into the query string, from the attribute and the property', async () => {
    const key = newKey();
    const m = mount({
      'token-endpoint': `/api/token?key=${key}`,
      params: '{"category":["Gizmo","Widget"],"date_range":"past30days"}',
      theme: 'night',
    });
    expect(m.el.hasAttribute('params')).to.equal(true);
    await embedLoaded(m);
    const url1 = frameUrl(m.el);
    expect(url1.searchParams.getAll('category')).to.deep.equal(['Gizmo', 'Widget']);
    expect(url1.searchParams.get('date_range')).to.equal('past30days');
    expect(url1.hash).to.equal('#theme=night');

    // Every slug is set again: the page's values replace what the frame reported it shows.
    m.el.params = { category: 'Doohickey', date_range: 'past7days' };
    await embedLoaded(m, 2);
    const url2 = frameUrl(m.el);
    expect([...url2.searchParams]).to.deep.equal([
      ['category', 'Doohickey'],
      ['date_range', 'past7days'],
    ]);
    expect(pathJwt(url2)).to.equal(pathJwt(url1));
    expect(await endpointLog(key), 'no new token request').to.have.length(1);
  });

  it('drops a slug the page removes from params, and ignores the same values set again', async () => {
    const key = newKey();
    const m = mount(
      { 'token-endpoint': `/api/token?key=${key}` },
      { params: { category: 'Gizmo', date_range: 'past30days' } },
    );
    await embedLoaded(m);
    // The frame reports the values it shows; they are carried from then on.
    await waitUntil(() => m.el.filters.date_range === 'past30days', 'the frame reported filters');
    // `filters` hands out a copy: writing to it changes nothing the element keeps.
    m.el.filters.date_range = 'tampered';
    expect(m.el.filters.date_range).to.equal('past30days');
    const shown = frames(m.el)[0];

    // A framework re-render writes an equal object: no reload, nothing forgotten.
    m.el.params = { category: 'Gizmo', date_range: 'past30days' };
    await m.el.updateComplete;
    expect(frames(m.el)).to.deep.equal([shown]);

    m.el.params = { category: 'Gizmo' };
    await embedLoaded(m, 2);
    expect([...frameUrl(m.el).searchParams]).to.deep.equal([['category', 'Gizmo']]);
    expect(await endpointLog(key), 'no new token request').to.have.length(1);
  });

  it('keeps &, #, quotes and <script> inside their value', async () => {
    const nasty = `a&b=c#bordered=false"'><script>window.injected=1</script>`;
    const m = mount({ 'token-endpoint': '/api/token', titled: 'true' }, { params: { q: nasty } });
    await embedLoaded(m);
    const url = frameUrl(m.el);
    expect(url.origin).to.equal(FRAME_ORIGIN);
    expect([...url.searchParams]).to.deep.equal([['q', nasty]]);
    expect(url.hash).to.equal('#titled=true');
    expect(m.el.hasAttribute('params'), 'params is never reflected').to.equal(false);
    expect(frames(m.el)[0].getAttribute('src')).not.to.match(/[<>"' ]/);
    expect((window as unknown as { injected?: number }).injected).to.equal(undefined);
    expect(m.el.shadowRoot!.querySelector('script')).to.equal(null);
  });
});

describe('<bi-embed> latest configuration wins', () => {
  it('aborts the request in flight when token-endpoint changes, never showing its answer', async () => {
    const oldKey = newKey();
    const newKey_ = newKey();
    const hold = await holdTokens();
    const m = mount({ 'token-endpoint': `/api/token?id=111&hold=${hold.name}&key=${oldKey}` });
    await hold.held();
    m.el.tokenEndpoint = `/api/token?id=222&key=${newKey_}`;
    await embedLoaded(m);
    expect(decodeJwt(pathJwt(frameUrl(m.el))).resource).to.deep.equal({ dashboard: 222 });
    await waitUntil(async () => (await endpointLog(oldKey))[0].aborted, 'old request aborted');
    // The old answer is let go now; proving a negative: it would be shown within a few tasks.
    await hold.open();
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(decodeJwt(pathJwt(frameUrl(m.el))).resource).to.deep.equal({ dashboard: 222 });
    expect(m.events.map((e) => e.type)).to.deep.equal(['bi-embed-load']);
    expect(m.el.getAttribute('token-endpoint')).to.include('id=222');
  });

  it('drops a late fetchToken answer for a replaced configuration', async () => {
    const [first, second] = await Promise.all(
      [1, 2].map(async (id) => (await fetch(`/api/token?id=${id}`)).json()),
    );
    let answerOld!: (value: TokenResponse) => void;
    const m = mount({}, { fetchToken: () => new Promise((resolve) => (answerOld = resolve)) });
    await waitUntil(() => answerOld, 'first fetchToken called');
    m.el.fetchToken = async () => second;
    await embedLoaded(m);
    answerOld(first);
    // Proving a negative: a stale answer would be applied within a few tasks.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(decodeJwt(pathJwt(frameUrl(m.el))).resource).to.deep.equal({ dashboard: 2 });
    // Only the lifecycle events matter here: a resize from the stand-in page is no stale answer.
    const lifecycle = m.events.filter((e) => e.type !== 'bi-embed-resize').map((e) => e.type);
    expect(lifecycle).to.deep.equal(['bi-embed-load']);
  });

  it('requests again when tokenRequestInit changes mid-request', async () => {
    const key = newKey();
    const hold = await holdTokens();
    const m = mount(
      { 'token-endpoint': `/api/token?hold=${hold.name}&key=${key}` },
      { tokenRequestInit: { headers: { 'X-CSRF-Token': 'old' } } },
    );
    await hold.held();
    m.el.tokenRequestInit = { headers: { 'X-CSRF-Token': 'new' } };
    await waitUntil(async () => (await endpointLog(key))[0].aborted, 'first request aborted');
    await hold.open();
    await embedLoaded(m);
    const log = await endpointLog(key);
    expect(log.map((e) => e.csrf)).to.deep.equal(['old', 'new']);
  });

  it('aborts its request when removed, and fires nothing afterwards', async () => {
    const key = newKey();
    const hold = await holdTokens();
    const m = mount({ 'token-endpoint': `/api/token?hold=${hold.name}&key=${key}` });
    await hold.held();
    m.el.remove();
    expect(m.el.status).to.equal('idle');
    await waitUntil(async () => (await endpointLog(key))[0].aborted, 'request aborted');
    // The answer is let go now; proving a negative: it would be applied within a few tasks.
    await hold.open();
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(m.events).to.deep.equal([]);
    expect(frames(m.el)).to.have.length(0);
  });

  it('re-inserted after removal mid-request, requests again and loads', async () => {
    const key = newKey();
    const hold = await holdTokens();
    const m = mount({ 'token-endpoint': `/api/token?hold=${hold.name}&key=${key}` });
    await hold.held();
    m.el.remove();
    container.append(m.el);
    await hold.open();
    await embedLoaded(m);
    expect(m.el.status).to.equal('ready');
    expect(await endpointLog(key)).to.have.length(2);
  });

  it('reload() loads the frame again with the same token, without a request', async () => {
    const key = newKey();
    const m = mount({ 'token-endpoint': `/api/token?key=${key}` });
    await embedLoaded(m);
    const [before] = frames(m.el);
    const src = before.src;
    await m.el.reload();
    await embedLoaded(m, 2);
    const [after] = frames(m.el);
    expect(after).not.to.equal(before);
    expect(after.src).to.equal(src);
    expect(await endpointLog(key)).to.have.length(1);
  });

  it('re-inserted after load, reuses its still-valid token without a request', async () => {
    const key = newKey();
    const m = mount({ 'token-endpoint': `/api/token?key=${key}` });
    await embedLoaded(m);
    const token = pathJwt(frameUrl(m.el));
    m.el.remove();
    expect(frames(m.el)).to.have.length(0);
    container.append(m.el);
    await embedLoaded(m, 2);
    expect(pathJwt(frameUrl(m.el))).to.equal(token);
    expect(await endpointLog(key)).to.have.length(1);
  });
});
