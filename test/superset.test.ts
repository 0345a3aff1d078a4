// <bi-embed> with Superset against the stand-in embedded page (demo/bi/assets/superset.js), which
// runs Superset's real switchboard package on another origin (127.0.0.1) than this page.
import { expect } from '@open-wc/testing';
import type { BiEmbed } from '../src/bi-embed.js';
import type { Clock } from '../src/clock.js';
import { FRAME_TIMEOUT } from '../src/frame-controller.js';
import { LOOP_STEPS } from '../src/sizing.js';
import { endpointLog } from './helpers/endpoint.js';
import { nextEvent, record } from './helpers/events.js';
import { FakeClock } from './helpers/fake-clock.js';
import { command as sendCommand, frameOf, visibleFrame } from './helpers/frames.js';
import { mount as mountElement } from './helpers/mount.js';
import { FRAME_ORIGIN } from './helpers/origins.js';
import { sleep } from './helpers/wait.js';

const JWT = /eyJ[\w-]+\.[\w-]+\.[\w-]*/;
let ids = 0;

interface SupersetLog {
  pages: number;
  accepted: { path: string; seq: number | null }[];
  refused: number;
}

/** A Superset embed of a dashboard of its own (a fresh embed id, so the server's log is its own). */
async function mount({
  attrs = {},
  query = '',
  clock,
}: { attrs?: Record<string, string>; query?: string; clock?: Clock } = {}): Promise<{
  el: BiEmbed;
  id: string;
}> {
  const id = `embed-${Date.now()}-${++ids}`;
  const endpoint = `/api/token?provider=superset&id=${id}&key=${id}${query}`;
  const el = await mountElement({ ...attrs, 'token-endpoint': endpoint }, clock ? { clock } : {});
  return { el, id };
}

async function serverLog(id: string): Promise<SupersetLog> {
  return (await fetch(`/api/superset-log?id=${encodeURIComponent(id)}`)).json();
}

/** Waits until the Superset stand-in's log for `id` passes `ok`. */
async function logUntil(id: string, ok: (log: SupersetLog) => boolean): Promise<SupersetLog> {
  for (let i = 0; i < 100; i++) {
    const log = await serverLog(id);
    if (ok(log)) return log;
    await sleep(50);
  }
  throw new Error(`superset log for ${id}: ${JSON.stringify(await serverLog(id))}`);
}

/** Tells the stand-in page what to do (`height`, `filter`, `reload`), resolves with its answer. */
function command(
  win: Window,
  test: {
    height?: number;
    filter?: { id: string; value: unknown };
    ask?: { method: string; args?: unknown };
    reload?: boolean;
  },
): Promise<{
  shown: { dashboard: string | null; toast: boolean; tokens: number };
  answer?: { result?: unknown; error?: string };
}> {
  return sendCommand(win, FRAME_ORIGIN, test);
}

/** Waits until the page shows its dashboard (it took the first token); returns its window. */
async function dashboardShown(el: BiEmbed): Promise<Window> {
  await nextEvent(el, 'bi-embed-load');
  const win = visibleFrame(el).contentWindow!;
  while (!(await command(win, {})).shown.dashboard) await sleep(50);
  return win;
}

/** Counts the switchboard messages this page posts on any port, by method. */
function spyOnPorts() {
  const sent: { action: string; method: string }[] = [];
  const closed: MessagePort[] = [];
  const { postMessage, close } = MessagePort.prototype;
  MessagePort.prototype.postMessage = function (this: MessagePort, ...args: unknown[]) {
    const data = args[0] as { switchboardAction?: string; method?: string } | undefined;
    if (data?.switchboardAction)
      sent.push({ action: data.switchboardAction, method: data.method! });
    return (postMessage as (...a: unknown[]) => void).apply(this, args);
  } as typeof postMessage;
  MessagePort.prototype.close = function (this: MessagePort) {
    closed.push(this);
    return close.call(this);
  };
  return {
    sent,
    closed,
    restore() {
      MessagePort.prototype.postMessage = postMessage;
      MessagePort.prototype.close = close;
    },
  };
}

