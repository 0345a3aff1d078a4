// The stand-in BI pages the test iframes load, served on the second origin (127.0.0.1). They are
// as harsh as the real tools (the routes and token rules are the demo stand-in's, shared):
// - Metabase paths answer test/fixtures/embed-page.html with 200 whatever the token; the page then
//   calls /api/embed/<kind>/<JWT>, which checks the token as Metabase does (400 for a bad
//   signature, an expired token or one without `params`), and shows the error inside the page.
// - Lightdash serves only its real routes; any other /embed/ path shows its "not found" page
//   (200). The page reads the JWT from the hash, checks it through the API (403 when refused),
//   and posts events only to an allowed `targetOrigin`, never an error event.
// The page's behaviour (which messages it posts) comes from the JWT's `test.frame` claim or a
// `frame=` query/hash entry (see embed-page.js); this server reads the same to add iframe-resizer's
// real v4 child script and framing headers.
import { readFile } from 'node:fs/promises';
import { embedRoute } from '../../demo/bi/routes.mjs';
import {
  EmbedError,
  checkLightdashEmbed,
  checkMetabaseEmbed,
  checkSupersetGuestToken,
} from '../../demo/bi/rules.mjs';
import { TEST_SECRET, supersetAudience } from './token-endpoint.mjs';

const CHILD_PATH = '/iframe-resizer/child.js';
const RESIZED = new Set(['metabase', 'resizer', 'loop', 'xfo', 'csp']);
// What Metabase's embed page does before it loads the child.
const RESIZER_TAGS = `<script>window.iFrameResizer = { heightCalculationMethod: 'max' };</script>
    <script src="${CHILD_PATH}"></script>`;
/** A Lightdash project whose embed settings allow no origin: its pages post no events. */
export const CLOSED_PROJECT = 'closed-project';

function behaviourOf(ctx, route) {
  let claim;
  try {
    claim = JSON.parse(Buffer.from(route.token.split('.')[1], 'base64url').toString()).test?.frame;
  } catch {
    // No JWT in the path (public links, Lightdash): the query or the page decides.
  }
  return claim ?? new URLSearchParams(ctx.querystring).get('frame') ?? route.tool;
}

/** The Metabase API behind the embed page: 200 with the object's name, or Metabase's refusal. */
async function metabaseApi(ctx, kind, token) {
  try {
    await checkMetabaseEmbed(token, kind, TEST_SECRET);
    ctx.status = 200;
    ctx.body = { name: `Stand-in ${kind}` };
  } catch (error) {
    if (!(error instanceof EmbedError)) throw error;
    ctx.status = error.status;
    ctx.type = 'text/plain';
    ctx.body = error.message;
  }
}

/** The Lightdash API: the content the token names, or a 403/404 in Lightdash's error shape. */
async function lightdashApi(ctx, projectUuid, frameOrigin) {
  try {
    const token = ctx.get('lightdash-embed-token');
    const content = (await checkLightdashEmbed(token, projectUuid, TEST_SECRET)).content ?? {};
    const host = `http://localhost:${new URL(frameOrigin).port}`;
    ctx.status = 200;
    ctx.body = {
      status: 'ok',
      results: {
        type: content.type,
        tilesCount: content.type === 'chart' ? 1 : 3,
        allowedOrigins: projectUuid === CLOSED_PROJECT ? [] : [host],
      },
    };
  } catch (error) {
    if (!(error instanceof EmbedError)) throw error;
    ctx.status = error.status;
    ctx.body = { status: 'error', error: { statusCode: error.status, message: error.message } };
  }
}

/** What each Superset embed id saw: page loads, and the API calls with their verdicts. */
const supersetLog = new Map();
function supersetEntry(embedId) {
  if (!supersetLog.has(embedId)) supersetLog.set(embedId, { pages: 0, accepted: [], refused: 0 });
  return supersetLog.get(embedId);
}

/** GET /api/superset-log?id=…: what the Superset stand-in saw for that embedded dashboard. */
export function supersetLogRoute(ctx) {
  ctx.type = 'application/json';
  ctx.body = JSON.stringify(supersetEntry(new URLSearchParams(ctx.querystring).get('id') ?? ''));
}

/**
 * Superset's API behind the embedded page: the guest token in `X-GuestToken` is checked as
 * Superset checks it (401 without a valid guest user, 403 for another dashboard). `embedId` is
 * the dashboard whose page calls (its `Referer` path, as Superset reads the resource).
 */
