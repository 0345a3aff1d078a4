/** Receives the data of a message that passed the source and origin checks. */
export type Receiver = (data: unknown) => void;

interface Entry {
  origin: string;
  receive: Receiver;
}

/**
 * One `message` listener for every `<bi-embed>` on the page, keyed by iframe window: a message
 * is handed on only when `event.source` is a registered iframe's window and `event.origin` is the
 * origin registered with it. The listener exists while at least one iframe is registered.
 */
const frames = new Map<MessageEventSource, Entry>();

/** Routes a `message` event to the receiver of the iframe window it came from, if any. */
export function dispatch(event: MessageEvent): void {
  const entry = event.source && frames.get(event.source);
  if (entry && event.origin === entry.origin) entry.receive(event.data);
}

/**
 * Hands messages from the iframe window `source` posted by `origin` to `receive`, until the
 * returned function is called.
 */
export function listen(source: MessageEventSource, origin: string, receive: Receiver): () => void {
  if (!frames.size) addEventListener('message', dispatch);
  const entry = { origin, receive };
  frames.set(source, entry);
  return () => {
    if (frames.get(source) !== entry) return;
    frames.delete(source);
    if (!frames.size) removeEventListener('message', dispatch);
  };
}
