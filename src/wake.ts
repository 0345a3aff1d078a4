/** Told of a wake-up: the tab became visible, the network came back, or the page was restored. */
export type Waker = (event: Event) => void;

const wakers = new Set<Waker>();
/** Removes the listeners; they exist while `wakers` is not empty. */
let listening: AbortController;

function wake(event: Event): void {
  for (const waker of [...wakers]) waker(event);
}

/**
 * Calls `waker` at every wake-up until the returned function is called. One set of three listeners
 * serves every element on the page (not three per element); it exists while anyone is listening.
 */
export function onWake(waker: Waker): () => void {
  if (!wakers.size) {
    listening = new AbortController();
    const options = { signal: listening.signal };
    document.addEventListener('visibilitychange', wake, options);
    addEventListener('online', wake, options);
    addEventListener('pageshow', wake, options);
  }
  wakers.add(waker);
  // A second call finds nothing to delete.
  return () => wakers.delete(waker) && !wakers.size && listening.abort();
}
