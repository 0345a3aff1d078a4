/**
 * Longest single timer wait (the token controller's schedule). Browsers fire a `setTimeout` beyond 2^31−1 ms (24.8 days) at once, and
 * on macOS and Linux a timer does not count the time the computer slept: waiting in short chunks
 * and reading the clock on each wake-up keeps any delay exact and notices a sleep within a minute.
 */
export const CHUNK = 60_000;

/**
 * When to refresh a token that lives `lifetime` ms, counted from its arrival: at 70–75 % of the
 * lifetime, so never before 50 % nor after 80 %. The jitter spreads the refreshes of several embeds
 * whose tokens arrived together.
 */
export const refreshDelay = (lifetime: number) => lifetime * (0.75 - 0.05 * Math.random());

/** Wait before retry number `attempt` (0 first): 1 s doubling to 60 s, up to 25 % less at random. */
export const backoff = (attempt: number) =>
  Math.min(60_000, 1000 * 2 ** attempt) * (1 - 0.25 * Math.random());
