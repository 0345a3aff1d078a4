import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import type { BiEmbed } from '../src/bi-embed.js';
import { FRAME_TIMEOUT } from '../src/frame-controller.js';
import { dispatch } from '../src/message-channel.js';
import type { BiEmbedErrorDetail, TokenResponse } from '../src/types.js';
import { nextEvent, record } from './helpers/events.js';
import { FakeClock } from './helpers/fake-clock.js';
import {
  command,
  frameLoaded,
  frameOf,
  frames,
  looseFrame,
  visibleFrame,
} from './helpers/frames.js';
import { mount, mountStandIn } from './helpers/mount.js';
import { CROWD_ORIGIN, FRAME_ORIGIN, PAGE_ORIGIN } from './helpers/origins.js';

/** What a Metabase embed page and the iframe-resizer child post, as a spoofer would copy it. */
function metabaseLike(search: string, height: number): unknown[] {
  const location = { href: `${FRAME_ORIGIN}/embed/dashboard/x${search}`, search, hash: '' };
  return [
    { metabase: { type: 'location', location } },
    { metabase: { type: 'frame', frame: { mode: 'normal', height } } },
    `[iFrameSizer]bi-embed:${height}:784:mutationObserver`,
    `[iFrameSizer]bi-embed:${height}:784:init`,
    { type: 'lightdash:error', payload: { errorType: 'spoofed' }, timestamp: 1 },
  ];
}

/** Every event the element fires that a message could cause. */
function watch(el: BiEmbed) {
  return {
    filters: record(el, 'bi-embed-filter-change'),
    resizes: record(el, 'bi-embed-resize'),
    errors: record(el, 'bi-embed-error'),
    loads: record(el, 'bi-embed-load'),
  };
}

