import { decodeJwt, type JWTPayload } from 'jose';
import type { Clock } from './clock.js';
import { EmbedError } from './errors.js';
import { httpUrl, parseUrl, record } from './providers/provider.js';
import type { TokenResponse } from './types.js';

/** A token as received: what the endpoint sent, its decoded claims, and when it arrived. */
export interface Grant {
  /** The signed JWT (taken from `url` for URL responses; empty when a URL carries none). */
  token: string;
  /** Decoded, never verified: the secret stays on the server. */
  _claims: JWTPayload;
  /** A complete embed URL sent by the endpoint. */
  url?: string;
  instanceUrl?: string;
  projectUuid?: string;
  embedId?: string;
  expiresIn?: number;
  /** Local clock (ms) when the response arrived. */
  _receivedAt: number;
  /** The endpoint's `Date` header (ms), to correct the local clock; NaN or absent without one. */
  _serverDate?: number;
  /** When the token expires (local clock, ms; `Infinity`: never), set by `toGrant`. */
  _expiresAt?: number;
}

/**
 * The host app's own token function. It is handed an `AbortSignal` (aborted on timeout, on a
 * configuration change and on removal) that it may pass on to `fetch`. A rejection that carries an
 * HTTP `status` (or `response.status`, as fetch-based clients throw) counts as that status.
 */
export type FetchToken = (signal: AbortSignal) => Promise<TokenResponse | string>;

/**
 * How to obtain a token: the endpoint request, or the host app's own function. Named as the
 * element's properties, so the element is its own source.
 */
export interface TokenSource {
  tokenEndpoint?: string | undefined;
  tokenRequestInit?: RequestInit | undefined;
  fetchToken?: FetchToken | undefined;
  /** The request's timeout (ms); anything but a positive number is the default, 15 s. */
  tokenTimeout: number;
}

/** Whether a string has the three base64url segments of a compact JWS. */
export const looksLikeJwt = (value: string): boolean => /^[\w-]+\.[\w-]+\.[\w-]*$/.test(value);

/** `token-invalid`: the answer is no token the element can use. */
const invalid = (what: string) => new EmbedError('token-invalid', `Token endpoint sent ${what}.`);

/**
 * Token lifetime in ms, measured on the local clock from the moment the response arrived: the
 * smallest of `exp − iat`, `exp − <endpoint's Date header>` and `expiresIn`, whichever exist (a
 * cached token with an old `iat` has only what the server's clock leaves it); with none of them,
 * `exp` against the local clock. `Infinity` means the token never expires (no `exp`). Fails with
 * `token-invalid` when `exp` or `iat` is there but no number.
 */
export function tokenLifetime(grant: Grant): number {
  const { exp, iat } = grant._claims;
  // A claim left out is fine (the default); `null` or a string is not.
  if (![exp, iat].every((value = 0) => Number.isFinite(value))) {
    throw invalid('a non-numeric exp/iat');
  }
  if (exp === undefined) return Infinity;
  // A measure whose input is missing is NaN, and left out.
  const spans = [
    (exp - iat!) * 1000,
    exp * 1000 - grant._serverDate!,
    grant.expiresIn! * 1000,
  ].filter(Number.isFinite);
  return spans.length ? Math.min(...spans) : exp * 1000 - grant._receivedAt;
}

/** Turns an endpoint answer into a `Grant`, or fails with `token-invalid`/`token-expired`. */
export function toGrant(
  body: TokenResponse | string | unknown,
  receivedAt: number,
  serverDate?: number,
): Grant {
  const response: TokenResponse = record(body) ?? {};
  const { url } = response;
  // `token` is set below, in either branch.
  const grant = { _claims: {}, _receivedAt: receivedAt, _serverDate: serverDate } as Grant;
  if (typeof url === 'string') {
    const parsed = parseUrl(url);
    if (!parsed) throw new EmbedError('url-rejected', 'Token endpoint sent a relative url.');
    grant.url = url;
    // The JWT in a signed embed URL: the `#` fragment (Lightdash), else a path segment (Metabase).
    grant.token = [parsed.hash.slice(1), ...parsed.pathname.split('/')].find(looksLikeJwt) ?? '';
  } else {
    // A bare JWT as text, or `{token}` with what the element needs to build the URL.
    // Anything but a string reads as text that is no JWT (`undefined`, `42`).
    if (
      !looksLikeJwt((grant.token = `${typeof body === 'string' ? body : response.token}`.trim()))
    ) {
      throw invalid('no JWT, {token} or {url}');
    }
    for (const key of ['instanceUrl', 'projectUuid', 'embedId'] as const) {
      // An empty string (an unset server variable) must not hide the element's own attribute.
      const value = response[key];
      if (typeof value === 'string' && value) grant[key] = value;
    }
    if (typeof response.expiresIn === 'number') grant.expiresIn = response.expiresIn;
  }
  // A URL may carry no token (a public link): nothing to decode, and it never expires.
  if (grant.token) {
    try {
      grant._claims = decodeJwt(grant.token);
    } catch {
      throw invalid('a bad JWT');
    }
  }
  const lifetime = tokenLifetime(grant);
  if (lifetime <= 0) throw new EmbedError('token-expired', 'Token arrived expired.');
  grant._expiresAt = receivedAt + lifetime;
  return grant;
}

