// The element's bi-embed-* events, as tests wait for and record them.
import { waitUntil } from '@open-wc/testing';
import type { BiEmbedEventMap } from '../../src/types.js';

/** The next `type` event on `el` whose detail passes `accept`. */
export function nextEvent<K extends keyof BiEmbedEventMap>(
  el: HTMLElement,
  type: K,
  accept: (detail: BiEmbedEventMap[K]['detail']) => boolean = () => true,
): Promise<BiEmbedEventMap[K]> {
  return new Promise((resolve) => {
    const onEvent = (event: Event) => {
      const typed = event as BiEmbedEventMap[K];
      if (!accept(typed.detail)) return;
      el.removeEventListener(type, onEvent);
      resolve(typed);
    };
    el.addEventListener(type, onEvent);
  });
}

/** Collects every `type` event's detail on `el`. */
export function record<K extends keyof BiEmbedEventMap>(
  el: HTMLElement,
  type: K,
): BiEmbedEventMap[K]['detail'][] {
  const details: BiEmbedEventMap[K]['detail'][] = [];
  el.addEventListener(type, (event) => details.push((event as BiEmbedEventMap[K]).detail));
  return details;
}

/** An event as recorded: its type and detail. */
export interface Recorded<T = unknown> {
  type: string;
  detail: T;
}

/** Collects the events of all `types` on `el`, in the order they fire. */
export function recordAll(el: HTMLElement, types: readonly string[]): Recorded[] {
  const events: Recorded[] = [];
  for (const type of types) {
    el.addEventListener(type, (e) => events.push({ type, detail: (e as CustomEvent).detail }));
  }
  return events;
}

/** Recorded events are in memory: polling them often costs nothing and keeps the tests quick. */
const QUICK = { timeout: 5_000, interval: 5 };

/** Waits until `events` holds the `n`th (1-based) event of `type`, and returns it. */
export async function nth<T>(events: Recorded[], type: string, n = 1): Promise<Recorded<T>> {
  const ofType = () => events.filter((e) => e.type === type);
  await waitUntil(() => ofType().length >= n, `${type} #${n}`, QUICK);
  return ofType()[n - 1] as Recorded<T>;
}
