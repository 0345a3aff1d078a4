// The test server's gates (test/server/frame-gate.mjs): a frame page whose token carries
// `gate=NAME`, or a token answer held with `hold=NAME`, waits while gate NAME is closed. No guessing
// how long a "slow" page or request takes.
import { newKey } from './endpoint.js';
import { pageFetch } from './wait.js';

/** Closes, opens, or waits until something waits at (`held`) gate `name`; its state after. */
export async function gate(
  name: string,
  action: 'close' | 'held' | 'open',
): Promise<{ closed: boolean; waiting: number }> {
  return (await pageFetch(`/api/frame-gate?name=${encodeURIComponent(name)}&do=${action}`)).json();
}

/** A closed gate of its own for token requests (`hold=<name>`): in flight until `open()`. */
export async function holdTokens(): Promise<{
  name: string;
  held: () => Promise<void>;
  open: () => Promise<void>;
}> {
  const name = newKey('hold');
  await gate(name, 'close');
  return {
    name,
    held: () => gate(name, 'held').then(() => {}),
    open: () => gate(name, 'open').then(() => {}),
  };
}
