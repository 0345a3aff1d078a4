// `npm run bench` (after `npm run build`): what users pay for <bi-embed> and for the alternatives,
// measured in one run, written to BENCHMARKS.md. Not part of `npm test`.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { browserBenchmarks, PLAN } from './browser.mjs';
import { snapshotDist } from './dist.mjs';
import { previousData, report } from './report.mjs';
import { sizes } from './sizes.mjs';

const ROOT = new URL('../', import.meta.url);
const OUTPUT = new URL('BENCHMARKS.md', ROOT);

let dist;
try {
  dist = snapshotDist();
} catch (error) {
  console.error(`bench: ${error.message}`);
  process.exit(1);
}

function debianVersion() {
  try {
    return ` (Debian ${readFileSync('/etc/debian_version', 'utf8').trim()})`;
  } catch {
    return '';
  }
}

const started = Date.now();
const log = (line) => console.log(line);

// `node bench/run.mjs resize` (or `npm run bench -- resize`): the resize benchmark alone, printed,
// BENCHMARKS.md left as it is: a quick check while working on the resize path.
if (process.argv[2] === 'resize') {
  const { resize } = await browserBenchmarks(dist, log, PLAN, ['resize']);
  const ms = (s) =>
    s ? `${s.median.toFixed(2)} ms (${s.min.toFixed(2)}–${s.max.toFixed(2)}, n=${s.n})` : '–';
  for (const kind of ['grow', 'growPage', 'growSet', 'shrink', 'shrinkPage', 'shrinkSet']) {
    const [ours, theirs, floor] = [resize.ours[kind], resize.ifr[kind], resize.floor[kind]];
    const ratio = ours && theirs ? (ours.median / theirs.median).toFixed(2) : '–';
    log(
      `${kind}: ours ${ms(ours)}, iframe-resizer ${ms(theirs)}, ratio ${ratio}; floor ${ms(floor)}`,
    );
  }
  for (const [kind, p] of Object.entries(resize.pair)) {
    log(
      `paired ${kind}: ours earlier ${p.earlier} (theirs never ${p.theirsNever}), same ${p.same}, later ${p.later} (ours never ${p.oursNever}), both never ${p.bothNever} of ${p.n}; frames ours − theirs ${ms(p.frames).replace(' ms', '')}; ms ${ms(p.ms)}; set ${ms(p.set)}; by first ${JSON.stringify(p.byFirst)}; messages ours later ${p.messagesOursLater}, theirs later ${p.messagesTheirsLater}; later after a later message ${p.laterAfterLaterMessage}, earlier after a later message of theirs ${p.earlierAfterLaterMessage}`,
    );
    for (const c of p.laterCases) log(`  later: ${JSON.stringify(c)}`);
  }
  const stuck = (lib) => resize[lib].stuck.length;
  log(`stuck: ours ${stuck('ours')}, iframe-resizer ${stuck('ifr')}, floor ${stuck('floor')}`);
  log(
    `load average at the end: ${loadavg()
      .map((n) => n.toFixed(2))
      .join(' ')}`,
  );
  process.exit(0);
}

const data = {
  date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
  machine: {
    cpu: cpus()[0]?.model.trim() ?? 'unknown CPU',
    cores: cpus().length,
    memory: Math.round(totalmem() / 2 ** 30),
    os: `Linux ${release()}${debianVersion()}`,
    node: process.version,
  },
  load: { before: loadavg() },
};
log('bench: sizes (our bundles, then the peers: installed into bench/.peers/ when missing)');
data.sizes = await sizes(dist, log);
log(`  sizes: ${((Date.now() - started) / 1000).toFixed(1)} s`);
log('bench: browser');
data.browser = await browserBenchmarks(dist, log);
data.load.after = loadavg();
data.seconds = (Date.now() - started) / 1000;

const previous = existsSync(OUTPUT) ? previousData(readFileSync(OUTPUT, 'utf8')) : undefined;
writeFileSync(OUTPUT, report(data, previous));
log(`bench: wrote BENCHMARKS.md in ${data.seconds.toFixed(0)} s`);
