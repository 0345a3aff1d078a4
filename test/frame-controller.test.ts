// FrameController on a stub host, through its public API only: the hidden swap, frame-timeout on
// the fake clock, clear(), messages from a real cross-origin stand-in page
// (test/fixtures/embed-page.js on 127.0.0.1) against those of other windows and origins, and the
// Superset height poller ticked on the fake clock against a page whose port the test holds.
import { expect } from '@open-wc/testing';
import type { EmbedError } from '../src/errors.js';
import {
  FRAME_TIMEOUT,
  POLL_INTERVAL,
  FrameController,
  type FilterEvent,
  type FrameDelegate,
  type FrameSlot,
} from '../src/frame-controller.js';
import type { EmbedTarget } from '../src/url.js';
import { FakeClock } from './helpers/fake-clock.js';
import { command, frameLoaded, looseFrame } from './helpers/frames.js';
import { StubHost } from './helpers/host.js';
import { CROWD_ORIGIN, FRAME_ORIGIN } from './helpers/origins.js';
import { until } from './helpers/wait.js';

const SECOND = 1000;
let pages = 0;

/** A Metabase public link to a stand-in page that behaves as `frame` (embed-page.js). */
function target(frame = 'silent', origin = FRAME_ORIGIN): EmbedTarget {
  const url = `${FRAME_ORIGIN}/public/dashboard/controller-${++pages}?frame=${frame}`;
  return { url, origin, provider: 'metabase' };
}

/** Metabase's `location` message for a query string, as the embed page posts it. */
const locationMessage = (search: string) => ({
  metabase: { type: 'location', location: { href: `${FRAME_ORIGIN}/x${search}`, search } },
});

/** A controller on a stub host and the fake clock; its delegate records what it was told. */
function rig() {
  const host = new StubHost();
  const live: FrameSlot[] = [];
  const filters: [FilterEvent, boolean][] = [];
  const errors: EmbedError[] = [];
  const emitted: { type: string; detail: unknown }[] = [];
  const delegate: FrameDelegate = {
    _onLive: (slot) => live.push(slot),
    _onFilters: (event, first) => filters.push([event, first]),
    _onError: (error) => errors.push(error),
    _emit: (type, detail) => emitted.push({ type, detail }),
  };
  const frames = new FrameController(host, delegate);
  const clock = new FakeClock();
  frames.clock = clock;
  document.body.append(frames._container);
  rigs.push(frames);
  host.connect();
  return { host, frames, clock, live, filters, errors, emitted };
}
const rigs: FrameController[] = [];
afterEach(() => {
  for (const frames of rigs.splice(0)) {
    frames.clear();
    frames._container.remove();
  }
});

const iframes = (frames: FrameController) => [...frames._container.querySelectorAll('iframe')];

/** An event detail's fields. */
const record = (detail: unknown) => detail as Record<string, unknown>;

