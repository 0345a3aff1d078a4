// A real token endpoint for the browser tests, shaped by its query string so each test asks for
// exactly the answer it needs. Requests are logged by `key` so tests can count them.
import { SignJWT } from 'jose';
import { waitAtGate } from './frame-gate.mjs';

export const TEST_SECRET = 'bi-embed-test-secret-0123456789abcdef';
const secret = new TextEncoder().encode(TEST_SECRET);
const log = new Map();
const served = new Map();

/**
 * Query parameters of GET /api/token:
 * - provider: metabase (default) | lightdash; kind: dashboard (default) | question | chart; id
 * - form: token (default, JSON {token, instanceUrl}) | url (JSON {url}) | text (bare JWT)
 * - ttl: lifetime in s (default 600) | none (no exp); iat=0 omits iat; expiresIn: add to JSON
 * - skew: seconds the endpoint's clock is ahead (claims and Date header); expired=1: exp passed
 * - status: answer this HTTP status; fail=N: the first N requests for `key` answer `status`
 * - delay: ms before answering; hash: appended to the URL form; instance: the BI base URL
 * - body + type: a raw answer; project: Lightdash projectUuid; frame: behaviour of the test frame
 * - noParams=1: a Metabase token without its `params` claim (Metabase refuses it: 400)
 * - badSig=1: signed with another secret (both tools refuse it)
 * - gate: the frame page waits while this gate is closed (frame-gate.mjs)
 * - hold: the answer waits while this gate is closed: a request stays in flight until released
 * - drop=1: close the connection without answering (a network error in the browser)
 * - partial=1: send the status, headers and part of the body, then close the connection
 * - key: log requests under this key (GET /api/token-log?key=…); each entry says whether the
 *   client went away before the answer (`aborted`), so tests can prove a request was cancelled
 */
export async function tokenEndpoint(ctx, frameOrigin) {
  const q = Object.fromEntries(new URLSearchParams(ctx.querystring));
  const key = q.key ?? '';
  const entry = {
    method: ctx.method,
    headers: ctx.headers,
    query: q,
    at: Date.now(),
    aborted: false,
  };
  ctx.res.once('close', () => (entry.aborted = !ctx.res.writableFinished));
  log.set(key, [...(log.get(key) ?? []), entry]);
  const count = (served.get(key) ?? 0) + 1;
  served.set(key, count);

  if (q.drop === '1') {
    ctx.status = 200; // not a 404 in the runner's log: the answer is the dropped connection
    ctx.respond = false;
    ctx.req.socket.destroy();
    return;
  }
  if (q.partial === '1') {
    ctx.status = 200;
    ctx.respond = false;
    ctx.res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '1000' });
    ctx.res.write('{"token":"ey', () => ctx.req.socket.destroy());
    return;
  }
  if (q.delay) await new Promise((resolve) => setTimeout(resolve, Number(q.delay)));
  await waitAtGate(q.hold);
  const skew = Number(q.skew ?? 0) * 1000;
  const now = Date.now() + skew;
  ctx.set('Date', new Date(now).toUTCString());
  ctx.set('Cache-Control', 'no-store');

  const failing = q.fail === undefined ? !!q.status : count <= Number(q.fail);
  if (failing && q.status) {
    ctx.status = Number(q.status);
    ctx.body = `failing with ${q.status}`;
    return;
  }
  if (q.body !== undefined) {
    ctx.status = 200;
    ctx.type = q.type ?? 'text/plain';
    ctx.body = q.body;
    return;
  }

  const instance = q.instance ?? frameOrigin;
  const provider = q.provider ?? 'metabase';
  const kind = q.kind ?? (provider === 'lightdash' ? 'dashboard' : 'dashboard');
  const id = q.id ?? (provider === 'lightdash' ? 'dash-uuid-1' : '1');
  const project = q.project ?? 'project-uuid-1';
  const claims =
    provider === 'lightdash'
      ? {
          content:
            kind === 'chart'
              ? { type: 'chart', contentId: id, projectUuid: project }
              : { type: 'dashboard', dashboardUuid: id, projectUuid: project },
          user: { externalId: 'test-user' },
        }
      : { resource: { [kind]: Number(id) || id }, params: {} };
  if (q.noParams === '1') delete claims.params;
  if (q.frame) claims.test = { frame: q.frame };
  if (q.gate) claims.test = { ...claims.test, gate: q.gate };
  if (q.seq) claims.seq = count;

  let jwt = new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' });
  const seconds = Math.floor(now / 1000);
  if (q.iat !== '0') jwt = jwt.setIssuedAt(seconds);
  if (q.ttl !== 'none') {
    const ttl = Number(q.ttl ?? 600);
    jwt = jwt.setExpirationTime(q.expired === '1' ? seconds - 10 : seconds + ttl);
  }
  const token = await jwt.sign(
    q.badSig === '1' ? new TextEncoder().encode('not-the-secret-0123456789abcdef') : secret,
  );

  ctx.status = 200;
  const form = q.form ?? 'token';
  if (form === 'text') {
    ctx.type = 'text/plain';
    ctx.body = token;
  } else if (form === 'url') {
    // Lightdash's routes, as its own getEmbedUrl builds them.
    const url =
      provider === 'lightdash'
        ? `${instance}/embed/${project}${kind === 'chart' ? `/chart/${id}` : ''}#${token}`
        : `${instance}/embed/${kind}/${token}${q.hash ? `#${q.hash}` : ''}`;
    ctx.type = 'application/json';
    ctx.body = JSON.stringify({ url });
  } else {
    const body = { token, instanceUrl: instance };
    if (q.expiresIn) body.expiresIn = Number(q.expiresIn);
    if (provider === 'lightdash' && q.noProject !== '1') body.projectUuid = project;
    ctx.type = 'application/json';
    ctx.body = JSON.stringify(body);
  }
}

/** GET /api/token-log?key=…: the requests made under `key`. */
export function tokenLog(ctx) {
  const key = new URLSearchParams(ctx.querystring).get('key') ?? '';
  ctx.type = 'application/json';
  ctx.body = JSON.stringify(
    (log.get(key) ?? []).map(({ method, headers, query, at, aborted }) => ({
      method,
      query,
      at,
      aborted,
      accept: headers.accept ?? null,
      cookie: headers.cookie ?? null,
      csrf: headers['x-csrf-token'] ?? null,
    })),
  );
}
