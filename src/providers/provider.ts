import type { JWTPayload } from 'jose';
import type { Clock } from '../clock.js';
import { EmbedError } from '../errors.js';
import type { DisplayOptions } from '../options.js';
import type { Grant } from '../token.js';
import type { Filters } from '../types.js';

/**
 * What a frame told its parent, in words every BI tool shares. A provider module turns its tool's
 * messages into these; anything it does not recognise is `undefined` and ignored.
 */
export type FrameEvent =
  /** Nothing but a sign of life (the frame speaks its tool's protocol). */
  | { type: 'alive' }
  /** The height the page asks for (px); `undefined`: not laid out yet. */
  | { type: 'height'; height: number | undefined }
  /** The filter values the page shows now, by parameter slug. */
  | { type: 'filters'; filters: Filters }
  /** The viewer changed filters, and the tool says how many are set but not their values. */
  | { type: 'filter-count'; filterCount: number; hasFilters: boolean }
  /** The tool says its content finished loading (not merely its page). */
  | { type: 'content-loaded'; tilesCount?: number; loadTimeMs?: number };

/** Where a frame's height comes from. */
export type SizingSource =
  /** The page runs iframe-resizer v4's child script (the element is its parent), and may also
   * post `height` events of its own, taken until the child answers. */
  | 'iframe-resizer'
  /** Only the tool's own `height` events. */
  | 'messages'
  /** The session's `measure()`, asked while the frame is on screen and the page visible. */
  | 'poll'
  /** Nothing: the frame keeps its CSS height and the page scrolls inside. */
  | 'css';

/** What a provider needs, besides the token, to build its URL. */
export interface UrlContext {
  /** Display options, already normalised: a key present is a value to write. */
  options: DisplayOptions;
  /** Filter values by slug (the `params` property with the viewer's last choices over it). */
  query: Record<string, unknown>;
  /** The host page's origin, for tools that post events only to a named origin. */
  _hostOrigin: string;
  /** The endpoint's `projectUuid`, else the `project-uuid` attribute. */
  projectUuid?: string | undefined;
  /** The endpoint's `embedId`, else the `embed-id` attribute. */
  embedId?: string | undefined;
}

/** What a frame session gets from the frame controller. */
export interface FrameLink {
  /** The time source of the session's timers. */
  _clock: Clock;
  /** The token in use now. */
  _token(): string;
  /** Something the frame said: `alive` is its first sign of life. */
  _event(event: FrameEvent): void;
}

/** A channel to one page load of a frame, for tools that take their token over it. */
export interface FrameSession {
  /** Hands a new token to the page, without a reload. */
  _token(token: string): void;
  /** The page's content height (px), or `undefined` when it gives none in time. */
  _measure(): Promise<number | undefined>;
  /** Closes the channel: questions waiting are dropped. */
  _close(): void;
}

/**
 * One BI tool, as a record of pure functions: how to recognise its tokens and URLs, where its
 * token and options go in the URL, what its frame posts, how the frame shows life and where its
 * height comes from. The element, the URL builder and the frame controller know tools only
 * through this record; a new tool is a new module added to the registry (`./index.ts`).
 *
 * A tool whose page takes its token over a channel opened at the frame's `load` (not in the URL)
 * has `_connect`: the frame controller calls it at every `load` of the frame, and hands refreshed
 * tokens to the session it returns, with no reload. Its frames' window messages are ignored.
 */
export interface ProviderModule {
  /** Display options the tool reads; the others are never written for it. */
  readonly _reads: readonly (keyof DisplayOptions)[];
  /**
   * What the element counts as the frame's first sign of life: `message` (the first message the
   * module recognises; the `load` event proves nothing, a blocked frame fires it too) or `load`
   * (for tools that post nothing unless configured to).
   */
  readonly _liveOn: 'message' | 'load';
  /** Where the frame's height comes from. */
  readonly _sizing: SizingSource;
  /** Whether a token's claims are this tool's. */
  _ownsClaims(claims: JWTPayload): boolean;
  /** Whether a complete embed URL (`src`, an endpoint's `{url}`) is this tool's. */
  _ownsUrl(url: URL): boolean;
  /**
   * The path (below the instance URL), and `#hash` if any, that carry a token. Throws `EmbedError`
   * (`config`, `token-invalid`) when the claims or the context name no content.
   */
  _tokenPath(grant: Grant, context: UrlContext): string;
  /**
   * Writes the options the tool reads and the filter values into `url` (query and hash). `url`
   * is the token URL built from `_tokenPath`, or a complete URL given by the page or endpoint,
   * whose own token and options are kept.
   */
  _decorate(url: URL, context: UrlContext): void;
  /** Display options a complete URL already carries, as raw strings by option name (none: none). */
  _optionsIn?(url: URL): Partial<Record<keyof DisplayOptions, string>>;
  /** Reads one message from the tool's frame. Total: never throws, whatever `data` is. */
  _parse(data: unknown): FrameEvent | undefined;
  /**
   * Opens the channel to a page that just loaded in `frame` (posting only to `origin`) and hands
   * it `link._token()`; for tools whose token never goes in the URL.
   */
  _connect?(frame: Window, origin: string, link: FrameLink): FrameSession;
}

/** A plain record, or undefined: guards every property read on untrusted data. */
export function record(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
}

/** An id as a string: a number or a non-empty string, else `undefined`. */
export function asId(value: unknown): string | undefined {
  return (typeof value === 'string' && value) || Number.isFinite(value) ? String(value) : undefined;
}

/** A camelCase name spelled with `separator` between its words (`hideParameters` → `hide_parameters`). */
export const spell = (name: string, separator: string) =>
  name.replace(/[A-Z]/g, (letter) => separator + letter.toLowerCase());

/** An absolute `http:`/`https:` URL (or one relative to `base`), else `undefined`. */
export function httpUrl(value: string, base?: string): URL | undefined {
  const url = parseUrl(value, base);
  return url && /^https?:$/.test(url.protocol) ? url : undefined;
}

/** An absolute URL (or one relative to `base`), or `undefined` when `value` is none. */
export function parseUrl(value: string, base?: string): URL | undefined {
  try {
    return new URL(value, base);
  } catch {
    return undefined;
  }
}

/** `config`: the URL needs a value the page sets as `attribute` or the endpoint sends as `field`. */
export const missing = (attribute: string, field: string) =>
  new EmbedError('config', `Set ${attribute} (or the endpoint's ${field}).`);

/** `token-invalid`: the token's claims name no content this tool can show. */
export const namesNothing = (what: string) =>
  new EmbedError('token-invalid', `Token names no ${what}.`);
