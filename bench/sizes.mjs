// Size figures: our three bundles as built, and what a page loads for each peer SDK, bundled in
// this run from an entry that imports what a page would use, with esbuild (resolution, CommonJS),
// then minified by rollup and terser exactly as our build. Also where our IIFE's bytes go.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import terser from '@rollup/plugin-terser';
import { build } from 'esbuild';
import { rollup } from 'rollup';
import { ensurePeers, PEERS, PEERS_DIR } from './peers.mjs';

const ROOT = new URL('../', import.meta.url);

/**
 * Minifies an ES module as rollup.config.mjs minifies our bundles: rollup with
 * @rollup/plugin-terser and the same options.
 */
async function minify(code) {
  const input = '\0bench-input';
  const bundle = await rollup({
    input,
    plugins: [
      { name: 'bench-input', resolveId: (id) => (id === input ? id : null), load: () => code },
      terser({ module: true, ecma: 2020, compress: { passes: 2 }, format: { comments: false } }),
    ],
    onwarn: () => {},
  });
  const { output } = await bundle.generate({ format: 'es' });
  await bundle.close();
  return output[0].code;
}

/** Bytes minified, with gzip -9 and with brotli (quality 11, the maximum). */
export function measure(code) {
  const buffer = Buffer.from(code);
  return {
    min: buffer.length,
    gzip: gzipSync(buffer, { level: 9 }).length,
    brotli: brotliCompressSync(buffer, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 11,
        [constants.BROTLI_PARAM_SIZE_HINT]: buffer.length,
      },
    }).length,
  };
}

/** Bundles `entry` (module source) for the browser, then minifies it as our ES bundle is. */
async function bundle(entry, resolveDir) {
  const result = await build({
    stdin: { contents: entry, resolveDir, loader: 'js' },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: false,
    write: false,
    legalComments: 'none',
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  return minify(result.outputFiles[0].text);
}

/**
 * Every size row, from `dist` (a snapshot of the build, see dist.mjs). `ours`: the three bundles,
 * plus dist/bi-embed.js with Lit and jose through the peers' pipeline (a check that the two
 * pipelines agree). `peers`: each SDK, and its own prebuilt file where it ships one.
 */
export async function sizes(dist, log = console.log) {
  const read = (file) => dist.get(file);
  const ours = [];
  for (const [name, file, note] of [
    ['bi-embed.iife.js (classic script, Lit inside)', 'dist/bi-embed.iife.js'],
    ['bi-embed.bundle.js (ES module, Lit inside)', 'dist/bi-embed.bundle.js'],
  ]) {
    ours.push({ name, ...measure(read(file)), note });
  }
  const esm = read('dist/bi-embed.js').toString();
  const minified = await minify(esm);
  ours.push({
    name: 'bi-embed.js (ES module, Lit and jose external)',
    ...measure(minified),
    note: `shipped unminified (${esm.length} B); figures after the same terser pass an app's build would do`,
  });
  // From the snapshot; Lit and jose resolve from the project's node_modules.
  const control = await bundle(esm, fileURLToPath(ROOT));
  ours.push({
    name: 'bi-embed.js + Lit + jose, built like the peers',
    ...measure(control),
    note: "esbuild, then rollup + terser: checks the peers' pipeline against our build",
  });

  ensurePeers(log);
  const out = new URL('out/', PEERS_DIR);
  mkdirSync(out, { recursive: true });
  // terser runs in worker threads: building the peers side by side keeps both cores busy.
  const peers = await Promise.all(
    PEERS.map(async (peer) => {
      const [pkg] = Object.keys(peer.packages);
      const code = await bundle(peer.entry, fileURLToPath(PEERS_DIR));
      writeFileSync(new URL(`${pkg.replace(/\W+/g, '_')}.js`, out), code);
      const row = { name: peer.name, version: peer.packages[pkg], ...measure(code) };
      if (peer.prebuilt) {
        const file = readFileSync(new URL(`node_modules/${peer.prebuilt}`, PEERS_DIR));
        row.prebuilt = { file: peer.prebuilt, ...measure(file) };
      }
      return row;
    }),
  );
  return { ours, peers, breakdown: breakdown(read, 'dist/bi-embed.iife.js') };
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Decodes one source-map segment's base64 VLQ fields. */
function vlq(segment) {
  const fields = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = BASE64.indexOf(char);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
    } else {
      fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return fields;
}

/** Groups a source path: Lit's packages, tslib and jose by package; our files by name. */
function groupOf(source) {
  if (source === undefined) return '(unmapped: component CSS, module glue)';
  const pkg = source.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/)?.[1];
  if (pkg === 'jose') return `jose (${source.split('/').pop()})`;
  return pkg ?? source.replace(/^(\.\.\/)+/, '');
}

/**
 * Where the minified file's bytes come from, by its source map: minified bytes per group, and
 * each group's gzip cost (the gzip size of the file minus that of the file without the group).
 */
export function breakdown(read, file) {
  const code = read(file).toString();
  const map = JSON.parse(read(`${file}.map`));
  const pieces = []; // {group, text} in file order
  let source = 0; // source indexes are relative to the previous segment's, across lines
  code.split('\n').forEach((text, line, lines) => {
    const segments = [];
    let column = 0;
    for (const segment of (map.mappings.split(';')[line] ?? '').split(',').filter(Boolean)) {
      const fields = vlq(segment);
      column += fields[0];
      if (fields.length > 1) source += fields[1];
      segments.push({ column, source: fields.length > 1 ? source : undefined });
    }
    let from = 0;
    let owner;
    for (const segment of [...segments, { column: text.length }]) {
      pieces.push({ group: groupOf(map.sources[owner]), text: text.slice(from, segment.column) });
      from = segment.column;
      owner = segment.source;
    }
    if (line < lines.length - 1) pieces.push({ group: groupOf(undefined), text: '\n' });
  });
  const total = measure(code);
  const groups = [...new Set(pieces.map((piece) => piece.group))];
  const rows = groups.map((group) => {
    const own = pieces.filter((piece) => piece.group === group);
    const rest = pieces.filter((piece) => piece.group !== group);
    return {
      group,
      min: Buffer.byteLength(own.map((piece) => piece.text).join('')),
      gzip: total.gzip - measure(rest.map((piece) => piece.text).join('')).gzip,
    };
  });
  return { file, total, rows: rows.sort((a, b) => b.min - a.min) };
}
