// The stand-in BI pages the test iframes load, served on the second origin (127.0.0.1). Every
// embed path answers test/fixtures/embed-page.html; the page reads its behaviour from the JWT's
// `test.frame` claim or a `frame=` query/hash entry (see that file). This server reads the same
// claim (or query) to add iframe-resizer's real v4 child script and the framing headers.
import { readFile } from 'node:fs/promises';

const EMBED_PATH =
  /^\/(embed\/(dashboard|question)\/[\w.-]+|embed\/[\w-]+\/(dashboard|chart)\/[\w-]+|public\/(dashboard|question)\/[\w-]+)\/?$/;
const LIGHTDASH_PATH = /^\/embed\/[\w-]+\/(dashboard|chart)\//;
const CHILD_PATH = '/iframe-resizer/child.js';
const RESIZED = new Set(['metabase', 'resizer', 'loop', 'xfo', 'csp']);
// What Metabase's embed page does before it loads the child.
const RESIZER_TAGS = `<script>window.iFrameResizer = { heightCalculationMethod: 'max' };</script>
    <script src="${CHILD_PATH}"></script>`;

function behaviourOf(ctx) {
  const jwt = ctx.path.split('/').find((s) => /^[\w-]+\.[\w-]+\.[\w-]*$/.test(s));
  let claim;
  try {
    claim = JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString()).test?.frame;
  } catch {
    // No JWT in the path (public links, Lightdash): the query or the default decides.
  }
  const query = new URLSearchParams(ctx.querystring).get('frame');
  return claim ?? query ?? (LIGHTDASH_PATH.test(ctx.path) ? 'lightdash' : 'metabase');
}

export async function framePage(ctx) {
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
  if (!EMBED_PATH.test(ctx.path)) return false;
  const behaviour = behaviourOf(ctx);
  const page = await readFile(new URL('../fixtures/embed-page.html', import.meta.url), 'utf8');
  ctx.status = 200;
  ctx.type = 'text/html';
  ctx.set('Cache-Control', 'no-store');
  if (behaviour === 'xfo') ctx.set('X-Frame-Options', 'DENY');
  if (behaviour === 'csp') ctx.set('Content-Security-Policy', "frame-ancestors 'none'");
  ctx.body = page.replace('<!-- iframe-resizer -->', RESIZED.has(behaviour) ? RESIZER_TAGS : '');
  return true;
}
