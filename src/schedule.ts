import type { Clock } from './clock.js';

/**
 * Longest single timer wait. Browsers fire a `setTimeout` beyond 2^31−1 ms (24.8 days) at once, and
 * on macOS and Linux a timer does not count the time the computer slept: waiting in short chunks
 * and reading the clock on each wake-up keeps any delay exact and notices a sleep within a minute.
 */
export const CHUNK = 60_000;

/**
 * When to refresh a token that lives `lifetime` ms, counted from its arrival: at 70–75 % of the
 * lifetime, so never before 50 % nor after 80 %. The jitter spreads the refreshes of several embeds
 * whose tokens arrived together.
 */
export function refreshDelay(lifetime: number, random: () => number = Math.random): number {
  return lifetime * (0.75 - 0.05 * random());
}

/** Wait before retry number `attempt` (0 first): 1 s doubling to 60 s, up to 25 % less at random. */
export function backoff(attempt: number, random: () => number = Math.random): number {
  return Math.min(60_000, 1000 * 2 ** attempt) * (1 - 0.25 * random());
}

/** A call due at a time on the local clock. */
export interface Deadline {
  /** Runs it now if it is due (call on every wake-up: visible, online, resumed). */
  check(): void;
  /** Drops it. */
  cancel(): void;
}

/**
 * Calls `due` once, when the local clock reaches `at`, however far away that is. Never calls it
 * synchronously from here: the caller has its handle before anything runs.
 */
export function deadline(clock: Clock, at: number, due: () => void): Deadline {
  let handle: unknown;
  let done = false;
  const wait = () => {
    handle = clock.setTimeout(check, Math.max(0, Math.min(at - clock.now(), CHUNK)));
  };
  const check = (): void => {
    if (done) return;
    clock.clearTimeout(handle);
    if (clock.now() < at) return wait();
    done = true;
    due();
  };
  wait();
  return {
    check,
    cancel: () => {
      done = true;
      clock.clearTimeout(handle);
    },
  };
}
