import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import type { BiEmbed } from '../src/bi-embed.js';
import type { TokenResponse } from '../src/types.js';
import { newKey, tokenRequests as requests } from './helpers/endpoint.js';
import { FakeClock, MAX_TIMEOUT } from './helpers/fake-clock.js';
import { frames } from './helpers/frames.js';
import { mount as mountElement } from './helpers/mount.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/**
 * An element on a fake clock, with its own token-log key; `embedLoaded`: its first
 * `bi-embed-load`.
 */
async function mount(query: string, clock = new FakeClock()) {
  const key = newKey('lifecycle');
  // seq: every token differs, even two signed in the same second.
  const el = await mountElement(
    { 'token-endpoint': `/api/token?key=${key}&seq=1&${query}` },
    { clock },
  );
  return { el, clock, key, embedLoaded: oneEvent(el, 'bi-embed-load') };
}

/** A token request started (the element shows it at once, before any network). */
const requesting = (el: BiEmbed) => () => el.status === 'refreshing' || el.status === 'loading';
const wake = (type: 'visibilitychange' | 'online' | 'pageshow') =>
  (type === 'visibilitychange' ? document : window).dispatchEvent(new Event(type));

/**
 * The signals of the wake-up listeners added from now on (one per listener); the spies go
 * after the test.
 */
function watchWakeUpListeners(): AbortSignal[] {
  const signals: AbortSignal[] = [];
  for (const target of [window, document] as EventTarget[]) {
    const original = target.addEventListener;
    target.addEventListener = function (type: string, listener: never, options?: never) {
      if (['visibilitychange', 'online', 'pageshow'].includes(type)) {
        const signal = (options as AddEventListenerOptions | undefined)?.signal;
        expect(signal, `${type} listener has a signal`).to.exist;
        signals.push(signal!);
      }
      return original.call(this, type, listener, options);
    };
    spies.push(() => delete (target as { addEventListener?: unknown }).addEventListener);
  }
  return signals;
}
const spies: (() => void)[] = [];
afterEach(() => spies.splice(0).forEach((undo) => undo()));

describe('token refresh schedule', () => {
  for (const skew of [86_400, -86_400]) {
    for (const iat of [true, false]) {
      const clocks = skew > 0 ? 'client 24 h behind' : 'client 24 h ahead';
      const source = iat ? 'exp − iat' : 'exp against the Date header';
      it(`refreshes a 10-minute token at 50–80 % with the ${clocks} (${source})`, async () => {
        const { el, clock, key, embedLoaded } = await mount(
          `ttl=600&skew=${skew}${iat ? '' : '&iat=0'}`,
        );
        await embedLoaded;
        const arrived = clock.now();
        expect(el.expiresAt).to.equal(arrived + 10 * MINUTE);
        const waited = clock.tick(10 * MINUTE, requesting(el));
        expect(el.status).to.equal('refreshing');
        expect(waited).to.be.within(5 * MINUTE, 8 * MINUTE);
        const refreshed = await oneEvent(el, 'bi-embed-token-refresh');
        expect(refreshed.detail).to.deep.equal({
          expiresAt: arrived + waited + 10 * MINUTE,
          reloaded: true,
        });
        expect(el.status).to.equal('ready');
        expect(await requests(key)).to.equal(2);
      });
    }
  }

  it('refreshes a 30-day token at 15–24 days, never asking for an out-of-range timer', async () => {
    const { el, clock, key, embedLoaded } = await mount(`ttl=${30 * 86_400}`);
    await embedLoaded;
    expect(el.expiresAt).to.equal(clock.now() + 30 * DAY);
    const waited = clock.tick(30 * DAY, requesting(el));
    expect(waited).to.be.within(15 * DAY, 24 * DAY);
    expect(clock.longest).to.be.at.most(MAX_TIMEOUT);
    await oneEvent(el, 'bi-embed-token-refresh');
    expect(await requests(key)).to.equal(2);
  });

  it('never refreshes a token without exp', async () => {
    const { el, clock, key, embedLoaded } = await mount('ttl=none');
    await embedLoaded;
    expect(el.expiresAt).to.equal(null);
    expect(clock.pending, 'no timer').to.equal(0);
    clock.tick(365 * DAY);
    clock.sleep(365 * DAY);
    for (const type of ['visibilitychange', 'online', 'pageshow'] as const) wake(type);
    expect(el.status).to.equal('ready');
    expect(await requests(key)).to.equal(1);
  });

  it('uses expiresIn when the token has no iat', async () => {
    const { el, clock, embedLoaded } = await mount('ttl=600&iat=0&expiresIn=120');
    await embedLoaded;
    expect(el.expiresAt).to.equal(clock.now() + 2 * MINUTE);
    expect(clock.tick(2 * MINUTE, requesting(el))).to.be.within(MINUTE, 1.6 * MINUTE);
  });

  it('refreshes again and again: each new token gets its own schedule', async () => {
    const { el, clock, key, embedLoaded } = await mount('ttl=60');
    await embedLoaded;
    for (let round = 2; round <= 4; round++) {
      const waited = clock.tick(MINUTE, requesting(el));
      expect(waited).to.be.within(30 * SECOND, 48 * SECOND);
      await oneEvent(el, 'bi-embed-token-refresh');
      expect(await requests(key)).to.equal(round);
    }
  });
});