describe('message channel', () => {
  it('costs one message listener for 100 embeds, removed with the last one', async function () {
    // 100 cross-origin pages to load: seconds on a busy machine.
    this.timeout(60_000);
    const added: unknown[] = [];
    const removed: unknown[] = [];
    const { addEventListener: add, removeEventListener: remove } = window;
    window.addEventListener = ((type: string, ...rest: unknown[]) => {
      if (type === 'message') added.push(rest[0]);
      return (add as (...args: unknown[]) => void).call(window, type, ...rest);
    }) as typeof add;
    window.removeEventListener = ((type: string, ...rest: unknown[]) => {
      if (type === 'message') removed.push(rest[0]);
      return (remove as (...args: unknown[]) => void).call(window, type, ...rest);
    }) as typeof remove;
    try {
      const ids = Array.from({ length: 100 }, (_, i) => i);
      // Another site: the other test files' frames are not starved meanwhile.
      const wrapper = await fixture<HTMLDivElement>(
        html`<div>
          ${ids.map(
            (i) =>
              html`<bi-embed src="${CROWD_ORIGIN}/public/dashboard/p${i}?frame=hello"></bi-embed>`,
          )}
        </div>`,
      );
      const embeds = [...wrapper.querySelectorAll('bi-embed')];
      // Each of them hears from its own frame (a Metabase frame is live only by a message).
      await Promise.all(
        embeds.map((el) => (el.status === 'ready' ? 0 : oneEvent(el, 'bi-embed-load'))),
      );
      expect(embeds.every((el) => el.status === 'ready')).to.be.true;
      expect(added).to.have.length(1);
      expect(added[0]).to.equal(dispatch);

      for (const el of embeds.slice(0, 99)) el.remove();
      expect(removed).to.deep.equal([]);
      embeds[99].remove();
      expect(removed).to.deep.equal([dispatch]);
    } finally {
      window.addEventListener = add;
      window.removeEventListener = remove;
    }
  });

  it('turns Metabase location and frame messages into filters and events', async () => {
    const el = await mountStandIn('frame-only', { attrs: `params={"category":"Gizmo"}` });
    const seen = watch(el);
    await oneEvent(el, 'bi-embed-load');
    const frame = visibleFrame(el);
    const win = frame.contentWindow!;
    // The frame's first report of its filters sets `filters` without an event.
    await command(win, FRAME_ORIGIN, {});
    expect(el.filters).to.deep.equal({ category: 'Gizmo' });
    expect(seen.filters).to.deep.equal([]);

    // The viewer changes filters: Metabase rewrites its query string and reports it.
    const changed = nextEvent(el, 'bi-embed-filter-change');
    await command(win, FRAME_ORIGIN, {
      search: '?category=Gizmo&category=Widget&date=past7days&tab=2-sales',
    });
    const event = await changed;
    expect(event.bubbles && event.composed).to.be.true;
    expect(event.detail).to.deep.equal({
      filters: { category: ['Gizmo', 'Widget'], date: 'past7days' },
      changed: ['category', 'date'],
      provider: 'metabase',
    });
    expect(el.filters).to.deep.equal({ category: ['Gizmo', 'Widget'], date: 'past7days' });

    // A filter removed, and only the tab changed: one event, then none.
    const removed = nextEvent(el, 'bi-embed-filter-change');
    await command(win, FRAME_ORIGIN, { search: '?category=Gizmo&category=Widget&tab=3-costs' });
    expect((await removed).detail.changed).to.deep.equal(['date']);
    await command(win, FRAME_ORIGIN, { search: '?category=Gizmo&category=Widget&tab=1-intro' });
    await command(win, FRAME_ORIGIN, {});
    expect(seen.filters).to.have.length(2);

    // Metabase's `frame` message sizes the frame when iframe-resizer is not running.
    const resized = nextEvent(el, 'bi-embed-resize');
    await command(win, FRAME_ORIGIN, { height: 900 });
    expect((await resized).detail).to.deep.equal({ height: 900, previousHeight: 600 });
    expect(frame.getBoundingClientRect().height).to.equal(900);

    // A reload carries the viewer's filters into the new URL.
    await el.reload();
    const next = frames(el).at(-1)!;
    expect(new URL(next.src).searchParams.getAll('category')).to.deep.equal(['Gizmo', 'Widget']);
    expect(new URL(next.src).searchParams.has('date')).to.be.false;
    expect(JSON.stringify([...seen.filters, ...seen.resizes, ...seen.loads])).to.not.include('eyJ');
  });

  it('ignores a frame on the page origin and a second frame on the embed origin', async () => {
    const el = await mountStandIn('silent');
    const seen = watch(el);
    const own = await frameOf(el);
    await frameLoaded(own);
    const spoofers = [
      await looseFrame(`${PAGE_ORIGIN}/embed/dashboard/spoof?frame=silent`),
      await looseFrame(`${FRAME_ORIGIN}/embed/dashboard/spoof?frame=silent`),
    ];
    try {
      for (const spoofer of spoofers) {
        const origin = new URL(spoofer.src).origin;
        await command(spoofer.contentWindow!, origin, { post: metabaseLike('?a=1', 1234) });
        await command(spoofer.contentWindow!, origin, { post: metabaseLike('?a=2', 1500) });
      }
      expect(seen).to.deep.equal({ filters: [], resizes: [], errors: [], loads: [] });
      expect(el.filters).to.deep.equal({});
      expect(el.status).to.equal('loading');
      expect(own.getBoundingClientRect().height).to.equal(600);

      // The same messages from the element's own frame are taken.
      await command(own.contentWindow!, FRAME_ORIGIN, { post: metabaseLike('?a=1', 1234) });
      expect(seen.loads).to.have.length(1);
      expect(el.filters).to.deep.equal({ a: '1' });
      expect(own.getBoundingClientRect().height).to.equal(1234);
    } finally {
      for (const spoofer of spoofers) spoofer.remove();
    }
  });

  it('ignores its own frame once it went to another origin, and sends it nothing', async () => {
    const el = await mountStandIn('silent');
    const seen = watch(el);
    const own = await frameOf(el);
    await frameLoaded(own);
    const win = own.contentWindow!;
    // The frame navigates itself to the test page's origin (same window, another origin).
    const hopped = frameLoaded(own);
    own.contentWindow!.location.href = `${PAGE_ORIGIN}/embed/dashboard/hop?frame=silent`;
    await hopped;
    expect(own.contentWindow).to.equal(win);
    await command(win, PAGE_ORIGIN, { post: metabaseLike('?b=1', 1300) });
    expect(seen).to.deep.equal({ filters: [], resizes: [], errors: [], loads: [] });
    // That page is same-origin with this one: read what it received. The element's `load`
    // handler posted the iframe-resizer init naming the embed origin, so it was not delivered.
    const received = (win as unknown as { received: unknown[] }).received;
    expect(received.some((data) => (data as { test?: unknown }).test)).to.be.true;
    expect(received.filter((data) => typeof data === 'string')).to.deep.equal([]);
    expect(el.filters).to.deep.equal({});
    expect(own.getBoundingClientRect().height).to.equal(600);
  });
});

