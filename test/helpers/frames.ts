// The iframes of an element, and talking to the stand-in embed pages in them
// (test/fixtures/embed-page.js).
import type { BiEmbed } from '../../src/bi-embed.js';

/** Every iframe of the element, the one loading behind the visible one included. */
export const frames = (el: BiEmbed): HTMLIFrameElement[] => [
  ...el.shadowRoot!.querySelectorAll('iframe'),
];

/** The visible iframe (not the one loading behind it). */
export function visibleFrame(el: BiEmbed): HTMLIFrameElement {
  return el.shadowRoot!.querySelector('iframe:not(.pending)')!;
}

/** The visible iframe, once the element has made one (after its token arrived). */
export async function frameOf(el: BiEmbed): Promise<HTMLIFrameElement> {
  for (;;) {
    const frame = visibleFrame(el);
    if (frame) return frame;
    await new Promise((resolve) =>
      new MutationObserver((_, observer) => {
        observer.disconnect();
        resolve(undefined);
      }).observe(el.shadowRoot!, { childList: true, subtree: true }),
    );
  }
}

/**
 * The iframe's next DOM `load` event (a page loaded in it). Not the element's `bi-embed-load`:
 * for that, see `nextEvent` and `nth` in events.ts.
 */
export const frameLoaded = (frame: HTMLIFrameElement): Promise<Event> =>
  new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));

/** An iframe on this page (not in a `<bi-embed>`), loaded. */
export async function looseFrame(url: string): Promise<HTMLIFrameElement> {
  const frame = document.createElement('iframe');
  const ready = frameLoaded(frame);
  frame.src = url;
  document.body.append(frame);
  await ready;
  return frame;
}

let commands = 0;

/**
 * Tells a stand-in page what to do (`height`, `search`, `post`) and resolves with its answer.
 * Messages arrive in the order they were posted, so when the answer is here, every message the
 * command made the page post has been dispatched.
 */
export function command<Ack = { at: number }>(
  win: Window,
  origin: string,
  test: { height?: number; search?: string; post?: unknown[] } & Record<string, unknown>,
): Promise<Ack> {
  const id = ++commands;
  return new Promise((resolve) => {
    const onMessage = (event: MessageEvent) => {
      if (event.source !== win || event.data?.testAck?.id !== id) return;
      removeEventListener('message', onMessage);
      resolve(event.data.testAck);
    };
    addEventListener('message', onMessage);
    win.postMessage({ test: { ...test, id } }, origin);
  });
}

/** The next message this page receives from `win` whose data passes `accept`. */
export function nextMessage(win: Window, accept: (data: unknown) => boolean): Promise<unknown> {
  return new Promise((resolve) => {
    const onMessage = (event: MessageEvent) => {
      if (event.source !== win || !accept(event.data)) return;
      removeEventListener('message', onMessage);
      resolve(event.data);
    };
    addEventListener('message', onMessage);
  });
}
