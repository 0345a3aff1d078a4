// The README's framework recipes are the examples' code: every code block introduced by an
// `examples/…` path is that file word for word (a plain-HTML snippet: lines of the file, in order,
// without their indentation), and every example app has its recipe. The framework tests mount
// these same files, so README, examples and tests cannot drift apart.
// Run: node --test test/node/recipes.test.mjs
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const readme = readFileSync(`${ROOT}README.md`, 'utf8');

/** `[path, code]` for each fenced block right after a line "`examples/…`:". */
function recipes() {
  const found = [];
  const pattern = /^`(examples\/[^`]+)`:\n\n```\w*\n([\s\S]*?)\n```$/gm;
  for (const [, path, code] of readme.matchAll(pattern)) found.push([path, code]);
  return found;
}

const dedent = (text) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .join('\n');

test('every recipe is its example file, word for word', () => {
  const found = recipes();
  assert.ok(found.length >= 6, `recipes found: ${found.map(([p]) => p).join(', ')}`);
  for (const [path, code] of found) {
    assert.ok(existsSync(`${ROOT}${path}`), `${path} (named in the README) exists`);
    const file = readFileSync(`${ROOT}${path}`, 'utf8').replace(/\n$/, '');
    if (path.endsWith('.html')) {
      // A snippet of the page: the markup a CMS block holds.
      assert.ok(dedent(file).includes(dedent(code)), `README's ${path} snippet is in the file`);
    } else {
      assert.equal(code, file, `README's ${path} is the file as it is`);
    }
  }
});

test('every example app has a recipe in the README', () => {
  const apps = readdirSync(`${ROOT}examples`, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);
  assert.deepEqual(apps.sort(), ['angular', 'html', 'react', 'svelte', 'vue']);
  const covered = new Set(recipes().map(([path]) => path.split('/')[1]));
  for (const app of apps) assert.ok(covered.has(app), `examples/${app} has a recipe`);
});

test('the recipes use filters the demo dashboard has', async () => {
  const { DASHBOARDS } = await import('../../demo/bi/catalog.mjs');
  const enabled = Object.entries(DASHBOARDS[1].embeddingParams)
    .filter(([, mode]) => mode === 'enabled')
    .map(([slug]) => slug);
  for (const [path, code] of recipes()) {
    if (!/params/.test(code)) continue;
    const slugs = [...code.matchAll(/params[^{]*\{+\s*"?(\w+)"?\s*[:}]/g)].map((m) => m[1]);
    assert.ok(slugs.length, `${path}: the params binding is found`);
    for (const slug of slugs) {
      assert.ok(enabled.includes(slug), `${path}: ${slug} is a filter of the demo's dashboard`);
    }
  }
});
