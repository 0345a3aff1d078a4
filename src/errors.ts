import type { BiEmbedErrorDetail, ErrorCode } from './types.js';

/** Whether the element retries this failure by itself (HTTP: 408, 429 and 5xx). */
export function isRecoverable(code: ErrorCode, status?: number): boolean {
  if (code === 'token-http') {
    // Without a status, `undefined >= 500` is false.
    return status === 408 || status === 429 || status! >= 500;
  }
  // `token-http` aside, the codes retried are these.
  return ['token-network', 'token-timeout', 'token-expired'].includes(code);
}

/** A failure with its documented error code; becomes a `bi-embed-error` detail. */
export class EmbedError extends Error {
  readonly code: ErrorCode;
  readonly status: number | undefined;
  readonly recoverable: boolean;
  /** The wait a `Retry-After` header asked for (ms), if any: it sets the next try. */
  retryAfter: number | undefined;

  constructor(code: ErrorCode, message: string, status?: number) {
    super(message);
    this.name = 'EmbedError';
    this.code = code;
    this.status = status;
    this.recoverable = isRecoverable(code, status);
  }

  /** The event detail: never carries a token or a signed URL. */
  toDetail(): BiEmbedErrorDetail {
    const detail: BiEmbedErrorDetail = {
      code: this.code,
      message: this.message,
      recoverable: this.recoverable,
    };
    if (this.status !== undefined) detail.status = this.status;
    return detail;
  }
}
