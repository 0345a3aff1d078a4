import type { EmbedStatus } from './types.js';

/** An element with attributes and children: the views are plain DOM, built once per element. */
function h(tag: string, attributes: Record<string, string>, ...children: (Node | string)[]) {
  const node = document.createElement(tag);
  for (const name in attributes) node.setAttribute(name, attributes[name]!);
  node.append(...children);
  return node;
}

/** A view for `status`: its part, its slot the page can fill, and its role (styled by it). */
const view = (status: string, role: string, ...children: (Node | string)[]) =>
  h('div', { part: status, role }, h('slot', { name: status }, ...children));

/** The loading placeholder; the page can replace it through the `loading` slot. */
export const loadingView = (): HTMLElement =>
  view('loading', 'status', h('span', { class: 'spinner' }), h('span', {}, 'Loading dashboard…'));

/**
 * The error view with a Retry button; the page can replace it through the `error` slot.
 * `message` is the paragraph whose text the element sets (as text: never parsed as HTML).
 */
export function errorView(retry: () => void): { view: HTMLElement; message: HTMLElement } {
  const message = h('p', {});
  const button = h('button', { part: 'retry', type: 'button' }, 'Retry');
  button.onclick = retry;
  return { view: view('error', 'alert', message, button), message };
}

/** The loading and error views of one element: built once, shown while no frame is on screen. */
export class Views {
  #retry: () => void;
  #loading: HTMLElement | undefined;
  #error: ReturnType<typeof errorView> | undefined;

  constructor(retry: () => void) {
    this.#retry = retry;
  }

  /** Shows in `root` the view for `status` (loading or error; none for the others). */
  show(root: ParentNode, status: EmbedStatus, message: string): void {
    // Built when first needed: most elements never show an error.
    if (status === 'loading') this.#loading ??= loadingView();
    if (status === 'error') (this.#error ??= errorView(this.#retry)).message.textContent = message;
    // Each view's part is the status it shows.
    for (const view of [this.#loading, this.#error?.view]) {
      if (!view?.part.contains(status)) view?.remove();
      else if (!view.parentNode) root.append(view);
    }
  }
}

/** Moves the element's custom state (`:state(x)`) from one status to the next. */
export function moveState(states: CustomStateSet, from: string, to: string): void {
  for (const prefix of ['', '--']) {
    try {
      states.delete(prefix + from);
      if (to !== 'idle') states.add(prefix + to);
      return;
    } catch {
      // Chromium before the standard `:state()` syntax takes `--name`; then try that.
    }
  }
}
