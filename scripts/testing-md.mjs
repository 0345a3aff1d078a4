// Writes TESTING.md from what the hardening tests recorded in their last run
// (test-results/fault-matrix.jsonl and test-results/hardening.jsonl, written by `npm test` or
// `npx web-test-runner test/fault-matrix.test.ts test/hardening.test.ts test/hostile-frames.test.ts`).
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const rows = (file) => {
  try {
    return readFileSync(new URL(`../test-results/${file}.jsonl`, import.meta.url), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line));
  } catch {
    return [];
  }
};

// The last row for each case wins (the files grow across runs).
const latest = (list, key) => [...new Map(list.map((row) => [key(row), row])).values()];
const matrix = latest(rows('fault-matrix'), (r) => `${r.fault}|${r.state}|${r.source}`);
const other = latest(rows('hardening'), (r) => r.case);
if (!matrix.length) {
  console.error('No fault-matrix rows: run the browser tests first.');
  process.exit(1);
}

const seconds = (ms) => `${(ms / 1000).toFixed(ms % 1000 ? 2 : 0)} s`;
const faults = [...new Set(matrix.map((r) => r.fault))];
const cell = (row) => {
  if (!row) return '—';
  if (row.code === null) return 'taken (no `Date` header reaches the element)';
  const code = row.status ? `\`${row.code}\` ${row.status}` : `\`${row.code}\``;
  const retry = row.recoverable
    ? `retried after ${row.waits.map(seconds).join(', ')}`
    : 'not retried (10 min: 0 requests)';
  const server =
    row.atServer && row.atServer !== row.requests ? `; server saw ${row.atServer}` : '';
  return `${code}, ${retry}; ${row.requests} requests${server}`;
};

const lines = [
  '# Testing: the fault matrix and the hardening results',
  '',
  'Made by `node scripts/testing-md.mjs` from the rows the browser tests record while they run',
  '(`test/fault-matrix.test.ts`, `test/hardening.test.ts`, `test/hostile-frames.test.ts`), so every',
  'figure here is what a test saw and asserted in its last run. `npm test` runs them all.',
  '',
  '## Token endpoint faults',
  '',
  'Each fault strikes at a token refresh: while the token in use is still valid (at the scheduled',
  'refresh), and after it expired (a laptop waking up past `exp`). The source is the',
  '`token-endpoint` request or an app `fetchToken` that fetches the same endpoint and hands over the',
  'parsed body (throwing an error with `response` on a non-2xx answer). In every case the live frame',
  'stays on screen, nothing is navigated, exactly one `bi-embed-error` fires per failed request, and',
  'the embed recovers once the endpoint answers again (recoverable faults: by the third retry;',
  'the others: by `refresh()`). "Requests" counts every request of the case: the first token, the',
  'failing ones, and the one that recovers. Waits are the fake clock’s time between a failure and the',
  'next request.',
  '',
  '| fault | state | token-endpoint | fetchToken |',
  '|---|---|---|---|',
];
for (const fault of faults) {
  for (const state of ['valid', 'expired']) {
    const of = (source) =>
      matrix.find((r) => r.fault === fault && r.state === state && r.source === source);
    lines.push(`| ${fault} | ${state} | ${cell(of('endpoint'))} | ${cell(of('fetchToken'))} |`);
  }
}
lines.push(
  '',
  'A reset connection: Chromium itself sends a GET again when the reused connection it went on was',
  'reset, so the endpoint may see more requests than the page made ("server saw"); the page’s own',
  'requests are counted exactly.',
  '',
  '## Other hardening results',
  '',
  '| case | result |',
  '|---|---|',
);
for (const row of other) {
  const { case: name, ...figures } = row;
  const text = Object.entries(figures)
    .map(([k, v]) => `${k}: ${v}`)
    .join(', ');
  lines.push(`| ${name} | ${text} |`);
}
lines.push(
  '',
  '## Also checked in every run',
  '',
  "- Strict pages (`test/csp.test.ts`): both bundles load an embed under `default-src 'self';",
  "  script-src 'self'; style-src 'self'` with `require-trusted-types-for 'script'`, with and",
  "  without `trusted-types lit-html`, with no violation; with `trusted-types 'none'` the one",
  '  refused policy is `lit-html`.',
  '- Hostile frames (`test/hostile-frames.test.ts`): 10,000 bad messages from the embed’s own frame',
  '  (1 MB strings, `__proto__` keys, absurd heights, a filter repeated 5,000 times) change no',
  '  prototype, throw nothing, keep the height within `min-height`/`max-height`; a sibling frame on',
  '  the embed’s origin, the embed’s frame after it navigated to another origin, and a popup of the',
  '  embed’s origin are not listened to, and the element posts nothing to a frame that left.',
  '- No token or signed URL in any `bi-embed-*` event detail, console message or `<bi-embed>`',
  '  attribute, in any browser test (`test/helpers/no-secrets.ts`, loaded into every test page).',
  '',
);
const target = new URL('../TESTING.md', import.meta.url);
writeFileSync(target, lines.join('\n'));
spawnSync('node_modules/.bin/prettier', ['--write', '--log-level', 'warn', target.pathname], {
  stdio: 'inherit',
});
console.log(`TESTING.md: ${matrix.length} matrix rows, ${other.length} other results`);
