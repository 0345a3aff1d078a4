/** The tallest frame the element ever sets (px): a larger report is garbage, not a dashboard. */
export const HEIGHT_CAP = 100_000;

/** Growth steps by the same amount in a row that a frame gets before it is stopped. */
export const LOOP_STEPS = 3;

/** A reported height, rounded up and clamped to `min`/`max` (`min` wins, as in CSS) and the cap. */
export const clampHeight = (height: number, min = 0, max = HEIGHT_CAP): number =>
  Math.min(Math.max(Math.min(Math.ceil(height), max), min), HEIGHT_CAP);

/**
 * A loop guard: tells whether the frame may go from `from` to `to` px. It stops resize loops: a frame whose content depends on its own height (`100vh` plus a margin,
 * a scroll height that includes the viewport) answers every new height with "that height + a
 * constant", at once or at the viewer's next click. Growth by the same amount (±2 px) is allowed
 * {@link LOOP_STEPS} times in a row, then refused until the frame shrinks or grows by another
 * amount; shrinking is always allowed. Content that grows by the very same amount four times in a
 * row is stopped too: it scrolls inside the frame, which beats a frame that grows without end.
 */
export function loopGuard(): (from: number, to: number) => boolean {
  let last = 0;
  let streak = 0;
  return (from, to) => {
    const delta = to - from;
    streak = delta <= 0 ? 0 : Math.abs(delta - last) <= 2 ? streak + 1 : 1;
    last = delta;
    return streak <= LOOP_STEPS;
  };
}
