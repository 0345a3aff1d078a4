// The browser benchmarks: headless Debian Chromium driven by puppeteer-core (never a downloaded
// browser), one fresh page per run. The page-side code is bench/pages/bench.js; this side adds
// what needs the DevTools protocol: garbage collection, heap size, listener counts, screenshots.
import puppeteer from 'puppeteer-core';
import { chromiumLaunchOptions } from '../scripts/chromium.mjs';
import { decodePng } from './png.mjs';
import { startServer } from './server.mjs';
import { summary } from './stats.mjs';

const VIEWPORT = { width: 1000, height: 700 };

/** How many times each benchmark repeats; the whole bench stays within minutes on 2 cores. */
export const PLAN = {
  connect: { pages: 7, warm: 30, endpoint: 10 },
  resize: { pages: 8, steps: 10 },
  many: { pages: 3, count: 100 },
  cycles: { pages: 3, count: 10_000, every: 25 },
  refresh: { ours: 16, plain: 4, settle: 20 },
};

/** Debian's Chromium with the project's flags (scripts/chromium.mjs); never a downloaded one. */
function launch() {
  return puppeteer.launch({ ...chromiumLaunchOptions(), protocolTimeout: 600_000 });
}

/** A fresh page on host.html with `lib` loaded, and a DevTools session on it. */
async function open(browser, server, lib) {
  // A window of its own: a background tab is hidden, and hidden pages get no animation frames.
  const page = await browser.newPage({ type: 'window' });
  await page.setViewport(VIEWPORT);
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('response', (response) => {
    if (response.status() >= 400) errors.push(`${response.status()} ${response.url()}`);
  });
  await page.goto(`${server.hostOrigin}/pages/host.html?lib=${lib}`);
  try {
    await page.waitForFunction('window.bench', { timeout: 30_000 });
  } catch (error) {
    throw new Error(`host page (lib=${lib}) did not start: ${errors.join('; ') || error.message}`, {
      cause: error,
    });
  }
  const cdp = await page.createCDPSession();
  const run = async (expression) => {
    try {
      return await page.evaluate(expression);
    } catch (error) {
      throw new Error(`${expression}: ${error.message}${errors.length ? ` (${errors})` : ''}`, {
        cause: error,
      });
    }
  };
  return { page, cdp, run, close: () => page.close() };
}

/** Event listeners on window and document, by `target:type`, from the DevTools protocol. */
async function listeners(cdp) {
  const counts = {};
  for (const target of ['window', 'document']) {
    const { result } = await cdp.send('Runtime.evaluate', { expression: target });
    const found = await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId });
    for (const { type } of found.listeners) {
      counts[`${target}:${type}`] = (counts[`${target}:${type}`] ?? 0) + 1;
    }
    await cdp.send('Runtime.releaseObject', { objectId: result.objectId });
  }
  return counts;
}

const total = (counts) => Object.values(counts).reduce((a, b) => a + b, 0);

/** JS heap in use after full garbage collections. */
async function heapAfterGc(cdp) {
  for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
  return (await cdp.send('Runtime.getHeapUsage')).usedSize;
}

/**
 * Connection → iframe `src`: cold (first element on a page); warm, each element alone or beside
 * the earlier ones; and through the endpoint.
 */
async function connect(browser, server, plan) {
  const cold = [];
  const warm = [];
  const kept = [];
  const endpoint = [];
  for (let i = 0; i < plan.pages; i++) {
    const tab = await open(browser, server, 'ours');
    const [first, ...rest] = await tab.run(`bench.connect(${plan.warm + 1})`);
    cold.push(first);
    warm.push(summary(rest).median);
    kept.push(summary(await tab.run(`bench.connect(${plan.warm}, 'fetchToken', true)`)).median);
    endpoint.push(summary(await tab.run(`bench.connect(${plan.endpoint}, 'endpoint')`)).median);
    await tab.close();
  }
  return {
    cold: summary(cold),
    warm: summary(warm),
    kept: summary(kept),
    endpoint: summary(endpoint),
  };
}

/**
 * Resize latency: ours, iframe-resizer's parent and a bare parent, in turn on the same child page;
 * then ours and iframe-resizer's parent side by side on one page, for the same changes (pairRun).
 */