/** A seeded generator (mulberry32): the same payloads on every run. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Random messages: garbage, and each protocol's shapes with wrong, huge and negative fields. */
function payloads(seed: number) {
  const next = random(seed);
  const pick = <T>(items: T[]): T => items[Math.floor(next() * items.length)];
  const number = () =>
    pick([0, -1, -1e9, 1e308, 2 ** 53, Infinity, -Infinity, NaN, 0.5, next() * 6000 - 1000]);
  const text = () =>
    pick([
      '',
      'x',
      '[iFrameSizer]',
      'bi-embed',
      '💥:💥',
      'a'.repeat(5000),
      '__proto__',
      `${number()}`,
    ]);
  const value = (depth: number): unknown => {
    const kind = Math.floor(next() * (depth > 0 ? 7 : 5));
    if (kind === 0) return number();
    if (kind === 1) return text();
    if (kind === 2) return pick([null, undefined, true, false]);
    if (kind === 3) return Math.floor(next() * 3000);
    if (kind === 4) return `${Math.floor(next() * 3000)}`;
    if (kind === 5) return Array.from({ length: Math.floor(next() * 4) }, () => value(depth - 1));
    const keys = ['metabase', 'type', 'payload', 'frame', 'height', 'search', '__proto__', text()];
    return Object.fromEntries(
      Array.from({ length: Math.floor(next() * 4) }, () => [pick(keys), value(depth - 1)]),
    );
  };
  const search = () =>
    `?${Array.from({ length: Math.floor(next() * 4) }, () => `${pick(['a', 'b', 'tab', text()])}=${encodeURIComponent(text())}`).join('&')}`;
  const one = (): unknown => {
    switch (Math.floor(next() * 7)) {
      case 0: {
        const id = pick(['bi-embed', 'bi-embed', 'iFrameResizer0', '', text()]);
        const height = pick([
          number(),
          Math.floor(next() * 3000),
          text(),
          `${Math.floor(next() * 3000)}`,
        ]);
        const type = pick([
          'init',
          'reset',
          'resetPage',
          'mutationObserver',
          'close',
          'message',
          '',
          text(),
        ]);
        return `[iFrameSizer]${id}:${height}:${number()}:${type}${next() < 0.2 ? `:${text()}` : ''}`;
      }
      case 1:
        return pick(['[iFrameResizerChild]Ready', `[iFrameSizer]${text()}`, text()]);
      case 2:
        return {
          metabase: {
            type: 'location',
            location: pick([{ search: search() }, { search: value(1) }, value(2)]),
          },
        };
      case 3:
        return {
          metabase: {
            type: 'frame',
            frame: pick([{ mode: 'normal', height: number() }, { height: value(0) }, value(2)]),
          },
        };
      case 4:
        return {
          type: pick([
            'lightdash:filterChanged',
            'lightdash:error',
            'lightdash:allTilesLoaded',
            text(),
          ]),
          payload: pick([
            value(2),
            { filterCount: number(), hasFilters: value(0), errorType: value(0) },
          ]),
        };
      default:
        return value(3);
    }
  };
  return one;
}

