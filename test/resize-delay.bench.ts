// How long from a change of the content inside a cross-origin frame to the iframe's new height on
// the host page. Not part of `npm test`; run it alone (the numbers mean little on a busy machine):
//   npx web-test-runner test/resize-delay.bench.ts
// The stand-in page changes its content height and notes the time (`at`, ms since the epoch,
// sub-millisecond: both processes read the same clock). The host page notes when
// `bi-embed-resize` fires (the iframe's style has the new height) and when a ResizeObserver on
// the iframe reports it (laid out, about to be painted).
import { expect, oneEvent } from '@open-wc/testing';
import { nextEvent } from './helpers/events.js';
import { command, visibleFrame } from './helpers/frames.js';
import { mountStandIn as mount } from './helpers/mount.js';
import { FRAME_ORIGIN } from './helpers/origins.js';

const ROUNDS = 40;
const now = () => performance.timeOrigin + performance.now();
const drawn = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));

function stats(values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return `median ${at(0.5).toFixed(1)} ms, p90 ${at(0.9).toFixed(1)} ms, max ${sorted.at(-1)!.toFixed(1)} ms`;
}

describe('resize delay', () => {
  for (const [behaviour, source] of [
    ['resizer', 'iframe-resizer v4 child (max, as Metabase)'],
    ['frame-only', "Metabase's frame messages (100 ms poll)"],
  ]) {
    it(`from a content change to the new iframe height: ${source}`, async function () {
      this.timeout(120_000);
      const el = await mount(behaviour);
      await oneEvent(el, 'bi-embed-load');
      const frame = visibleFrame(el);
      const win = frame.contentWindow!;
      const delays = {
        grow: { event: [] as number[], layout: [] as number[] },
        shrink: { event: [] as number[], layout: [] as number[] },
      };
      for (let i = 0; i < ROUNDS; i++) {
        const grow = i % 2 === 0;
        const target = grow ? 1500 + i : 300 + i;
        let laidOut = 0;
        const observer = new ResizeObserver(() => {
          if (!laidOut && frame.getBoundingClientRect().height === target) laidOut = now();
        });
        observer.observe(frame);
        // A random pause, so changes do not fall at the same point of Metabase's 100 ms poll.
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 100));
        const resized = nextEvent(el, 'bi-embed-resize', (d) => d.height === target);
        const { at } = await command(win, FRAME_ORIGIN, { height: target });
        await resized;
        const fired = now();
        while (!laidOut) await drawn();
        observer.disconnect();
        const kind = grow ? delays.grow : delays.shrink;
        kind.event.push(fired - at);
        kind.layout.push(laidOut - at);
        // Let the child's follow-up round trips (reset, resetPage) finish before the next round.
        await drawn();
        await command(win, FRAME_ORIGIN, {});
        expect(frame.getBoundingClientRect().height).to.equal(target);
      }
      console.log(
        [
          `${source}, ${ROUNDS / 2} rounds each:`,
          `  grow   → bi-embed-resize: ${stats(delays.grow.event)}; laid out: ${stats(delays.grow.layout)}`,
          `  shrink → bi-embed-resize: ${stats(delays.shrink.event)}; laid out: ${stats(delays.shrink.layout)}`,
        ].join('\n'),
      );
      for (const list of [delays.grow.layout, delays.shrink.layout]) {
        expect(Math.max(...list)).to.be.below(1000);
      }
    });
  }
});
