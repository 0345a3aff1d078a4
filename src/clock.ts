/** Time source for every timer the element uses, so tests can tick time instead of waiting. */
export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  /** Runs `callback` before this page next draws (`requestAnimationFrame`). */
  frame(callback: () => void): void;
}

/** The browser's clock. */
export const systemClock: Clock = {
  // `Date.now` reads no `this`; the window's timer functions must be called on the window.
  now: Date.now,
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as number),
  frame: (callback) => requestAnimationFrame(callback),
};