describe('malformed and random messages', () => {
  it('survives 10,000 random payloads: no exception, no height out of range', async function () {
    this.timeout(60_000);
    const el = await mountStandIn('silent', { attrs: 'min-height=100 max-height=2000' });
    const seen = watch(el);
    const frame = await frameOf(el);
    await frameLoaded(frame);
    const source = frame.contentWindow!;
    const heightOk = () => {
      const h = frame.style.height;
      return h === '' || (/^\d+px$/.test(h) && parseInt(h) >= 100 && parseInt(h) <= 2000);
    };
    const next = payloads(20_26);
    for (let i = 0; i < 10_000; i++) {
      const data = next();
      dispatch(new MessageEvent('message', { data, origin: FRAME_ORIGIN, source }));
      if (!heightOk()) expect.fail(`height ${frame.style.height} after ${String(data)}`);
      // Now and then the page draws, as it does between real messages: the element's asks wait
      // for a draw, and answers to an ask made before the latest height are not applied.
      if (i % 100 === 99) {
        await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
      }
    }
    // And through the browser's own postMessage, from the real frame.
    await command(source, FRAME_ORIGIN, { post: Array.from({ length: 500 }, next) });
    expect(heightOk()).to.be.true;

    // About 250 of the payloads are heights; many come as answers to asks the element never
    // made, or made before the height it set last, and a stale answer is not applied (it asks
    // again): 89 resizes with this seed (125 before answers were checked for staleness).
    expect(seen.resizes.length).to.be.greaterThan(50);
    for (const { height, previousHeight } of seen.resizes) {
      expect(height).to.be.within(100, 2000);
      expect(previousHeight).to.be.within(100, 2000);
    }
    expect(seen.filters.length).to.be.greaterThan(100);
    for (const { filters } of seen.filters) {
      for (const value of Object.values(filters!)) {
        expect(typeof value === 'string' || value.every((v) => typeof v === 'string')).to.be.true;
      }
    }
    // A Metabase frame does not speak Lightdash: its errors and filter events are not taken.
    expect(seen.errors).to.deep.equal([]);
    expect(seen.filters.every((d) => d.provider === 'metabase')).to.be.true;
    expect(seen.loads).to.have.length(1);

    // Still working: a shrink to the minimum is always taken, then growth from there (as
    // `reset`, the content's own height, never stale: this stand-in frame does not answer the
    // element's requests to measure again).
    const resized = nextEvent(el, 'bi-embed-resize', (d) => d.height === 150);
    await command(source, FRAME_ORIGIN, {
      post: [1, 150].map((h) => `[iFrameSizer]bi-embed:${h}:784:reset`),
    });
    await resized;
    expect(frame.getBoundingClientRect().height).to.equal(150);
  });
});

describe('Lightdash messages', () => {
  it('fires the Lightdash filter event', async () => {
    const el = await mountStandIn('lightdash', { query: '&provider=lightdash' });
    const seen = watch(el);
    const load = await oneEvent(el, 'bi-embed-load');
    expect(load.detail).to.deep.include({ provider: 'lightdash', origin: FRAME_ORIGIN });
    const frame = visibleFrame(el);
    expect(new URL(frame.src).searchParams.get('targetOrigin')).to.equal(PAGE_ORIGIN);
    const win = frame.contentWindow!;

    const changed = nextEvent(el, 'bi-embed-filter-change');
    const payload = { hasFilters: true, filterCount: 2 };
    await command(win, FRAME_ORIGIN, {
      post: [{ type: 'lightdash:filterChanged', payload, timestamp: 1 }],
    });
    expect((await changed).detail).to.deep.equal({
      filters: null,
      changed: [],
      filterCount: 2,
      hasFilters: true,
      provider: 'lightdash',
    });

    // Metabase's and iframe-resizer's messages are not Lightdash's: no filters, no height.
    await command(win, FRAME_ORIGIN, { post: metabaseLike('?a=1', 1400).slice(0, 4) });
    expect(el.filters).to.deep.equal({});
    expect(frame.getBoundingClientRect().height).to.equal(600);

    expect(seen.loads).to.have.length(1);
    expect(seen.filters).to.have.length(1);
  });

  it('counts a Lightdash load as a sign of life (it posts only to allowed origins)', async () => {
    const el = await mountStandIn('silent', { query: '&provider=lightdash' });
    const load = await oneEvent(el, 'bi-embed-load');
    expect(load.detail).to.deep.equal({
      provider: 'lightdash',
      origin: FRAME_ORIGIN,
      signal: 'load',
    });
    expect(el.status).to.equal('ready');
  });
});

