// Waiting in real time, and the rows the hardening tests report.

/** `fetch` as the page had it before any test replaced it to count requests. */
export const pageFetch = window.fetch.bind(window);

/** Waits (real time) until `ready()` holds, failing after `ms` (naming `state()`, what the test saw). */
export async function until(
  ready: () => boolean,
  what: string,
  ms = 15_000,
  state: () => string = () => '',
): Promise<void> {
  const end = performance.now() + ms;
  while (!ready()) {
    if (performance.now() > end) {
      const seen = state();
      throw new Error(`timed out waiting for ${what}${seen ? `; ${seen}` : ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Appends a row to test-results/<file>.jsonl, from which TESTING.md is made. */
export async function report(file: 'fault-matrix' | 'hardening', row: object): Promise<void> {
  await pageFetch(`/api/test-report?file=${file}`, { method: 'POST', body: JSON.stringify(row) });
}

/** Waits `ms` of real time. */
export const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms));

/**
 * `promise`, or after `ms` a failure naming `what` and `state()` (what the test saw, which may be
 * asked for: at most 2 s more), also logged.
 */
export function within<T>(
  promise: Promise<T>,
  what: string,
  state: () => string | Promise<string> = () => '',
  ms = 9_000,
): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(async () => {
      const seen = await Promise.race([state(), sleep(2000).then(() => '(state not known)')]);
      const error = new Error(`timed out waiting for ${what}; ${seen}`);
      // Logged too: the runner's output keeps it when a retry of the test then passes.
      console.warn(error.message);
      reject(error);
    }, ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}
