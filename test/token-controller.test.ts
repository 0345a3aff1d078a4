// TokenController on a stub host, without the element: when it asks for tokens (counted in calls
// of a stub `fetchToken` and in requests the test endpoint logged), on the fake clock.
import { expect, waitUntil } from '@open-wc/testing';
import { SignJWT } from 'jose';
import { EmbedError } from '../src/errors.js';
import { backoff, CHUNK, refreshDelay } from '../src/schedule.js';
import type { Grant } from '../src/token.js';
import { TokenController, type TokenDelegate } from '../src/token-controller.js';
import type { TokenResponse } from '../src/types.js';
import { endpointLog, newKey, tokenRequests } from './helpers/endpoint.js';
import { FakeClock } from './helpers/fake-clock.js';
import { gate } from './helpers/gates.js';
import { StubHost } from './helpers/host.js';
import { sleep, until } from './helpers/wait.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const key = new TextEncoder().encode('controller-test-secret-0123456789abcdef');

/** A JWT that lives `ttl` seconds by its claims (exp − iat), whatever the clocks say. */
async function token(ttl: number, claims: Record<string, unknown> = {}): Promise<string> {
  const iat = Math.floor(Date.now() / 1000);
  return new SignJWT({ ...claims, iat, exp: iat + ttl })
    .setProtectedHeader({ alg: 'HS256' })
    .sign(key);
}

/** What a fetch-based client throws on an HTTP status. */
const httpFailure = (status: number, headers?: Headers) =>
  Object.assign(new Error(`HTTP ${status}`), { status, response: { status, headers } });

/** A promise the test settles. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((yes, no) => ((resolve = yes), (reject = no)));
  return { promise, resolve, reject };
}

type Answer = (call: number, signal: AbortSignal) => Promise<TokenResponse | string>;

/**
 * A controller on a stub host and the fake clock, its token from `answer` (through `fetchToken`,
 * or `endpoint()` when given). Its delegate records what it was told and, like the element,
 * requests a token when one is due.
 */
function rig(
  answer: Answer,
  { endpoint, accept }: { endpoint?: () => string; accept?: (grant: Grant) => void } = {},
) {
  const host = new StubHost();
  const clock = new FakeClock();
  /** The signal of every `fetchToken` call, in order. */
  const calls: AbortSignal[] = [];
  const grants: { grant: Grant; refreshed: boolean }[] = [];
  const errors: EmbedError[] = [];
  let due = 0;
  const delegate: TokenDelegate = {
    _tokenSource: () =>
      endpoint
        ? { tokenEndpoint: endpoint(), tokenTimeout: 10 * SECOND }
        : {
            fetchToken: (signal) => {
              calls.push(signal);
              return answer(calls.length, signal);
            },
            tokenTimeout: 10 * SECOND,
          },
    _accept: (grant) => accept?.(grant),
    _onGrant: (grant, refreshed) => grants.push({ grant, refreshed }),
    _onTokenError: (error) => errors.push(error),
    _onDue: () => {
      due++;
      void tokens.request();
    },
  };
  const tokens = new TokenController(host, delegate);
  tokens.clock = clock;
  expect([...host.controllers], 'the controller added itself to its host').to.deep.equal([tokens]);
  return {
    host,
    clock,
    tokens,
    calls,
    grants,
    errors,
    due: () => due,
    /** Waits (real time) until the delegate heard of `n` grants and errors in all. */
    settled: (n: number) => until(() => grants.length + errors.length >= n, `${n} answers`),
  };
}

/** Connects, asks for the first token and waits for it. */
async function started(r: ReturnType<typeof rig>) {
  r.host.connect();
  void r.tokens.request();
  await r.settled(1);
  expect(r.grants, 'the first token').to.have.length(1);
}

const wake = (type: 'online' | 'visibilitychange' | 'pageshow') =>
  (type === 'visibilitychange' ? document : window).dispatchEvent(new Event(type));

