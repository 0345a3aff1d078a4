// The demo, end to end: starts `startDemo` on free ports, drives the script-tag page and the CMS
// page in headless Debian Chromium, and checks the stand-in BI server's token rules over HTTP.
// Run: node --test test/node/demo.test.mjs
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { SignJWT, decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose';
import puppeteer from 'puppeteer-core';
import { startDemo } from '../../demo/server.mjs';
import { chromiumLaunchOptions } from '../../scripts/chromium.mjs';

const SECRET = 'demo-test-secret-0123456789abcdef0123456789';
const KEY = new TextEncoder().encode(SECRET);
const SERVER = fileURLToPath(new URL('../../demo/server.mjs', import.meta.url));
const EVENTS = ['load', 'error', 'filter-change', 'resize', 'token-refresh'];
const CATEGORY = 'select[data-slug="category"]';
const TOGGLE = '[data-card="latest-orders"] button[data-action="toggle-rows"]';
const TTL = 10; // seconds: the element must refresh within 5-8 s of each token

let demo;
let browser;

before(async () => {
  demo = await startDemo({ hostPort: 0, biPort: 0, secret: SECRET, quiet: true });
  browser = await puppeteer.launch(chromiumLaunchOptions());
});

after(async () => {
  await browser?.close();
  await demo?.close();
});

/** The browser tests need the built element: say so plainly when it is missing. */
function requireBundles() {
  for (const file of ['bi-embed.bundle.js', 'bi-embed.iife.js']) {
    const path = fileURLToPath(new URL(`../../dist/${file}`, import.meta.url));
    assert.ok(existsSync(path), `dist/${file} is missing: run \`npm run build\` first`);
  }
}

/** Signs a Metabase-shaped token with the demo's secret, `exp` relative to now (seconds). */
async function metabaseToken({
  exp,
  params = { tenant: 'northwind' },
  resource = { dashboard: 1 },
}) {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ resource, params })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuedAt(now - 600)
    .setExpirationTime(now + exp)
    .sign(KEY);
}

/** A page that records every bi-embed-* event of the top document in `window.__events`. */
async function openRecorded(path) {
  const page = await browser.newPage();
  await page.setViewport({ width: 1440, height: 900 });
  const problems = [];
  page.on('pageerror', (error) => problems.push(error.message));
  await page.evaluateOnNewDocument((events) => {
    if (window.top !== window) return;
    window.__events = [];
    for (const type of events) {
      document.addEventListener(
        `bi-embed-${type}`,
        (e) => {
          // Elements without an id are named by position: bi-embed[0], bi-embed[1]…
          const index = [...document.querySelectorAll('bi-embed')].indexOf(e.target);
          const id = e.target.id || `bi-embed[${index}]`;
          window.__events.push({ id, type, detail: e.detail, at: Date.now() });
        },
        true,
      );
    }
  }, EVENTS);
  await page.goto(`${demo.hostUrl}${path}`, { waitUntil: 'load' });
  return { page, problems };
}

/** Waits for an event from element `id` recorded at index `from` or later; returns it with its index. */
async function waitForEvent(page, id, type, { from = 0, timeout = 20_000, where = null } = {}) {
  const handle = await page
    .waitForFunction(
      (id, type, from, where) => {
        // `where` is [field, '<' | '>', number]: data, not code (the page's CSP forbids eval).
        const test = (d) =>
          !where || (where[1] === '>' ? d[where[0]] > where[2] : d[where[0]] < where[2]);
        const match = (e) => e.id === id && e.type === type && test(e.detail);
        const index = window.__events.findIndex((e, i) => i >= from && match(e));
        return index >= 0 && { index, ...window.__events[index] };
      },
      { timeout, polling: 100 },
      id,
      type,
      from,
      where,
    )
    .catch(async (error) => {
      const seen = await page.evaluate(() => window.__events.map((e) => `${e.id}:${e.type}`));
      throw new Error(
        `no ${type} from #${id} (${error.message}); events so far: ${seen.join(', ')}`,
      );
    });
  return handle.jsonValue();
}