describe('token-refresh event', () => {
  it('says reloaded: false when the endpoint answered the token already on screen', async () => {
    const clock = new FakeClock();
    const cached = (await (await fetch('/api/token?ttl=600')).json()) as TokenResponse;
    const el = await fixture<BiEmbed>(
      html`<bi-embed .clock=${clock} .fetchToken=${async () => cached}></bi-embed>`,
    );
    await oneEvent(el, 'bi-embed-load');
    const [frame] = frames(el);
    const refreshed = oneEvent(el, 'bi-embed-token-refresh');
    clock.tick(10 * MINUTE, requesting(el));
    const { detail } = await refreshed;
    expect(detail).to.deep.equal({ expiresAt: el.expiresAt, reloaded: false });
    expect(frames(el)).to.deep.equal([frame]);
    expect(el.status).to.equal('ready');
  });
});

describe('wake-ups', () => {
  for (const type of ['visibilitychange', 'online', 'pageshow'] as const) {
    it(`refreshes at once on ${type} when the refresh is overdue`, async () => {
      const { el, clock, key, embedLoaded } = await mount('ttl=600');
      await embedLoaded;
      wake(type);
      expect(el.status, 'not due yet: nothing').to.equal('ready');
      // Asleep for an hour: the timer has not counted it.
      clock.sleep(HOUR);
      expect(el.status).to.equal('ready');
      wake(type);
      expect(el.status).to.equal('refreshing');
      await oneEvent(el, 'bi-embed-token-refresh');
      expect(await requests(key)).to.equal(2);
    });
  }

  it('notices a timer that fired late (the computer slept) within a minute', async () => {
    const { el, clock, embedLoaded } = await mount('ttl=600');
    await embedLoaded;
    clock.tick(2 * MINUTE);
    clock.sleep(HOUR);
    // A plain setTimeout would wait the 5+ minutes it had left before the sleep.
    expect(clock.tick(MINUTE, requesting(el))).to.be.at.most(MINUTE);
    expect(el.status).to.equal('refreshing');
    await oneEvent(el, 'bi-embed-token-refresh');
  });
});