describe('TokenController: the refresh schedule', () => {
  for (const ttl of [10, 600, 86_400]) {
    it(`refreshes a ${ttl} s token at 70–75 % of its lifetime, with one request`, async () => {
      const r = rig(() => token(ttl).then((t) => ({ token: t })));
      await started(r);
      const [from, to] = [(ttl * SECOND * 70) / 100, (ttl * SECOND * 75) / 100];
      expect(r.clock.tick(from - 1, () => r.calls.length > 1)).to.equal(from - 1);
      expect(r.calls, 'no request before 70 %').to.have.length(1);
      const waited = from - 1 + r.clock.tick(ttl * SECOND, () => r.calls.length > 1);
      expect(r.calls, 'one request at the refresh').to.have.length(2);
      expect(waited).to.be.within(from, to);
      expect(r.due()).to.equal(1);
      await r.settled(2);
      expect(r.grants.map((g) => g.refreshed)).to.deep.equal([false, true]);
      expect(r.tokens._grant).to.equal(r.grants[1].grant);
    });
  }

  it('schedules nothing for a token without exp', async () => {
    const r = rig(async () => ({
      token: await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).sign(key),
    }));
    await started(r);
    expect(r.tokens.expiresAt, 'never expires').to.equal(null);
    expect(r.tokens.valid).to.equal(true);
    expect(r.clock.pending, 'no timer').to.equal(0);
    r.clock.tick(24 * HOUR);
    expect(r.calls).to.have.length(1);
  });
});

describe('TokenController: failures', () => {
  it('backs off 1 s doubling to a 60 s cap, one request per step', async () => {
    const r = rig((call) =>
      call === 1 ? token(600).then((t) => ({ token: t })) : Promise.reject(new Error('offline')),
    );
    await started(r);
    void r.tokens.request();
    await r.settled(2);
    const waits: number[] = [];
    for (let step = 0; step < 8; step++) {
      const calls = r.calls.length;
      waits.push(r.clock.tick(2 * MINUTE, () => r.calls.length > calls));
      expect(r.calls, `step ${step}: one request`).to.have.length(calls + 1);
      await r.settled(3 + step);
    }
    waits.forEach((wait, step) => {
      const full = Math.min(60 * SECOND, SECOND * 2 ** step);
      expect(wait, `wait before retry ${step + 1}`).to.be.within(0.75 * full, full);
    });
    expect(r.errors).to.have.length(9);
    for (const error of r.errors) {
      expect(error).to.include({ code: 'token-network', recoverable: true });
    }
    expect(r.tokens._grant, 'the token in use stays').to.equal(r.grants[0].grant);
  });

  // Any retried status: 503 and 429 send it most, a gateway's 500 may too.
  for (const status of [503, 500]) {
    it(`waits what Retry-After asks for on ${status}, not the backoff (requests the endpoint logged)`, async () => {
      const logKey = newKey(`controller-retry-after-${status}`);
      // The first request is served; every later one answers `status` with Retry-After: 7.
      const r = rig(() => Promise.reject(new Error('unused')), {
        endpoint: () => `/api/token?key=${logKey}&ok=1&status=${status}&retryAfter=7`,
      });
      await started(r);
      void r.tokens.request();
      await r.settled(2);
      expect(await tokenRequests(logKey)).to.equal(2);
      for (let retry = 1; retry <= 3; retry++) {
        expect(r.errors.at(-1)).to.include({ code: 'token-http', status, recoverable: true });
        expect(r.errors.at(-1)!.retryAfter).to.equal(7 * SECOND);
        r.clock.tick(7 * SECOND - 1);
        expect(r.tokens.busy, `retry ${retry}: nothing before 7 s`).to.equal(false);
        r.clock.tick(1);
        expect(r.tokens.busy, `retry ${retry}: a request at 7 s`).to.equal(true);
        await r.settled(2 + retry);
        expect(await tokenRequests(logKey)).to.equal(2 + retry);
      }
    });
  }

  const refusals: [string, () => Promise<TokenResponse | string>, Partial<EmbedError>][] = [
    ['401', () => Promise.reject(httpFailure(401)), { code: 'token-http', status: 401 }],
    ['403', () => Promise.reject(httpFailure(403)), { code: 'token-http', status: 403 }],
    ['an answer that is no token', async () => 'not a token', { code: 'token-invalid' }],
  ];
  for (const [what, refusal, expected] of refusals) {
    it(`requests nothing more on its own after ${what}, even once the token expired`, async () => {
      const r = rig((call) => (call === 1 ? token(60).then((t) => ({ token: t })) : refusal()));
      await started(r);
      r.clock.tick(MINUTE, () => r.calls.length > 1);
      expect(r.calls, 'the scheduled refresh').to.have.length(2);
      await r.settled(2);
      expect(r.errors[0]).to.include({ ...expected, recoverable: false });
      expect(r.clock.pending, 'no timer left').to.equal(0);
      r.clock.tick(10 * MINUTE);
      for (const type of ['online', 'visibilitychange', 'pageshow'] as const) wake(type);
      expect(r.tokens.valid, 'the token expired meanwhile').to.equal(false);
      expect(r.calls, 'no request after the refusal').to.have.length(2);
      // A request the app asks for still goes out.
      void r.tokens.request();
      expect(r.calls).to.have.length(3);
    });
  }

  it('keeps the token in use when accept() refuses the new one', async () => {
    let accepted = 0;
    const r = rig(() => token(600).then((t) => ({ token: t })), {
      accept: () => {
        if (++accepted === 2) throw new EmbedError('url-rejected', 'The URL cannot be built.');
      },
    });
    await started(r);
    const first = r.tokens._grant;
    void r.tokens.request();
    await r.settled(2);
    expect(r.grants, 'no new grant reported').to.have.length(1);
    expect(r.errors.map((e) => e.code)).to.deep.equal(['url-rejected']);
    expect(r.tokens._grant, 'the token in use').to.equal(first);
    expect(r.tokens.valid).to.equal(true);
    expect(r.tokens.busy).to.equal(false);
    r.clock.tick(HOUR);
    expect(r.calls, 'not retried on its own').to.have.length(2);
  });
});