describe('FrameController: navigation and the hidden swap', () => {
  it('adds itself to its host and holds its frames in its container', () => {
    const { host, frames } = rig();
    expect([...host.controllers]).to.deep.equal([frames]);
    const slot = frames._navigate(target());
    expect(iframes(frames)).to.deep.equal([slot._frame]);
    expect(slot._frame.src).to.equal(slot._target.url);
    expect(frames._current).to.equal(slot);
    expect(frames._pending).to.equal(undefined);
    expect(frames._live).to.equal(false);
  });

  it('replaces a frame that never showed life at once', () => {
    const { frames } = rig();
    const first = frames._navigate(target());
    const second = frames._navigate(target());
    expect(frames._current).to.equal(second);
    expect(frames._pending).to.equal(undefined);
    expect(iframes(frames)).to.deep.equal([second._frame]);
    expect(first._frame.isConnected).to.equal(false);
    expect(second._frame.classList.contains('pending')).to.equal(false);
  });

  it('loads a second navigation hidden behind the live frame and swaps it in at its sign of life', () => {
    const { frames, live } = rig();
    const old = frames._navigate(target());
    old._alive();
    expect(old._signal).to.equal('message');
    expect(frames._live).to.equal(true);
    expect(live).to.deep.equal([old]);

    const next = frames._navigate(target());
    expect(frames._current, 'the live frame stays').to.equal(old);
    expect(frames._pending).to.equal(next);
    expect(iframes(frames)).to.deep.equal([old._frame, next._frame]);
    expect(next._frame.classList.contains('pending')).to.equal(true);
    expect(next._frame.getAttribute('aria-hidden')).to.equal('true');
    expect(next._frame.tabIndex).to.equal(-1);
    expect(old._frame.classList.contains('pending')).to.equal(false);
    expect(live, 'no new sign of life yet').to.have.length(1);

    next._alive('load');
    expect(frames._current).to.equal(next);
    expect(frames._pending).to.equal(undefined);
    expect(iframes(frames)).to.deep.equal([next._frame]);
    expect(old._frame.isConnected).to.equal(false);
    expect(old._frame.hasAttribute('src'), 'the old frame navigated away').to.equal(false);
    expect(next._frame.classList.contains('pending')).to.equal(false);
    expect(next._frame.hasAttribute('aria-hidden')).to.equal(false);
    expect(next._frame.hasAttribute('tabindex')).to.equal(false);
    expect(next._signal).to.equal('load');
    expect(live).to.deep.equal([old, next]);
    // A second sign of life from the same frame is not news.
    next._alive();
    expect(live).to.have.length(2);
  });

  it('lets a newer hidden navigation replace the one still loading', () => {
    const { frames } = rig();
    const old = frames._navigate(target());
    old._alive();
    const stale = frames._navigate(target());
    const latest = frames._navigate(target());
    expect(frames._pending).to.equal(latest);
    expect(iframes(frames)).to.deep.equal([old._frame, latest._frame]);
    expect(stale._frame.isConnected).to.equal(false);
    // A sign of life from the dropped frame changes nothing.
    stale._alive();
    expect(frames._current).to.equal(old);
  });

  it('names every frame with setTitle, the ones to come too', () => {
    const { frames } = rig();
    const old = frames._navigate(target());
    old._alive();
    const next = frames._navigate(target());
    frames._setTitle('Revenue');
    expect([old._frame.title, next._frame.title]).to.deep.equal(['Revenue', 'Revenue']);
    next._alive();
    expect(frames._navigate(target())._frame.title).to.equal('Revenue');
  });

  it('hands a new token over to the frames showing the same URL only', () => {
    const { frames } = rig();
    const slot = frames._navigate(target());
    const same = { ...slot._target, token: 'a.b.c' };
    frames._handOver({ ...target(), token: 'd.e.f' });
    expect(slot._target.token).to.equal(undefined);
    frames._handOver(same);
    expect(slot._target).to.equal(same);
    expect(slot._frame.src, 'no reload').to.equal(same.url);
  });
});

describe('FrameController: frame-timeout', () => {
  it('reports frame-timeout exactly 20,000 ms after a navigation without a sign of life', () => {
    const { frames, clock, errors } = rig();
    expect(FRAME_TIMEOUT).to.equal(20_000);
    frames._navigate(target());
    clock.tick(19_999);
    expect(errors).to.deep.equal([]);
    clock.tick(1);
    expect(errors.map((e) => e.code)).to.deep.equal(['frame-timeout']);
    expect(errors[0].recoverable).to.equal(false);
    clock.tick(60 * SECOND);
    expect(errors, 'reported once').to.have.length(1);
  });

  it('counts from the first navigation, not from the one that replaced it', () => {
    const { frames, clock, errors } = rig();
    frames._navigate(target());
    clock.tick(15_000);
    frames._navigate(target());
    clock.tick(4_999);
    expect(errors).to.deep.equal([]);
    clock.tick(1);
    expect(errors).to.have.length(1);
    // Reported: the next navigation has 20 s of its own.
    frames._navigate(target());
    clock.tick(19_999);
    expect(errors).to.have.length(1);
    clock.tick(1);
    expect(errors).to.have.length(2);
  });

  it('reports nothing once the frame showed life; a hidden refresh has its own 20 s', () => {
    const { frames, clock, errors } = rig();
    const old = frames._navigate(target());
    clock.tick(10_000);
    old._alive();
    clock.tick(60 * SECOND);
    expect(errors).to.deep.equal([]);
    frames._navigate(target());
    clock.tick(19_999);
    expect(errors).to.deep.equal([]);
    clock.tick(1);
    expect(errors.map((e) => e.code)).to.deep.equal(['frame-timeout']);
    expect(frames._current, 'the live frame stays on screen').to.equal(old);
  });
});

