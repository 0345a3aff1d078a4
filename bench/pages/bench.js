// The benchmarks that run inside the host page (host.html); bench/browser.mjs drives them over
// the DevTools protocol and does what a page cannot: garbage collection, heap and listener counts,
// screenshots. Times are ms from `performance.now()`, except where a child page's clock is involved.
const stage = document.getElementById('stage');
const frameOrigin = `http://127.0.0.1:${location.port}`;
const now = () => performance.now();
/** Wall-clock ms with sub-ms precision: comparable (after `clockOffset`) with the child's. */
const wall = () => performance.timeOrigin + performance.now();
const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));

/** A token endpoint answer `{token, instanceUrl}` whose page paints itself `color`. */
async function answer(color = '#00a000') {
  const response = await fetch(`/api/token?color=${encodeURIComponent(color)}`);
  return response.json();
}

/** A `<bi-embed>` whose `fetchToken` resolves at once: no endpoint latency in what we time. */
function embed(tokenAnswer) {
  const element = document.createElement('bi-embed');
  element.fetchToken = () => Promise.resolve(tokenAnswer);
  return element;
}

/** Resolves with the time the next iframe `src` is set (instrument.js sees every one). */
function nextSrc() {
  return new Promise((resolve) => {
    window.onIframeSrc = (_frame, at) => {
      window.onIframeSrc = undefined;
      resolve(at);
    };
  });
}

