// The stand-in BI page every benchmark embeds (served on the frame origin for any
// /embed/dashboard/<JWT> path). It paints itself with the token's `bench.color` claim, so a
// screenshot tells which token's page is on screen, and it obeys its parent's commands
// `{bench: {id, height?}}`: it sets its content height, then answers `{benchAck: {id, at}}` with
// the time of the change (`performance.timeOrigin + performance.now()`, this process's clock).
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

  addEventListener('message', (event) => {
    const command = event.source === parent && event.data?.bench;
    if (!command) return;
    if (command.height !== undefined) {
      document.getElementById('content').style.height = `${command.height}px`;
    }
    const at = performance.timeOrigin + performance.now();
    parent.postMessage({ benchAck: { id: command.id, at } }, '*');
  });
})();
