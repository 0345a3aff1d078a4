import type { Clock } from '../../src/clock.js';

/** Browsers fire a `setTimeout` longer than this at once. */
export const MAX_TIMEOUT = 2 ** 31 - 1;

/** How often the fake page draws while time moves (ms): about 60 Hz. */
export const FRAME_MS = 16;

interface Timer {
  at: number;
  callback: () => void;
}

/**
 * A clock for tests: time moves only when the test says so. `tick` runs the timers that come due
 * in order; `sleep` moves the wall clock while timers stand still, as on a computer that slept.
 * Frame callbacks run when the page draws: at `draw()`, and every {@link FRAME_MS} ms of `tick`;
 * they are not timers (`pending` and `longest` leave them out).
 */
export class FakeClock implements Clock {
  #now: number;
  #timers = new Map<number, Timer>();
  #ids = 0;
  #frames: (() => void)[] = [];
  /** The longest delay ever asked of `setTimeout`. */
  longest = 0;

  constructor(now = Date.now()) {
    this.#now = now;
  }

  now(): number {
    return this.#now;
  }

  setTimeout(callback: () => void, ms: number): unknown {
    // What a browser would do with these is not what the caller meant.
    if (!(ms >= 0 && ms <= MAX_TIMEOUT)) throw new RangeError(`setTimeout(${ms}) out of range`);
    this.longest = Math.max(this.longest, ms);
    this.#timers.set(++this.#ids, { at: this.#now + ms, callback });
    return this.#ids;
  }

  clearTimeout(handle: unknown): void {
    this.#timers.delete(handle as number);
  }

  frame(callback: () => void): void {
    this.#frames.push(callback);
  }

  /** How many frame callbacks wait for the next draw. */
  get framesWaiting(): number {
    return this.#frames.length;
  }

  /** The page draws: runs the frame callbacks asked for before now (not those they ask for). */
  draw(): void {
    const due = this.#frames;
    this.#frames = [];
    for (const callback of due) callback();
  }

  /** How many timers are waiting. */
  get pending(): number {
    return this.#timers.size;
  }

  /**
   * Moves time forward by `ms`, running each timer that comes due at its time. With `until`, stops
   * right after the timer that makes it true (so a request it started does not time out). Returns
   * how far time moved.
   */
  tick(ms: number, until?: () => boolean): number {
    const start = this.#now;
    const end = start + ms;
    for (;;) {
      let next: [number, Timer] | undefined;
      for (const entry of this.#timers) {
        if (entry[1].at <= end && (!next || entry[1].at < next[1].at)) next = entry;
      }
      // The page draws at every FRAME_MS boundary that comes before the next timer.
      const draw = this.#frames.length
        ? (Math.floor(this.#now / FRAME_MS) + 1) * FRAME_MS
        : end + 1;
      if (draw <= end && (!next || draw < next[1].at)) {
        this.#now = draw;
        this.draw();
        if (until?.()) return this.#now - start;
        continue;
      }
      if (!next) break;
      this.#timers.delete(next[0]);
      this.#now = Math.max(this.#now, next[1].at);
      next[1].callback();
      if (until?.()) return this.#now - start;
    }
    this.#now = end;
    return ms;
  }

  /** The computer sleeps for `ms`: the wall clock moves on, pending timers do not count it. */
  sleep(ms: number): void {
    this.#now += ms;
    for (const timer of this.#timers.values()) timer.at += ms;
  }
}