/** `promise`, or a rejection naming `what` if it takes more than `ms`. */
function within(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: nothing after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * The element's own cost: ms from appending it to its iframe's `src` being set, for `count`
 * elements one after the other (the first on a fresh page pays for Lit's first render of the
 * class). `mode` `fetchToken`: the token function resolves at once. `endpoint`: a real request to
 * `token-endpoint`, minus the request's Resource Timing duration (startTime → responseEnd).
 * `keep`: each element stays on the page beside the earlier ones, as on a page with several
 * embeds; otherwise each is removed before the next is added, as on route changes of an app.
 */
export async function connect(count, mode = 'fetchToken', keep = false) {
  const tokenAnswer = await answer();
  const samples = [];
  const kept = [];
  for (let i = 0; i < count; i++) {
    let element;
    if (mode === 'endpoint') {
      element = document.createElement('bi-embed');
      element.tokenEndpoint = new URL(`/api/token?n=${i}&t=${Date.now()}`, location.href).href;
    } else {
      element = embed(tokenAnswer);
    }
    const src = nextSrc();
    const started = now();
    stage.append(element);
    let cost = (await within(src, 5000, 'iframe src')) - started;
    if (mode === 'endpoint') {
      const [entry] = performance.getEntriesByName(element.tokenEndpoint);
      cost -= entry.responseEnd - entry.startTime;
    }
    samples.push(cost);
    if (keep) kept.push(element);
    else element.remove();
  }
  for (const element of kept) element.remove();
  performance.clearResourceTimings();
  return samples;
}

/**
 * Resolves with the first value `watch` reports through its `done` callback, then disconnects
 * the observer `watch` started and returned; with `ms`, resolves with null if none came by then.
 */
function observeUntil(watch, ms) {
  return new Promise((resolve) => {
    let timer;
    const observer = watch((value) => {
      observer.disconnect();
      clearTimeout(timer);
      resolve(value);
    });
    if (ms !== undefined) {
      timer = setTimeout(() => {
        observer.disconnect();
        resolve(null);
      }, ms);
    }
  });
}

/**
 * Resolves with the wall time at which the parent's script sets `frame`'s height to `height` px
 * (`style.height`, as all three parents write it): a mutation record, delivered at the end of the
 * task or animation-frame callback that made the change. With `ms`: null if not by then.
 */
function heightSet(frame, height, ms) {
  return observeUntil((done) => {
    const observer = new MutationObserver(() => {
      if (frame.style.height === `${height}px`) done(wall());
    });
    observer.observe(frame, { attributes: true, attributeFilter: ['style'] });
    return observer;
  }, ms);
}

/**
 * Resolves with `{at, frame}` (the wall time, and the display frame counted by `countFrames`)
 * when `frame`'s laid-out height is `height` px. With `ms`: null if not by then.
 */
function heightReached(frame, height, ms) {
  return observeUntil((done) => {
    const observer = new ResizeObserver((entries) => {
      if (entries.some((entry) => Math.round(entry.borderBoxSize[0].blockSize) === height)) {
        done({ at: wall(), frame: frameNumber });
      }
    });
    observer.observe(frame);
    return observer;
  }, ms);
}

let resizeFrame;
const ackWaiters = new Map();
/** When the first iframe-resizer size message for a height arrived, by that height. */
const sizeMessages = new Map();
function onAck(event) {
  if (event.origin !== frameOrigin) return;
  const ack = event.data?.benchAck;
  if (ack) ackWaiters.get(ack.id)?.({ at: ack.at, received: wall() });
  // `[iFrameSizer]<id>:<height>:<width>:<type>`, whichever parent the child talks to; the
  // event's own timestamp is when it was dispatched, whatever listener runs first.
  const size = typeof event.data === 'string' && event.data.match(/^\[iFrameSizer\][^:]*:(\d+):/);
  if (size && !sizeMessages.has(Number(size[1]))) {
    sizeMessages.set(Number(size[1]), performance.timeOrigin + event.timeStamp);
  }
}
let commands = 0;

/** Sends the child (of `frame`) a command and resolves with its answer `{at, received}`. */
function command(fields, frame = resizeFrame) {
  const id = ++commands;
  const acked = new Promise((resolve) => ackWaiters.set(id, resolve));
  const sent = wall();
  frame.contentWindow.postMessage({ bench: { id, ...fields } }, frameOrigin);
  return within(acked, 5000, 'child answer').then((ack) => {
    ackWaiters.delete(id);
    return { ...ack, sent };
  });
}

/**
 * Puts one embed on the page, sized to its content by `lib`: `ours` (a `<bi-embed>`), `ifr` (a
 * plain iframe with iframe-resizer v4's own parent script) or `floor` (a bare parent, below), on
 * the same child page; then sizes it to `height` px through the child.
 */
export async function setupResize(lib, height) {
  addEventListener('message', onAck);
  const tokenAnswer = await answer();
  // Both parents' first sign that the child's iframe-resizer answered the handshake.
  let ready;
  if (lib === 'ours') {
    const element = embed(tokenAnswer);
    ready = new Promise((resolve) => element.addEventListener('bi-embed-load', resolve)).then(
      () => (resizeFrame = element.shadowRoot.querySelector('iframe')),
    );
    stage.append(element);
  } else if (lib === 'floor') {
    // The floor: a bare parent that only starts the child (with the init message our element
    // sends) and sets every height it reports, at once, with no loop guard, no stale check and
    // no shrink round trips. No parent can be quicker from a size message to the new height.
    resizeFrame = document.createElement('iframe');
    resizeFrame.className = 'plain';
    resizeFrame.src = `${frameOrigin}/embed/dashboard/${tokenAnswer.token}`;
    stage.append(resizeFrame);
    const init = `[iFrameSizer]bi-embed:8:false:false:32:true:true:null:bodyOffset:null:null:0:false:child:scroll:false`;
    const start = () => resizeFrame.contentWindow.postMessage(init, frameOrigin);
    ready = new Promise((resolve) => {
      addEventListener('message', (event) => {
        if (event.source !== resizeFrame.contentWindow || typeof event.data !== 'string') return;
        if (event.data === '[iFrameResizerChild]Ready') start();
        const size = event.data.match(/^\[iFrameSizer\]bi-embed:(\d+(?:\.\d+)?):/);
        if (!size) return;
        resizeFrame.style.height = `${Math.ceil(Number(size[1]))}px`;
        resolve();
      });
      resizeFrame.addEventListener('load', start);
    });
  } else {
    resizeFrame = document.createElement('iframe');
    resizeFrame.className = 'plain';
    resizeFrame.src = `${frameOrigin}/embed/dashboard/${tokenAnswer.token}`;
    stage.append(resizeFrame);
    ready = new Promise((onInit) => {
      window.iFrameResize({ checkOrigin: [frameOrigin], warningTimeout: 0, onInit }, resizeFrame);
    });
  }
  await within(ready, 10_000, 'iframe-resizer handshake');
  const reached = heightReached(resizeFrame, height);
  await command({ height });
  await within(reached, 5000, `height ${height}`);
}

/**
 * The child's clock minus ours (ms), from the round trip with the smallest delay among `count`
 * pings: each process has its own time origin, so a child's timestamp needs this correction.
 */
export async function clockOffset(count = 20, frame = resizeFrame) {
  let best;
  for (let i = 0; i < count; i++) {
    const { at, received, sent } = await command({}, frame);
    const rtt = received - sent;
    if (!best || rtt < best.rtt) best = { rtt, offset: at - (sent + received) / 2 };
  }
  return best;
}

/**
 * Resize latency: the child sets its content to `height` px, and we time from that change (the
 * child's clock, corrected by `offset`) to the iframe being laid out at that height on this page.
 * `{ms, message, set}` (`message`: until the child's size message for that height reached this
 * page; `set`: until the parent's script set the iframe to that height),
 * or `{stuck}` (the height the frame kept) when it never got there within 1 s.
 */
export async function resizeTo(height, offset) {
  // Each change starts from a quiet page, at a random point of the frame: the previous change's
  // round trips (a shrink's reset and resetPage) are over, and no run is in step with the
  // display's frames. Without the pause, a change made within a few ms of the last one is timed
  // together with what the parent still does for the last one.
  await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 50));
  const before = Math.round(resizeFrame.getBoundingClientRect().height);
  if (before === height) return { stuck: before };
  const reached = heightReached(resizeFrame, height, 1000);
  const written = heightSet(resizeFrame, height, 1000);
  sizeMessages.clear();
  const { at } = await command({ height });
  const changed = at - offset;
  const seen = await reached;
  if (!seen) return { stuck: Math.round(resizeFrame.getBoundingClientRect().height) };
  const set = await written;
  const message = sizeMessages.has(height) ? sizeMessages.get(height) - changed : null;
  return { ms: seen.at - changed, message, set: set === null ? null : set - changed };
}

