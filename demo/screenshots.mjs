// Takes the README's screenshots of the demo pages: `npm run build && node demo/screenshots.mjs`.
// Writes docs/demo-*.png. Uses ports 8080/8081 when free (so the event log shows the usual
// origins), otherwise any free ports.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { startDemo } from './server.mjs';

const DOCS = fileURLToPath(new URL('../docs/', import.meta.url));
const WIDTH = 1440;

const demo = await startDemo({ quiet: true }).catch(() =>
  startDemo({ hostPort: 0, biPort: 0, quiet: true }),
);
const browser = await puppeteer.launch({
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--hide-scrollbars',
  ],
});
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
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewport({ width: WIDTH, height });
  await sleep(1200);
  await page.screenshot({ path: `${DOCS}${file}` });
  console.log(`wrote docs/${file} (${WIDTH}x${height})`);
}

mkdirSync(DOCS, { recursive: true });
try {
  const app = await open('/');
  // A filter change inside the dashboard, then back to "All": the event log shows what the host
  // page hears, and the dashboard shows every category.
  const frame = await (
    await app.evaluateHandle(() =>
      document.getElementById('sales-dashboard').shadowRoot.querySelector('iframe:not(.pending)'),
    )
  )
    .asElement()
    .contentFrame();
  await frame.select('select[data-slug="category"]', 'Gizmo');
  await sleep(800);
  await frame.select('select[data-slug="category"]', '');
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