describe('FrameController: clear() and disconnection', () => {
  it('clear() removes every frame and stops their timers', () => {
    const { frames, clock, errors } = rig();
    const old = frames._navigate(target());
    old._alive();
    const next = frames._navigate(target());
    frames.clear();
    expect(iframes(frames)).to.deep.equal([]);
    expect([frames._current, frames._pending, frames._live]).to.deep.equal([
      undefined,
      undefined,
      false,
    ]);
    expect(old._frame.hasAttribute('src')).to.equal(false);
    expect(next._frame.hasAttribute('src')).to.equal(false);
    expect(clock.pending, 'no timer left').to.equal(0);
    clock.tick(60 * SECOND);
    expect(errors).to.deep.equal([]);
  });

  it('hostDisconnected removes the frames too', () => {
    const { host, frames } = rig();
    frames._navigate(target());
    host.disconnect();
    expect(iframes(frames)).to.deep.equal([]);
    expect(frames._current).to.equal(undefined);
  });
});

describe('FrameController: messages from a real cross-origin frame', function () {
  this.timeout(20_000);

  /** A frame on screen with its page loaded and listening for commands. */
  async function pageIn(frames: FrameController, embed = target()) {
    const slot = frames._navigate(embed);
    await frameLoaded(slot._frame);
    expect(slot._frame.contentDocument, 'cross-origin').to.equal(null);
    return { slot, win: slot._frame.contentWindow! };
  }

  it('hands each filter report to onFilters exactly once; the first is a sign of life', async () => {
    const { frames, filters, live } = rig();
    const { slot, win } = await pageIn(frames);
    expect(live).to.deep.equal([]);
    await command(win, FRAME_ORIGIN, { post: [locationMessage('?category=Gizmo')] });
    expect(filters).to.deep.equal([[{ type: 'filters', filters: { category: 'Gizmo' } }, true]]);
    expect(live).to.deep.equal([slot]);
    expect(slot._signal).to.equal('message');
    await command(win, FRAME_ORIGIN, {
      post: [locationMessage('?category=Widget'), locationMessage('?category=Widget&year=2024')],
    });
    expect(filters).to.deep.equal([
      [{ type: 'filters', filters: { category: 'Gizmo' } }, true],
      [{ type: 'filters', filters: { category: 'Widget' } }, false],
      [{ type: 'filters', filters: { category: 'Widget', year: '2024' } }, false],
    ]);
    // Messages it does not understand are no reports.
    await command(win, FRAME_ORIGIN, { post: [{ metabase: { type: 'unknown' } }, 'hello', null] });
    expect(filters).to.have.length(3);
    expect(live).to.have.length(1);
  });

  it('applies a height the frame asks for, clamped by setSizing, and announces it', async () => {
    const { frames, emitted } = rig();
    frames._setSizing(100, '400px', true);
    const { slot, win } = await pageIn(frames);
    expect([slot._frame.style.minHeight, slot._frame.style.maxHeight]).to.deep.equal([
      '100px',
      '400px',
    ]);
    await command(win, FRAME_ORIGIN, {
      post: [{ metabase: { type: 'frame', frame: { mode: 'normal', height: 1000 } } }],
    });
    expect(slot._frame.style.height).to.equal('400px');
    const resizes = emitted.filter((e) => e.type === 'bi-embed-resize');
    expect(resizes).to.have.length(1);
    expect(resizes[0].detail).to.include({ height: 400 });
    // Not following the content: the CSS height again.
    frames._setSizing(100, 400, false);
    expect(slot._frame.style.height).to.equal('');
  });

  it('ignores the same messages from another window of the same origin', async () => {
    const { frames, filters, live } = rig();
    const { slot } = await pageIn(frames);
    const sibling = await looseFrame(`${FRAME_ORIGIN}/public/dashboard/sibling?frame=silent`);
    try {
      await command(sibling.contentWindow!, FRAME_ORIGIN, {
        post: [locationMessage('?category=Gizmo')],
      });
      expect(filters).to.deep.equal([]);
      expect(live).to.deep.equal([]);
      expect(slot._signal).to.equal(undefined);
      // The control: the embed's own frame is heard.
      await command(slot._frame.contentWindow!, FRAME_ORIGIN, {
        post: [locationMessage('?category=Gizmo')],
      });
      expect(filters).to.have.length(1);
    } finally {
      sibling.remove();
    }
  });

  it('ignores messages this page posts to itself', async () => {
    const { frames, filters, live } = rig();
    const { win } = await pageIn(frames);
    const delivered = new Promise((resolve) =>
      addEventListener('message', resolve, { once: true }),
    );
    postMessage(locationMessage('?category=Gizmo'), '*');
    await delivered;
    expect(filters).to.deep.equal([]);
    expect(live).to.deep.equal([]);
    // The control: the embed's own frame is heard.
    await command(win, FRAME_ORIGIN, { post: [locationMessage('?category=Gizmo')] });
    expect(filters).to.have.length(1);
  });

  it("ignores the frame's own messages when it is not on the embed origin", async () => {
    const { frames, filters, live } = rig();
    const { slot, win } = await pageIn(frames, target('silent', CROWD_ORIGIN));
    await command(win, FRAME_ORIGIN, { post: [locationMessage('?category=Gizmo')] });
    expect(filters).to.deep.equal([]);
    expect(live).to.deep.equal([]);
    expect(slot._signal).to.equal(undefined);
  });
});

