import type { ReactiveController, ReactiveControllerHost } from '@lit/reactive-element';
import { systemClock, type Clock } from './clock.js';
import { EmbedError, isAbort } from './errors.js';
import { backoff, deadline, refreshDelay, type Deadline } from './schedule.js';
import { onWake } from './wake.js';
import { expiresAt, requestToken, tokenLifetime, type Grant, type TokenSource } from './token.js';

/** What the token controller needs from the element, and tells it. */
export interface TokenDelegate {
  /** How to get a token now; `undefined` when the element has no token source. */
  tokenSource(): Omit<TokenSource, 'signal' | 'clock'> | undefined;
  /** Throws the `EmbedError` that keeps a new token from being shown (a URL it cannot build). */
  accept(grant: Grant): void;
  /** A new token arrived for the current configuration. */
  onGrant(grant: Grant, refreshed: boolean): void;
  /** A request for the current configuration failed. */
  onTokenError(error: EmbedError): void;
  /** A scheduled refresh or retry is due: the element shows its status and calls `request()`. */
  onDue(): void;
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
  grant: Grant | undefined;
  /** Injectable for tests. */
  clock: Clock = systemClock;
  #delegate: TokenDelegate;
  #inflight: AbortController | undefined;
  /** When the next automatic request is due; kept while disconnected, so re-insertion resumes. */
  #next: number | undefined;
  #timer: Deadline | undefined;
  /** Recoverable failures in a row: the backoff step. */
  #failures = 0;
  /** Set while connected: stops the wake-up calls. */
  #unwake: (() => void) | undefined;

  constructor(host: ReactiveControllerHost, delegate: TokenDelegate) {
    this.#delegate = delegate;
    host.addController(this);
  }

  /** When the token in use expires (local clock, ms), or `null`. */
  get expiresAt(): number | null {
    return this.grant ? expiresAt(this.grant) : null;
  }

  /** Whether the token in use still has lifetime left. */
  get valid(): boolean {
    const at = this.expiresAt;
    return !!this.grant && (at === null || at > this.clock.now());
  }

  /** Whether a request is in flight. */
  get busy(): boolean {
    return !!this.#inflight;
  }

  /** Forgets the token, its schedule and any request (the configuration changed). */
  reset(): void {
    this.#cancel();
    this.#schedule(undefined);
    this.grant = undefined;
    this.#failures = 0;
  }

  /**
   * Requests a new token now, replacing any request in flight and any scheduled one. Resolves when
   * it settled; failures go to the delegate. A detached element requests on re-insertion.
   */
  async request(): Promise<void> {
    const source = this.#delegate.tokenSource();
    this.#cancel();
    this.#schedule(source && !this.#unwake ? this.clock.now() : undefined);
    if (!source || !this.#unwake) return;
    const controller = new AbortController();
    this.#inflight = controller;
    const refreshed = !!this.grant;
    try {
      const grant = await requestToken({ ...source, signal: controller.signal, clock: this.clock });
      if (controller.signal.aborted) return;
      // A token that cannot be shown is a failure like any other: the token in use stays.
      this.#delegate.accept(grant);
      this.#inflight = undefined;
      this.#failures = 0;
      this.grant = grant;
      const lifetime = tokenLifetime(grant);
      // A token without `exp` never expires: nothing to refresh.
      if (lifetime !== null) this.#schedule(grant.receivedAt + refreshDelay(lifetime));
      this.#delegate.onGrant(grant, refreshed);
    } catch (error) {
      if (controller.signal.aborted || isAbort(error)) return;
      this.#inflight = undefined;
      const failure =
        error instanceof EmbedError
          ? error
          : new EmbedError('token-invalid', 'The token could not be read.');
      // The one place that decides when the next automatic request may go out: a recoverable
      // failure waits its backoff step (or what `Retry-After` asked for); the others (401/403,
      // a response not understood) wait for a configuration change, `refresh()` or `reload()`,
      // whether or not the token in use has expired meanwhile.
      if (failure.recoverable) {
        this.#schedule(this.clock.now() + (failure.retryAfter ?? backoff(this.#failures)));
        this.#failures++;
      }
      this.#delegate.onTokenError(failure);
    }
  }

  hostConnected(): void {
    this.#unwake = onWake((event) => {
      // The network is back: the retry that waits goes now (still one request for its step).
      if (event.type === 'online' && this.#failures && this.#timer) {
        this.#schedule(this.clock.now());
      }
      this.#timer?.check();
    });
    this.#schedule(this.#next);
  }

  hostDisconnected(): void {
    // A request cut short by removal is made again on re-insertion.
    if (this.#inflight) this.#next = this.clock.now();
    this.#cancel();
    this.#timer?.cancel();
    this.#timer = undefined;
    this.#unwake?.();
    this.#unwake = undefined;
  }

  #cancel(): void {
    this.#inflight?.abort();
    this.#inflight = undefined;
  }

  /** Sets when the next automatic request is due; the timer runs only while connected. */
  #schedule(at: number | undefined): void {
    this.#timer?.cancel();
    this.#next = at;
    this.#timer =
      at === undefined || !this.#unwake
        ? undefined
        : deadline(this.clock, at, () => this.#delegate.onDue());
  }
}
