// The stand-in BI server: Metabase static embeds (/embed/dashboard|question/<JWT>), Metabase
// public links (/public/dashboard/<uuid>) and Lightdash JWT embeds (/embed/<project>#<JWT>), served
// from another origin than the host app so the element's cross-origin handling is really
// exercised. It fails as the tools fail: Metabase serves its page with 200 whatever the token and
// shows the API's refusal inside it; Lightdash serves only its real routes (any other /embed/ path
// is its "not found" page) and posts no event about a refused token.
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  DASHBOARDS,
  LIGHTDASH,
  PARAMETERS,
  PUBLIC_DASHBOARDS,
  QUESTIONS,
  SUPERSET,
  filterOrders,
  runCard,
} from './catalog.mjs';
import { embedRoute } from './routes.mjs';
import {
  EmbedError,
  checkLightdashEmbed,
  checkMetabaseEmbed,
  checkParams,
  checkSupersetGuestToken,
  userParams,
} from './rules.mjs';
import { escapeHtml, jsonForScript, send, sendJson, sendText, serveFile } from '../lib/http.mjs';

const ASSETS = fileURLToPath(new URL('./assets/', import.meta.url));
// The real iframe-resizer v4 child script (MIT), the one Metabase's embed pages load.
const RESIZER_DIR = dirname(
  createRequire(import.meta.url).resolve('iframe-resizer/js/iframeResizer.contentWindow.js'),
);

// Superset's real switchboard package (Apache-2.0), the one its embedded page runs, served as is.
const SWITCHBOARD_DIR = dirname(
  createRequire(import.meta.url).resolve('@superset-ui/switchboard/esm/switchboard.js'),
);

const JWT_SHAPE = /^[\w-]+\.[\w-]+\.[\w-]*$/;

/**
 * Creates the stand-in's request handler. `hostOrigins` are the pages allowed to frame it
 * (Metabase's "embedding app origins", Lightdash's allowed origins).
 */
