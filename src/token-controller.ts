import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { systemClock, type Clock } from './clock.js';
import { EmbedError, isAbort } from './errors.js';
import { expiresAt, requestToken, type Grant, type TokenSource } from './token.js';

/** What the token controller needs from the element, and tells it. */
export interface TokenDelegate {
  /** How to get a token now; `undefined` when the element has no token source. */
  tokenSource(): Omit<TokenSource, 'signal' | 'clock'> | undefined;
  /** A new token arrived for the current configuration. */
  onGrant(grant: Grant, refreshed: boolean): void;
  /** A request for the current configuration failed. */
  onTokenError(error: EmbedError): void;
}

/**
 * Fetches tokens for the element. The latest request wins: starting one aborts the previous, and a
 * late answer for an outdated configuration is dropped. Disconnecting aborts the request in flight.
 */
export class TokenController implements ReactiveController {
  /** The token in use, if any. */
  grant: Grant | undefined;
  /** Injectable for tests. */
  clock: Clock = systemClock;
  #delegate: TokenDelegate;
  #inflight: AbortController | undefined;

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

  /** Forgets the token and cancels any request (the configuration changed). */
  reset(): void {
    this.cancel();
    this.grant = undefined;
  }

  /** Aborts the request in flight, if any; its answer will be dropped. */
  cancel(): void {
    this.#inflight?.abort();
    this.#inflight = undefined;
  }

  /** Requests a new token now, replacing any request in flight. */
  async request(): Promise<void> {
    const source = this.#delegate.tokenSource();
    this.cancel();
    if (!source) return;
    const controller = new AbortController();
    this.#inflight = controller;
    const refreshed = !!this.grant;
    try {
      const grant = await requestToken({ ...source, signal: controller.signal, clock: this.clock });
      if (controller.signal.aborted) return;
      this.#inflight = undefined;
      this.grant = grant;
      this.#delegate.onGrant(grant, refreshed);
    } catch (error) {
      if (controller.signal.aborted || isAbort(error)) return;
      this.#inflight = undefined;
      this.#delegate.onTokenError(
        error instanceof EmbedError
          ? error
          : new EmbedError('token-invalid', 'The token could not be read.'),
      );
    }
  }

  hostDisconnected(): void {
    this.cancel();
  }
}
