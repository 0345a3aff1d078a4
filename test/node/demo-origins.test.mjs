// DEMO_ALLOWED_ORIGINS: a page on another origin (a framework's dev server) gets tokens from the
// demo's endpoint (CORS) and may frame the stand-in's embeds (frame-ancestors); other origins
// still get neither. Run: node --test test/node/demo-origins.test.mjs (after `npm run build`).
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { configFromEnv } from '../../demo/config.mjs';
import { startDemo } from '../../demo/server.mjs';
import { chromiumLaunchOptions } from '../../scripts/chromium.mjs';

const BUNDLE = fileURLToPath(new URL('../../dist/bi-embed.bundle.js', import.meta.url));

/** Opens `url` and resolves with the first bi-embed-load or bi-embed-error detail (10 s at most). */
async function firstEvent(browser, url) {
  const page = await browser.newPage();
  try {
    // Listening from before the page's scripts run: the event may come before `goto` resolves.
    await page.evaluateOnNewDocument(() => {
      window.__first = new Promise((resolve) => {
        for (const type of ['bi-embed-load', 'bi-embed-error']) {
          document.addEventListener(type, (e) => resolve({ type, ...e.detail }), { once: true });
        }
      });
    });
    await page.goto(url);
    return await page.evaluate(() =>
      Promise.race([
        window.__first,
        new Promise((resolve) => setTimeout(() => resolve({ type: 'nothing in 10 s' }), 10_000)),
      ]),
    );
  } finally {
    await page.close();
  }
}

/** The load event of the demo's Metabase dashboard. */
const metabaseLoad = (demo) => ({
  type: 'bi-embed-load',
  provider: 'metabase',
  origin: demo.biUrl,
  signal: 'message',
});

describe('DEMO_ALLOWED_ORIGINS', () => {
  let browser;
  const open = [];

  before(async () => {
    assert.ok(existsSync(BUNDLE), 'dist/bi-embed.bundle.js is missing: run `npm run build` first');
    browser = await puppeteer.launch(chromiumLaunchOptions());
  });

  after(async () => {
    await browser?.close();
    for (const close of open) await close();
  });

  test('reads a comma list of origins, and refuses anything that is not an origin', () => {
    const env = { DEMO_ALLOWED_ORIGINS: 'http://localhost:5173, http://localhost:4200/' };
    assert.deepEqual(configFromEnv(env).allowedOrigins, [
      'http://localhost:5173',
      'http://localhost:4200',
    ]);
    assert.deepEqual(configFromEnv({}).allowedOrigins, []);
    for (const bad of ['localhost:5173', 'http://localhost:5173/app', 'ftp://x.example']) {
      assert.throws(
        () => configFromEnv({ DEMO_ALLOWED_ORIGINS: bad }),
        /DEMO_ALLOWED_ORIGINS: .* is not an origin/,
      );
    }
  });

  test('a page on an allowed origin loads the dashboard; the endpoint answers it with CORS', async () => {
    // The dev server's origin must be known before the demo starts: bind it first, then serve.
    const { server, origin } = await devServerOnFreePort();
    const demo = await startDemo({ hostPort: 0, biPort: 0, allowedOrigins: [origin], quiet: true });
    open.push(
      () => demo.close(),
      () => new Promise((r) => server.close(r)),
    );
    server.demoUrl = demo.hostUrl;

    const res = await fetch(`${demo.hostUrl}/api/embed-token?dashboard=1`, {
      headers: { Origin: origin, 'Sec-Fetch-Site': 'same-site' },
    });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('access-control-allow-origin'), origin);
    const preflight = await fetch(`${demo.hostUrl}/api/embed-token?dashboard=1`, {
      method: 'OPTIONS',
      headers: { Origin: origin, 'Access-Control-Request-Headers': 'x-csrf-token' },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-headers'), 'x-csrf-token');
    const other = await fetch(`${demo.hostUrl}/api/embed-token?dashboard=1`, {
      headers: { Origin: 'http://localhost:1', 'Sec-Fetch-Site': 'same-site' },
    });
    assert.equal(other.status, 403);
    assert.equal(other.headers.get('access-control-allow-origin'), null);

    const detail = await firstEvent(browser, `${origin}/`);
    assert.deepEqual(detail, metabaseLoad(demo));
  });

  test('the plain-HTML example (examples/html) loads its dashboard from the demo', async () => {
    const demo = await startDemo({ hostPort: 0, biPort: 0, quiet: true });
    open.push(() => demo.close());
    const detail = await firstEvent(browser, `${demo.hostUrl}/examples/html/`);
    assert.deepEqual(detail, metabaseLoad(demo));
  });

  test('without it, the same page gets token-network', async () => {
    const { server, origin } = await devServerOnFreePort();
    const demo = await startDemo({ hostPort: 0, biPort: 0, quiet: true });
    open.push(
      () => demo.close(),
      () => new Promise((r) => server.close(r)),
    );
    server.demoUrl = demo.hostUrl;
    const detail = await firstEvent(browser, `${origin}/`);
    assert.equal(detail.type, 'bi-embed-error');
    assert.equal(detail.code, 'token-network');
  });
});

/**
 * A stand-in dev server on localhost:<free port>, another origin than the demo's: one page that
 * embeds the demo's dashboard from `server.demoUrl`, set once the demo has started.
 */
async function devServerOnFreePort() {
  const server = createServer((req, res) => {
    if (req.url === '/bi-embed.bundle.js') {
      res.writeHead(200, { 'Content-Type': 'text/javascript' });
      return res.end(readFileSync(BUNDLE));
    }
    const demoUrl = server.demoUrl;
    const html = `<!doctype html><meta charset="utf-8"><title>dev server</title>
<script type="module" src="/bi-embed.bundle.js"></script>
<bi-embed token-endpoint="${demoUrl}/api/embed-token?dashboard=1" params='{"category":"Gizmo"}'></bi-embed>`;
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(html);
  });
  await new Promise((resolve) => server.listen(0, 'localhost', resolve));
  return { server, origin: `http://localhost:${server.address().port}` };
}
