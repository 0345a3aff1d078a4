// Takes the README's screenshots of the demo pages: `npm run build && node demo/screenshots.mjs`.
// Writes docs/demo-*.png. Uses ports 8080/8081 when free (so the event log shows the usual
// origins), otherwise any free ports.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { chromiumLaunchOptions } from '../scripts/chromium.mjs';
import { startDemo } from './server.mjs';

const DOCS = fileURLToPath(new URL('../docs/', import.meta.url));
const WIDTH = 1440;

const demo = await startDemo({ quiet: true }).catch(() =>
  startDemo({ hostPort: 0, biPort: 0, quiet: true }),
);
const browser = await puppeteer.launch(chromiumLaunchOptions('--hide-scrollbars'));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Opens `path` and waits until every <bi-embed> on it is ready (or 20 s passed). */
async function open(path, height = 900) {
  const page = await browser.newPage();
  await page.setViewport({ width: WIDTH, height });
  await page.goto(`${demo.hostUrl}${path}`, { waitUntil: 'load' });
  await page
    .waitForFunction(
      () => [...document.querySelectorAll('bi-embed')].every((e) => e.status === 'ready'),
      { timeout: 20_000, polling: 200 },
    )
    .catch(() => console.warn(`${path}: not every embed became ready`));
  await sleep(1500); // charts drawn, frames sized
  return page;
}

/**
 * Full-page capture. Cross-origin iframes below the fold are not painted in a fullPage
 * screenshot, so the viewport is made as tall as the page first.
 */
async function fullPage(page, file) {
  // Frames may settle to another height once painted: measure until the page height holds.
  let height = 0;
  for (let i = 0; i < 5; i++) {
    const measured = await page.evaluate(() => document.documentElement.scrollHeight);
    if (measured === height) break;
    height = measured;
    await page.setViewport({ width: WIDTH, height });
    await sleep(1200);
  }
  await page.screenshot({ path: `${DOCS}${file}` });
  console.log(`wrote docs/${file} (${WIDTH}x${height})`);
}

/**
 * Picks a category in an embed's filter widget, as a viewer would. Goes through the iframe's own
 * CDP session: puppeteer's Frame objects for out-of-process iframes are not always usable.
 */
async function choose(page, id, value) {
  const path = await page.evaluate(
    (id) => new URL(document.getElementById(id).shadowRoot.querySelector('iframe').src).pathname,
    id,
  );
  const target = browser.targets().find((t) => t.url() && new URL(t.url()).pathname === path);
  const session = await target.createCDPSession();
  await session.send('Runtime.evaluate', {
    expression: `(() => {
      const select = document.querySelector('select[data-slug="category"]');
      select.value = ${JSON.stringify(value)};
      select.dispatchEvent(new Event('change', { bubbles: true }));
    })()`,
  });
  await session.detach();
}

mkdirSync(DOCS, { recursive: true });
try {
  const app = await open('/');
  // A filter change inside the dashboard, then back to "All": the event log shows what the host
  // page hears, and the dashboard shows every category.
  await choose(app, 'sales-dashboard', 'Gizmo');
  await sleep(800);
  await choose(app, 'sales-dashboard', '');
  await sleep(1200);
  await app.screenshot({ path: `${DOCS}demo-script-tag.png` });
  console.log(`wrote docs/demo-script-tag.png (${WIDTH}x900)`);
  await fullPage(app, 'demo-script-tag-full.png');

  const cms = await open('/cms');
  await fullPage(cms, 'demo-cms.png');
} finally {
  await browser.close();
  await demo.close();
}
