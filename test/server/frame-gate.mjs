// Gates for the stand-in frame pages, so a test can hold a refreshed frame's page while it looks
// at the element, then let it load: no guessing how long a "slow" page takes. A frame page whose
// token carries the claim `test.gate` (token endpoint `gate=NAME`) waits while gate NAME is closed.
// GET /api/frame-gate?name=NAME&do=close | held (answers once a page is waiting) | open
// The token endpoint's `hold=NAME` holds its answer at the same gates.
const gates = new Map();

function gate(name) {
  if (!gates.has(name)) gates.set(name, { closed: false, waiting: [], watchers: [] });
  return gates.get(name);
}

function gateOf(path) {
  const jwt = path.split('/').find((s) => /^[\w-]+\.[\w-]+\.[\w-]*$/.test(s));
  try {
    return JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString()).test?.gate;
  } catch {
    return undefined;
  }
}

/** Waits while gate `name` is closed (a token answer held with `hold=NAME` waits here too). */
export async function waitAtGate(name) {
  if (name === undefined || !gate(name).closed) return;
  const g = gate(name);
  await new Promise((resolve) => {
    g.waiting.push(resolve);
    for (const watcher of g.watchers.splice(0)) watcher();
  });
}

/** Waits while the page's gate is closed; call before serving an embed page. */
export function passGate(ctx) {
  return waitAtGate(gateOf(ctx.path));
}

/** GET /api/frame-gate: closes, watches or opens a gate. */
export async function frameGate(ctx) {
  const q = new URLSearchParams(ctx.querystring);
  const g = gate(q.get('name') ?? '');
  const action = q.get('do');
  if (action === 'close') g.closed = true;
  if (action === 'held' && !g.waiting.length) {
    await new Promise((resolve) => g.watchers.push(resolve));
  }
  if (action === 'open') {
    g.closed = false;
    for (const release of g.waiting.splice(0)) release();
  }
  ctx.type = 'application/json';
  ctx.body = JSON.stringify({ closed: g.closed, waiting: g.waiting.length });
}