async function resize(browser, server, plan) {
  const results = {};
  const pairs = [];
  for (let i = 0; i < plan.pages; i++) {
    for (const lib of ['ours', 'ifr', 'floor']) {
      const tab = await open(browser, server, lib);
      await tab.run(`bench.setupResize('${lib}', 300)`);
      const { offset } = await tab.run('bench.clockOffset()');
      const r = (results[lib] ??= {
        grow: [],
        shrink: [],
        growPage: [],
        shrinkPage: [],
        growSet: [],
        shrinkSet: [],
        stuck: [],
        offsets: [],
      });
      r.offsets.push(offset);
      for (let step = 0; step < plan.steps; step++) {
        // A new height each time: a frame stuck at an earlier height cannot pass for a resize.
        for (const [kind, height] of [
          ['grow', 900 + 10 * step],
          ['shrink', 300 - 10 * step],
        ]) {
          const { ms, message, set, stuck } = await tab.run(`bench.resizeTo(${height}, ${offset})`);
          if (stuck !== undefined) {
            r.stuck.push({ kind, wanted: height, stuck });
          } else {
            r[kind].push(ms);
            // The page's own part: from the child's size message arriving to the new height.
            r[`${kind}Page`].push(message === null ? NaN : ms - message);
            // Of that, the parent's script: from the size message to the height written.
            r[`${kind}Set`].push(message === null || set === null ? NaN : set - message);
          }
        }
      }
      await tab.close();
    }
    pairs.push(...(await pairRun(browser, server, plan, i % 2 ? 'ifr' : 'ours')));
  }
  for (const r of Object.values(results)) {
    for (const key of ['grow', 'shrink', 'growPage', 'shrinkPage', 'growSet', 'shrinkSet']) {
      r[key] = summary(r[key]);
    }
    r.offset = summary(r.offsets.map(Math.abs));
    delete r.offsets;
  }
  results.pair = pairSummary(pairs);
  return results;
}

/**
 * The paired resize on one page: ours and iframe-resizer's parent side by side, the same child
 * page in both, every change made in both children in one task (bench.pairTo). `first`: whose
 * child starts first (its size message goes out first); alternated from page to page.
 */
async function pairRun(browser, server, plan, first) {
  const tab = await open(browser, server, 'pair');
  await tab.run(`bench.setupPair('${first}', 300)`);
  const { offset } = await tab.run('bench.pairClockOffset()');
  const changes = [];
  for (let step = 0; step < plan.steps; step++) {
    for (const [k, [kind, height]] of [
      ['grow', 900 + 10 * step],
      ['shrink', 300 - 10 * step],
    ].entries()) {
      // Which child gets the command (and changes both) alternates; it does not decide the order.
      const leader = (step + k) % 2 ? 'ifr' : 'ours';
      const result = await tab.run(`bench.pairTo(${height}, ${offset}, '${leader}')`);
      changes.push({ kind, first, ...result });
    }
  }
  await tab.close();
  return changes;
}

/**
 * Per kind (grow, shrink): in how many changes ours was laid out in an earlier, the same or a
 * later display frame than iframe-resizer's parent (never arriving within 1 s counts as later
 * than arriving), and the paired differences (ours − theirs) where both arrived.
 */
/** Display frames between the two size messages (ours − theirs), or NaN if either is missing. */
const messageGap = (c) =>
  typeof c.ours.messageFrame === 'number' && typeof c.ifr.messageFrame === 'number'
    ? c.ours.messageFrame - c.ifr.messageFrame
    : NaN;