describe('TokenController: the latest request wins', () => {
  it('aborts the request it replaces and drops its late answer', async () => {
    const answers = [deferred<TokenResponse>(), deferred<TokenResponse>()];
    const r = rig((call) => answers[call - 1].promise);
    r.host.connect();
    void r.tokens.request();
    void r.tokens.request();
    expect(r.calls).to.have.length(2);
    expect(r.calls[0].aborted, 'the first request is aborted').to.equal(true);
    expect(r.calls[1].aborted).to.equal(false);
    const [older, newer] = [await token(600, { n: 1 }), await token(600, { n: 2 })];
    answers[1].resolve({ token: newer });
    await r.settled(1);
    answers[0].resolve({ token: older });
    await sleep(50);
    expect(r.grants.map((g) => g.grant.token)).to.deep.equal([newer]);
    expect(r.tokens._grant!.token).to.equal(newer);
    expect(r.errors, 'an abort is no error').to.deep.equal([]);
  });

  it('cancels the replaced request on the wire (the endpoint saw it go)', async () => {
    const held = newKey('controller-held');
    const [slow, fast] = [newKey('controller-slow'), newKey('controller-fast')];
    await gate(held, 'close');
    let endpoint = `/api/token?key=${slow}&hold=${held}&seq=1`;
    const r = rig(() => Promise.reject(new Error('unused')), { endpoint: () => endpoint });
    try {
      r.host.connect();
      void r.tokens.request();
      await gate(held, 'held');
      endpoint = `/api/token?key=${fast}&seq=1`;
      void r.tokens.request();
      await r.settled(1);
      await waitUntil(async () => (await endpointLog(slow))[0]?.aborted, 'the first aborted');
      await gate(held, 'open');
      await sleep(100);
      expect(await tokenRequests(slow)).to.equal(1);
      expect(await tokenRequests(fast)).to.equal(1);
      expect(r.grants, 'only the latest answer').to.have.length(1);
      expect(r.errors).to.deep.equal([]);
    } finally {
      await gate(held, 'open');
    }
  });
});