async function supersetApi(ctx, embedId, answer) {
  const entry = supersetEntry(embedId);
  try {
    const claims = await checkSupersetGuestToken(
      ctx.get('x-guesttoken'),
      embedId,
      TEST_SECRET,
      supersetAudience(ctx.origin),
    );
    entry.accepted.push({ path: ctx.path, seq: claims.seq ?? null, at: Date.now() });
    ctx.status = 200;
    ctx.body = answer;
  } catch (error) {
    if (!(error instanceof EmbedError)) throw error;
    entry.refused++;
    ctx.status = error.status;
    ctx.body = { message: error.message };
  }
}

/** The embedded dashboard page; `?frame=` (a `params` value) picks the stand-in's behaviour. */
function supersetPage(ctx, embedId) {
  supersetEntry(embedId).pages++;
  const port = new URL(ctx.origin).port;
  const bootstrap = {
    allowedDomains: [`http://localhost:${port}`],
    behaviour: new URLSearchParams(ctx.querystring).get('frame') ?? 'superset',
    test: true,
  };
  ctx.status = 200;
  ctx.type = 'text/html';
  ctx.set('Cache-Control', 'no-store');
  ctx.body = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Superset</title>
<style>body { margin: 0; font: 14px system-ui, sans-serif } #root { height: 600px }</style>
<script type="application/json" id="bootstrap">${JSON.stringify(bootstrap)}</script>
<script type="module" src="/demo/bi/assets/superset.js"></script>
</head><body><div id="root"></div></body></html>`;
}

export async function framePage(ctx) {
  if (ctx.path === '/demo/bi/assets/switchboard.js') {
    // Superset's real switchboard package, as published (it imports nothing).
    ctx.type = 'text/javascript';
    ctx.body = await readFile(
      new URL('../../node_modules/@superset-ui/switchboard/esm/switchboard.js', import.meta.url),
    );
    return true;
  }
  if (ctx.path === CHILD_PATH) {
    ctx.type = 'text/javascript';
    ctx.body = await readFile(
      new URL(
        '../../node_modules/iframe-resizer/js/iframeResizer.contentWindow.js',
        import.meta.url,
      ),
    );
    return true;
  }
  let m;
  if ((m = ctx.path.match(/^\/api\/embed\/(dashboard|question)\/([^/]+)$/))) {
    await metabaseApi(ctx, m[1], m[2]);
    return true;
  }
  if (ctx.path.match(/^\/api\/public\/(dashboard|question)\/[^/]+$/)) {
    ctx.body = { name: 'Stand-in public link' };
    return true;
  }
  if (ctx.method === 'POST' && (m = ctx.path.match(/^\/api\/v1\/embed\/([^/]+)\/content$/))) {
    await lightdashApi(ctx, decodeURIComponent(m[1]), ctx.origin);
    return true;
  }
  const referer = (() => {
    try {
      return embedRoute(new URL(ctx.get('referer')).pathname);
    } catch {
      return undefined;
    }
  })();
  if (ctx.path.startsWith('/api/v1/') && referer?.tool === 'superset') {
    if (ctx.path === '/api/v1/me/roles/') {
      await supersetApi(ctx, referer.embedId, { result: { roles: { Public: [] } } });
      return true;
    }
    if ((m = ctx.path.match(/^\/api\/v1\/dashboard\/([^/]+)$/))) {
      await supersetApi(ctx, decodeURIComponent(m[1]), {
        title: 'Stand-in Superset dashboard',
        filters: [{ id: 'NATIVE_FILTER-region', name: 'Region', options: ['North', 'South'] }],
        charts: ['Orders by month'],
      });
      return true;
    }
  }
  const route = embedRoute(ctx.path);
  if (!route) return false;
  if (route.tool === 'superset') {
    supersetPage(ctx, route.embedId);
    return true;
  }
  const tool = route.notFound ? 'not-found' : route.tool;
  const behaviour = route.notFound ? 'silent' : behaviourOf(ctx, route);
  const page = await readFile(new URL('../fixtures/embed-page.html', import.meta.url), 'utf8');
  ctx.status = 200;
  ctx.type = 'text/html';
  ctx.set('Cache-Control', 'no-store');
  if (behaviour === 'xfo') ctx.set('X-Frame-Options', 'DENY');
  if (behaviour === 'csp') ctx.set('Content-Security-Policy', "frame-ancestors 'none'");
  ctx.body = page
    .replace('<html lang="en">', `<html lang="en" data-tool="${tool}">`)
    .replace('<!-- iframe-resizer -->', RESIZED.has(behaviour) ? RESIZER_TAGS : '');
  return true;
}