/** The longest wait a `Retry-After` header may set (ms). */
export const RETRY_AFTER_MAX = 3_600_000;

/** The `Date` header (ms), NaN without one. */
const dateOf = (headers: Headers) => Date.parse(headers.get('Date')!);

/**
 * The wait a response's `Retry-After` header asks for (ms, at most an hour), as seconds or an HTTP
 * date; a date is read against the response's own `Date` header when there is one (its clock, not
 * ours).
 */
export function retryAfter(headers: Headers): number | undefined {
  // `Headers` trims the value; a missing one (null) reads as "null", which matches neither.
  const text = headers.get('Retry-After')!;
  const wait = /^\d+$/.test(text)
    ? +text * 1000
    : // Only a date in GMT, as HTTP writes them: `Date.parse` reads `-5` or `1.5` as a date too.
      /GMT$/.test(text)
      ? Date.parse(text) - (dateOf(headers) || Date.now())
      : NaN;
  return Number.isNaN(wait) ? undefined : Math.min(RETRY_AFTER_MAX, Math.max(0, wait));
}

/** The endpoint as an absolute URL, or a `config` error when no request to it could succeed. */
export function endpointUrl(endpoint: string): URL {
  // The message must not repeat the endpoint: it may hold credentials.
  const url = httpUrl(endpoint, document.baseURI);
  if (!url || url.username + url.password) {
    throw new EmbedError('config', 'token-endpoint must be http(s), no credentials.');
  }
  return url;
}

/**
 * Asks the host app for a token: `GET <tokenEndpoint>` (JSON accepted, same-origin credentials,
 * merged with `tokenRequestInit`), or the app's own `fetchToken`; timers on `clock`. `request`
 * is the caller's own: aborting it cancels, and the timeout aborts it too. Rejects with an
 * `EmbedError`, or with the abort's reason when the caller aborts before any timeout; the caller
 * drops whatever answers a request it aborted (the configuration moved on). Reads `source` before
 * it first waits.
 */
export async function requestToken(
  source: TokenSource,
  request: AbortController,
  clock: Clock,
): Promise<Grant> {
  const { fetchToken, tokenTimeout } = source;
  const { signal } = request;
  if (signal.aborted) throw signal.reason;
  // Checked before anything goes out: a request that can never succeed is a configuration error.
  const endpoint = fetchToken ? undefined : endpointUrl(source.tokenEndpoint ?? '');
  /** Set when the timeout fired: the request failed by it (or the caller had aborted: dropped). */
  let timedOut: unknown;
  const timer = clock.setTimeout(
    () => {
      timedOut = true;
      request.abort();
    },
    tokenTimeout > 0 ? tokenTimeout : 15_000,
  );
  let answer: unknown;
  /** The response's `Date` (ms). */
  let serverDate: number | undefined;
  try {
    if (endpoint) {
      // fetch's defaults are the documented request: GET, same-origin credentials.
      // As `fetch(url, init)`, not a `Request`: an app's fetch wrapper (CSRF, auth) reads `init`.
      const init = source.tokenRequestInit;
      const asked = new Headers(init?.headers);
      if (!asked.has('Accept')) asked.set('Accept', 'application/json');
      const response = await fetch(endpoint, { ...init, headers: asked, signal });
      const { headers } = response;
      serverDate = dateOf(headers);
      // The catch below turns it into `token-http`.
      if (!response.ok) throw response;
      answer = await response[/json/.test(headers.get('Content-Type')!) ? 'json' : 'text']();
    } else {
      answer = await Promise.race([
        fetchToken!(signal),
        // Settles the race on abort, for a function that does not listen to its signal.
        new Promise<never>((_, reject) => signal.addEventListener('abort', reject)),
      ]);
    }
  } catch (error) {
    if (timedOut) throw new EmbedError('token-timeout', 'Token endpoint timed out.');
    // The caller's abort (stale or disconnected): the caller drops it.
    if (signal.aborted) throw signal.reason;
    // Our non-2xx response, or what a fetch-based client throws: its status and maybe a response.
    type Failure = { status?: unknown; headers?: unknown; response?: Failure } | undefined;
    const response = (error as Failure)?.response ?? (error as Failure);
    const status = (error as Failure)?.status ?? response?.status;
    const headers = response?.headers;
    if (typeof status === 'number' && (!fetchToken || (status >= 400 && status < 600))) {
      const http = new EmbedError('token-http', `Token endpoint: HTTP ${status}.`, status);
      // Read on every status; it matters only on those retried (429 and 503 send it most).
      if (headers instanceof Headers) {
        http.retryAfter = retryAfter(headers);
      }
      throw http;
    }
    // An answer that does not parse (our JSON reading, or the app's client) is no network fault.
    const syntax = error instanceof SyntaxError;
    throw new EmbedError(
      syntax ? 'token-invalid' : 'token-network',
      fetchToken
        ? `fetchToken failed: ${(error as Error)?.message ?? error}`
        : syntax
          ? 'Token endpoint sent invalid JSON.'
          : // The request failed, or the connection broke mid-answer: both worth a retry. The
            // browser reports a CORS refusal or a blocked request the same way.
            'Token request failed (a CORS refusal looks the same).',
    );
  } finally {
    clock.clearTimeout(timer);
  }
  // Arrived now: the clock the lifetime is measured on.
  return toGrant(answer, clock.now(), serverDate);
}
