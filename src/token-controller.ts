import type { ReactiveController, ReactiveControllerHost } from '@lit/reactive-element';
import { systemClock, type Clock } from './clock.js';
import { EmbedError } from './errors.js';
import { backoff, CHUNK, refreshDelay } from './schedule.js';
import { onWake } from './wake.js';
import { requestToken, type Grant, type TokenSource } from './token.js';

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
  declare _grant?: Grant;
  /** Injectable for tests. */
  declare clock: Clock;
  /** Whether a request is in flight. */
  declare readonly busy: boolean;
  /** When the token in use expires (local clock, ms), or `null`. */
  declare readonly expiresAt: number | null;
  /** Whether the token in use still has lifetime left. */
  declare readonly valid: boolean;
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

  // The controller is an object literal over the constructor's closure: its state is locals, not
  // fields, and locals minify to a letter.
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
    const now = () => self.clock.now();
    const cancel = () => {
      inflight?.abort();
      inflight = undefined;
    };
    /**
     * Sets when the next automatic request is due; the timer runs only while connected, and never
     * calls `_onDue` from here: the caller finishes first. It waits in chunks, reading the clock at
     * each: exact whatever the delay, and it notices a sleep.
     */
    const schedule = (at?: number) => {
      self.clock.clearTimeout(timer);
      next = at;
      timer =
        at !== undefined && unwake
          ? self.clock.setTimeout(check, Math.max(0, Math.min(at - now(), CHUNK)))
          : undefined;
    };
    /**
     * Calls `_onDue` if the timer is on and due (a wake-up calls it too), else waits on. Once due,
     * the schedule is done: `_onDue` requests, and the request sets the next one.
     */
    const check = () => {
      if (!timer) return;
      if (now() < next!) schedule(next);
      else {
        schedule();
        delegate._onDue();
      }
    };

    const self: TokenController = {
      clock: systemClock,

      get busy() {
        return !!inflight;
      },

      get expiresAt() {
        const end = self._grant?._expiresAt;
        return end! < Infinity ? end! : null;
      },

      get valid() {
        return (self._grant?._expiresAt ?? 0) > now();
      },

      reset() {
        cancel();
        schedule();
        self._grant = undefined;
        failures = 0;
      },

      async request() {
        const source = delegate._tokenSource();
        cancel();
        schedule(source && !unwake ? now() : undefined);
        if (!source || !unwake) return;
        // Replaced or disconnected once `inflight` is another (a timeout aborts it too).
        const controller = (inflight = new AbortController());
        const refreshed = !!self._grant;
        try {
          const grant = await requestToken(source, controller, self.clock);
          if (inflight != controller) return;
          // A token that cannot be shown is a failure like any other: the token in use stays.
          delegate._accept(grant);
          inflight = undefined;
          failures = 0;
          self._grant = grant;
          const { _receivedAt: start, _expiresAt: end } = grant;
          // A token without `exp` never expires: nothing to refresh.
          if (end! < Infinity) schedule(start + refreshDelay(end! - start));
          delegate._onGrant(grant, refreshed);
        } catch (error) {
          if (inflight != controller) return;
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
      },

      hostConnected() {
        unwake = onWake((event) => {
          // The network is back: the retry that waits goes now (still one request for its step).
          if (event.type === 'online' && failures && timer) schedule(now());
          check();
        });
        schedule(next);
      },

      hostDisconnected() {
        unwake?.();
        unwake = undefined;
        // Stops the timer; a request cut short by removal is made again on re-insertion.
        schedule(inflight ? now() : next);
        cancel();
      },
    };
    host.addController(self);
    return self;
  }
}
