import type { EmbedStatus } from './types.js';

/** An element with attributes and children: the views are plain DOM, never parsed HTML. */
function h(tag: string, attributes: Record<string, string>, ...children: (Node | string)[]) {
  const node = document.createElement(tag);
  for (const name in attributes) node.setAttribute(name, attributes[name]!);
  node.append(...children);
  return node;
}

/**
 * The loading and error views of one element, shown while no frame is on screen. Each is a `role`
 * element (styled by it) whose part is the status it shows, around a slot of that name the page can
 * fill: a spinner and a text while loading; the message (set as text, never parsed as HTML) and a
 * Retry button on error. A view is built when its status begins: an alert announces itself then.
 *
 * Returns the function that shows in the host's `renderRoot` the view for `status` (loading or
 * error; none for the others); the Retry button calls its `reload()`. A closure rather than a
 * class: its state minifies to single letters.
 */
export function views(host: { renderRoot: ParentNode; reload(): unknown }) {
  const text = h('p', {});
  // No `type`: a button in a shadow root never submits the page's form.
  const button = h('button', { part: 'retry' }, 'Retry');
  let shown: EmbedStatus | undefined;
  let view: HTMLElement | undefined;
  button.onclick = () => host.reload();
  return (status: EmbedStatus, message = ''): void => {
    const loading = status === 'loading';
    text.textContent = message;
    if (status === shown) return;
    shown = status;
    view?.remove();
    view =
      loading || status === 'error'
        ? h(
            'div',
            { part: status, role: loading ? 'status' : 'alert' },
            h(
              'slot',
              { name: status },
              ...(loading
                ? [h('span', { class: 'spin' }), h('span', {}, 'Loading dashboard…')]
                : [text, button]),
            ),
          )
        : undefined;
    if (view) host.renderRoot.append(view);
  };
}