/**
 * Display frames of the host page, counted by an animation-frame loop that writes nothing to the
 * DOM (iframe-resizer's parent watches the body for mutations). A ResizeObserver callback runs in
 * the same rendering update as that frame's animation-frame callbacks, after them: the count it
 * reads is the frame in which the new size was laid out.
 */
let frameNumber = 0;
let counting = false;
function countFrames() {
  if (counting) return;
  counting = true;
  const tick = () => {
    frameNumber++;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

/** The paired resize: `{ours, ifr}`, each an iframe on this page showing the same child page. */
let pair;
/** Size messages by parent and height: `{at, frame}` of the first one dispatched on `window`. */
const pairSizes = { ours: new Map(), ifr: new Map() };
function onPairSize(event) {
  if (event.origin !== frameOrigin || typeof event.data !== 'string') return;
  const size = event.data.match(/^\[iFrameSizer\][^:]*:(\d+):/);
  if (!size) return;
  const lib = Object.keys(pair).find((key) => pair[key].contentWindow === event.source);
  if (lib && !pairSizes[lib].has(Number(size[1]))) {
    pairSizes[lib].set(Number(size[1]), {
      at: performance.timeOrigin + event.timeStamp,
      frame: frameNumber,
    });
  }
}

/** Ours: a `<bi-embed>` on the stage; resolves with its iframe once the child answered. */
async function addOurs(tokenAnswer) {
  const element = embed(tokenAnswer);
  const loaded = new Promise((resolve) => element.addEventListener('bi-embed-load', resolve));
  stage.append(element);
  await within(loaded, 10_000, 'bi-embed-load');
  return element.shadowRoot.querySelector('iframe');
}

/** Theirs: a plain iframe sized by iframe-resizer v4's parent; resolves once the child answered. */
async function addTheirs(tokenAnswer) {
  const frame = document.createElement('iframe');
  frame.className = 'plain';
  frame.src = `${frameOrigin}/embed/dashboard/${tokenAnswer.token}`;
  stage.append(frame);
  await within(
    new Promise((onInit) => {
      window.iFrameResize({ checkOrigin: [frameOrigin], warningTimeout: 0, onInit }, frame);
    }),
    10_000,
    'iframe-resizer handshake',
  );
  return frame;
}

/**
 * The paired resize: ours and iframe-resizer's parent, each sizing its own iframe on this page,
 * both showing the same child page. `first` (`ours` or `ifr`) is set up first: its child's
 * iframe-resizer starts first, so its MutationObserver is notified first and its size message
 * goes out first, in the same task as the other's. Both children are then set to `height` px.
 */
export async function setupPair(first, height) {
  addEventListener('message', onAck);
  const tokenAnswer = await answer();
  stage.className = 'pair';
  pair = {};
  for (const lib of first === 'ours' ? ['ours', 'ifr'] : ['ifr', 'ours']) {
    pair[lib] = await (lib === 'ours' ? addOurs : addTheirs)(tokenAnswer);
  }
  addEventListener('message', onPairSize);
  countFrames();
  const reached = [pair.ours, pair.ifr].map((frame) => heightReached(frame, height, 5000));
  await command({ height, all: true }, pair.ours);
  const [ours] = await Promise.all(reached);
  // iframe-resizer's parent may never finish this shrink (from the page's 480 px): the first
  // change is a grow, which it follows from wherever it stands.
  if (!ours) throw new Error(`pair: height ${height} not reached`);
}

/** The child's clock minus ours (ms), as `clockOffset`: both children run in one process. */
export const pairClockOffset = () => clockOffset(20, pair.ours);

/**
 * One paired change: the child of `leader`'s iframe sets both children's content to `height` px
 * in one task; for each parent, `{frame, ms, message, messageFrame, set}` (the display frame in
 * which the new height was laid out; ms from the change until then, until its size message was
 * dispatched here, and until the parent's script set the height) or `{stuck}` (the height its
 * iframe kept when it did not get there within 1 s).
 */
export async function pairTo(height, offset, leader) {
  await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 50));
  const libs = ['ours', 'ifr'];
  const before = libs.map((lib) => Math.round(pair[lib].getBoundingClientRect().height));
  const reached = libs.map((lib) => heightReached(pair[lib], height, 1000));
  // When each parent's script writes the height.
  const writes = libs.map((lib) => heightSet(pair[lib], height, 1000));
  for (const lib of libs) pairSizes[lib].clear();
  const { at } = await command({ height, all: true }, pair[leader]);
  const changed = at - offset;
  const laid = await Promise.all(reached);
  const set = Object.fromEntries(
    (await Promise.all(writes)).map((time, i) => [libs[i], time ?? undefined]),
  );
  return Object.fromEntries(
    libs.map((lib, i) => {
      const seen = laid[i];
      if (!seen || before[i] === height) {
        return [lib, { stuck: Math.round(pair[lib].getBoundingClientRect().height) }];
      }
      const message = pairSizes[lib].get(height);
      return [
        lib,
        {
          frame: seen.frame,
          ms: seen.at - changed,
          message: message ? message.at - changed : null,
          messageFrame: message ? message.frame : null,
          set: set[lib] === undefined ? null : set[lib] - changed,
        },
      ];
    }),
  );
}