function pairSummary(changes) {
  const out = {};
  for (const kind of ['grow', 'shrink']) {
    const mine = changes.filter((c) => c.kind === kind);
    const both = mine.filter((c) => c.ours.frame !== undefined && c.ifr.frame !== undefined);
    const oursNever = mine.filter((c) => c.ours.frame === undefined);
    const theirsNever = mine.filter((c) => c.ifr.frame === undefined);
    const bothNever = mine.filter((c) => c.ours.frame === undefined && c.ifr.frame === undefined);
    const order = (c) =>
      c.ours.frame === undefined
        ? c.ifr.frame === undefined
          ? 'never'
          : 'later'
        : c.ifr.frame === undefined
          ? 'earlier'
          : c.ours.frame < c.ifr.frame
            ? 'earlier'
            : c.ours.frame > c.ifr.frame
              ? 'later'
              : 'same';
    const count = (list, which) => list.filter((c) => order(c) === which).length;
    const byFirst = Object.fromEntries(
      ['ours', 'ifr'].map((first) => {
        const list = mine.filter((c) => c.first === first);
        return [
          first,
          {
            n: list.length,
            earlier: count(list, 'earlier'),
            same: count(list, 'same'),
            later: count(list, 'later'),
          },
        ];
      }),
    );
    const later = mine.filter((c) => order(c) === 'later');
    const withMessages = both.filter(
      (c) => c.ours.messageFrame !== null && c.ifr.messageFrame !== null,
    );
    out[kind] = {
      n: mine.length,
      earlier: count(mine, 'earlier'),
      same: count(mine, 'same'),
      later: later.length,
      theirsNever: theirsNever.length - bothNever.length,
      oursNever: oursNever.length - bothNever.length,
      bothNever: bothNever.length,
      byFirst,
      frames: summary(both.map((c) => c.ours.frame - c.ifr.frame)),
      ms: summary(both.map((c) => c.ours.ms - c.ifr.ms)),
      set: summary(both.map((c) => (c.ours.set ?? NaN) - (c.ifr.set ?? NaN))),
      ours: summary(both.map((c) => c.ours.ms)),
      ifr: summary(both.map((c) => c.ifr.ms)),
      // Size messages: dispatched here in different display frames (ours later, theirs later).
      messagesOursLater: withMessages.filter((c) => c.ours.messageFrame > c.ifr.messageFrame)
        .length,
      messagesTheirsLater: withMessages.filter((c) => c.ours.messageFrame < c.ifr.messageFrame)
        .length,
      // Of the changes ours laid out later: those whose size message came in a later frame than
      // theirs (the parent cannot set a height before it hears of it); and the other way round.
      laterAfterLaterMessage: later.filter((c) => messageGap(c) > 0).length,
      earlierAfterLaterMessage: mine.filter((c) => order(c) === 'earlier' && messageGap(c) < 0)
        .length,
      // Every change ours laid out later, as measured (a few at most).
      laterCases: later.map(({ first, ours, ifr }) => ({ first, ours, ifr })),
    };
  }
  return out;
}

/** `count` embeds on one page: time to every `src`, to every `bi-embed-load`, and listeners. */
async function many(browser, server, plan) {
  const src = [];
  const load = [];
  const plain = [];
  let before;
  let after;
  for (let i = 0; i < plan.pages; i++) {
    const floor = await open(browser, server, 'none');
    plain.push(await floor.run(`bench.plainMany(${plan.count})`));
    await floor.close();
    const tab = await open(browser, server, 'ours');
    before = await listeners(tab.cdp);
    const result = await tab.run(`bench.many(${plan.count})`);
    after = await listeners(tab.cdp);
    src.push(result.src);
    load.push(result.load);
    await tab.close();
  }
  const added = Object.fromEntries(
    Object.entries(after)
      .map(([key, n]) => [key, n - (before[key] ?? 0)])
      .filter(([, n]) => n),
  );
  return {
    count: plan.count,
    src: summary(src),
    plain: summary(plain),
    load: summary(load),
    listeners: added,
    listenerTotal: total(added),
  };
}

/**
 * Connect/disconnect cycles: heap growth after GC, and listeners and timers left behind. The heap
 * is read after a warm-up, halfway and at the end: growth in the second half is what keeps
 * growing with cycles (the first half also holds one-time growth: compiled code, caches).
 */
async function cycles(browser, server, plan) {
  const runs = [];
  const half = plan.count / 2;
  for (let i = 0; i < plan.pages; i++) {
    const tab = await open(browser, server, 'ours');
    await tab.run(`bench.cycles(${plan.every * 10}, ${plan.every})`);
    const heap0 = await heapAfterGc(tab.cdp);
    const listeners0 = await listeners(tab.cdp);
    const timers0 = await tab.run('liveTimers()');
    const started = Date.now();
    const first = await tab.run(`bench.cycles(${half}, ${plan.every})`);
    const heap1 = await heapAfterGc(tab.cdp);
    const second = await tab.run(`bench.cycles(${half}, ${plan.every})`);
    const seconds = (Date.now() - started) / 1000;
    const heap2 = await heapAfterGc(tab.cdp);
    const listeners2 = await listeners(tab.cdp);
    runs.push({
      growth: heap2 - heap0,
      secondHalf: heap2 - heap1,
      heap0,
      seconds,
      full: first.full + second.full,
      listenersLeft: total(listeners2) - total(listeners0),
      timersLeft: second.liveTimers - timers0,
    });
    await tab.close();
  }
  const pick = (key) => summary(runs.map((run) => run[key]));
  return {
    count: plan.count,
    every: plan.every,
    full: runs[0].full,
    growth: pick('growth'),
    secondHalf: pick('secondHalf'),
    heap: pick('heap0'),
    seconds: pick('seconds'),
    listenersLeft: pick('listenersLeft'),
    timersLeft: pick('timersLeft'),
  };
}

