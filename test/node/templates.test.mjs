// Template type checks, as Vue and Svelte users run them: vue-tsc and svelte-check pass over the
// examples (examples/vue, examples/svelte) and fail on test/templates/*/Mistakes.*, each mistake
// at its own line for its own reason. (The React example is type-checked by `tsc` in npm test:
// the React framework test imports it.) Run: node --test test/node/templates.test.mjs
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function run(tool, args) {
  return new Promise((resolve) => {
    execFile(`${ROOT}node_modules/.bin/${tool}`, args, { cwd: ROOT }, (error, stdout, stderr) => {
      resolve({ status: error ? (error.code ?? 1) : 0, out: `${stdout}${stderr}` });
    });
  });
}

const vueTsc = (config) => run('vue-tsc', ['--noEmit', '-p', `test/templates/${config}`]);
const svelteCheck = (config) =>
  run('svelte-check', ['--tsconfig', `./test/templates/${config}`, '--output', 'machine']);

/** `[line, message]` of every error in vue-tsc's or svelte-check's output. */
function errors(out) {
  const found = [];
  for (const line of out.split('\n')) {
    const tsc = /\((\d+),\d+\): error TS\d+: (.*)$/.exec(line);
    const svelte = /^\d+ ERROR "[^"]+" (\d+):\d+ "(.*)"$/.exec(line);
    const match = tsc ?? svelte;
    if (match) found.push([Number(match[1]), match[2].replace(/\\"/g, '"')]);
  }
  return found;
}

/** The 1-based line of `file` that contains `text`. */
function lineOf(file, text) {
  const index = readFileSync(`${ROOT}${file}`, 'utf8')
    .split('\n')
    .findIndex((line) => line.includes(text));
  assert.notEqual(index, -1, `${file} has no line with ${text}`);
  return index + 1;
}

// Each mistake: the text on its line, and what the checker must say about it.
const MISTAKES = [
  ['theme="dark"', /Type '"dark"' is not assignable to type .*"light" \| "night" \| "transparent"/],
  ['parms=', /'"?parms"?' does not exist in type/],
  ['min-height="tall"', /Type '"tall"' is not assignable to type 'Pixels \| undefined'/],
  ['e.detail.filters', /Property 'filters' does not exist on type 'BiEmbedErrorDetail'/],
];

function assertMistakes(file, out) {
  const found = errors(out);
  assert.equal(found.length, MISTAKES.length, `exactly the deliberate mistakes:\n${out}`);
  for (const [text, message] of MISTAKES) {
    const line = lineOf(file, text);
    assert.ok(
      found.some(([at, said]) => at === line && message.test(said)),
      `${file}:${line} (${text}) should fail with ${message}; the checker said:\n${out}`,
    );
  }
}

// The four checks run side by side: each is a separate process.
describe('template type checks', { concurrency: true }, () => {
  test('vue-tsc passes over the Vue example', async () => {
    const { status, out } = await vueTsc('tsconfig.vue.json');
    assert.equal(status, 0, out);
  });

  test('vue-tsc rejects each deliberate mistake, for its reason', async () => {
    const { status, out } = await vueTsc('tsconfig.vue-mistakes.json');
    assert.notEqual(status, 0);
    assertMistakes('test/templates/vue/Mistakes.vue', out);
  });

  test('svelte-check passes over the Svelte example', async () => {
    const { status, out } = await svelteCheck('tsconfig.svelte.json');
    assert.equal(status, 0, out);
    assert.match(out, /COMPLETED \d+ FILES 0 ERRORS 0 WARNINGS/);
  });

  test('svelte-check rejects each deliberate mistake, for its reason', async () => {
    const { status, out } = await svelteCheck('tsconfig.svelte-mistakes.json');
    assert.notEqual(status, 0);
    assertMistakes('test/templates/svelte/Mistakes.svelte', out);
  });
});