/** The floor: ms to append `count` plain iframes with their `src` (then removed). */
export function plainMany(count) {
  const started = now();
  for (let i = 0; i < count; i++) {
    const frame = document.createElement('iframe');
    frame.className = 'plain';
    frame.src = `${frameOrigin}/embed/dashboard/plain.${i}.x`;
    stage.append(frame);
  }
  const took = now() - started;
  stage.replaceChildren();
  return took;
}

/**
 * `count` embeds appended one after the other: ms until every iframe has its `src`, and until
 * every element fired `bi-embed-load` (every child page loaded and answered).
 */
export async function many(count) {
  const tokenAnswer = await answer();
  const elements = Array.from({ length: count }, () => embed(tokenAnswer));
  let seen = 0;
  const allSrc = new Promise((resolve) => {
    window.onIframeSrc = (_frame, at) => {
      if (++seen === count) resolve(at);
    };
  });
  const loads = elements.map(
    (element) =>
      new Promise((resolve) =>
        element.addEventListener('bi-embed-load', () => resolve(now()), { once: true }),
      ),
  );
  const started = now();
  for (const element of elements) stage.append(element);
  const srcAt = await within(allSrc, 30_000, `${count} iframe src`);
  window.onIframeSrc = undefined;
  const loadAt = Math.max(...(await within(Promise.all(loads), 60_000, `${count} loads`)));
  return { src: srcAt - started, load: loadAt - started };
}

