// `npm run size`: builds, then prints the IIFE's gzip size (zlib level 9, as `npm run bench`) and
// where its bytes go by source file (minified bytes, and each file's gzip cost: the file's gzip
// size minus that of the file without it). `--no-build` reads the dist/ already there.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { breakdown } from '../bench/sizes.mjs';

if (!process.argv.includes('--no-build')) {
  execFileSync('node', ['scripts/build.mjs'], { stdio: ['ignore', 'ignore', 'inherit'] });
}
const { total, rows } = breakdown((file) => readFileSync(file), 'dist/bi-embed.iife.js');
console.log(`dist/bi-embed.iife.js: ${total.min} B minified, ${total.gzip} B gzip`);
for (const row of rows) {
  console.log(
    `${String(row.gzip).padStart(6)} B gzip  ${String(row.min).padStart(6)} B  ${row.group}`,
  );
}