describe('TokenController: host connection', () => {
  it('aborts the request in flight and stops every timer on hostDisconnected', async () => {
    const answer = deferred<TokenResponse>();
    const r = rig((call) => (call === 1 ? answer.promise : token(600).then((t) => ({ token: t }))));
    r.host.connect();
    void r.tokens.request();
    expect(r.clock.pending, 'the request timeout').to.equal(1);
    r.host.disconnect();
    expect(r.calls[0].aborted).to.equal(true);
    await until(() => r.clock.pending === 0, 'no timer left');
    answer.resolve({ token: await token(600) });
    await sleep(50);
    expect(r.grants).to.deep.equal([]);
    expect(r.errors).to.deep.equal([]);
    r.clock.tick(HOUR);
    expect(r.calls, 'nothing while detached').to.have.length(1);
    // Re-connected: the request cut short goes again, at once.
    r.host.connect();
    r.clock.tick(0);
    expect(r.calls).to.have.length(2);
    await r.settled(1);
    expect(r.grants).to.have.length(1);
  });

  it('keeps the refresh schedule while detached and resumes it on hostConnected', async () => {
    const r = rig(() => token(100).then((t) => ({ token: t })));
    await started(r);
    r.clock.tick(10 * SECOND);
    r.host.disconnect();
    expect(r.clock.pending, 'no timer while detached').to.equal(0);
    r.clock.tick(10 * SECOND);
    r.host.connect();
    // Due at 70–75 s from the token's arrival, as before: not restarted by the reconnection.
    const at = 20 * SECOND + r.clock.tick(HOUR, () => r.calls.length > 1);
    expect(r.calls).to.have.length(2);
    expect(at).to.be.within(70 * SECOND, 75 * SECOND);
  });

  it('refreshes at once on hostConnected when the refresh came due while detached', async () => {
    const r = rig(() => token(100).then((t) => ({ token: t })));
    await started(r);
    r.host.disconnect();
    r.clock.tick(HOUR);
    expect(r.calls, 'nothing while detached').to.have.length(1);
    r.host.connect();
    expect(r.clock.tick(0)).to.equal(0);
    expect(r.calls, 'the overdue refresh, at once').to.have.length(2);
  });
});

describe('TokenController: wake-ups', () => {
  it('fires the retry that waits at once when the network comes back (online)', async () => {
    const r = rig((call) =>
      call === 1 ? token(600).then((t) => ({ token: t })) : Promise.reject(new Error('offline')),
    );
    await started(r);
    void r.tokens.request();
    await r.settled(2);
    r.clock.tick(2 * SECOND, () => r.calls.length > 2);
    await r.settled(3);
    // Retry 2 waits 1.5–2 s; `online` sends it now, and it is still one request for its step.
    expect(r.calls).to.have.length(3);
    wake('online');
    expect(r.calls, 'the retry, at once').to.have.length(4);
    await r.settled(4);
    r.clock.tick(2 * SECOND);
    expect(r.calls, 'not again at the old retry time').to.have.length(4);
    const wait = 2 * SECOND + r.clock.tick(MINUTE, () => r.calls.length > 4);
    expect(wait, 'the next step: 2–4 s').to.be.within(3 * SECOND, 4 * SECOND);
  });

  it('ignores online when no retry waits', async () => {
    const r = rig(() => token(600).then((t) => ({ token: t })));
    await started(r);
    wake('online');
    expect(r.calls).to.have.length(1);
    expect(r.clock.pending, 'the refresh stays scheduled').to.equal(1);
  });
});

/**
 * The schedule's timer, with the jitter at its latest point (`Math.random() === 0`: the refresh at
 * exactly 75 % of the lifetime).
 */
