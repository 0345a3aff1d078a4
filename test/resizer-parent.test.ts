// The iframe-resizer v4 parent on its own, on the fake clock: no iframe, no child page. The
// frame is a stub that records what is posted to it; the sizes are the frame controller's, cut
// down to a height that a report sets (clamped) and that `_resized()` marks as not drawn yet.
import { expect } from '@open-wc/testing';
import {
  RESIZER_INIT,
  RESIZER_RESET,
  RESIZER_RESIZE,
  type ResizerMessage,
} from '../src/protocols.js';
import {
  RESET_PATIENCE,
  RESET_RETRY,
  resizerParent,
  type ResizerParent,
} from '../src/resizer-parent.js';
import { clampHeight } from '../src/sizing.js';
import { FakeClock } from './helpers/fake-clock.js';

const ORIGIN = 'https://bi.example.com';

const size = (height: number, event: string): ResizerMessage => ({
  height,
  event,
});

/** `refuse`: the loop guard, refusing a change from one height to another. */
function setup({ height = 600, refuse = (_from: number, _to: number): boolean => false } = {}) {
  const clock = new FakeClock(0);
  const posts: [message: unknown, origin: string][] = [];
  const frame = {
    contentWindow: {
      postMessage: (message: unknown, origin: string) => posts.push([message, origin]),
    } as unknown as Window,
  };
  const state = { height, auto: true, reports: [] as number[] };
  const parent: ResizerParent = resizerParent(frame, ORIGIN, clock, {
    _auto: () => state.auto,
    _report(h) {
      state.reports.push(h);
      const [from, to] = [state.height, clampHeight(h)];
      if (!state.auto || to === from) return undefined;
      // The loop guard's refusal.
      if (refuse(from, to)) return null;
      state.height = to;
      parent._resized(to < from ? from : undefined);
      return from;
    },
  });
  /** The messages posted so far (all of them to ORIGIN, or the test fails here). */
  const sent = () => {
    expect(posts.map(([, origin]) => origin)).to.deep.equal(posts.map(() => ORIGIN));
    return posts.map(([message]) => message);
  };
  return { clock, parent, state, posts, sent, frame };
}

