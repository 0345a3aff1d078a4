// POST /api/test-report?file=NAME: a test appends one JSON row to test-results/NAME.jsonl, so
// TESTING.md can be filled from what the tests really saw (scripts/testing-md.mjs).
import { appendFile, mkdir } from 'node:fs/promises';

const DIR = new URL('../../test-results/', import.meta.url);

export async function testReport(ctx) {
  const file = new URLSearchParams(ctx.querystring).get('file') ?? '';
  if (ctx.method !== 'POST' || !/^[\w-]+$/.test(file)) {
    ctx.status = 400;
    return;
  }
  let text = '';
  for await (const chunk of ctx.req) text += chunk;
  JSON.parse(text); // only rows that parse are kept
  await mkdir(DIR, { recursive: true });
  await appendFile(new URL(`${file}.jsonl`, DIR), `${text.replace(/\n/g, ' ')}\n`);
  ctx.status = 204;
}
