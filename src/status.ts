import type { EmbedStatus } from './types.js';
import { moveState } from './views.js';

/**
 * Reports the element's status to the page: moves the custom states (`:state(<status>)`) at once,
 * and says whether the views (the status and the error message they show) must be redrawn.
 */
export type StatusReport = (status: EmbedStatus, message?: string) => boolean;

/** The status report of the element whose `internals` these are. */
export function statusReport({ states }: ElementInternals): StatusReport {
  let published: EmbedStatus = 'idle';
  let shown = '';
  return (status, message) => {
    const now = `${status}\n${message}`;
    if (now === shown) return false;
    shown = now;
    moveState(states, published, status);
    published = status;
    return true;
  };
}
