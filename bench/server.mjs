// The benchmark's web server: Node's http module, bound to 127.0.0.1 only. Pages are opened as
// http://localhost:<port> and embeds load from http://127.0.0.1:<port>: the same server, another
// origin, so the frames are really cross-origin (and out of process, as Chromium isolates sites).
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname } from 'node:path';
import { SignJWT } from 'jose';

const ROOT = new URL('../', import.meta.url);
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.json': 'application/json' };
const secret = new TextEncoder().encode('bi-embed-bench-secret-0123456789abcdef');

// URL path → file. The stand-in BI page answers every Metabase-shaped embed path, as
// test/server/frames.mjs does for the tests; the rest are fixed files.
const FILES = {
  '/vendor/iframeResizer.js': 'node_modules/iframe-resizer/js/iframeResizer.js',
  '/vendor/child.js': 'node_modules/iframe-resizer/js/iframeResizer.contentWindow.js',
};
const EMBED_PATH = /^\/embed\/(dashboard|question)\/[\w.-]+$/;
const PAGE_PATH = /^\/pages\/[\w-]+\.(html|js)$/;

/**
 * A signed Metabase-shaped token for dashboard 1. `color` (a CSS colour) is a claim the stand-in
 * page paints itself with, so screenshots tell one token's page from another's.
 */
export function signToken({ color = '#00a000', ttl = 600 } = {}) {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ resource: { dashboard: 1 }, params: {}, bench: { color } })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuedAt(now)
    .setExpirationTime(now + ttl)
    .sign(secret);
}

function fileFor(path) {
  if (FILES[path]) return FILES[path];
  if (EMBED_PATH.test(path)) return 'bench/pages/child.html';
  if (PAGE_PATH.test(path)) return `bench${path}`;
  return undefined;
}

async function handle(req, res, frameOrigin, dist) {
  const url = new URL(req.url, 'http://bench');
  const headers = { 'Cache-Control': 'no-store' };
  if (url.pathname === '/api/token') {
    const token = await signToken({ color: url.searchParams.get('color') ?? undefined });
    const body = JSON.stringify({ token, instanceUrl: frameOrigin });
    res.writeHead(200, { ...headers, 'Content-Type': 'application/json' }).end(body);
    return;
  }
  if (url.pathname === '/dist/bi-embed.bundle.js') {
    res.writeHead(200, { ...headers, 'Content-Type': TYPES['.js'] });
    res.end(dist.get('dist/bi-embed.bundle.js'));
    return;
  }
  const file = fileFor(url.pathname);
  if (!file) {
    res.writeHead(404, headers).end('not found');
    return;
  }
  const body = await readFile(new URL(file, ROOT));
  res.writeHead(200, { ...headers, 'Content-Type': TYPES[extname(file)] }).end(body);
}

/**
 * Starts the server on a free port; `hostOrigin` serves the pages, `frameOrigin` the embeds, and
 * our bundle comes from `dist` (a snapshot of the build, see dist.mjs).
 */
export async function startServer(dist) {
  let frameOrigin = '';
  const server = createServer((req, res) =>
    handle(req, res, frameOrigin, dist).catch((error) => {
      res.writeHead(500).end(String(error));
    }),
  );
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  frameOrigin = `http://127.0.0.1:${port}`;
  return {
    hostOrigin: `http://localhost:${port}`,
    frameOrigin,
    close: () =>
      new Promise((resolve) => {
        server.close(resolve);
        server.closeAllConnections();
      }),
  };
}