describe('failures', () => {
  it('retries with backoff from 1 s doubling to a 60 s cap, one recoverable error each', async () => {
    const { el, clock, key } = await mount('status=503');
    const first = await oneEvent(el, 'bi-embed-error');
    expect(first.detail).to.include({ code: 'token-http', status: 503, recoverable: true });
    expect(el.status).to.equal('error');
    for (const seconds of [1, 2, 4, 8, 16, 32, 60, 60]) {
      const waited = clock.tick(seconds * SECOND, requesting(el));
      expect(el.status, `retried by ${seconds} s`).to.equal('loading');
      expect(waited).to.be.within(0.75 * seconds * SECOND, seconds * SECOND);
      const error = await oneEvent(el, 'bi-embed-error');
      expect(error.detail).to.include({ status: 503, recoverable: true });
    }
    expect(await requests(key)).to.equal(9);
  });

  it('recovers when the endpoint does', async () => {
    const { el, clock, key } = await mount('status=503&fail=3');
    const seen: string[] = [];
    for (const type of ['bi-embed-error', 'bi-embed-load']) {
      el.addEventListener(type, () => seen.push(type));
    }
    await oneEvent(el, 'bi-embed-error');
    for (const seconds of [1, 2]) {
      clock.tick(seconds * SECOND, requesting(el));
      await oneEvent(el, 'bi-embed-error');
    }
    clock.tick(4 * SECOND, requesting(el));
    await oneEvent(el, 'bi-embed-load');
    expect(seen).to.deep.equal([
      'bi-embed-error',
      'bi-embed-error',
      'bi-embed-error',
      'bi-embed-load',
    ]);
    expect(el.status).to.equal('ready');
    expect(await requests(key)).to.equal(4);
    // Back on the token's schedule: the next request is the refresh, not a retry.
    expect(clock.tick(10 * MINUTE, requesting(el))).to.be.within(5 * MINUTE, 8 * MINUTE);
  });

  it('retries at once when the network comes back', async () => {
    const { el, clock } = await mount('status=503&fail=1');
    await oneEvent(el, 'bi-embed-error');
    expect(clock.pending, 'a retry is waiting').to.be.greaterThan(0);
    wake('online');
    expect(el.status).to.equal('loading');
    await oneEvent(el, 'bi-embed-load');
  });

  for (const status of [401, 403]) {
    it(`stops on ${status} until refresh() is called`, async () => {
      const { el, clock, key } = await mount(`status=${status}`);
      const error = await oneEvent(el, 'bi-embed-error');
      expect(error.detail).to.include({ code: 'token-http', status, recoverable: false });
      expect(clock.pending, 'no retry timer').to.equal(0);
      clock.tick(DAY);
      for (const type of ['visibilitychange', 'online', 'pageshow'] as const) wake(type);
      expect(el.status).to.equal('error');
      expect(await requests(key)).to.equal(1);
      const again = oneEvent(el, 'bi-embed-error');
      void el.refresh();
      expect(el.status).to.equal('loading');
      await again;
      expect(await requests(key)).to.equal(2);
    });
  }

  it('keeps the live frame on screen while a refresh fails, then recovers', async () => {
    const clock = new FakeClock();
    const key = newKey('lifecycle-fetch');
    let down = false;
    const fetchToken = async () => {
      if (down) throw new Error('offline');
      const response = await fetch(`/api/token?key=${key}&ttl=600&seq=1`);
      return (await response.json()) as TokenResponse;
    };
    const el = await fixture<BiEmbed>(
      html`<bi-embed .clock=${clock} .fetchToken=${fetchToken}></bi-embed>`,
    );
    await oneEvent(el, 'bi-embed-load');
    const live = frames(el)[0];
    down = true;
    clock.tick(10 * MINUTE, requesting(el));
    expect(el.status).to.equal('refreshing');
    const error = await oneEvent(el, 'bi-embed-error');
    expect(error.detail).to.include({ code: 'token-network', recoverable: true });
    expect(el.status).to.equal('error');
    await el.updateComplete;
    expect(frames(el)).to.deep.equal([live]);
    expect(el.shadowRoot!.querySelector('[part=error]'), 'no error view over a live frame').to.not
      .exist;
    down = false;
    clock.tick(SECOND, requesting(el));
    expect(el.status).to.equal('refreshing');
    await oneEvent(el, 'bi-embed-token-refresh');
    expect(el.status).to.equal('ready');
    expect(frames(el)).to.have.length(1);
    expect(frames(el)[0]).to.not.equal(live);
  });
});

