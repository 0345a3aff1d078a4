/** Receives the data of a message that passed the source and origin checks. */
export type Receiver = (data: unknown) => void;

interface Entry {
  origin: string;
  receive: Receiver;
}

/**
 * One `message` listener for every `<bi-embed>` on the page, keyed by iframe: a message is handed
 * on only when `event.source` is a registered iframe's window and `event.origin` is the origin
 * registered with it. The listener exists while at least one iframe is registered.
 *
 * Keyed by the element, not its window: a cross-origin iframe's first `contentWindow` read costs
 * about as much as inserting it, so it is paid when a message arrives, not on every navigation.
 */
const frames = new Map<HTMLIFrameElement, Entry>();

/** Routes a `message` event to the receiver of the iframe window it came from, if any. */
export function dispatch(event: MessageEvent): void {
  if (!event.source) return;
  for (const [frame, entry] of frames) {
    if (frame.contentWindow !== event.source) continue;
    if (event.origin === entry.origin) entry.receive(event.data);
    return;
  }
}

/**
 * Hands messages from `frame`'s window posted by `origin` to `receive`, until the returned
 * function is called.
 */
export function listen(frame: HTMLIFrameElement, origin: string, receive: Receiver): () => void {
  if (!frames.size) addEventListener('message', dispatch);
  const entry = { origin, receive };
  frames.set(frame, entry);
  return () => {
    if (frames.get(frame) !== entry) return;
    frames.delete(frame);
    if (!frames.size) removeEventListener('message', dispatch);
  };
}
