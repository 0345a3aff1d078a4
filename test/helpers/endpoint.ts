// The test server's token endpoint (test/server/token-endpoint.mjs): keys to count requests by,
// and its log.
import { pageFetch } from './wait.js';

let keys = 0;

/** A token-log key of its own, so a test counts only its own requests. */
export const newKey = (what: string): string => `${what}-${Date.now()}-${++keys}`;

/** A request as the endpoint logged it. */
export interface LogEntry {
  method: string;
  query: Record<string, string>;
  at: number;
  /** The client went away before the answer (the request was cancelled). */
  aborted: boolean;
  accept: string | null;
  cookie: string | null;
  csrf: string | null;
}

/** The requests the endpoint received under `key` (through the page's own fetch). */
export async function endpointLog(key: string): Promise<LogEntry[]> {
  return (await pageFetch(`/api/token-log?key=${encodeURIComponent(key)}`)).json() as Promise<
    LogEntry[]
  >;
}

/** How many token requests the endpoint received under `key`. */
export async function tokenRequests(key: string): Promise<number> {
  return (await endpointLog(key)).length;
}

/** A bare JWT from the endpoint, shaped by `query`. */
export async function jwtFor(query: string): Promise<string> {
  return (await (await pageFetch(`/api/token?form=text&${query}`)).text()).trim();
}
