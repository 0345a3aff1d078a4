// The stand-in BI page every benchmark embeds (served on the frame origin for any
// /embed/dashboard/<JWT> path). It paints itself with the token's `bench.color` claim, so a
// screenshot tells which token's page is on screen, and it obeys its parent's commands
// `{bench: {id, height?, all?}}`: it sets its content height, then answers `{benchAck: {id, at}}`
// with the time of the change (`performance.timeOrigin + performance.now()`, this process's clock).
// With `all`, it sets the same height, in the same task, in every sibling frame of its origin
// (`parent[i].document`: same-origin frames share this process and its event loop), so that
// every child on the page changes at the same moment. A frame inside a shadow root is not among
// `parent[i]`: it reaches the others, and they learn it from that (setupPair's first command).
(() => {
  const jwt = location.pathname.split('/').pop();
  let color = '#00a000';
  try {
    const claims = JSON.parse(atob(jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
    color = claims.bench?.color ?? color;
  } catch {
    // Not a token: the default colour.
  }
  document.documentElement.style.background = color;

  /** Same-origin sibling frames, for `all`. */
  const peers = (window.benchPeers = new Set());

  addEventListener('message', (event) => {
    const command = event.source === parent && event.data?.bench;
    if (!command) return;
    if (command.height !== undefined) {
      if (command.all) {
        for (let i = 0; i < parent.length; i++) {
          try {
            if (parent[i] !== window && parent[i].document) peers.add(parent[i]);
          } catch {
            // Another origin's frame: not ours to change.
          }
        }
        // A frame in a shadow root is not among `parent`'s frames: the siblings it reached learn it.
        for (const peer of peers) peer.benchPeers?.add(window);
      }
      const pages = [document, ...(command.all ? [...peers].map((peer) => peer.document) : [])];
      for (const page of pages) page.getElementById('content').style.height = `${command.height}px`;
    }
    const at = performance.timeOrigin + performance.now();
    parent.postMessage({ benchAck: { id: command.id, at } }, '*');
  });
})();
