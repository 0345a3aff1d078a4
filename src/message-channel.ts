/** Receives the data of a message that passed the source and origin checks. */
export type Receiver = (data: unknown) => void;

/**
 * One `message` listener for every `<bi-embed>` on the page, keyed by iframe: a message is handed
 * on only when `event.source` is a registered iframe's window and `event.origin` is the origin
 * registered with it. The listener exists while at least one iframe is registered.
 *
 * Keyed by the element, not its window: a cross-origin iframe's first `contentWindow` read costs
 * about as much as inserting it, so it is paid when a message arrives, not on every navigation.
 */
const frames = new Map<HTMLIFrameElement, (event: MessageEvent) => void>();

/** Routes a `message` event to the receiver of the iframe window it came from, if any. */
export function dispatch(event: MessageEvent): void {
  if (!event.source) return;
  for (const [frame, take] of frames) if (frame.contentWindow === event.source) return take(event);
}

/**
 * Hands messages from `frame`'s window posted by `origin` to `receive`, until the returned
 * function is called.
 */
export function listen(frame: HTMLIFrameElement, origin: string, receive: Receiver): () => void {
  if (!frames.size) addEventListener('message', dispatch);
  // The origin is checked here, once the source has picked this frame.
  const take = (event: MessageEvent) => {
    if (event.origin === origin) receive(event.data);
  };
  frames.set(frame, take);
  // A second call finds nothing to delete.
  return () => frames.delete(frame) && !frames.size && removeEventListener('message', dispatch);
}
