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
  now: () => Date.now(),
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as number),
  frame: (callback) => requestAnimationFrame(callback),
};
