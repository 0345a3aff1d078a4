import type { EmbedStatus } from './types.js';

/** An element with properties and children: the views are plain DOM, built once per element. */
function h(tag: string, properties: object, ...children: (Node | string)[]) {
  const node = Object.assign(document.createElement(tag), properties);
  node.append(...children);
  return node;
}

/**
 * The loading and error views of one element: built once, when first needed (most elements never
 * show an error), shown while no frame is on screen. Each is a `role` element (styled by it) whose
 * part is the status it shows, around a slot of that name the page can fill: a spinner and a text
 * while loading; the message (set as text, never parsed as HTML) and a Retry button on error.
 *
 * Returns the function that shows in `root` the view for `status` (loading or error; none for the
 * others). A closure rather than a class: its state minifies to single letters.
 */
export function views(retry: () => void) {
  const built: { [status in EmbedStatus]?: HTMLElement } = {};
  const text = h('p', {});
  let shown: HTMLElement | undefined;
  return (root: ParentNode, status: EmbedStatus, message = ''): void => {
    const loading = status === 'loading';
    text.textContent = message;
    const view =
      loading || status === 'error'
        ? (built[status] ??= h(
            'div',
            { part: status },
            h(
              'slot',
              { name: status },
              ...(loading
                ? [h('span', { className: 'spinner' }), h('span', {}, 'Loading dashboard…')]
                : // No `type`: a button in a shadow root never submits the page's form.
                  [text, h('button', { part: 'retry', onclick: retry }, 'Retry')]),
            ),
          ))
        : undefined;
    if (view === shown) return;
    shown?.remove();
    shown = view;
    if (view) {
      // `role` as an attribute: Firefox reflects it as a property only from version 119.
      view.setAttribute('role', loading ? 'status' : 'alert');
      root.append(view);
    }
  };
}