describe('TokenController: the timer', () => {
  let random: () => number;
  beforeEach(() => {
    random = Math.random;
    Math.random = () => 0;
  });
  afterEach(() => {
    Math.random = random;
  });

  /** A rig whose first token, of `ttl` seconds, is in; and when the refresh is due. */
  async function refreshing(ttl: number) {
    const r = rig(() => token(ttl).then((t) => ({ token: t })));
    await started(r);
    return { r, due: r.grants[0].grant._receivedAt + refreshDelay(ttl * SECOND) };
  }

  it('refreshes exactly when due, never earlier, and an overdue refresh on a timer', async () => {
    const { r, due } = await refreshing(400);
    r.clock.tick(due - r.clock.now() - 1);
    expect(r.calls, 'not 1 ms early').to.have.length(1);
    r.clock.tick(1);
    expect(r.calls, 'at 75 %').to.have.length(2);
    expect(r.clock.now()).to.equal(due);

    await r.settled(2);
    r.host.disconnect();
    r.clock.tick(DAY);
    r.host.connect();
    expect(r.calls, 'overdue: still on a timer').to.have.length(2);
    r.clock.tick(0);
    expect(r.calls).to.have.length(3);
  });

  it('waits 30 days without ever asking setTimeout for more than a chunk', async () => {
    const { r, due } = await refreshing(30 * 86_400);
    r.clock.tick(due - r.clock.now() - 1);
    expect(r.calls).to.have.length(1);
    r.clock.tick(1);
    expect(r.calls).to.have.length(2);
    expect(r.clock.longest).to.be.at.most(CHUNK);
  });

  it('refreshes within a chunk of waking when the computer slept past the refresh', async () => {
    const { r } = await refreshing(600);
    r.clock.tick(2 * MINUTE);
    const slept = r.clock.now();
    r.clock.sleep(HOUR);
    // A plain 7.5-minute setTimeout would still wait 5.5 more minutes here.
    r.clock.tick(CHUNK, () => r.calls.length > 1);
    expect(r.calls).to.have.length(2);
    expect(r.clock.now()).to.be.within(slept + HOUR, slept + HOUR + CHUNK);
  });

  it('a wake-up runs an overdue refresh at once and leaves a future one waiting', async () => {
    const { r } = await refreshing(600);
    wake('visibilitychange');
    expect(r.calls).to.have.length(1);
    expect(r.clock.pending, 'the refresh waits').to.equal(1);
    r.clock.sleep(HOUR);
    wake('visibilitychange');
    expect(r.calls, 'the overdue refresh, at once').to.have.length(2);
    wake('visibilitychange');
    expect(r.calls, 'once').to.have.length(2);
  });

  it('hostDisconnected leaves no timer and nothing fires, whatever the clock does', async () => {
    const { r } = await refreshing(600);
    r.clock.tick(MINUTE);
    r.host.disconnect();
    expect(r.clock.pending).to.equal(0);
    wake('visibilitychange');
    r.clock.sleep(30 * DAY);
    wake('visibilitychange');
    r.clock.tick(DAY);
    expect(r.calls).to.have.length(1);
  });

  it('prints the schedule for 60 s, 10 min, 1 h and 30-day tokens', async () => {
    const human = (ms: number) =>
      ms >= DAY
        ? `${(ms / DAY).toFixed(2)} d`
        : ms >= HOUR
          ? `${(ms / HOUR).toFixed(2)} h`
          : ms >= MINUTE
            ? `${(ms / MINUTE).toFixed(2)} min`
            : `${(ms / SECOND).toFixed(2)} s`;
    const rows = [];
    for (const [name, ttl] of [
      ['60 s', 60],
      ['10 min', 600],
      ['1 h', 3_600],
      ['30 days', 30 * 86_400],
    ] as const) {
      const lifetime = ttl * SECOND;
      // `Math.random` is 0 in this block; 1 for the earliest point.
      const latest = refreshDelay(lifetime);
      Math.random = () => 1;
      const earliest = refreshDelay(lifetime);
      Math.random = () => 0;
      // Count the timer wake-ups the controller really arms on its way to the latest point.
      const { r, due } = await refreshing(ttl);
      let wakeUps = 0;
      while (r.calls.length < 2) {
        r.clock.tick(Math.min(CHUNK, latest), () => r.calls.length > 1);
        wakeUps++;
      }
      expect(r.clock.now()).to.equal(due);
      expect(r.clock.longest).to.be.at.most(CHUNK);
      r.host.disconnect();
      rows.push(
        `| ${name} | ${human(earliest)} – ${human(latest)} | ${human(lifetime - latest)} – ${human(lifetime - earliest)} | ${wakeUps} |`,
      );
    }
    console.log(
      [
        '| token lifetime | refresh after (70–75 %) | lifetime left then | timer wake-ups |',
        '|---|---|---|---|',
        ...rows,
        '',
        `Retries after a failure (s, before up to 25 % jitter): ${[0, 1, 2, 3, 4, 5, 6, 7]
          .map((n) => backoff(n) / SECOND)
          .join(', ')}, …`,
      ].join('\n'),
    );
  });
});
