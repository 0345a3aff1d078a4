import type { BiEmbedErrorDetail, ErrorCode } from './types.js';

/** A failure with its documented error code; becomes a `bi-embed-error` detail. */
export class EmbedError extends Error {
  readonly code: ErrorCode;
  readonly status: number | undefined;
  /** Whether the element retries this failure by itself. */
  readonly recoverable: boolean;
  /** The wait a `Retry-After` header asked for (ms), if any: it sets the next try. */
  retryAfter: number | undefined;

  constructor(code: ErrorCode, message: string, status?: number) {
    // Never thrown to the page (it gets `toDetail()`), so it keeps Error's own `name`.
    super(message);
    this.code = code;
    this.status = status;
    // Only `token-http` carries a status: retried on 408, 429 and 5xx. Of the other codes,
    // `token-network`, `token-timeout` and `token-expired` are retried.
    this.recoverable = status
      ? status === 408 || status === 429 || status >= 500
      : /^token-[nte]/.test(code);
  }

  /** The event detail: never carries a token or a signed URL. */
  toDetail(): BiEmbedErrorDetail {
    const { code, message, status, recoverable } = this;
    // `status` only where there is one (an HTTP status is never 0).
    return { code, message, ...(status && { status }), recoverable };
  }
}