const COLORS = { old: [0x00, 0xa0, 0x00], new: [0x00, 0x40, 0xc0] };
/** Points inside the embed (page px); the ticker is the page's bottom-right 16 px square. */
const PROBES = [
  [100, 100],
  [400, 300],
  [700, 450],
];
const near = (a, b) => a.every((v, i) => Math.abs(v - b[i]) <= 8);

/**
 * Token refreshes while the screen is recorded: a screencast frame in which no probe point shows
 * either token's page is a frame without iframe content. The ticker's colour numbers each
 * animation frame, so we know how many frames the refresh spanned and how many we saw.
 */
async function refresh(browser, server, plan) {
  const results = {};
  for (const lib of ['ours', 'plain']) {
    const tab = await open(browser, server, lib === 'ours' ? 'ours' : 'none');
    await tab.run('bench.startTicker()');
    await tab.run(`bench.setupRefresh('${lib}')`);
    const shots = [];
    tab.cdp.on('Page.screencastFrame', (frame) => {
      shots.push(frame.data);
      tab.cdp.send('Page.screencastFrameAck', { sessionId: frame.sessionId }).catch(() => {});
    });
    await tab.cdp.send('Page.startScreencast', {
      format: 'png',
      maxWidth: VIEWPORT.width / 2,
      maxHeight: VIEWPORT.height / 2,
      everyNthFrame: 1,
    });
    const spans = [];
    for (let i = 0; i < plan[lib]; i++) {
      spans.push(await tab.run(`bench.refreshOnce('${lib}', ${plan.settle})`));
    }
    // Frames of the last animation frames are still on their way.
    const last = spans.at(-1).to;
    await tab.page.waitForFunction(`bench.frameCount() > ${last + 10}`);
    await tab.cdp.send('Page.stopScreencast');
    const frames = shots.map((data) => {
      const image = decodePng(Buffer.from(data, 'base64'));
      const scale = image.width / VIEWPORT.width;
      const [r, g] = image.pixel((VIEWPORT.width - 8) * scale, (VIEWPORT.height - 8) * scale);
      const colours = PROBES.map(([x, y]) => image.pixel(x * scale, y * scale));
      const content = colours.some((c) => near(c, COLORS.old) || near(c, COLORS.new));
      return { tick: r + 256 * g, content, colours };
    });
    // What showed instead of content (at the middle probe), to tell page background (no iframe
    // drawn) from an iframe drawn before its page painted (white).
    const instead = {};
    const perRefresh = spans.map(({ from, to }) => {
      const inside = frames.filter((f) => f.tick >= from && f.tick <= to);
      const seen = new Set(inside.map((f) => f.tick)).size;
      const blank = inside.filter((f) => !f.content);
      for (const { colours } of blank) {
        const hex = `#${colours[1].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
        instead[hex] = (instead[hex] ?? 0) + 1;
      }
      return { blank: blank.length, seen, spanned: to - from + 1 };
    });
    const sum = (key) => perRefresh.reduce((a, r) => a + r[key], 0);
    results[lib] = {
      refreshes: perRefresh.length,
      blankFrames: sum('blank'),
      refreshesWithBlank: perRefresh.filter((r) => r.blank).length,
      blankPerRefresh: summary(perRefresh.map((r) => r.blank)),
      instead,
      framesSeen: sum('seen'),
      framesSpanned: sum('spanned'),
    };
    await tab.close();
  }
  return results;
}

const BENCHMARKS = { connect, resize, many, cycles, refresh };

/**
 * Runs the browser benchmarks on `dist` (a snapshot of the build, see dist.mjs); `only`: some of
 * them. `log` reports progress.
 */
export async function browserBenchmarks(
  dist,
  log = console.log,
  plan = PLAN,
  only = Object.keys(plan),
) {
  const server = await startServer(dist);
  const browser = await launch();
  try {
    const version = await browser.version();
    const out = { browser: version, plan };
    for (const name of only) {
      const started = Date.now();
      out[name] = await BENCHMARKS[name](browser, server, plan[name]);
      log(`  ${name}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
    return out;
  } finally {
    await browser.close();
    await server.close();
  }
}
