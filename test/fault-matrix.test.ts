// The fault matrix: every way a token endpoint (or the app's own fetchToken) fails, both while the
// token in use is still valid and after it expired, against the real test endpoint, on a fake clock.
// For each: the documented code, nothing navigated, the live frame kept on screen, requests counted
// (one per backoff step, none after a refusal), and recovery once the endpoint answers again.
// Each case posts a row to test-results/fault-matrix.jsonl (TESTING.md is made from it).
import { expect } from '@open-wc/testing';
import type { BiEmbed } from '../src/bi-embed.js';
import type { BiEmbedErrorDetail, ErrorCode } from '../src/types.js';
import { endpointLog, newKey, tokenRequests as serverCount } from './helpers/endpoint.js';
import { nextEvent, record } from './helpers/events.js';
import { FakeClock } from './helpers/fake-clock.js';
import { visibleFrame } from './helpers/frames.js';
import { create, mount } from './helpers/mount.js';
import { FRAME_ORIGIN } from './helpers/origins.js';
import { report, until } from './helpers/wait.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
/** Lifetime of the tokens the endpoint signs (s). */
const TTL = 60;

interface Fault {
  name: string;
  query: string;
  code: ErrorCode;
  status?: number;
  recoverable: boolean;
  /** The wait `Retry-After` asks for (ms): the next request goes out exactly then. */
  wait?: number;
  /** The request never answers: it ends at the element's 15 s timeout. */
  hang?: boolean;
  /**
   * The app's fetchToken hands over the body alone, without the endpoint's headers: where that
   * changes the outcome, what it is (`accepted`: the element cannot see the fault).
   */
  app?: 'accepted';
  /** The browser itself may send a request again when a reused connection is reset. */
  browserRetries?: boolean;
}

const answer = (text: string, type = 'application/json') =>
  `body=${encodeURIComponent(text)}&type=${encodeURIComponent(type)}`;
const LOGIN_PAGE = '<!doctype html><title>Log in</title><form method=post>Log in</form>';

const FAULTS: Fault[] = [
  { name: '500', query: 'status=500', code: 'token-http', status: 500, recoverable: true },
  {
    name: '502 with an HTML body',
    query: `status=502&errorType=text/html&errorBody=${encodeURIComponent('<h1>Bad gateway</h1>')}`,
    code: 'token-http',
    status: 502,
    recoverable: true,
  },
  {
    name: '503 with Retry-After: 7',
    query: 'status=503&retryAfter=7',
    code: 'token-http',
    status: 503,
    recoverable: true,
    wait: 7 * SECOND,
  },
  {
    name: '429 with Retry-After: 5',
    query: 'status=429&retryAfter=5',
    code: 'token-http',
    status: 429,
    recoverable: true,
    wait: 5 * SECOND,
  },
  {
    name: '429 with Retry-After as an HTTP date (8 s on)',
    query: 'status=429&retryAfter=date:8',
    code: 'token-http',
    status: 429,
    recoverable: true,
    wait: 8 * SECOND,
  },
  {
    name: 'a hanging request',
    query: 'hang=1',
    code: 'token-timeout',
    recoverable: true,
    hang: true,
  },
  {
    name: 'a reset connection',
    query: 'drop=1',
    code: 'token-network',
    recoverable: true,
    browserRetries: true,
  },
  { name: 'a body cut short', query: 'partial=1', code: 'token-network', recoverable: true },
  { name: 'a 5 MB body', query: 'huge=1', code: 'token-invalid', recoverable: false },
  {
    name: 'invalid JSON',
    query: answer('{"token": "ey'),
    code: 'token-invalid',
    recoverable: false,
  },
  {
    name: 'JSON without url or token',
    query: answer('{"jwt": "a.b.c"}'),
    code: 'token-invalid',
    recoverable: false,
  },
  {
    name: 'an HTML login page (200)',
    query: answer(LOGIN_PAGE, 'text/html'),
    code: 'token-invalid',
    recoverable: false,
  },
  { name: '401', query: 'status=401', code: 'token-http', status: 401, recoverable: false },
  { name: '403', query: 'status=403', code: 'token-http', status: 403, recoverable: false },
  {
    name: 'a javascript: url',
    query: answer('{"url": "javascript:alert(1)"}'),
    code: 'url-rejected',
    recoverable: false,
  },
  {
    name: 'a data: url',
    query: answer('{"url": "data:text/html,<script>alert(1)</script>"}'),
    code: 'url-rejected',
    recoverable: false,
  },
  {
    name: 'a url on another origin',
    query: answer('{"url": "https://evil.example/public/dashboard/abc"}'),
    code: 'url-rejected',
    recoverable: false,
  },
  {
    name: 'a token that is not a JWT',
    query: answer('{"token": "not-a-jwt"}'),
    code: 'token-invalid',
    recoverable: false,
  },
  { name: 'an expired token', query: 'expired=1', code: 'token-expired', recoverable: true },
  {
    name: 'a cached token: old iat, exp past by the Date header',
    query: 'cached=1',
    code: 'token-expired',
    recoverable: true,
    // Only the endpoint's Date header shows that exp is past; a fetchToken answer has none
    // (the README: such an app passes expiresIn).
    app: 'accepted',
  },
  { name: 'a non-numeric exp', query: 'badexp=1', code: 'token-invalid', recoverable: false },
  { name: 'a non-numeric iat', query: 'badiat=1', code: 'token-invalid', recoverable: false },
];