describe('ResizerParent', () => {
  it('sends the handshake only after the page has drawn, then once', () => {
    const { clock, parent, sent } = setup();
    parent._init();
    clock.tick(0);
    expect(sent(), 'before the frame is drawn').to.deep.equal([]);
    clock.draw();
    expect(sent(), 'drawn, the task after it not run yet').to.deep.equal([]);
    clock.tick(0);
    expect(sent()).to.deep.equal([RESIZER_INIT]);
    clock.tick(10_000);
    expect(sent()).to.deep.equal([RESIZER_INIT]);
    expect(clock.pending, 'no timer left').to.equal(0);
  });

  it("answers the child's late Ready with the handshake, after a draw", () => {
    const { clock, parent, sent } = setup();
    parent._receive({ ready: true });
    expect(parent._active).to.be.true;
    expect(sent()).to.deep.equal([]);
    clock.tick(16);
    expect(sent()).to.deep.equal([RESIZER_INIT]);
  });

  it('asks nothing after the loop guard refused a report, so a later shrink still reaches it', () => {
    const { clock, parent, state, sent } = setup({ height: 720, refuse: (from, to) => to > from });
    parent._receive(size(760, 'mutationObserver'));
    clock.tick(10_000);
    expect(state.height).to.equal(720);
    expect(sent(), 'no ask: the child keeps 760 as its last size').to.deep.equal([]);
    // Its content cut to 200 px, the child measures its 720 px viewport: a change from 760.
    parent._receive(size(720, 'mutationObserver'));
    clock.tick(16);
    expect(sent(), 'that one changes nothing, so it is asked to measure again').to.deep.equal([
      RESIZER_RESIZE,
    ]);
  });

  it('applies a size at once, in the call that receives it', () => {
    const { parent, state, sent } = setup();
    parent._receive(size(900, 'mutationObserver'));
    expect(state.height).to.equal(900);
    expect(sent()).to.deep.equal([]);
  });

  it('re-asks once for a report of its own sent before the latest height was drawn', () => {
    const { clock, parent, state, sent } = setup();
    parent._receive(size(900, 'mutationObserver'));
    // Measured at the old 600 px viewport: not applied, asked again once the frame is drawn.
    parent._receive(size(600, 'resize'));
    expect(state.reports).to.deep.equal([900]);
    expect(state.height).to.equal(900);
    expect(sent()).to.deep.equal([]);
    clock.tick(16);
    expect(sent()).to.deep.equal([RESIZER_RESIZE]);
    // The answer changes nothing, after reports of its own: asked once more, so that the child
    // (measuring what it last sent) answers with its content height; then no ping-pong.
    parent._receive(size(900, 'resizeParent'));
    clock.tick(16);
    expect(sent()).to.deep.equal([RESIZER_RESIZE, RESIZER_RESIZE]);
    parent._receive(size(900, 'reset'));
    clock.tick(16);
    parent._receive(size(900, 'resetPage'));
    clock.tick(10_000);
    expect(sent()).to.deep.equal([RESIZER_RESIZE, RESIZER_RESIZE, RESIZER_RESET]);
    expect(state.reports).to.deep.equal([900, 900, 900, 900]);
  });

  it('applies a stale-looking report at once when the frame does not follow its content', () => {
    const { clock, parent, state, sent } = setup();
    parent._receive(size(900, 'mutationObserver'));
    state.auto = false;
    parent._receive(size(700, 'resize'));
    expect(state.reports).to.deep.equal([900, 700]);
    clock.tick(10_000);
    expect(sent()).to.deep.equal([]);
  });

  it('asks again after an init or a report of its own that changes nothing, and only then', () => {
    const { clock, parent, state, sent } = setup();
    parent._receive(size(600, 'init'));
    clock.tick(16);
    expect(sent()).to.deep.equal([RESIZER_RESIZE]);
    parent._receive(size(600, 'resizeParent'));
    parent._receive(size(600, 'resetPage'));
    clock.tick(10_000);
    expect(sent(), 'answers that change nothing ask nothing').to.deep.equal([RESIZER_RESIZE]);
    parent._receive(size(800, 'init'));
    clock.tick(10_000);
    expect(sent(), 'an init that changes the height asks nothing').to.deep.equal([RESIZER_RESIZE]);
    expect(state.height).to.equal(800);
  });

  it('answers reset after the draw; a resetPage at the new height ends the shrink', () => {
    const { clock, parent, state, sent } = setup({ height: 900 });
    parent._receive(size(300, 'reset'));
    expect(state.height).to.equal(300);
    clock.tick(0);
    expect(sent()).to.deep.equal([]);
    clock.tick(16);
    expect(sent()).to.deep.equal([RESIZER_RESET]);
    parent._receive(size(300, 'resetPage'));
    clock.tick(10_000);
    expect(sent()).to.deep.equal([RESIZER_RESET]);
    expect(state.height).to.equal(300);
  });

  it('asks a resetPage that gives the old height back again after 100, 200, 400 and 800 ms, then takes it', () => {
    const { clock, parent, state, sent } = setup({ height: 900 });
    parent._receive(size(300, 'reset'));
    clock.tick(16);
    const waits = [RESET_RETRY, 200, 400, RESET_PATIENCE];
    waits.forEach((wait, i) => {
      parent._receive(size(900, 'resetPage'));
      expect(state.height, `retry ${i + 1}: the old height is not taken`).to.equal(300);
      clock.draw();
      clock.tick(wait - 1);
      expect(sent(), `retry ${i + 1}: not before ${wait} ms`).to.have.length(i + 1);
      clock.tick(1);
      expect(sent()).to.have.length(i + 2);
    });
    expect(sent()).to.deep.equal(Array(5).fill(RESIZER_RESET));
    parent._receive(size(900, 'resetPage'));
    expect(state.height, 'after 1.5 s it is the height').to.equal(900);
    clock.tick(10_000);
    expect(sent()).to.have.length(5);
  });

  it('takes the shrunk height once a resetPage measures it, however late', () => {
    const { clock, parent, state, sent } = setup({ height: 900 });
    parent._receive(size(300, 'reset'));
    clock.tick(16);
    for (const wait of [RESET_RETRY, 200, 400]) {
      parent._receive(size(900, 'resetPage'));
      clock.draw();
      clock.tick(wait);
    }
    parent._receive(size(300, 'resetPage'));
    expect(state.height).to.equal(300);
    expect(state.reports.at(-1)).to.equal(300);
    clock.tick(10_000);
    expect(sent(), 'no ask after the answer').to.have.length(4);
  });

  it('takes no answer to an ask that went out before the latest height: asks again once it is drawn', () => {
    const { clock, parent, state, sent } = setup({ height: 1500 });
    // A report that changes nothing: asked again (after the draw).
    parent._receive(size(1500, 'mutationObserver'));
    clock.draw();
    clock.tick(0);
    expect(sent()).to.deep.equal([RESIZER_RESIZE]);
    // Meanwhile the content shrank: the child's own `reset` is applied at once...
    parent._receive(size(300, 'reset'));
    expect(state.height).to.equal(300);
    // ...and the answer to the ask, measured at the old viewport, arrives after it.
    parent._receive(size(1500, 'resizeParent'));
    expect(state.height, 'the old height is not put back').to.equal(300);
    expect(state.reports).to.deep.equal([1500, 300]);
    clock.draw();
    clock.tick(0);
    // The shrink's check and the re-ask are one `reset`: only the latest ask goes out.
    expect(sent()).to.deep.equal([RESIZER_RESIZE, RESIZER_RESET]);
    parent._receive(size(300, 'resetPage'));
    expect(state.height).to.equal(300);
    clock.tick(10_000);
    expect(sent()).to.have.length(2);
  });

  it('after any shrink, a measure of the old height is asked again before it is taken; taller content at once', () => {
    const { clock, parent, state, sent } = setup({ height: 600 });
    // The frame controller shrank the frame (a tool's own height message, new limits).
    state.height = 423;
    parent._resized(600);
    clock.draw();
    clock.tick(0);
    // The child, still seeing its old viewport, measures it.
    parent._receive(size(600, 'mutationObserver'));
    expect(state.height, 'the old viewport is not taken').to.equal(423);
    clock.draw();
    clock.tick(RESET_RETRY);
    expect(sent()).to.deep.equal([RESIZER_RESET]);
    parent._receive(size(423, 'resetPage'));
    expect(state.height).to.equal(423);
    // It came after a report of its own: asked once more for the content height.
    clock.tick(16);
    expect(sent()).to.deep.equal([RESIZER_RESET, RESIZER_RESIZE]);
    // Content taller than the old viewport is no stale measure: taken at once, and it ends the
    // watch.
    parent._resized(600);
    clock.draw();
    clock.tick(0);
    parent._receive(size(650, 'mutationObserver'));
    expect(state.height).to.equal(650);
    clock.tick(10_000);
    expect(sent()).to.deep.equal([RESIZER_RESET, RESIZER_RESIZE]);
  });

  it('after a report of its own, an answer that changes nothing asks once more, so a reset tells the content height', () => {
    // Seen in the paired bench: the content went from 480 to 300 px while the child still saw
    // its old 600 px viewport; every resetPage after that said 480 (the frame's height, which a
    // `max` measure includes), and the frame stayed at 480.
    const { clock, parent, state, sent } = setup({ height: 600 });
    parent._receive(size(600, 'init'));
    clock.tick(16);
    expect(sent()).to.deep.equal([RESIZER_RESIZE]);
    parent._receive(size(480, 'reset'));
    expect(state.height).to.equal(480);
    parent._receive(size(600, 'mutationObserver'));
    expect(state.height, 'the old viewport is not taken').to.equal(480);
    clock.tick(16);
    expect(sent()).to.deep.equal([RESIZER_RESIZE, RESIZER_RESET]);
    parent._receive(size(480, 'resetPage'));
    clock.tick(16);
    expect(sent(), 'asked again; the delayed reset is not sent').to.deep.equal([
      RESIZER_RESIZE,
      RESIZER_RESET,
      RESIZER_RESIZE,
    ]);
    // The child measures what it last sent: no change, so it answers with its content height.
    parent._receive(size(300, 'reset'));
    expect(state.height).to.equal(300);
    clock.tick(16);
    parent._receive(size(300, 'resetPage'));
    clock.tick(10_000);
    expect(sent(), 'and then no more').to.deep.equal([
      RESIZER_RESIZE,
      RESIZER_RESET,
      RESIZER_RESIZE,
      RESIZER_RESET,
    ]);
    expect(state.height).to.equal(300);
  });

  it('sends only the latest of the asks waiting for the same draw', () => {
    const { clock, parent, sent } = setup({ height: 600 });
    parent._resized();
    parent._receive(size(900, 'mutationObserver'));
    parent._receive(size(950, 'mutationObserver'));
    parent._receive(size(1000, 'mutationObserver'));
    clock.draw();
    clock.tick(0);
    expect(sent()).to.deep.equal([RESIZER_RESIZE]);
  });

  it('a reset that changes nothing is answered, and its resetPage is taken as it is', () => {
    const { clock, parent, state, sent } = setup({ height: 300 });
    parent._receive(size(300, 'reset'));
    clock.tick(16);
    parent._receive(size(900, 'resetPage'));
    expect(state.height).to.equal(900);
    clock.tick(10_000);
    expect(sent()).to.deep.equal([RESIZER_RESET]);
  });

  it('ignores messages without a height', () => {
    const { clock, parent, state, sent } = setup();
    parent._receive({});
    parent._receive(size(0, 'mutationObserver'));
    clock.tick(10_000);
    expect(state.reports).to.deep.equal([]);
    expect(sent()).to.deep.equal([]);
    expect(parent._active).to.be.true;
  });

  it('posts only to the frame’s embed origin, and nothing once stopped', () => {
    const { clock, parent, posts, sent } = setup({ height: 900 });
    parent._init();
    parent._receive(size(300, 'reset'));
    clock.tick(16);
    parent._receive(size(900, 'resetPage'));
    expect(posts.map(([, origin]) => origin)).to.deep.equal([ORIGIN, ORIGIN]);
    parent._stop();
    clock.tick(10_000);
    parent._init();
    parent._receive(size(900, 'init'));
    clock.tick(10_000);
    expect(sent()).to.deep.equal([RESIZER_INIT, RESIZER_RESET]);
    expect(clock.pending, 'no timer left').to.equal(0);
  });

  it('posts nothing to a frame that has no window any more', () => {
    const { clock, parent, frame } = setup();
    (frame as { contentWindow: Window | null }).contentWindow = null;
    parent._init();
    expect(() => clock.tick(16)).not.to.throw();
  });
});
