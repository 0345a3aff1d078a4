// The build under measurement, read once at the start: every figure of a run comes from the same
// files, even if something rebuilds dist/ while the run goes on.
import { existsSync, readFileSync } from 'node:fs';

const ROOT = new URL('../', import.meta.url);
const FILES = [
  'dist/bi-embed.iife.js',
  'dist/bi-embed.iife.js.map',
  'dist/bi-embed.bundle.js',
  'dist/bi-embed.js',
];

/** `path → Buffer` of the built files; throws when the build is missing. */
export function snapshotDist() {
  const missing = FILES.filter((file) => !existsSync(new URL(file, ROOT)));
  if (missing.length) {
    throw new Error(`${missing.join(', ')} missing: run \`npm run bench\` (it builds first)`);
  }
  return new Map(FILES.map((file) => [file, readFileSync(new URL(file, ROOT))]));
}