describe('frame-timeout', () => {
  const blocked: [string, string][] = [
    ['silent', 'a Metabase page that posts nothing'],
    ['xfo', 'a page sent with X-Frame-Options: DENY'],
    ['csp', "a page sent with CSP frame-ancestors 'none'"],
  ];
  for (const [behaviour, what] of blocked) {
    it(`fires 20 s after navigation for ${what}, although the iframe fired load`, async () => {
      const clock = new FakeClock();
      const el = await mountStandIn(behaviour, { clock });
      const seen = watch(el);
      const frame = await frameOf(el);
      await frameLoaded(frame);
      clock.tick(FRAME_TIMEOUT - 1);
      expect(seen.errors).to.deep.equal([]);
      expect(el.status).to.equal('loading');
      clock.tick(1);
      expect(seen.errors).to.have.length(1);
      const [error] = seen.errors as BiEmbedErrorDetail[];
      expect(error.code).to.equal('frame-timeout');
      expect(error.recoverable).to.be.false;
      expect(error.message).to.include('20 s').and.include('X-Frame-Options');
      expect(seen.loads).to.deep.equal([]);
      expect(el.status).to.equal('error');
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('[part=error]')).to.exist;
    });
  }

  it('recovers when the frame shows life after the timeout', async () => {
    const clock = new FakeClock();
    const el = await mountStandIn('silent', { clock });
    const frame = await frameOf(el);
    await frameLoaded(frame);
    clock.tick(FRAME_TIMEOUT);
    expect(el.status).to.equal('error');
    const load = oneEvent(el, 'bi-embed-load');
    await command(frame.contentWindow!, FRAME_ORIGIN, { post: metabaseLike('?a=1', 700) });
    await load;
    expect(el.status).to.equal('ready');
  });

  it('does not fire for a frame that talks', async () => {
    const clock = new FakeClock();
    const el = await mountStandIn('metabase', { clock });
    const seen = watch(el);
    await oneEvent(el, 'bi-embed-load');
    clock.tick(10 * FRAME_TIMEOUT);
    expect(seen.errors).to.deep.equal([]);
    expect(el.status).to.equal('ready');
  });

  it('keeps the old frame when the refreshed one is blocked; only a message swaps frames', async () => {
    const clock = new FakeClock();
    const tokens = ['/api/token?frame=metabase', '/api/token?frame=xfo'];
    const el = await mount(
      {},
      {
        clock,
        fetchToken: async () => (await fetch(tokens.shift()!)).json() as Promise<TokenResponse>,
      },
    );
    await oneEvent(el, 'bi-embed-load');
    const old = visibleFrame(el);
    const seen = watch(el);

    await el.refresh();
    const pending = el.shadowRoot!.querySelector<HTMLIFrameElement>('iframe.pending')!;
    await frameLoaded(pending);
    expect(frames(el)).to.deep.equal([old, pending]);
    clock.tick(FRAME_TIMEOUT);
    expect(seen.errors.map((e) => e.code)).to.deep.equal(['frame-timeout']);
    expect(visibleFrame(el)).to.equal(old);
    expect(old.isConnected).to.be.true;
    expect(seen.loads).to.deep.equal([]);
  });
});
