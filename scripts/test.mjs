// `npm test`: format and lint checks, type-check, build, every browser test in headless Chromium,
// then the Node-side tests. Ends with the line `N passed, N failed` and a non-zero exit on failure.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { chromiumPath } from './chromium.mjs';

const bin = (name) => `node_modules/.bin/${name}`;
const counts = { passed: 0, failed: 0 };
const failures = [];

function ensureChromium() {
  const path = chromiumPath;
  if (existsSync(path)) return path;
  const root = process.getuid?.() === 0;
  if (!root || !existsSync('/usr/bin/apt-get')) {
    console.error(`No Chromium at ${path}. Install Debian's chromium or set CHROME_PATH.`);
    process.exit(1);
  }
  console.log('No Chromium found: installing Debian chromium with apt-get…');
  for (const args of [['update'], ['install', '-y', '--no-install-recommends', 'chromium']]) {
    const result = spawnSync('apt-get', args, { stdio: 'inherit' });
    if (result.status !== 0) {
      console.error(`apt-get ${args.join(' ')} failed.`);
      process.exit(1);
    }
  }
  return path;
}

function check(label, command, args) {
  console.log(`\n▶ ${label}`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: 'inherit', env: process.env });
  const ok = result.status === 0;
  console.log(`${ok ? '✓' : '✗'} ${label} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  if (!ok) {
    counts.failed++;
    failures.push(label);
  }
  return ok;
}

function browserTests() {
  rmSync('test-results/browser.json', { force: true });
  // The hardening tests' rows (TESTING.md is made from them): this run's only.
  for (const file of ['fault-matrix', 'hardening']) {
    rmSync(`test-results/${file}.jsonl`, { force: true });
  }
  const ok = check(
    'browser tests (web-test-runner, headless Chromium)',
    bin('web-test-runner'),
    [],
  );
  if (!existsSync('test-results/browser.json')) return;
  const result = JSON.parse(readFileSync('test-results/browser.json', 'utf8'));
  counts.passed += result.passed;
  counts.failed += result.failed + result.errors - (ok ? 0 : 1);
  if (!ok && result.failed + result.errors === 0) counts.failed++;
}

function nodeTests() {
  const dir = 'test/node';
  const files = existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.test.mjs'))
        .map((f) => `${dir}/${f}`)
    : [];
  if (!files.length) return Promise.resolve();
  console.log('\n▶ node tests (node --test)');
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--test', '--test-reporter=spec', ...files], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      process.stdout.write(chunk);
    });
    child.on('close', (code) => {
      const read = (name) => Number(out.match(new RegExp(`ℹ ${name} (\\d+)`))?.[1] ?? 0);
      counts.passed += read('pass');
      counts.failed += read('fail') + read('cancelled');
      if (code !== 0 && read('fail') + read('cancelled') === 0) counts.failed++;
      if (code !== 0) failures.push('node tests');
      resolve();
    });
  });
}

process.env.CHROME_PATH = ensureChromium();
check('prettier --check', bin('prettier'), ['--check', '--log-level', 'warn', '.']);
check('eslint', bin('eslint'), ['.']);
check('type-check (tsc --noEmit)', bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']);
if (check('build (rollup, .d.ts)', process.execPath, ['scripts/build.mjs'])) {
  browserTests();
  await nodeTests();
}

if (failures.length) console.log(`\nFailed: ${failures.join(', ')}`);
console.log(`\n${counts.passed} passed, ${counts.failed} failed`);
process.exit(counts.failed || failures.length ? 1 : 0);
