import type { EmbedStatus } from './types.js';

/**
 * Reports the element's status to the page: moves the custom state (`:state(<status>)`, none for
 * `idle`) at once, and says whether the views (the status and the error message they show) must be
 * redrawn.
 */
export type StatusReport = (status: EmbedStatus, message?: string) => boolean;

/** The status report of the element whose `internals` these are. */
export function statusReport({ states }: ElementInternals): StatusReport {
  let shown: string | undefined;
  return (status, message) => {
    // No status is the start of another: the two together say both.
    const now = status + message;
    if (now === shown) return false;
    shown = now;
    try {
      // The element sets no other state.
      states.clear();
      if (status !== 'idle') states.add(status);
    } catch {
      // Before the standard `:state()` (Chrome 125, Firefox 126, Safari 17.4), a browser has no
      // `states`, or refuses a name without `--`: there the page reads `status` or the events.
    }
    return true;
  };
}
