// Helpers for the tests that talk to the stand-in embed pages (test/fixtures/embed-page.js).
import { fixture } from '@open-wc/testing';
import '../src/define.js';
import type { BiEmbed } from '../src/bi-embed.js';
import type { Clock } from '../src/clock.js';
import { systemClock } from '../src/clock.js';
import type { BiEmbedEventMap } from '../src/types.js';

/** Where the stand-in BI pages come from: another origin than this page's http://localhost. */
export const FRAME_ORIGIN = `http://127.0.0.1:${location.port}`;

/**
 * Mounts an element whose token makes the frame behave as `frame` (embed-page.js), with extra
 * attributes (`"min-height=100 no-auto-resize"`) and token endpoint query (`"&ttl=60"`).
 */
export async function mount(
  frame: string,
  {
    attrs = '',
    query = '',
    clock = systemClock,
  }: { attrs?: string; query?: string; clock?: Clock } = {},
): Promise<BiEmbed> {
  const el = document.createElement('bi-embed') as BiEmbed;
  el.clock = clock;
  for (const attr of attrs.split(' ').filter(Boolean)) {
    const [name, value = ''] = attr.split('=');
    el.setAttribute(name, value);
  }
  el.setAttribute('token-endpoint', `/api/token?frame=${frame}${query}`);
  // A node, not a wrapper: fixture() then awaits the element's update, not a rendered frame
  // (which never comes in a page the browser keeps hidden while another test file runs).
  return fixture<BiEmbed>(el);
}

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

/** An iframe on this page (not in a `<bi-embed>`), loaded. */
export async function looseFrame(url: string): Promise<HTMLIFrameElement> {
  const frame = document.createElement('iframe');
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  frame.src = url;
  document.body.append(frame);
  await loaded;
  return frame;
}