const eventCount = (page) => page.evaluate(() => window.__events.length);

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Evaluates `fn(...args)` in the element's visible iframe and returns the result (JSON values).
 *
 * The embeds are cross-origin, so Chromium runs them out of process. Puppeteer's Frame objects
 * for such frames sometimes never learn their execution context on a busy machine (evaluate then
 * hangs), so this talks to the frame's own target over a CDP session instead, found by the URL
 * path the element gave the iframe (it holds the JWT, so it is unique). A refresh may swap the
 * iframe meanwhile: then the new one is looked up.
 */
async function inFrame(page, id, fn, ...args) {
  const expression = `(${fn})(...${JSON.stringify(args)})`;
  for (let attempt = 1; ; attempt++) {
    const path = await page.evaluate((id) => {
      const frame = document.getElementById(id).shadowRoot.querySelector('iframe:not(.pending)');
      return frame && new URL(frame.src).pathname;
    }, id);
    const target = browser
      .targets()
      .find((t) => t.type() === 'other' && t.url() && new URL(t.url()).pathname === path);
    try {
      if (!target) throw new Error(`no frame target for #${id} yet`);
      const session = await target.createCDPSession();
      try {
        const { result, exceptionDetails } = await session.send('Runtime.evaluate', {
          expression,
          returnByValue: true,
          awaitPromise: true,
        });
        if (exceptionDetails)
          throw new Error(`in #${id}: ${exceptionDetails.exception?.description}`);
        return result.value;
      } finally {
        await session.detach().catch(() => {});
      }
    } catch (error) {
      if (attempt === 50 || /^in #/.test(error.message)) throw error;
      await sleep(100);
    }
  }
}

/** The height of the element's visible iframe on the page. */
const frameHeight = (page, id) =>
  page.evaluate(
    (id) =>
      document
        .getElementById(id)
        .shadowRoot.querySelector('iframe:not(.pending)')
        .getBoundingClientRect().height,
    id,
  );

/** Waits until `selector` matches inside the element's visible iframe. */
async function waitInFrame(page, id, selector, timeout = 20_000) {
  const until = Date.now() + timeout;
  while (!(await inFrame(page, id, (s) => !!document.querySelector(s), selector))) {
    if (Date.now() > until) throw new Error(`no ${selector} in #${id} after ${timeout} ms`);
    await sleep(100);
  }
}

/**
 * The iframe's height and its content's (measured inside, independent of the viewport) once they
 * match, or after 3 s: iframe-resizer reports within a frame or two; a frame still off after 3 s
 * stays off.
 */
async function settledFrame(page, id) {
  for (let i = 0; ; i++) {
    const height = await frameHeight(page, id);
    const content = await inFrame(page, id, () =>
      Math.ceil(document.getElementById('root').getBoundingClientRect().height),
    );
    if (Math.abs(height - content) <= 2 || i === 30) return { height, content };
    await sleep(100);
  }
}

/** What a viewer's click on `selector` inside the frame does. */
const clickInFrame = (page, id, selector) =>
  inFrame(page, id, (s) => document.querySelector(s).click(), selector);

/** What a viewer's choice of `value` in the `<select>` at `selector` does (as puppeteer's select). */
const selectInFrame = (page, id, selector, value) =>
  inFrame(
    page,
    id,
    (s, v) => {
      const select = document.querySelector(s);
      select.value = v;
      select.dispatchEvent(new Event('input', { bubbles: true }));
      select.dispatchEvent(new Event('change', { bubbles: true }));
    },
    selector,
    value,
  );

describe('demo: script-tag page in headless Chromium', { timeout: 120_000 }, () => {
  let page;
  let problems;

  before(async () => {
    requireBundles();
    // Default token lifetime (10 min): no refresh swaps a frame while these checks look inside.
    ({ page, problems } = await openRecorded('/'));
  });
  after(() => page?.close());

  test('every embed loads', async () => {
    for (const id of [
      'sales-dashboard',
      'aov-question',
      'channel-dashboard',
      'superset-dashboard',
      'public-dashboard',
    ]) {
      const event = await waitForEvent(page, id, 'load');
      assert.ok(
        ['metabase', 'lightdash', 'superset'].includes(event.detail.provider),
        `${id} provider`,
      );
      assert.equal(event.detail.origin, demo.biUrl, `${id} origin`);
    }
    const statuses = await page.evaluate(() =>
      [...document.querySelectorAll('bi-embed')].map((e) => e.status),
    );
    assert.deepEqual(statuses, ['ready', 'ready', 'ready', 'ready', 'ready']);
  });

  test('the dashboard iframe is sized to its content, growing and shrinking with it', async () => {
    // Measure the dashboard with its data drawn, not while its cards say "Loading…".
    await waitInFrame(page, 'sales-dashboard', TOGGLE);
    const settle = () => settledFrame(page, 'sales-dashboard');
    const first = await settle();
    assert.ok(
      Math.abs(first.height - first.content) <= 2,
      `iframe ${first.height}px for content ${first.content}px`,
    );
    assert.notEqual(first.height, 600, 'not the default CSS height');

    const mark = await eventCount(page);
    await clickInFrame(page, 'sales-dashboard', TOGGLE);
    const grown = await waitForEvent(page, 'sales-dashboard', 'resize', {
      from: mark,
      where: ['height', '>', first.height],
    });
    const expanded = await settle();
    assert.ok(expanded.content > first.content + 300, 'the table expanded');
    assert.ok(
      Math.abs(expanded.height - expanded.content) <= 2,
      `grown iframe ${expanded.height}px for ${expanded.content}px`,
    );
    assert.equal(grown.detail.previousHeight, first.height);

    const mark2 = await eventCount(page);
    await clickInFrame(page, 'sales-dashboard', TOGGLE);
    await waitForEvent(page, 'sales-dashboard', 'resize', {
      from: mark2,
      where: ['height', '<', expanded.height],
    });
    const shrunk = await settle();
    assert.ok(Math.abs(shrunk.height - first.content) <= 2, `shrank back to ${shrunk.height}px`);
  });

  test('a frame shorter than the default 600px shrinks to its content (the question)', async () => {
    await waitInFrame(page, 'aov-question', 'svg.chart');
    const { height, content } = await settledFrame(page, 'aov-question');
    assert.ok(content < 600, `the question is ${content}px tall`);
    assert.ok(Math.abs(height - content) <= 2, `iframe ${height}px for content ${content}px`);
  });

  test('Superset: the guest token came over the port, and a native filter change is reported', async () => {
    await waitInFrame(page, 'superset-dashboard', 'select[name="NATIVE_FILTER-category"]');
    const src = await page.evaluate(
      () => document.getElementById('superset-dashboard').shadowRoot.querySelector('iframe').src,
    );
    assert.match(src, /\/embedded\/[\w-]+\?uiConfig=16$/);
    const mark = await eventCount(page);
    await selectInFrame(
      page,
      'superset-dashboard',
      'select[name="NATIVE_FILTER-category"]',
      'Gizmo',
    );
    const event = await waitForEvent(page, 'superset-dashboard', 'filter-change', { from: mark });
    assert.equal(event.detail.provider, 'superset');
    assert.deepEqual(event.detail.filters, { 'NATIVE_FILTER-category': ['Gizmo'] });
  });

  test('a filter change inside the frame is reported by bi-embed-filter-change', async () => {
    const mark = await eventCount(page);
    await selectInFrame(page, 'sales-dashboard', CATEGORY, 'Gizmo');
    const event = await waitForEvent(page, 'sales-dashboard', 'filter-change', { from: mark });
    assert.equal(event.detail.provider, 'metabase');
    assert.equal(event.detail.filters.category, 'Gizmo');
    assert.deepEqual(event.detail.changed, ['category']);
    assert.ok(!JSON.stringify(event.detail).includes('eyJ'), 'no token in the event detail');
    assert.equal(await page.$eval('#sales-dashboard', (e) => e.filters?.category), 'Gizmo');
  });

  test("an expired token gets a 200 page that shows the API's 400 inside it, as Metabase does", async () => {
    const expired = await metabaseToken({ exp: -120 }); // past the 60 s leeway
    const other = await browser.newPage();
    try {
      const api = other.waitForResponse((r) => r.url().includes(`/api/embed/dashboard/${expired}`));
      const response = await other.goto(`${demo.biUrl}/embed/dashboard/${expired}`);
      assert.equal(response.status(), 200);
      assert.equal((await api).status(), 400);
      await other.waitForSelector('.error-state');
      assert.match(await other.$eval('.error-state', (e) => e.textContent), /Token is expired/);
    } finally {
      await other.close();
    }
  });

  test('no page errors, and no token or signed URL in any event detail', async () => {
    assert.deepEqual(problems, []);
    const details = await page.evaluate(() => JSON.stringify(window.__events.map((e) => e.detail)));
    assert.doesNotMatch(details, /eyJ[\w-]+\.|\/embed\//);
  });
});

describe(`demo: ${TTL} s tokens on the script-tag page`, { timeout: 60_000 }, () => {
  let page;
  let problems;
  const lightdashTokens = [];
  const supersetTokens = [];
  const supersetPages = [];
  const record = (req) => {
    if (req.url.endsWith('/dashboard') && req.headers['lightdash-embed-token']) {
      lightdashTokens.push(req.headers['lightdash-embed-token']);
    }
    if (req.url.startsWith('/api/v1/') && req.headers['x-guesttoken']) {
      supersetTokens.push(req.headers['x-guesttoken']);
    }
    if (req.url.startsWith('/embedded/')) supersetPages.push(req.url);
  };

  before(async () => {
    requireBundles();
    demo.biServer.on('request', record);
    ({ page, problems } = await openRecorded(`/?ttl=${TTL}`));
  });
  after(async () => {
    demo.biServer.off('request', record);
    await page?.close();
  });

  test("the dashboard's token is refreshed in time, keeping the viewer's filter", async () => {
    const loaded = await waitForEvent(page, 'sales-dashboard', 'load');
    const firstExpiry = await page.$eval('#sales-dashboard', (e) => e.expiresAt);
    assert.ok(firstExpiry > Date.now() && firstExpiry <= Date.now() + TTL * 1000 + 1000);
    // Choose a filter right away: the first refresh is due 5-8 s after the first token.
    await waitInFrame(page, 'sales-dashboard', CATEGORY);
    await selectInFrame(page, 'sales-dashboard', CATEGORY, 'Gizmo');
    const changed = await waitForEvent(page, 'sales-dashboard', 'filter-change');
    const event = await waitForEvent(page, 'sales-dashboard', 'token-refresh', {
      from: changed.index,
      timeout: 25_000,
    });
    assert.ok(event.detail.expiresAt > firstExpiry, 'the new token expires later');
    assert.equal(event.detail.reloaded, true, 'Metabase needs a new frame for a new token');
    assert.ok(event.at - loaded.at < TTL * 1000, 'refreshed before the first token expired');
    // The new frame shows the filter chosen before the refresh (the README: carried into the new URL).
    await waitInFrame(page, 'sales-dashboard', CATEGORY);
    const shown = await inFrame(
      page,
      'sales-dashboard',
      (s) => ({ search: location.search, value: document.querySelector(s).value }),
      CATEGORY,
    );
    assert.equal(new URLSearchParams(shown.search).get('category'), 'Gizmo', shown.search);
    assert.equal(shown.value, 'Gizmo');
    assert.equal(await page.$eval('#sales-dashboard', (e) => e.status), 'ready');
  });

  test('the Superset embed takes its new guest token over the port, in the same page', async () => {
    const event = await waitForEvent(page, 'superset-dashboard', 'token-refresh', {
      timeout: 25_000,
    });
    assert.equal(event.detail.reloaded, false);
    for (let i = 0; i < 50 && new Set(supersetTokens).size < 2; i++) await sleep(100);
    assert.ok(new Set(supersetTokens).size >= 2, "the stand-in's API saw the new guest token");
    assert.equal(supersetPages.length, 1, 'one page load');
    const frames = await page.$eval(
      '#superset-dashboard',
      (e) => e.shadowRoot.querySelectorAll('iframe').length,
    );
    assert.equal(frames, 1);
  });

  test('the Lightdash embed gets its new token with a new page load, not a new hash', async () => {
    const event = await waitForEvent(page, 'channel-dashboard', 'token-refresh', {
      timeout: 25_000,
    });
    assert.equal(event.detail.reloaded, true);
    // Lightdash reads the hash once per page load: only a new load can bring the new token to
    // its API. Wait for the stand-in to see a second, different token.
    for (let i = 0; i < 50 && new Set(lightdashTokens).size < 2; i++) {
      await sleep(100);
    }
    assert.ok(new Set(lightdashTokens).size >= 2, 'the stand-in saw the new Lightdash token');
  });

  test('no page errors, and no token or signed URL in any event detail', async () => {
    assert.deepEqual(problems, []);
    const details = await page.evaluate(() => JSON.stringify(window.__events.map((e) => e.detail)));
    assert.doesNotMatch(details, /eyJ[\w-]+\.|\/embed\//);
  });
});

describe('demo: CMS page', { timeout: 60_000 }, () => {
  test('uses only the IIFE bundle and markup, and both embeds load', async () => {
    requireBundles();
    const { page, problems } = await openRecorded('/cms');
    try {
      const scripts = await page.$$eval('script', (list) => list.map((s) => s.getAttribute('src')));
      assert.deepEqual(scripts, ['/dist/bi-embed.iife.js'], 'one classic script, nothing inline');
      const count = await page.$$eval('bi-embed', (list) => list.length);
      assert.equal(count, 2);
      for (let i = 0; i < count; i++) await waitForEvent(page, `bi-embed[${i}]`, 'load');
      assert.deepEqual(problems, []);
    } finally {
      await page.close();
    }
  });
});

describe('demo: token endpoint', () => {
  const get = (query, headers = {}) =>
    fetch(`${demo.hostUrl}/api/embed-token?${query}`, { headers });

  test('signs short-lived HS256 tokens with the tenant locked server-side', async () => {
    const res = await get('dashboard=1&ttl=30&tenant=globex&params=%7B%7D');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    const body = await res.text();
    assert.ok(!body.includes(SECRET), 'the secret is never sent');
    const { token, instanceUrl, expiresIn } = JSON.parse(body);
    assert.equal(instanceUrl, demo.biUrl);
    assert.equal(expiresIn, 30);
    assert.equal(decodeProtectedHeader(token).alg, 'HS256');
    const { payload } = await jwtVerify(token, KEY);
    assert.deepEqual(payload.resource, { dashboard: 1 });
    assert.deepEqual(
      payload.params,
      { tenant: 'northwind' },
      'query parameters cannot change locked params',
    );
    assert.equal(payload.exp - payload.iat, 30);
  });

  test('answers {url}, bare JWT text and Lightdash tokens', async () => {
    const { url } = await (await get('question=1&format=url')).json();
    assert.match(
      url,
      new RegExp(
        `^${demo.biUrl}/embed/question/[\\w-]+\\.[\\w-]+\\.[\\w-]+#bordered=true&titled=true$`,
      ),
    );
    const text = await get('dashboard=1&format=jwt');
    assert.match(text.headers.get('content-type'), /^text\/plain/);
    assert.deepEqual(decodeJwt(await text.text()).resource, { dashboard: 1 });
    const ld = await (await get('lightdash=c0ffee00-7b1d-4c56-a3f0-5d2e8b9a6f10')).json();
    assert.equal(ld.projectUuid, '3675b69e-8324-4110-bdca-059031aa8da3');
    assert.deepEqual(decodeJwt(ld.token).userAttributes, { tenant: 'northwind' });
  });

  test('refuses unknown resources, bad ttl and other sites', async () => {
    assert.equal((await get('dashboard=99')).status, 404);
    assert.equal((await get('dashboard=1&ttl=0')).status, 400);
    assert.equal((await get('dashboard=1&ttl=1e3')).status, 400);
    assert.equal((await get('dashboard=1&question=1')).status, 400);
    assert.equal((await get('dashboard=1', { 'Sec-Fetch-Site': 'cross-site' })).status, 403);
  });

  test('signs for a real Metabase with METABASE_SITE_URL and METABASE_SECRET_KEY', async () => {
    const secretKey = 'ab'.repeat(32);
    const real = await startDemo({
      hostPort: 0,
      biPort: 0,
      quiet: true,
      metabase: {
        siteUrl: 'https://metabase.example.com',
        secretKey,
        dashboardId: 7,
        questionId: 9,
        lockedParams: { store: 'north' },
      },
    });
    try {
      const res = await fetch(`${real.hostUrl}/api/embed-token?dashboard=7`);
      const { token, instanceUrl } = await res.json();
      assert.equal(instanceUrl, 'https://metabase.example.com');
      const { payload } = await jwtVerify(token, new TextEncoder().encode(secretKey));
      assert.deepEqual(payload.resource, { dashboard: 7 });
      assert.deepEqual(payload.params, { store: 'north' });
      assert.equal((await fetch(`${real.hostUrl}/api/embed-token?dashboard=1`)).status, 404);
      const page = await (await fetch(`${real.hostUrl}/`)).text();
      assert.match(page, /instance-url="https:\/\/metabase\.example\.com"/);
    } finally {
      await real.close();
    }
  });
});

describe('demo: Superset guest tokens', () => {
  const EMBED = '5e7a1c2b-9d3f-4e8a-b6c1-2f0d9e8a7b64';
  const api = (token, path = '/api/v1/me/roles/') =>
    fetch(`${demo.biUrl}${path}`, { headers: token ? { 'X-GuestToken': token } : {} });
  const guest = (claims, key = KEY) =>
    new SignJWT({
      user: { username: 'x' },
      resources: [{ type: 'dashboard', id: EMBED }],
      rls_rules: [],
      aud: `${demo.biUrl}/`,
      type: 'guest',
      ...claims,
    })
      .setProtectedHeader({ alg: 'HS256' })
      .setExpirationTime('5m')
      .sign(key);

  test('the endpoint signs a guest token as Superset does, with the tenant as an RLS clause', async () => {
    const res = await fetch(`${demo.hostUrl}/api/embed-token?superset=${EMBED}&ttl=60`);
    assert.equal(res.status, 200);
    const { token, instanceUrl } = await res.json();
    assert.equal(instanceUrl, demo.biUrl);
    const { payload } = await jwtVerify(token, KEY, { audience: `${demo.biUrl}/` });
    assert.equal(payload.type, 'guest');
    assert.deepEqual(payload.resources, [{ type: 'dashboard', id: EMBED }]);
    assert.deepEqual(payload.rls_rules, [{ clause: "tenant = 'northwind'" }]);
    assert.equal(payload.exp - payload.iat, 60);
    assert.equal((await api(token)).status, 200);
    const other = await fetch(`${demo.hostUrl}/api/embed-token?superset=not-ours`);
    assert.equal(other.status, 404);
  });

  test('the stand-in API refuses what Superset refuses: 401 without a guest user, 403 for another dashboard', async () => {
    assert.equal((await api(undefined)).status, 401);
    assert.equal((await api(await guest({ type: 'access' }))).status, 401);
    assert.equal((await api(await guest({ aud: 'elsewhere' }))).status, 401);
    assert.equal((await api(await guest({ rls_rules: undefined }))).status, 401);
    const forged = await guest({}, new TextEncoder().encode('not-the-secret-not-the-secret-not'));
    assert.equal((await api(forged)).status, 401);
    const expired = await new SignJWT({
      user: { username: 'x' },
      resources: [{ type: 'dashboard', id: EMBED }],
      rls_rules: [],
      aud: `${demo.biUrl}/`,
      type: 'guest',
    })
      .setProtectedHeader({ alg: 'HS256' })
      .setExpirationTime(Math.floor(Date.now() / 1000) - 10)
      .sign(KEY);
    assert.equal((await api(expired)).status, 401);
    const elsewhere = await guest({ resources: [{ type: 'dashboard', id: 'another' }] });
    assert.equal((await api(elsewhere)).status, 403);
    const page = await fetch(`${demo.biUrl}/embedded/${EMBED}?uiConfig=16`);
    assert.equal(page.status, 200);
    assert.equal((await fetch(`${demo.biUrl}/embedded/unknown`)).status, 404);
    const switchboard = await fetch(`${demo.biUrl}/app/switchboard.js`);
    assert.match(await switchboard.text(), /export default new Switchboard\(\)/);
  });
});

describe('demo: stand-in BI server follows Metabase and Lightdash', () => {
  const embed = (token, query = '') => fetch(`${demo.biUrl}/embed/dashboard/${token}${query}`);
  const api = (token, query = '') =>
    fetch(`${demo.biUrl}/api/embed/dashboard/${token}/query${query}`);

  test('expiry with 60 s of leeway, signature and params checks; the page is 200 regardless', async () => {
    assert.equal((await api(await metabaseToken({ exp: -30 }))).status, 200, 'within the leeway');
    assert.equal((await embed('not-a-token')).status, 200, 'the page is served whatever the token');
    const noParams = await new SignJWT({ resource: { dashboard: 1 } })
      .setProtectedHeader({ alg: 'HS256' })
      .setExpirationTime('10m')
      .sign(KEY);
    const refused = await fetch(`${demo.biUrl}/api/embed/dashboard/${noParams}`);
    assert.equal(refused.status, 400);
    assert.equal(await refused.text(), 'Token is missing value for keypath [:params]');
    const expired = await api(await metabaseToken({ exp: -90 }));
    assert.equal(expired.status, 400);
    assert.equal(await expired.text(), 'Token is expired');
    const forged = await new SignJWT({
      resource: { dashboard: 1 },
      params: { tenant: 'northwind' },
    })
      .setProtectedHeader({ alg: 'HS256' })
      .setExpirationTime('10m')
      .sign(new TextEncoder().encode('not-the-secret-not-the-secret-not-the'));
    const bad = await api(forged);
    assert.equal(bad.status, 400);
    assert.equal(await bad.text(), 'Message seems corrupt or manipulated');
  });

  test("locked, enabled and disabled parameters, with Metabase's messages", async () => {
    const token = await metabaseToken({ exp: 600 });
    const cases = [
      ['?tenant=globex', 'You can only specify a value for tenant in the JWT.'],
      ['?channel=Web', "You're not allowed to specify a value for channel."],
      ['?color=red', 'Unknown parameter color.'],
    ];
    for (const [query, message] of cases) {
      const res = await api(token, query);
      assert.equal(res.status, 400, query);
      assert.equal(await res.text(), message);
    }
    const both = await metabaseToken({
      exp: 600,
      params: { tenant: 'northwind', category: 'Gizmo' },
    });
    assert.equal(
      await (await api(both, '?category=Widget')).text(),
      "You can't specify a value for category if it's already set in the JWT.",
    );
    const missing = await metabaseToken({ exp: 600, params: {} });
    assert.equal(
      await (await api(missing)).text(),
      'You must specify a value for tenant in the JWT.',
    );
    const ok = await api(token, '?category=Gizmo&quarter=Q2-2024&quarter=Q3-2024');
    assert.equal(ok.status, 200);
    const { cards } = await ok.json();
    assert.deepEqual(
      cards['revenue-by-category'].rows.map((r) => r[0]),
      ['Gizmo'],
    );
  });

  test('embed pages: CSP frame-ancestors, no-store, escaped bootstrap data', async () => {
    const res = await embed(await metabaseToken({ exp: 600 }));
    assert.match(
      res.headers.get('content-security-policy'),
      new RegExp(`frame-ancestors 'self' ${demo.hostUrl}`),
    );
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assert.equal(res.headers.get('referrer-policy'), 'no-referrer');
    const publicPage = await fetch(
      `${demo.biUrl}/public/dashboard/b8f3c0de-5a54-4c1e-9d7e-2f6a1c9e4b21`,
    );
    assert.equal(publicPage.status, 200);
  });

  test('Lightdash: only its real routes; other /embed/ paths show its not-found page', async () => {
    const project = '3675b69e-8324-4110-bdca-059031aa8da3';
    for (const path of [
      `/embed/${project}`,
      `/embed/${project}/chart/c-1`,
      `/embed/${project}/tabs/t-1`,
    ]) {
      const res = await fetch(`${demo.biUrl}${path}`);
      assert.equal(res.status, 200, path);
      assert.match(await res.text(), /"notFound":false/, path);
    }
    const old = await fetch(
      `${demo.biUrl}/embed/${project}/dashboard/c0ffee00-7b1d-4c56-a3f0-5d2e8b9a6f10`,
    );
    assert.equal(old.status, 200);
    assert.match(await old.text(), /"notFound":true/);
  });

  test('Lightdash API: 403 "Your embed token has expired." on expiry', async () => {
    const now = Math.floor(Date.now() / 1000);
    const expired = await new SignJWT({
      content: { type: 'dashboard', dashboardUuid: 'c0ffee00-7b1d-4c56-a3f0-5d2e8b9a6f10' },
    })
      .setProtectedHeader({ alg: 'HS256' })
      .setExpirationTime(now - 5)
      .sign(KEY);
    const res = await fetch(
      `${demo.biUrl}/api/v1/embed/3675b69e-8324-4110-bdca-059031aa8da3/dashboard`,
      {
        method: 'POST',
        headers: { 'Lightdash-Embed-Token': expired },
      },
    );
    assert.equal(res.status, 403);
    assert.equal((await res.json()).error.message, 'Your embed token has expired.');
  });
});

describe('demo: configuration errors are messages, not stack traces', () => {
  /** Runs `node demo/server.mjs` with `env`, expecting it to exit quickly with an error. */
  function run(env) {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, [SERVER], {
        env: { PATH: process.env.PATH, PORT: '0', BI_PORT: '0', ...env },
      });
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      const timer = setTimeout(() => child.kill(), 10_000);
      child.on('exit', (code) => {
        clearTimeout(timer);
        resolve({ code, stderr });
      });
    });
  }
  const noStack = (stderr) => assert.doesNotMatch(stderr, /^\s+at /m, 'no stack trace');

  test('one Metabase variable without the other', async () => {
    const { code, stderr } = await run({ METABASE_SITE_URL: 'https://metabase.example.com' });
    assert.equal(code, 1);
    assert.match(stderr, /METABASE_SITE_URL is set but METABASE_SECRET_KEY is not/);
    noStack(stderr);
  });

  test('a bad METABASE_SITE_URL', async () => {
    const { code, stderr } = await run({
      METABASE_SITE_URL: 'metabase.example.com',
      METABASE_SECRET_KEY: 'ab'.repeat(32),
    });
    assert.equal(code, 1);
    assert.match(stderr, /METABASE_SITE_URL="metabase.example.com" is not a URL/);
    noStack(stderr);
  });

  test('a port in use', async () => {
    const blocker = createServer();
    await new Promise((r) => blocker.listen(0, '127.0.0.1', r));
    try {
      const { code, stderr } = await run({ PORT: String(blocker.address().port) });
      assert.equal(code, 1);
      assert.match(
        stderr,
        new RegExp(`port ${blocker.address().port} on 127.0.0.1 is already in use`),
      );
      noStack(stderr);
    } finally {
      blocker.close();
    }
  });
});