/**
 * What a scenario saw, in order, for a failed wait to tell: each line with the real time and the
 * element's (fake) clock since the scenario started.
 */
class Trace {
  lines: string[] = [];
  #real = performance.now();
  #fake: number;
  constructor(readonly clock: FakeClock) {
    this.#fake = clock.now();
  }

  note(what: string): void {
    const real = Math.round(performance.now() - this.#real);
    const fake = Math.round(this.clock.now() - this.#fake);
    this.lines.push(`${real} ms (clock +${fake} ms): ${what}`);
  }
}

/**
 * Notes in `trace` what `el` does: its events, frames added and removed (the one loading behind
 * the visible frame is `pending`), each frame's `load` and the messages this page gets from them.
 * Returns what stops it.
 */
function watch(el: BiEmbed, trace: Trace): () => void {
  for (const type of ['bi-embed-error', 'bi-embed-load', 'bi-embed-token-refresh'] as const) {
    el.addEventListener(type, (event) => {
      const { code } = (event as CustomEvent<{ code?: string }>).detail;
      trace.note(`${type}${code ? ` ${code}` : ''}, status ${el.status}`);
    });
  }
  const named = (node: Node) =>
    node instanceof HTMLIFrameElement ? `iframe ${node.className || 'visible'}` : node.nodeName;
  const observer = new MutationObserver((changes) => {
    for (const { addedNodes, removedNodes } of changes) {
      for (const node of addedNodes) {
        trace.note(`${named(node)} added`);
        // Named as it was added: a pending frame loses its class when it swaps in.
        const name = named(node);
        node.addEventListener('load', () => trace.note(`${name} load event`));
      }
      for (const node of removedNodes) trace.note(`${named(node)} removed`);
    }
  });
  observer.observe(el.shadowRoot!, { childList: true, subtree: true });
  const heard = (event: MessageEvent) => {
    const from = [...el.shadowRoot!.querySelectorAll('iframe')].find(
      (frame) => frame.contentWindow === event.source,
    );
    // The start only: a message may carry the frame's URL, and so its token.
    if (from)
      trace.note(`message from ${named(from)}: ${JSON.stringify(event.data).slice(0, 32)}…`);
  };
  addEventListener('message', heard);
  return () => {
    observer.disconnect();
    removeEventListener('message', heard);
  };
}

/** Requests seen by this page, by token-log key, at the time of the element's (fake) clock. */
const requests = new Map<string, { clock: FakeClock; at: number[]; trace: Trace }>();
const realFetch = window.fetch;
const unwatch: (() => void)[] = [];
before(() => {
  window.fetch = function (input: RequestInfo | URL, init?: RequestInit) {
    const url = new URL(input instanceof Request ? input.url : String(input), location.href);
    const seen = requests.get(url.searchParams.get('key') ?? '');
    seen?.at.push(seen.clock.now());
    const sent = realFetch.call(this, input, init);
    if (seen) {
      const n = seen.at.length;
      seen.trace.note(`request ${n} sent`);
      sent.then(
        (response) => seen.trace.note(`request ${n} answered ${response.status}`),
        (error: Error) => seen.trace.note(`request ${n} failed: ${error.name}`),
      );
    }
    return sent;
  };
});
afterEach(() => {
  for (const stop of unwatch.splice(0)) stop();
});
after(() => {
  window.fetch = realFetch;
});

/** The app's own token function, as an app with a fetch-based client writes it. */
const appFetchToken = (url: string) => async (signal: AbortSignal) => {
  const response = await fetch(url, { signal, headers: { Accept: 'application/json' } });
  if (!response.ok) throw Object.assign(new Error(`HTTP ${response.status}`), { response });
  const json = response.headers.get('Content-Type')?.includes('json');
  return json ? ((await response.json()) as { token: string }) : response.text();
};

async function scenario(fault: Fault, expired: boolean, source: 'endpoint' | 'fetchToken') {
  const accepted = source === 'fetchToken' && fault.app === 'accepted';
  const clock = new FakeClock();
  const key = newKey('fault');
  const at: number[] = [];
  const trace = new Trace(clock);
  requests.set(key, { clock, at, trace });
  // One good token, then faulty answers until the test lets the endpoint recover.
  const url = `/api/token?key=${key}&seq=1&ttl=${TTL}&frame=hello&ok=1&` + fault.query;
  const el =
    source === 'endpoint'
      ? create({ 'instance-url': FRAME_ORIGIN, 'token-endpoint': url }, { clock })
      : create({ 'instance-url': FRAME_ORIGIN }, { clock, fetchToken: appFetchToken(url) });
  const errors = record(el, 'bi-embed-error');
  const refreshes = record(el, 'bi-embed-token-refresh');
  const embedLoaded = nextEvent(el, 'bi-embed-load');
  await mount(el);
  unwatch.push(watch(el, trace));
  /** `until` (15 s), failing with the trace and the requests the endpoint saw. */
  const waitFor = async (ready: () => boolean, what: string, state?: () => string) => {
    try {
      await until(ready, what, 15_000, state);
    } catch (error) {
      const log = await endpointLog(key);
      const served = log.map(
        (entry, i) =>
          `${i + 1} at +${entry.at - log[0].at} ms${entry.aborted ? ' (abandoned)' : ''}`,
      );
      const seen = `${trace.lines.join('\n')}\nthe endpoint saw requests ${served.join(', ')}`;
      (error as Error).message += `\n${seen}`;
      throw error;
    }
  };
  await embedLoaded;
  const frame = visibleFrame(el);
  const shown = frame.src;
  const onScreen = () => {
    const frames = el.shadowRoot!.querySelectorAll('iframe');
    expect(frames.length, 'one frame, nothing loading behind it').to.equal(1);
    expect(frames[0], 'the same frame').to.equal(frame);
    expect(frame.src, 'not navigated').to.equal(shown);
    expect(frame.isConnected && frame.offsetHeight > 0, 'frame on screen').to.equal(true);
    expect(el.shadowRoot!.querySelector('[part="error"]'), 'no error view over it').to.equal(null);
  };

  // The fault strikes at the scheduled refresh, or at the wake-up after the token died.
  const issued = () => at.length;
  if (expired) {
    clock.sleep((TTL + 1) * SECOND);
    trace.note(`slept ${TTL + 1} s`);
    document.dispatchEvent(new Event('visibilitychange'));
    expect(el.expiresAt! < clock.now(), 'the token in use has expired').to.equal(true);
  } else {
    clock.tick(TTL * SECOND, () => issued() === 2);
    expect(el.expiresAt! > clock.now(), 'the token in use is still valid').to.equal(true);
  }
  expect(issued(), 'the refresh went out').to.equal(2);

  if (accepted) {
    await waitFor(() => refreshes.length === 1, 'the token taken');
    expect(errors, 'nothing to report').to.deep.equal([]);
    await report('fault-matrix', {
      fault: fault.name,
      state: expired ? 'expired' : 'valid',
      source,
      code: null,
      status: null,
      recoverable: null,
      requests: issued(),
      automatic: 0,
      waits: [],
      screen: 'the new token, as the app answered it',
    });
    el.remove();
    return;
  }

  const failed = async (count: number) => {
    if (fault.hang) {
      // The request hangs at the server until the element's 15 s timeout.
      await waitFor(() => served >= issued(), 'the request at the server');
      clock.tick(15 * SECOND);
    }
    await waitFor(() => errors.length >= count, `error ${count} (${fault.name})`);
  };
  let served = 0;
  const counter = setInterval(async () => (served = await serverCount(key)), 10);
  try {
    await failed(1);
  } finally {
    if (!fault.hang) clearInterval(counter);
  }
  const first: BiEmbedErrorDetail = errors[0];
  expect(first.code, 'code').to.equal(fault.code);
  expect(first.recoverable, 'recoverable').to.equal(fault.recoverable);
  if (fault.status) expect(first.status, 'status').to.equal(fault.status);
  expect(el.status).to.equal('error');
  onScreen();

  const failures = fault.recoverable ? 3 : 1;
  const recover = () => realFetch(`/api/token-recover?key=${key}`, { method: 'POST' });
  const waits: number[] = [];
  try {
    if (fault.recoverable) {
      // Each retry waits its backoff step (1 s, 2 s, 4 s … up to 25 % sooner) or what
      // Retry-After asked, with exactly one request per step; the third retry finds the endpoint
      // answering again.
      for (let step = 0; step < failures; step++) {
        if (step === failures - 1) {
          await recover();
          trace.note('the endpoint recovers');
        }
        const before = issued();
        const waited = clock.tick(10 * MINUTE, () => issued() > before);
        trace.note(`ticked ${Math.round(waited)} ms: retry ${step + 1}`);
        expect(issued(), `retry ${step + 1}: one request`).to.equal(before + 1);
        waits.push(waited);
        const base = fault.wait ?? SECOND * 2 ** step;
        if (fault.wait) expect(waited, `retry ${step + 1} waits Retry-After`).to.equal(base);
        else expect(waited, `retry ${step + 1} waits its step`).to.be.within(base * 0.75, base);
        if (step < failures - 1) {
          await failed(step + 2);
          onScreen();
        }
      }
    } else {
      // A refusal is not retried: ten minutes pass without a request, whatever the token's state.
      const before = issued();
      const waited = clock.tick(10 * MINUTE, () => issued() > before);
      expect(issued(), 'no automatic request after a refusal').to.equal(before);
      expect(waited).to.equal(10 * MINUTE);
      expect(errors.length, 'one error event').to.equal(1);
      onScreen();
      await recover();
      trace.note('the endpoint recovers');
      void el.refresh(); // the viewer's Retry, or the app's refresh()
    }
  } finally {
    clearInterval(counter);
  }
  // The endpoint answers again: the embed recovers with a new token.
  await waitFor(
    () => refreshes.length === 1,
    'recovery',
    () => {
      const frames = [...el.shadowRoot!.querySelectorAll('iframe')];
      const described = frames.map((f) => `${f.className || 'visible'} ${f.src.slice(-40)}`);
      return `status ${el.status}, ${issued()} requests, errors ${errors.map((e) => e.code)}, frames: ${described.join(' | ')}`;
    },
  );
  expect(el.status).to.equal('ready');
  const frames = el.shadowRoot!.querySelectorAll('iframe');
  expect(frames.length).to.equal(1);
  expect(frames[0].src, 'the new token is on screen').not.to.equal(shown);
  expect(errors.length, 'one error event per failure').to.equal(failures);
  const total = 1 + failures + 1;
  expect(issued(), 'requests in all').to.equal(total);
  const atServer = await serverCount(key);
  if (fault.browserRetries) {
    // Chromium itself sends a GET again when the reused connection it went on was reset, and
    // the repeat may meet another reset: the page's own requests (counted above) stay exact.
    expect(atServer).to.be.within(total, total + 3 * failures);
  } else expect(atServer, 'requests the endpoint saw').to.equal(total);
  el.remove();
  requests.delete(key);
  await report('fault-matrix', {
    fault: fault.name,
    state: expired ? 'expired' : 'valid',
    source,
    code: first.code,
    status: first.status ?? null,
    recoverable: first.recoverable,
    requests: total,
    atServer,
    automatic: fault.recoverable ? failures : 0,
    waits,
    screen: 'live frame kept, then the new token',
  });
}

describe('fault matrix', function () {
  this.timeout(20_000);
  for (const fault of FAULTS) {
    for (const expired of [false, true]) {
      for (const source of ['endpoint', 'fetchToken'] as const) {
        const state = expired ? 'after the token expired' : 'while the token is valid';
        it(`${fault.name}, ${state}, from ${source}`, () => scenario(fault, expired, source));
      }
    }
  }
});
