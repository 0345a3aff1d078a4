// The host app: the pages that embed dashboards with <bi-embed>, and the token endpoint those
// elements call. The endpoint is the part a real app copies: it decides *what* the signed-in
// user may see (resource allowlist, locked params from the session) and signs a short-lived JWT.
import { existsSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { SignJWT } from 'jose';
import {
  DASHBOARDS,
  LIGHTDASH,
  PUBLIC_DASHBOARDS,
  QUESTIONS,
  SUPERSET,
  TENANTS,
} from '../bi/catalog.mjs';
import { hmacKey } from '../bi/rules.mjs';
import { escapeHtml, fillTemplate, raw, sendJson, sendText, serveFile } from '../lib/http.mjs';

const PAGES = fileURLToPath(new URL('./pages/', import.meta.url));
const ASSETS = fileURLToPath(new URL('./assets/', import.meta.url));
const REPO = fileURLToPath(new URL('../../', import.meta.url));

/** The pretend signed-in user. A real app reads this from its session, never from the request. */
export const DEMO_USER = {
  id: 'ada',
  name: 'Ada Park',
  email: 'ada.park@northwind.example',
  tenant: 'northwind',
};

const TTL_DEFAULT = 600;
const TTL_MIN = 5;
const TTL_MAX = 86_400;
const TTL_CHOICES = [
  [15, '15 seconds'],
  [60, '1 minute'],
  [600, '10 minutes'],
];

/** `?ttl=` as whole seconds in range, or null when it is not one. */
function parseTtl(value) {
  if (value == null) return TTL_DEFAULT;
  if (!/^\d{1,6}$/.test(value)) return null;
  const ttl = Number(value);
  return ttl >= TTL_MIN && ttl <= TTL_MAX ? ttl : null;
}

/**
 * @param {object} o
 * @param {string} o.secret the stand-in's signing secret
 * @param {string} o.biOrigin the stand-in BI server's origin
 * @param {object|null} o.metabase a real Metabase ({siteUrl, secretKey, dashboardId, questionId, lockedParams})
 * @param {string[]} [o.allowedOrigins] other origins (framework dev servers) the endpoint answers, with CORS
 */
export function createHostApp({
  secret,
  biOrigin,
  metabase = null,
  allowedOrigins = [],
  log = () => {},
}) {
  const metabaseUrl = metabase?.siteUrl ?? biOrigin;
  const metabaseKey = hmacKey(metabase?.secretKey ?? secret);
  const allowed = {
    dashboard: metabase ? [metabase.dashboardId] : Object.keys(DASHBOARDS).map(Number),
    question: metabase ? [metabase.questionId] : Object.keys(QUESTIONS).map(Number),
  };
  const frameOrigins = [...new Set([biOrigin, new URL(metabaseUrl).origin])].join(' ');
  const pageHeaders = {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-cache',
    // The element needs no inline script, no eval and no inline style: the demo proves it.
    'Content-Security-Policy': [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' data:",
      "connect-src 'self'",
      `frame-src ${frameOrigins}`,
      "base-uri 'none'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ].join('; '),
  };

  async function sign(claims, ttl, key) {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuedAt(now)
      .setExpirationTime(now + ttl)
      .sign(key);
  }

  /** CORS headers for a page on an allowed dev-server origin, else none. */
  function corsHeaders(req) {
    const origin = req.headers.origin;
    if (!origin || !allowedOrigins.includes(origin)) return undefined;
    return { 'Access-Control-Allow-Origin': origin, Vary: 'Origin' };
  }

  async function tokenEndpoint(req, res, url) {
    const cors = corsHeaders(req);
    const noStore = { 'Cache-Control': 'no-store', ...(cors ?? { Vary: 'Origin' }) };
    const fail = (status, error) => sendJson(res, status, { error }, noStore);
    // Browsers say where a request comes from: only this app's own pages (or a direct visit,
    // curl) get tokens, and pages on the origins in DEMO_ALLOWED_ORIGINS (a framework's dev
    // server). A real app would check its session cookie here as well.
    const site = req.headers['sec-fetch-site'];
    if (!cors && site && site !== 'same-origin' && site !== 'none') {
      return fail(403, 'Token requests from other sites are refused.');
    }
    const q = url.searchParams;
    const kinds = ['dashboard', 'question', 'lightdash', 'superset'].filter((k) => q.has(k));
    if (kinds.length !== 1) {
      return fail(
        400,
        'Ask for exactly one of dashboard=<id>, question=<id>, lightdash=<uuid> or superset=<uuid>.',
      );
    }
    const kind = kinds[0];
    const ttl = parseTtl(q.get('ttl'));
    if (ttl == null) {
      return fail(400, `ttl must be a whole number of seconds from ${TTL_MIN} to ${TTL_MAX}.`);
    }
    const format = q.get('format') ?? 'token';
    if (!['token', 'url', 'jwt'].includes(format))
      return fail(400, 'format must be token, url or jwt.');
    const user = DEMO_USER;

    let token;
    let instanceUrl;
    let embedUrl;
    let projectUuid;
    if (kind === 'superset') {
      if (format === 'url')
        return fail(400, 'A Superset guest token goes over a port: no URL form.');
      const embedId = q.get('superset');
      if (embedId !== SUPERSET.embedId) return fail(404, 'No such dashboard.');
      instanceUrl = biOrigin;
      // What Superset's POST /api/v1/security/guest_token/ signs: a guest user, the dashboards
      // it may see, and row-level security clauses decided here (the user's tenant).
      token = await sign(
        {
          user: { username: user.id, first_name: 'Ada', last_name: 'Park' },
          resources: [{ type: 'dashboard', id: embedId }],
          rls_rules: [{ clause: `tenant = '${user.tenant}'` }],
          aud: `${biOrigin}/`,
          type: 'guest',
        },
        ttl,
        hmacKey(secret),
      );
    } else if (kind === 'lightdash') {
      const dashboardUuid = q.get('lightdash');
      if (!Object.hasOwn(LIGHTDASH.dashboards, dashboardUuid))
        return fail(404, 'No such dashboard.');
      projectUuid = LIGHTDASH.projectUuid;
      instanceUrl = biOrigin;
      token = await sign(
        {
          content: { type: 'dashboard', projectUuid, dashboardUuid },
          // Lightdash's row-level scoping: the user's tenant, decided here, not by the browser.
          userAttributes: { tenant: user.tenant },
          user: { externalId: user.id, email: user.email },
        },
        ttl,
        hmacKey(secret),
      );
      // Lightdash's own getEmbedUrl: the dashboard is named by the token, the path by the project.
      embedUrl = `${biOrigin}/embed/${projectUuid}#${token}`;
    } else {
      const id = q.get(kind);
      if (!/^\d+$/.test(id) || !allowed[kind].includes(Number(id))) {
        return fail(404, `No such ${kind}.`);
      }
      instanceUrl = metabaseUrl;
      // Locked parameters: set from the session, so a viewer can't pick another tenant.
      const params = metabase ? metabase.lockedParams : { tenant: user.tenant };
      token = await sign({ resource: { [kind]: Number(id) }, params }, ttl, metabaseKey);
      embedUrl = `${metabaseUrl}/embed/${kind}/${token}#bordered=true&titled=true`;
    }
    log(`signed ${kind} ${q.get(kind)} for ${user.id} (tenant ${user.tenant}), valid ${ttl} s`);

    if (format === 'jwt') return sendText(res, 200, token, noStore);
    if (format === 'url') return sendJson(res, 200, { url: embedUrl }, noStore);
    return sendJson(
      res,
      200,
      { token, instanceUrl, ...(projectUuid && { projectUuid }), expiresIn: ttl },
      noStore,
    );
  }

  async function renderPage(res, name, url) {
    const ttl = parseTtl(url.searchParams.get('ttl')) ?? TTL_DEFAULT;
    const choices = TTL_CHOICES.some(([s]) => s === ttl)
      ? TTL_CHOICES
      : [...TTL_CHOICES, [ttl, `${ttl} seconds`]];
    const template = await readFile(`${PAGES}${name}.html`, 'utf8');
    const html = fillTemplate(template, {
      biOrigin,
      metabaseUrl,
      metabaseLabel: metabase ? new URL(metabaseUrl).host : 'stand-in',
      ttl,
      ttlOptions: raw(
        choices
          .map(
            ([s, label]) =>
              `<option value="${s}"${s === ttl ? ' selected' : ''}>${escapeHtml(label)}</option>`,
          )
          .join(''),
      ),
      dashboardId: allowed.dashboard[0],
      dashboardName: metabase ? `Dashboard ${metabase.dashboardId}` : DASHBOARDS[1].name,
      questionName: metabase ? `Question ${metabase.questionId}` : QUESTIONS[1].name,
      lockedParams:
        Object.keys(metabase ? metabase.lockedParams : { tenant: 1 }).join(', ') || 'none',
      questionId: allowed.question[0],
      lightdashDashboard: Object.keys(LIGHTDASH.dashboards)[0],
      supersetDashboard: SUPERSET.embedId,
      publicUuid: Object.keys(PUBLIC_DASHBOARDS)[0],
      userName: DEMO_USER.name,
      userInitials: DEMO_USER.name.replace(/[^A-Z]/g, ''),
      tenantName: TENANTS[DEMO_USER.tenant],
      bundleNotice: raw(
        existsSync(`${REPO}dist/bi-embed.bundle.js`)
          ? ''
          : '<p class="notice">The element is not built yet: run <code>npm run build</code> (or <code>npm start</code>, which builds first) and reload.</p>',
      ),
      examples: raw(examplesHtml()),
    });
    res.writeHead(200, { ...pageHeaders, 'Content-Length': Buffer.byteLength(html) });
    res.end(res.req.method === 'HEAD' ? undefined : html);
  }

  return async function handle(req, res) {
    const url = new URL(req.url, 'http://host');
    const path = url.pathname;
    const method = req.method === 'HEAD' ? 'GET' : req.method;
    const cors = path === '/api/embed-token' && corsHeaders(req);
    if (method === 'OPTIONS' && cors) {
      // Preflight, for apps that add headers (tokenRequestInit) to the token request.
      res.writeHead(204, {
        ...cors,
        'Access-Control-Allow-Methods': 'GET',
        'Access-Control-Allow-Headers': req.headers['access-control-request-headers'] ?? '',
        'Access-Control-Max-Age': '600',
      });
      return res.end();
    }
    if (method !== 'GET') return sendText(res, 405, 'Method not allowed', { Allow: 'GET, HEAD' });

    if (path === '/') return renderPage(res, 'index', url);
    if (path === '/cms' || path === '/cms.html') return renderPage(res, 'cms', url);
    if (path === '/api/embed-token') return tokenEndpoint(req, res, url);
    if (path === '/favicon.ico' && (await serveFile(res, ASSETS, 'favicon.svg'))) return;
    if (path.startsWith('/assets/') && (await serveFile(res, ASSETS, path.slice(8)))) return;
    if (path.startsWith('/dist/') && (await serveFile(res, `${REPO}dist`, path.slice(6)))) return;
    const example = path.match(/^\/examples\/([\w-]+)\/(.*)$/);
    if (
      example &&
      (await serveFile(res, `${REPO}examples/${example[1]}`, example[2] || 'index.html'))
    )
      return;
    if (path.startsWith('/dist/')) {
      return sendText(res, 404, 'Not built yet: run `npm run build` (npm start does it for you).');
    }
    return sendText(res, 404, 'Not found');
  };
}

/** Links to the examples in examples/. */
function examplesHtml() {
  const dir = `${REPO}examples`;
  if (!existsSync(dir)) return '';
  const entries = readdirSync(dir, { withFileTypes: true }).filter(
    (d) => d.isDirectory() && /^[\w-]+$/.test(d.name),
  );
  if (!entries.length) return '';
  // A static page is served from here; a framework app (it has a package.json) runs on its own
  // dev server: see the README's "Use the demo from your framework's dev server".
  const items = entries.map(({ name }) =>
    existsSync(`${dir}/${name}/index.html`) && !existsSync(`${dir}/${name}/package.json`)
      ? `<li><a href="/examples/${name}/">${escapeHtml(name)}</a></li>`
      : `<li><code>examples/${escapeHtml(name)}/</code> (<code>npm run dev</code> there)</li>`,
  );
  return `<section class="panel examples"><h2>Framework examples</h2><p class="meta">The same element in framework apps.</p><ul>${items.join('')}</ul></section>`;
}