describe('Superset embedded dashboards', () => {
  it('loads /embedded/<id> with the guest token handed over the port, never in a URL', async () => {
    const { el, id } = await mount({ attrs: { titled: 'false' } });
    const load = await nextEvent(el, 'bi-embed-load');
    expect(load.detail).to.deep.equal({
      provider: 'superset',
      origin: FRAME_ORIGIN,
      signal: 'message',
    });
    const frame = visibleFrame(el);
    const url = new URL(frame.src);
    expect(url.origin).to.equal(FRAME_ORIGIN);
    expect(url.pathname).to.equal(`/embedded/${id}`);
    // Bit 16 (emit data masks) always, bit 1 (hide title) for titled="false".
    expect(url.searchParams.get('uiConfig')).to.equal('17');
    expect(url.hash).to.equal('');
    // The page's API took the token it got over the port.
    const log = await logUntil(id, (l) => l.accepted.length > 0);
    expect(log.refused).to.equal(0);
    expect(log.pages).to.equal(1);
    const shown = await command(frame.contentWindow!, {});
    expect(shown.shown.dashboard).to.equal('Stand-in Superset dashboard');
    expect(shown.shown.toast).to.equal(false);
    for (const entry of performance.getEntriesByType('resource')) {
      expect(entry.name, entry.name).not.to.match(JWT);
    }
    expect(frame.src).not.to.match(JWT);
    expect(el.status).to.equal('ready');
  });

  it('takes embed-id over the guest token, and the response embedId over both', async () => {
    const { el } = await mount({ attrs: { 'embed-id': 'from-attribute' } });
    await frameOf(el);
    expect(new URL(visibleFrame(el).src).pathname).to.equal('/embedded/from-attribute');
    expect(el.embedId).to.equal('from-attribute');
    el.remove();
    const { el: second, id } = await mount({
      attrs: { 'embed-id': 'from-attribute' },
      query: '&embedId=1',
    });
    await frameOf(second);
    expect(new URL(visibleFrame(second).src).pathname).to.equal(`/embedded/${id}`);
  });

  it('a refused guest token: the page shows its toast and posts nothing, the frame still answers', async () => {
    const errors = [] as unknown[];
    const { el, id } = await mount({ query: '&badSig=1' });
    el.addEventListener('bi-embed-error', (e) => errors.push((e as CustomEvent).detail));
    await nextEvent(el, 'bi-embed-load');
    const log = await logUntil(id, (l) => l.refused > 0);
    expect(log.accepted).to.have.length(0);
    const { shown } = await command(visibleFrame(el).contentWindow!, {});
    expect(shown.toast).to.equal(true);
    expect(shown.dashboard).to.equal(null);
    // Superset says nothing about it, so neither can the element.
    expect(errors).to.deep.equal([]);
  });

  it('10 refreshes of a 10 s guest token: the same frame takes each one, nothing reloads', async () => {
    const clock = new FakeClock();
    const { el, id } = await mount({ query: '&ttl=10&seq=1', clock });
    await nextEvent(el, 'bi-embed-load');
    const frame = visibleFrame(el);
    const win = frame.contentWindow;
    const added: Node[] = [];
    const observer = new MutationObserver((records) =>
      records.forEach((r) => added.push(...r.addedNodes)),
    );
    observer.observe(el.shadowRoot!, { childList: true, subtree: true });
    const statuses: string[] = [];
    const refreshes = record(el, 'bi-embed-token-refresh');
    const loads = record(el, 'bi-embed-load');
    for (let i = 1; i <= 10; i++) {
      const refreshed = nextEvent(el, 'bi-embed-token-refresh');
      clock.tick(10_000, () => el.status === 'refreshing');
      statuses.push(el.status);
      await refreshed;
      statuses.push(el.status);
      // The page's API saw the new token: it came over the port.
      await logUntil(id, (l) => l.accepted.some((a) => a.seq === i + 1));
    }
    observer.disconnect();
    expect(refreshes).to.have.length(10);
    for (const detail of refreshes) expect(detail.reloaded).to.equal(false);
    expect(loads).to.have.length(0);
    expect(visibleFrame(el)).to.equal(frame);
    expect(frame.contentWindow).to.equal(win);
    expect(el.shadowRoot!.querySelectorAll('iframe')).to.have.length(1);
    // No frame and no loading view was ever added: not one blank frame.
    expect(added.filter((n) => n.nodeType === Node.ELEMENT_NODE)).to.deep.equal([]);
    expect(statuses.filter((s) => s === 'loading')).to.deep.equal([]);
    const log = await serverLog(id);
    expect(log.pages).to.equal(1);
    expect(log.refused).to.equal(0);
  });

  it('sizes the frame from getScrollSize: it grows and shrinks with the content', async () => {
    const { el } = await mount();
    await nextEvent(el, 'bi-embed-load');
    const win = visibleFrame(el).contentWindow!;
    const grown = nextEvent(el, 'bi-embed-resize', (d) => d.height === 900);
    await command(win, { height: 900 });
    await grown;
    expect(visibleFrame(el).getBoundingClientRect().height).to.equal(900);
    const shrunk = nextEvent(el, 'bi-embed-resize', (d) => d.height === 400);
    await command(win, { height: 400 });
    expect((await shrunk).detail.previousHeight).to.equal(900);
    expect(visibleFrame(el).getBoundingClientRect().height).to.equal(400);
  });

  it('clamps heights to min-height and max-height', async () => {
    const { el } = await mount({ attrs: { 'min-height': '300', 'max-height': '700' } });
    await nextEvent(el, 'bi-embed-load');
    const win = visibleFrame(el).contentWindow!;
    const capped = nextEvent(el, 'bi-embed-resize', (d) => d.height === 700);
    await command(win, { height: 2000 });
    await capped;
    const floored = nextEvent(el, 'bi-embed-resize', (d) => d.height === 300);
    await command(win, { height: 50 });
    await floored;
  });

  it('a page that measures its own viewport (older Superset) does not grow the frame forever', async () => {
    const { el } = await mount({ attrs: { params: '{"frame":"echo"}' } });
    await nextEvent(el, 'bi-embed-load');
    const resizes = record(el, 'bi-embed-resize');
    await sleep(2500);
    const settled = visibleFrame(el).getBoundingClientRect().height;
    const count = resizes.length;
    await sleep(1000);
    expect(resizes.length, 'no resize once stopped').to.equal(count);
    // It did grow (the page echoes), by 40 px a step, LOOP_STEPS steps at most, then stopped.
    expect(settled).to.be.above(600);
    expect(settled).to.be.at.most(640 + LOOP_STEPS * 40);
    expect(visibleFrame(el).getBoundingClientRect().height).to.equal(settled);
  });

  it('turns observeDataMask into bi-embed-filter-change (native filter id → value)', async () => {
    const { el } = await mount();
    const win = await dashboardShown(el);
    const change = nextEvent(el, 'bi-embed-filter-change');
    await command(win, { filter: { id: 'NATIVE_FILTER-region', value: ['North'] } });
    expect((await change).detail).to.deep.equal({
      filters: { 'NATIVE_FILTER-region': ['North'] },
      changed: ['NATIVE_FILTER-region'],
      provider: 'superset',
    });
    expect(el.filters).to.deep.equal({ 'NATIVE_FILTER-region': ['North'] });
    const cleared = nextEvent(el, 'bi-embed-filter-change');
    await command(win, { filter: { id: 'NATIVE_FILTER-region', value: null } });
    expect((await cleared).detail.changed).to.deep.equal(['NATIVE_FILTER-region']);
    expect(el.filters).to.deep.equal({});
    // Native filter ids are not URL parameters: the URL keeps only what the page set.
    expect(new URL(visibleFrame(el).src).search).to.equal('?uiConfig=16');
  });

  it("answers the page's own questions: resolvePermalinkUrl is null, others an error", async () => {
    const { el } = await mount();
    const win = await dashboardShown(el);
    const permalink = await command(win, {
      ask: { method: 'resolvePermalinkUrl', args: { key: 'abc' } },
    });
    expect(permalink.answer).to.deep.equal({ result: null });
    const other = await command(win, { ask: { method: 'getSomethingElse' } });
    expect(other.answer?.error).to.be.a('string');
  });

  it('a reload inside the frame does the handshake again and hands over the token', async () => {
    const { el, id } = await mount();
    await nextEvent(el, 'bi-embed-load');
    const frame = visibleFrame(el);
    await logUntil(id, (l) => l.accepted.length === 1);
    await command(frame.contentWindow!, { reload: true });
    const load = record(el, 'bi-embed-load');
    // The new page got the token on its new port: it loaded the dashboard with it.
    const log = await logUntil(id, (l) => l.pages === 2 && l.accepted.length === 2);
    expect(log.refused).to.equal(0);
    expect(visibleFrame(el)).to.equal(frame);
    // The same frame on screen all along: no second bi-embed-load.
    expect(load).to.deep.equal([]);
    while (!(await command(frame.contentWindow!, {})).shown.dashboard) await sleep(50);
    const change = nextEvent(el, 'bi-embed-filter-change');
    await command(frame.contentWindow!, { filter: { id: 'NATIVE_FILTER-region', value: ['S'] } });
    expect((await change).detail.filters).to.deep.equal({ 'NATIVE_FILTER-region': ['S'] });
  });

  it('re-inserted, it hands the still-valid token to a new frame without a new request', async () => {
    const { el, id } = await mount();
    await nextEvent(el, 'bi-embed-load');
    const parent = el.parentElement!;
    el.remove();
    const again = nextEvent(el, 'bi-embed-load');
    parent.append(el);
    await again;
    await logUntil(id, (l) => l.pages === 2 && l.accepted.length === 2);
    const requests = await endpointLog(id);
    expect(requests).to.have.length(1);
  });

  describe('ports', () => {
    let spy: ReturnType<typeof spyOnPorts>;
    beforeEach(() => (spy = spyOnPorts()));
    afterEach(() => spy.restore());

    it('polls getScrollSize at most about 4 times a second while on screen', async () => {
      const { el } = await mount();
      await nextEvent(el, 'bi-embed-load');
      const before = spy.sent.filter((m) => m.method === 'getScrollSize').length;
      await sleep(2000);
      const asked = spy.sent.filter((m) => m.method === 'getScrollSize').length - before;
      expect(asked).to.be.within(4, 9);
    });

    it('asks nothing while the element is out of the viewport', async () => {
      const spacer = document.createElement('div');
      spacer.style.height = '5000px';
      document.body.prepend(spacer);
      try {
        const { el } = await mount();
        await nextEvent(el, 'bi-embed-load');
        await sleep(300);
        const before = spy.sent.filter((m) => m.method === 'getScrollSize').length;
        await sleep(1000);
        expect(spy.sent.filter((m) => m.method === 'getScrollSize').length).to.equal(before);
      } finally {
        spacer.remove();
      }
    });

    it('removing the element closes the port and stops polling', async () => {
      const { el } = await mount();
      await nextEvent(el, 'bi-embed-load');
      await sleep(600);
      expect(spy.sent.some((m) => m.method === 'getScrollSize')).to.equal(true);
      const closedBefore = spy.closed.length;
      el.remove();
      expect(spy.closed.length).to.equal(closedBefore + 1);
      const sent = spy.sent.length;
      await sleep(1000);
      expect(spy.sent.length).to.equal(sent);
    });

    it('a new URL (titled changed) loads behind, swaps in at its reply, and closes the old port', async () => {
      const { el, id } = await mount();
      await nextEvent(el, 'bi-embed-load');
      const old = visibleFrame(el);
      const closed = spy.closed.length;
      const swapped = nextEvent(el, 'bi-embed-load');
      el.titled = false;
      await swapped;
      expect(visibleFrame(el)).not.to.equal(old);
      expect(new URL(visibleFrame(el).src).searchParams.get('uiConfig')).to.equal('17');
      expect(el.shadowRoot!.querySelectorAll('iframe')).to.have.length(1);
      expect(spy.closed.length).to.equal(closed + 1);
      // The new page got the same, still valid token over its own port.
      await logUntil(id, (l) => l.pages === 2 && l.accepted.length === 2);
    });

    it('asks nothing while the page is hidden, and starts again when it is visible', async () => {
      const { el } = await mount();
      await nextEvent(el, 'bi-embed-load');
      const hidden = Object.getOwnPropertyDescriptor(Document.prototype, 'hidden')!;
      const asked = () => spy.sent.filter((m) => m.method === 'getScrollSize').length;
      try {
        Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
        document.dispatchEvent(new Event('visibilitychange'));
        await sleep(400);
        const before = asked();
        await sleep(1000);
        expect(asked()).to.equal(before);
      } finally {
        delete (document as { hidden?: boolean }).hidden;
        expect(Object.getOwnPropertyDescriptor(Document.prototype, 'hidden')).to.deep.equal(hidden);
      }
      const before = asked();
      document.dispatchEvent(new Event('visibilitychange'));
      await sleep(700);
      expect(asked()).to.be.above(before);
    });

    it('answers the page with the token first, then asks getDataMask', async () => {
      const { el } = await mount();
      await nextEvent(el, 'bi-embed-load');
      expect(spy.sent.slice(0, 2)).to.deep.equal([
        { action: 'emit', method: 'guestToken' },
        { action: 'get', method: 'getDataMask' },
      ]);
    });
  });

  it('ignores switchboard messages and handshakes on the window: only the port counts', async () => {
    const clock = new FakeClock();
    const { el } = await mount({ attrs: { params: '{"frame":"spoof"}' }, clock });
    const loads = record(el, 'bi-embed-load');
    const changes = record(el, 'bi-embed-filter-change');
    await frameOf(el);
    await sleep(1500);
    expect(loads).to.deep.equal([]);
    expect(changes).to.deep.equal([]);
    expect(el.filters).to.deep.equal({});
    expect(el.status).to.equal('loading');
    const error = nextEvent(el, 'bi-embed-error');
    clock.tick(FRAME_TIMEOUT);
    expect((await error).detail.code).to.equal('frame-timeout');
  });
});