/**
 * `count` connect/disconnect cycles of every kind a page puts the element through. Most are
 * removed mid-request: a new element is appended, renders, asks for its token, and is removed
 * before the answer, which arrives just after (and must be dropped). Every `every`-th cycle goes
 * all the way to a navigating iframe (its `src` is set) before removal: alternately a new element
 * and one long-lived element re-inserted (it reuses its still-valid token).
 */
export async function cycles(count, every) {
  const tokenAnswer = await answer();
  const reinserted = embed(tokenAnswer);
  let full = 0;
  for (let i = 1; i <= count; i++) {
    if (i % every === 0) {
      const element = full++ % 2 ? reinserted : embed(tokenAnswer);
      const src = nextSrc();
      stage.append(element);
      await within(src, 5000, 'iframe src');
      element.remove();
    } else {
      const element = document.createElement('bi-embed');
      let release;
      const asked = new Promise((resolve) => {
        element.fetchToken = () => {
          resolve();
          return new Promise((answered) => (release = () => answered(tokenAnswer)));
        };
      });
      stage.append(element);
      await within(asked, 5000, 'fetchToken call');
      element.remove();
      release();
    }
  }
  return { liveTimers: window.liveTimers(), full };
}

/** Every animation frame paints the ticker with the frame's number (red + 256 × green). */
let ticks = 0;
export function startTicker() {
  const ticker = document.getElementById('ticker');
  const tick = () => {
    ticks++;
    ticker.style.background = `rgb(${ticks % 256}, ${Math.floor(ticks / 256) % 256}, 0)`;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

export const frameCount = () => ticks;

let refreshed;
let plain;
let answers;
let turn = 0;
const COLORS = ['#00a000', '#0040c0'];

/** One embed for the refresh test: `ours` (a `<bi-embed>`), or `plain` (an iframe, for contrast). */
export async function setupRefresh(lib) {
  answers = await Promise.all(COLORS.map((color) => answer(color)));
  if (lib === 'ours') {
    // Each token paints its page in the other colour: old and new pages tell apart on screen.
    refreshed = document.createElement('bi-embed');
    refreshed.fetchToken = () => Promise.resolve(answers[turn++ % 2]);
    const loaded = new Promise((resolve) => refreshed.addEventListener('bi-embed-load', resolve));
    stage.append(refreshed);
    await within(loaded, 10_000, 'bi-embed-load');
  } else {
    plain = document.createElement('iframe');
    plain.className = 'plain';
    const loaded = new Promise((resolve) => plain.addEventListener('load', resolve));
    plain.src = `${frameOrigin}/embed/dashboard/${answers[turn++ % 2].token}`;
    stage.append(plain);
    await within(loaded, 10_000, 'iframe load');
  }
  for (let i = 0; i < 10; i++) await nextFrame();
}

/**
 * One token refresh, then `settle` more animation frames. `ours`: `refresh()` until
 * `bi-embed-token-refresh`. `plain`: the iframe's `src` set to the new token's URL until `load`,
 * which is what a page does by hand. Resolves with the ticker frame numbers it spanned.
 */
export async function refreshOnce(lib, settle = 20) {
  const from = ticks;
  if (lib === 'ours') {
    const done = new Promise((resolve) =>
      refreshed.addEventListener('bi-embed-token-refresh', resolve, { once: true }),
    );
    await refreshed.refresh();
    await within(done, 10_000, 'bi-embed-token-refresh');
  } else {
    const loaded = new Promise((resolve) =>
      plain.addEventListener('load', resolve, { once: true }),
    );
    plain.src = `${frameOrigin}/embed/dashboard/${answers[turn++ % 2].token}`;
    await within(loaded, 10_000, 'iframe load');
  }
  for (let i = 0; i < settle; i++) await nextFrame();
  return { from, to: ticks };
}