describe('FrameController: the Superset height poller, on the fake clock', function () {
  this.timeout(20_000);
  const { postMessage } = MessagePort.prototype;
  const hidden = Object.getOwnPropertyDescriptor(Document.prototype, 'hidden')!;
  const { IntersectionObserver: Observer } = window;
  let page: string;
  let asked: number;
  /** What the controller's intersection observer reported, after its callback ran: in view. */
  let views: boolean[];

  beforeEach(() => {
    // A same-origin page (a blob document has this page's origin): the test takes the port the
    // controller hands it, and answers on it in the page's place.
    page = URL.createObjectURL(
      new Blob(['<!doctype html><title>page</title>'], { type: 'text/html' }),
    );
    asked = 0;
    views = [];
    window.IntersectionObserver = class extends Observer {
      constructor(callback: IntersectionObserverCallback, options?: IntersectionObserverInit) {
        super((entries, observer) => {
          callback(entries, observer);
          views.push(entries[entries.length - 1]!.isIntersecting);
        }, options);
      }
    };
    // Counts the questions for the height on this realm's ports: the controller's end only.
    MessagePort.prototype.postMessage = function (this: MessagePort, ...args: unknown[]) {
      const data = args[0] as { switchboardAction?: string; method?: string } | undefined;
      if (data?.switchboardAction === 'get' && data.method === 'getScrollSize') asked++;
      return (postMessage as (...a: unknown[]) => void).apply(this, args);
    } as typeof postMessage;
  });
  afterEach(() => {
    MessagePort.prototype.postMessage = postMessage;
    window.IntersectionObserver = Observer;
    delete (document as { hidden?: boolean }).hidden;
    URL.revokeObjectURL(page);
  });

  it('asks every 250 ms, one question at a time, none while the page is hidden or the frame out of view', async () => {
    expect(POLL_INTERVAL).to.equal(250);
    const { frames, clock, live, emitted } = rig();
    const slot = frames._navigate({ url: page, origin: location.origin, provider: 'superset' });
    // The page's end of the port, taken from the handshake the controller posts at `load`.
    const port = await new Promise<MessagePort>((resolve) =>
      slot._frame.addEventListener('load', () =>
        slot._frame.contentWindow!.addEventListener('message', (e) => resolve(e.ports[0]!)),
      ),
    );
    const questions: { method: string; messageId: string }[] = [];
    port.onmessage = (e) => {
      if (e.data.switchboardAction === 'get') questions.push(e.data);
    };
    const answer = async (height: number) => {
      await until(() => questions.length === 1 + asked, 'the question');
      const { messageId } = questions.at(-1)!;
      expect(questions.at(-1)!.method).to.equal('getScrollSize');
      port.postMessage({ switchboardAction: 'reply', messageId, result: { width: 1, height } });
      await until(
        () =>
          emitted.some((e) => e.type === 'bi-embed-resize' && record(e.detail).height === height),
        `the frame at ${height} px`,
      );
    };
    // The page answers the first question (its data mask): alive, no timer left but the poller's.
    await until(() => questions.length === 1, 'getDataMask');
    port.postMessage({
      switchboardAction: 'reply',
      messageId: questions[0]!.messageId,
      result: {},
    });
    await until(() => live.length === 1, 'the sign of life');
    await until(() => views.at(-1) === true, 'in view');
    expect(clock.pending, "the poller's timer only").to.equal(1);
    expect(asked).to.equal(0);

    clock.tick(POLL_INTERVAL - 1);
    expect(asked).to.equal(0);
    clock.tick(1);
    expect(asked, 'at 250 ms').to.equal(1);
    clock.tick(4 * POLL_INTERVAL);
    expect(asked, 'not while the question waits for its answer').to.equal(1);

    // The next question 250 ms after the answer (the new height is drawn meanwhile).
    await answer(700);
    clock.tick(POLL_INTERVAL - 1);
    expect(asked).to.equal(1);
    clock.tick(1);
    expect(asked).to.equal(2);

    // Hidden: the answer comes, no question follows; visible again: one 250 ms later.
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
    document.dispatchEvent(new Event('visibilitychange'));
    await answer(720);
    clock.tick(10 * POLL_INTERVAL);
    expect(asked, 'none while hidden').to.equal(2);
    expect(clock.pending, 'no timer while hidden').to.equal(0);
    delete (document as { hidden?: boolean }).hidden;
    document.dispatchEvent(new Event('visibilitychange'));
    clock.tick(POLL_INTERVAL - 1);
    expect(asked).to.equal(2);
    clock.tick(1);
    expect(asked).to.equal(3);

    // Out of the viewport: none until it is back in view.
    await answer(740);
    frames._container.style.marginTop = '300vh';
    await until(() => views.at(-1) === false, 'out of view');
    clock.tick(10 * POLL_INTERVAL);
    expect(asked, 'none out of view').to.equal(3);
    expect(clock.pending, 'no timer out of view').to.equal(0);
    frames._container.style.marginTop = '';
    await until(() => views.at(-1) === true, 'in view');
    clock.tick(POLL_INTERVAL - 1);
    expect(asked).to.equal(3);
    clock.tick(1);
    expect(asked).to.equal(4);

    // Removed: no question, no timer.
    frames.clear();
    expect(clock.pending).to.equal(0);
    clock.tick(10 * POLL_INTERVAL);
    expect(asked).to.equal(4);
    expect(Object.getOwnPropertyDescriptor(Document.prototype, 'hidden')).to.deep.equal(hidden);
  });
});