describe('removal and re-insertion', () => {
  it('never requests again once removed: no timer, no listener', async () => {
    const signals = watchWakeUpListeners();
    const { el, clock, key, embedLoaded } = await mount('ttl=600');
    await embedLoaded;
    expect(signals.map((s) => s.aborted)).to.deep.equal([false, false, false]);
    el.remove();
    expect(clock.pending, 'no timer left').to.equal(0);
    expect(
      signals.map((s) => s.aborted),
      'every wake-up listener removed',
    ).to.deep.equal([true, true, true]);
    clock.sleep(DAY);
    clock.tick(DAY);
    for (const type of ['visibilitychange', 'online', 'pageshow'] as const) wake(type);
    expect(el.status).to.equal('idle');
    expect(await requests(key)).to.equal(1);
  });

  it('stops retrying once removed', async () => {
    const { el, clock, key } = await mount('status=503');
    await oneEvent(el, 'bi-embed-error');
    el.remove();
    expect(clock.pending).to.equal(0);
    wake('online');
    clock.tick(HOUR);
    expect(await requests(key)).to.equal(1);
  });

  it('shows a refusal again on re-insertion (the error view with Retry), with no new request', async () => {
    const { el, key } = await mount('status=401');
    await oneEvent(el, 'bi-embed-error');
    const parent = el.parentElement!;
    el.remove();
    expect(el.status).to.equal('idle');
    parent.append(el);
    await el.updateComplete;
    expect(el.status).to.equal('error');
    expect(el.shadowRoot!.querySelector('[part~="retry"]'), 'the Retry button').to.exist;
    expect(await requests(key)).to.equal(1);
  });

  it('reuses a still-valid token on re-insertion and keeps its refresh schedule', async () => {
    const { el, clock, key, embedLoaded } = await mount('ttl=600');
    await embedLoaded;
    const parent = el.parentElement!;
    clock.tick(3 * MINUTE);
    el.remove();
    clock.tick(MINUTE);
    const again = oneEvent(el, 'bi-embed-load');
    parent.append(el);
    await again;
    expect(frames(el)).to.have.length(1);
    expect(await requests(key)).to.equal(1);
    // Still the refresh due 5–8 min after the first token arrived.
    expect(clock.tick(10 * MINUTE, requesting(el))).to.be.within(MINUTE, 4 * MINUTE);
    await oneEvent(el, 'bi-embed-token-refresh');
    expect(await requests(key)).to.equal(2);
  });

  it('refreshes on re-insertion when the refresh came due while detached', async () => {
    const { el, clock, key, embedLoaded } = await mount('ttl=600');
    await embedLoaded;
    const parent = el.parentElement!;
    el.remove();
    clock.tick(8 * MINUTE);
    const again = oneEvent(el, 'bi-embed-load');
    parent.append(el);
    clock.tick(0);
    await again;
    expect(await requests(key)).to.equal(2);
  });

  it('makes a request cut short by removal again on re-insertion', async () => {
    const clock = new FakeClock();
    const token = (await (await fetch('/api/token?ttl=600')).json()) as TokenResponse;
    const calls: ((value: TokenResponse) => void)[] = [];
    const fetchToken = () => new Promise<TokenResponse>((resolve) => calls.push(resolve));
    const el = await fixture<BiEmbed>(
      html`<bi-embed .clock=${clock} .fetchToken=${fetchToken}></bi-embed>`,
    );
    expect(calls).to.have.length(1);
    const parent = el.parentElement!;
    el.remove();
    calls[0](token);
    parent.append(el);
    expect(calls, 'the retry waits for its timer').to.have.length(1);
    clock.tick(0);
    expect(calls).to.have.length(2);
    expect(el.status).to.equal('loading');
    const embedLoaded = oneEvent(el, 'bi-embed-load');
    calls[1](token);
    await embedLoaded;
    expect(el.status).to.equal('ready');
  });
});
