// A real token endpoint for the browser tests, shaped by its query string so each test asks for
// exactly the answer it needs. Requests are logged by `key` so tests can count them.
import { SignJWT } from 'jose';
import { waitAtGate } from './frame-gate.mjs';

export const TEST_SECRET = 'bi-embed-test-secret-0123456789abcdef';

/** The `aud` of guest tokens: Superset's default is its own URL (`get_url_host()`). */
export const supersetAudience = (instance) => `${new URL(instance).origin}/`;
const secret = new TextEncoder().encode(TEST_SECRET);
const log = new Map();
const served = new Map();
const recovered = new Set();

/**
 * Query parameters of GET /api/token:
 * - provider: metabase (default) | lightdash | superset; kind: dashboard (default) | question |
 *   chart; id (Superset: the embedded dashboard's uuid, the guest token's resource);
 *   embedId=1: Superset's id in the JSON answer too; seq=1: number the tokens (`seq` claim)
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
 * Faults (hardening tests): they apply from request ok+1 (`ok`, default 0) for `fail` requests
 * (default: all, or until POST /api/token-recover?key=…), so an endpoint can serve a token, fail,
 * then recover.
 * - retryAfter: a Retry-After header on the failing status (seconds, or `date:N`: an HTTP date
 *   N s after the endpoint's clock); errorBody + errorType: the failing status's body
 * - hang=1: never answer (the connection closes after 60 s); huge=1: a 5 MB JSON body
 * - cached=1: a token issued an hour ago whose exp passed a minute ago (a server-side cache)
 * - badexp=1 / badiat=1: `exp` / `iat` claims that are strings, not numbers
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

  const ok = Number(q.ok ?? 0);
  const faulty =
    count > ok && !recovered.has(key) && (q.fail === undefined || count <= ok + Number(q.fail));
  const fault = (name) => faulty && q[name] === '1';

  if (fault('hang')) {
    await new Promise((resolve) => {
      const timer = setTimeout(resolve, 60_000);
      ctx.req.once('close', () => (clearTimeout(timer), resolve()));
    });
    ctx.status = 504;
    return;
  }
  if (fault('drop')) {
    ctx.status = 200; // not a 404 in the runner's log: the answer is the dropped connection
    ctx.respond = false;
    ctx.req.socket.destroy();
    return;
  }
  if (fault('partial')) {
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

  if (faulty && q.status) {
    ctx.status = Number(q.status);
    if (q.retryAfter?.startsWith('date:')) {
      ctx.set('Retry-After', new Date(now + Number(q.retryAfter.slice(5)) * 1000).toUTCString());
    } else if (q.retryAfter) {
      ctx.set('Retry-After', q.retryAfter);
    }
    ctx.type = q.errorType ?? 'text/plain';
    ctx.body = q.errorBody ?? `failing with ${q.status}`;
    return;
  }
  if (fault('huge')) {
    ctx.status = 200;
    ctx.type = 'application/json';
    ctx.body = JSON.stringify({ padding: 'x'.repeat(5 * 1024 * 1024) });
    return;
  }
  if (faulty && q.body !== undefined) {
    ctx.status = 200;
    ctx.type = q.type ?? 'text/plain';
    ctx.body = q.body;
    return;
  }

  const instance = q.instance ?? frameOrigin;
  const provider = q.provider ?? 'metabase';
  const kind = q.kind ?? (provider === 'lightdash' ? 'dashboard' : 'dashboard');
  const id =
    q.id ??
    (provider === 'lightdash' ? 'dash-uuid-1' : provider === 'superset' ? 'embed-uuid-1' : '1');
  const project = q.project ?? 'project-uuid-1';
  const claims =
    provider === 'superset'
      ? {
          user: { username: 'test-user', first_name: 'Test', last_name: 'User' },
          resources: [{ type: 'dashboard', id }],
          rls_rules: [],
          aud: supersetAudience(instance),
          type: 'guest',
        }
      : provider === 'lightdash'
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

  const seconds = Math.floor(now / 1000);
  if (fault('badexp')) claims.exp = 'tomorrow';
  if (fault('badiat')) claims.iat = 'yesterday';
  let jwt = new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' });
  if (fault('cached')) {
    jwt = jwt.setIssuedAt(seconds - 3600).setExpirationTime(seconds - 60);
  } else {
    if (q.iat !== '0' && !fault('badiat')) jwt = jwt.setIssuedAt(seconds);
    if (q.ttl !== 'none' && !fault('badexp')) {
      const ttl = Number(q.ttl ?? 600);
      jwt = jwt.setExpirationTime(fault('expired') ? seconds - 10 : seconds + ttl);
    }
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
    if (provider === 'superset' && q.embedId === '1') body.embedId = id;
    ctx.type = 'application/json';
    ctx.body = JSON.stringify(body);
  }
}

/** POST /api/token-recover?key=…: the faults of `key` end; it answers normally from now on. */
export function tokenRecover(ctx) {
  recovered.add(new URLSearchParams(ctx.querystring).get('key') ?? '');
  ctx.status = 204;
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