export function createBiApp({ secret, hostOrigins, log = () => {} }) {
  // Embed pages carry a signed token in their URL and tenant data in their body: never cached,
  // never sent on as a Referer, framed only by the host app (frame-ancestors, like Metabase does).
  const pageHeaders = {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    'Referrer-Policy': 'no-referrer',
    'Content-Security-Policy': [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' data:",
      "base-uri 'none'",
      "form-action 'none'",
      `frame-ancestors 'self' ${hostOrigins.join(' ')}`,
    ].join('; '),
  };

  function page(res, status, { title, lang = 'en', css, script, bootstrap }) {
    const html = `<!doctype html>
<html lang="${escapeHtml(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="icon" href="/app/favicon.svg">
<link rel="stylesheet" href="/app/${css}">
<script type="application/json" id="bootstrap">${jsonForScript(bootstrap)}</script>
<script type="module" src="/app/${script}"></script>
</head>
<body><div id="root"></div></body>
</html>`;
    send(res, status, html, pageHeaders);
  }

  const metabasePage = (res, status, bootstrap) =>
    page(res, status, {
      title: 'Metabase',
      css: 'metabase.css',
      script: 'metabase.js',
      bootstrap,
    });

  function logRefusal(req, error) {
    const path = req.url
      .split('?')[0]
      .replace(/[\w-]{12,}\.[\w-]+\.[\w-]*/, (t) => t.slice(0, 10) + '…');
    log(`${error.status} ${req.method} ${path}: ${error.message}`);
  }

  /** Verified claims → the resource and the parameter values Metabase would run it with. */
  async function signedResource(kind, jwt, searchParams) {
    if (!JWT_SHAPE.test(jwt)) throw new EmbedError(400, 'Message seems corrupt or manipulated');
    const { claims, id } = await checkMetabaseEmbed(jwt, kind, secret);
    const resource = (kind === 'dashboard' ? DASHBOARDS : QUESTIONS)[id];
    if (!resource) throw new EmbedError(404, 'Not found.');
    const tokenParams = claims.params ?? {};
    const values = checkParams(resource.embeddingParams, tokenParams, userParams(searchParams));
    // Metabase shows widgets only for enabled parameters the JWT leaves open.
    const visible = Object.entries(resource.embeddingParams)
      .filter(([slug, status]) => status === 'enabled' && tokenParams[slug] == null)
      .map(([slug]) => PARAMETERS[slug]);
    return { resource, values, visible };
  }

  function publicResource(uuid, searchParams) {
    const resource = PUBLIC_DASHBOARDS[uuid];
    if (!resource) throw new EmbedError(404, 'Not found.');
    const given = userParams(searchParams);
    // Public links have no locked parameters; values for parameters the dashboard lacks are ignored.
    const values = Object.fromEntries(
      resource.parameters.filter((s) => s in given).map((s) => [s, given[s]]),
    );
    return { resource, values, visible: resource.parameters.map((slug) => PARAMETERS[slug]) };
  }

  const bootstrapFor = (kind, { resource, visible }) => ({
    kind,
    name: resource.name,
    description: resource.description,
    parameters: visible,
    cards: resource.cards,
  });

  const results = ({ resource, values }) => {
    const rows = filterOrders(values);
    return { cards: Object.fromEntries(resource.cards.map((c) => [c.id, runCard(c.id, rows)])) };
  };

  async function lightdashDashboard(req, projectUuid) {
    const claims = await checkLightdashEmbed(
      req.headers['lightdash-embed-token'],
      projectUuid,
      secret,
    );
    const { type, dashboardUuid } = claims.content ?? {};
    if (projectUuid !== LIGHTDASH.projectUuid) throw new EmbedError(404, 'Project not found');
    const dashboard = type === 'dashboard' && LIGHTDASH.dashboards[dashboardUuid];
    if (!dashboard) throw new EmbedError(404, 'Dashboard not found');
    return { claims, dashboard, dashboardUuid };
  }

  const lightdashError = (res, error) =>
    sendJson(res, error.status, {
      status: 'error',
      error: {
        statusCode: error.status,
        name: { 403: 'ForbiddenError', 404: 'NotFoundError' }[error.status] ?? 'ParameterError',
        message: error.message,
      },
    });

  return async function handle(req, res) {
    const url = new URL(req.url, 'http://stand-in');
    const path = url.pathname;
    const method = req.method === 'HEAD' ? 'GET' : req.method;
    let m;

    if (method === 'GET' && path === '/') {
      if (
        await serveFile(res, ASSETS, 'index.html', {
          'Content-Security-Policy': "default-src 'self'",
        })
      )
        return;
    }
    if (method === 'GET' && path === '/app/iframeResizer.contentWindow.js') {
      if (await serveFile(res, RESIZER_DIR, 'iframeResizer.contentWindow.js')) return;
    }
    if (method === 'GET' && path === '/app/switchboard.js') {
      if (await serveFile(res, SWITCHBOARD_DIR, 'switchboard.js')) return;
    }
    if (method === 'GET' && path.startsWith('/app/')) {
      if (await serveFile(res, ASSETS, path.slice('/app/'.length))) return;
    }

    const route = method === 'GET' ? embedRoute(path) : undefined;
    // Metabase embed pages and public links: a 200 shell whatever the token. The page then asks
    // the API below for its object and shows the refusal, if any, inside itself.
    if (route?.tool === 'metabase') {
      return metabasePage(res, 200, { kind: route.token ? route.kind : 'public' });
    }
    if ((m = path.match(/^\/api\/embed\/(dashboard|question)\/([^/]+)$/)) && method === 'GET') {
      try {
        return sendJson(
          res,
          200,
          bootstrapFor(m[1], await signedResource(m[1], m[2], url.searchParams)),
          { 'Cache-Control': 'no-store' },
        );
      } catch (error) {
        if (!(error instanceof EmbedError)) throw error;
        logRefusal(req, error);
        return sendText(res, error.status, error.message, { 'Cache-Control': 'no-store' });
      }
    }
    // ...and the dataset API behind them, checked again on every query, as Metabase does: an
    // expired token stops working for filter changes too, which is why the element refreshes.
    if (
      method === 'GET' &&
      (m = path.match(/^\/api\/embed\/(dashboard|question)\/([^/]+)\/query$/))
    ) {
      try {
        return sendJson(res, 200, results(await signedResource(m[1], m[2], url.searchParams)), {
          'Cache-Control': 'no-store',
        });
      } catch (error) {
        if (!(error instanceof EmbedError)) throw error;
        logRefusal(req, error);
        return sendText(res, error.status, error.message, { 'Cache-Control': 'no-store' });
      }
    }

    // Metabase public links: no token at all.
    if (method === 'GET' && (m = path.match(/^\/api\/public\/dashboard\/([^/]+)$/))) {
      try {
        return sendJson(res, 200, bootstrapFor('public', publicResource(m[1], url.searchParams)));
      } catch (error) {
        if (!(error instanceof EmbedError)) throw error;
        return sendText(res, error.status, error.message);
      }
    }
    if (
      method === 'GET' &&
      (m = path.match(/^\/api\/public\/dashboard\/([0-9a-f-]{36})\/query$/))
    ) {
      try {
        return sendJson(res, 200, results(publicResource(m[1], url.searchParams)));
      } catch (error) {
        if (!(error instanceof EmbedError)) throw error;
        return sendText(res, error.status, error.message);
      }
    }

    // Lightdash: the page itself is public (its JWT is in the hash, which never reaches a
    // server); the page reads the token, drops it from the URL and calls the API below with it.
    // Its single-page app answers every /embed/ path, and shows "not found" for the routes its
    // router does not have (such as /embed/<p>/dashboard/<uuid>).
    if (route?.tool === 'lightdash') {
      return page(res, 200, {
        title: 'Lightdash',
        css: 'lightdash.css',
        script: 'lightdash.js',
        bootstrap: { allowedOrigins: hostOrigins, notFound: !!route.notFound },
      });
    }
    if (method === 'POST' && (m = path.match(/^\/api\/v1\/embed\/([0-9a-f-]{36})\/dashboard$/))) {
      try {
        const { dashboard, dashboardUuid } = await lightdashDashboard(req, m[1]);
        return sendJson(res, 200, {
          status: 'ok',
          results: {
            uuid: dashboardUuid,
            name: dashboard.name,
            filters: dashboard.filters.map((slug) => PARAMETERS[slug]),
            tiles: dashboard.tiles.map(({ uuid, display, title }) => ({ uuid, display, title })),
          },
        });
      } catch (error) {
        if (!(error instanceof EmbedError)) throw error;
        logRefusal(req, error);
        return lightdashError(res, error);
      }
    }
    if (
      method === 'POST' &&
      (m = path.match(/^\/api\/v1\/embed\/([0-9a-f-]{36})\/chart-and-results$/))
    ) {
      try {
        const { claims, dashboard } = await lightdashDashboard(req, m[1]);
        const body = await readJson(req);
        const tile = dashboard.tiles.find((t) => t.uuid === body.tileUuid);
        if (!tile) throw new EmbedError(404, 'Chart not found');
        // The viewer's filters apply only to the dashboard's own filter fields; the tenant
        // comes from the token's userAttributes and nothing in the request can widen it.
        const filters = Object.fromEntries(
          dashboard.filters
            .filter((s) => body.dashboardFilters?.[s])
            .map((s) => [s, body.dashboardFilters[s]]),
        );
        const tenant = claims.userAttributes?.tenant;
        const rows = filterOrders({ ...filters, ...(tenant ? { tenant } : {}) });
        return sendJson(res, 200, { status: 'ok', results: runCard(tile.query, rows) });
      } catch (error) {
        if (!(error instanceof EmbedError)) throw error;
        logRefusal(req, error);
        return lightdashError(res, error);
      }
    }

    // Superset: the page is served without a token; the host hands it the guest token over a
    // message port, and the page calls the API with it in `X-GuestToken`.
    if (route?.tool === 'superset') {
      if (route.embedId !== SUPERSET.embedId) return sendText(res, 404, 'Not found.');
      return page(res, 200, {
        title: 'Superset',
        css: 'superset.css',
        script: 'superset.js',
        bootstrap: { allowedDomains: hostOrigins },
      });
    }
    if (
      method === 'GET' &&
      (path === '/api/v1/me/roles/' || path.startsWith('/api/v1/dashboard/'))
    ) {
      try {
        await checkSupersetGuestToken(
          req.headers['x-guesttoken'],
          SUPERSET.embedId,
          secret,
          `http://${req.headers.host}/`,
        );
        if (path === '/api/v1/me/roles/') {
          return sendJson(
            res,
            200,
            { result: { roles: { Public: [] } } },
            { 'Cache-Control': 'no-store' },
          );
        }
        if (path !== `/api/v1/dashboard/${SUPERSET.embedId}`)
          throw new EmbedError(404, 'Not found');
        const { title, filters, charts } = SUPERSET;
        return sendJson(res, 200, { title, filters, charts }, { 'Cache-Control': 'no-store' });
      } catch (error) {
        if (!(error instanceof EmbedError)) throw error;
        logRefusal(req, error);
        return sendJson(res, error.status, { message: error.message });
      }
    }

    if (method !== 'GET' && method !== 'POST') return sendText(res, 405, 'Method not allowed');
    return sendText(res, 404, 'Not found.');
  };
}

/** Reads a small JSON request body (the Lightdash API's); anything odd becomes `{}`. */
async function readJson(req) {
  let body = '';
  for await (const chunk of req) {
    body += chunk;
    if (body.length > 16_384) throw new EmbedError(413, 'Request body too large');
  }
  try {
    const data = JSON.parse(body || '{}');
    return data && typeof data === 'object' ? data : {};
  } catch {
    return {};
  }
}
