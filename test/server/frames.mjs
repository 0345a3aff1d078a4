// The stand-in BI pages the test iframes load, served on the second origin (127.0.0.1). Every
// embed path answers test/fixtures/embed-page.html; the page reads its behaviour from the JWT's
// `test.frame` claim or a `frame=` query/hash entry (see that file).
import { readFile } from 'node:fs/promises';

const EMBED_PATH =
  /^\/(embed\/(dashboard|question)\/[\w.-]+|embed\/[\w-]+\/(dashboard|chart)\/[\w-]+|public\/(dashboard|question)\/[\w-]+)\/?$/;

export async function framePage(ctx) {
  if (!EMBED_PATH.test(ctx.path)) return false;
  const page = await readFile(new URL('../fixtures/embed-page.html', import.meta.url), 'utf8');
  ctx.status = 200;
  ctx.type = 'text/html';
  ctx.body = page;
  return true;
}
