import type { ReactiveController, ReactiveControllerHost } from '@lit/reactive-element';
import { systemClock, type Clock } from './clock.js';
import { EmbedError } from './errors.js';
import { backoff, CHUNK, refreshDelay } from './schedule.js';
import { onWake } from './wake.js';
import { expiresAt, requestToken, tokenLifetime, type Grant, type TokenSource } from './token.js';

/** What the token controller needs from the element, and tells it. */
export interface TokenDelegate {
  /** How to get a token now; `undefined` when the element has no token source. */
  _tokenSource(): TokenSource | undefined;
  /** Throws the `EmbedError` that keeps a new token from being shown (a URL it cannot build). */
  _accept(grant: Grant): void;
  /** A new token arrived for the current configuration. */
  _onGrant(grant: Grant, refreshed: boolean): void;
  /** A request for the current configuration failed. */
  _onTokenError(error: EmbedError): void;
  /** A scheduled refresh or retry is due: the element shows its status and calls `request()`. */
  _onDue(): void;
}

/**
 * Fetches tokens for the element and keeps one alive: refreshes it before it expires, retries
 * failures with backoff, and refreshes at once on a wake-up (tab visible, `online`, page restored)
 * when a refresh is overdue. The latest request wins: starting one aborts the previous, and a late
 * answer for an outdated configuration is dropped. Disconnecting aborts the request, the timer and
 * the wake-up listeners; reconnecting resumes the schedule.
 */
export class TokenController implements ReactiveController {
  /** The token in use, if any. */
  _grant: Grant | undefined;
  /** Injectable for tests. */
  clock: Clock = systemClock;
  /** Whether a request is in flight. */
  declare readonly busy: boolean;
  /** Forgets the token, its schedule and any request (the configuration changed). */
  declare reset: () => void;
  /**
   * Requests a new token now, replacing any request in flight and any scheduled one. Resolves when
   * it settled; failures go to the delegate. A detached element requests on re-insertion.
   */
  declare request: () => Promise<void>;
  /** Starts the wake-up calls and the timer of the schedule. */
  declare hostConnected: () => void;
  /** Aborts the request and stops the timer and the wake-up calls; the schedule is kept. */
  declare hostDisconnected: () => void;

  // The state lives in the constructor's closure: locals, not private fields, minify to a letter.
  constructor(host: ReactiveControllerHost, delegate: TokenDelegate) {
    let inflight: AbortController | undefined;
    /** When the next automatic request is due; kept while disconnected, so re-insertion resumes. */
    let next: number | undefined;
    /** The timer toward `next` while connected (in chunks, see `CHUNK`); a handle is never 0. */
    let timer: unknown;
    /** Recoverable failures in a row: the backoff step. */
    let failures = 0;
    /** Set while connected: stops the wake-up calls. */
    let unwake: (() => void) | undefined;
    const now = () => this.clock.now();
    const cancel = () => {
      inflight?.abort();
      inflight = undefined;
    };
    /**
     * Sets when the next automatic request is due; the timer runs only while connected, and never
     * calls `_onDue` from here: the caller finishes first.
     */
    const schedule = (at: number | undefined) => {
      this.clock.clearTimeout(timer);
      timer = undefined;
      next = at;
      if (at !== undefined && unwake) wait();
    };
    // Waits in chunks, reading the clock at each: exact whatever the delay, and it notices a sleep.
    const wait = () => {
      timer = this.clock.setTimeout(check, Math.max(0, Math.min(next! - now(), CHUNK)));
    };
    /** Calls `_onDue` if the timer is on and due (a wake-up calls it too), else waits on. */
    const check = () => {
      if (!timer) return;
      this.clock.clearTimeout(timer);
      timer = undefined;
      if (now() < next!) wait();
      else delegate._onDue();
    };
    Object.defineProperty(this, 'busy', { get: () => !!inflight });

    this.reset = () => {
      cancel();
      schedule(undefined);
      this._grant = undefined;
      failures = 0;
    };

    this.request = async () => {
      const source = delegate._tokenSource();
      cancel();
      schedule(source && !unwake ? now() : undefined);
      if (!source || !unwake) return;
      const controller = new AbortController();
      inflight = controller;
      const refreshed = !!this._grant;
      try {
        const grant = await requestToken(source, controller.signal, this.clock);
        if (controller.signal.aborted) return;
        // A token that cannot be shown is a failure like any other: the token in use stays.
        delegate._accept(grant);
        inflight = undefined;
        failures = 0;
        this._grant = grant;
        const lifetime = tokenLifetime(grant);
        // A token without `exp` never expires: nothing to refresh.
        if (lifetime !== null) schedule(grant._receivedAt + refreshDelay(lifetime));
        delegate._onGrant(grant, refreshed);
      } catch (error) {
        // Aborted: replaced or disconnected (`requestToken` turns any other abort into an error).
        if (controller.signal.aborted) return;
        inflight = undefined;
        const failure =
          error instanceof EmbedError
            ? error
            : new EmbedError('token-invalid', 'Token unreadable.');
        // The one place that decides when the next automatic request may go out: a recoverable
        // failure waits its backoff step (or what `Retry-After` asked for); the others (401/403,
        // a response not understood) wait for a configuration change, `refresh()` or `reload()`,
        // whether or not the token in use has expired meanwhile.
        if (failure.recoverable) {
          schedule(now() + (failure.retryAfter ?? backoff(failures)));
          failures++;
        }
        delegate._onTokenError(failure);
      }
    };

    this.hostConnected = () => {
      unwake = onWake((event) => {
        // The network is back: the retry that waits goes now (still one request for its step).
        if (event.type === 'online' && failures && timer) schedule(now());
        check();
      });
      schedule(next);
    };

    this.hostDisconnected = () => {
      unwake?.();
      unwake = undefined;
      // Stops the timer; a request cut short by removal is made again on re-insertion.
      schedule(inflight ? now() : next);
      cancel();
    };

    host.addController(this);
  }

  /** When the token in use expires (local clock, ms), or `null`. */
  get expiresAt(): number | null {
    return expiresAt(this._grant);
  }

  /** Whether the token in use still has lifetime left. */
  get valid(): boolean {
    return !!this._grant && (this.expiresAt ?? Infinity) > this.clock.now();
  }
}
