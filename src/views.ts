import type { EmbedStatus } from './types.js';

/** An element with attributes and children: the views are plain DOM, built once per element. */
function h(tag: string, attributes: Record<string, string>, ...children: (Node | string)[]) {
  const node = document.createElement(tag);
  for (const name in attributes) node.setAttribute(name, attributes[name]!);
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
  return (root: ParentNode, status: EmbedStatus, message: string): void => {
    const loading = status === 'loading';
    text.textContent = message;
    if (!built[status] && (loading || status === 'error')) {
      // No `type`: a button in a shadow root never submits the page's form.
      const button = h('button', { part: 'retry' }, 'Retry');
      button.onclick = retry;
      built[status] = h(
        'div',
        { part: status, role: loading ? 'status' : 'alert' },
        h(
          'slot',
          { name: status },
          ...(loading
            ? [h('span', { class: 'spinner' }), h('span', {}, 'Loading dashboard…')]
            : [text, button]),
        ),
      );
    }
    for (const [shows, view] of Object.entries(built)) {
      if (shows !== status) view.remove();
      else if (!view.parentNode) root.append(view);
    }
  };
}
