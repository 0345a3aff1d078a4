import type { Provider } from './providers/index.js';

export type { Provider };

/** The element's lifecycle state, also exposed as the custom states `:state(<status>)`. */
export type EmbedStatus = 'idle' | 'loading' | 'ready' | 'refreshing' | 'error';

/** Machine-readable cause of a `bi-embed-error`. */
export type ErrorCode =
  | 'config'
  | 'token-http'
  | 'token-network'
  | 'token-timeout'
  | 'token-invalid'
  | 'token-expired'
  | 'url-rejected'
  | 'frame-timeout'
  | 'embed-error';

/** What a token endpoint (or `fetchToken`) may answer, besides a bare JWT string. */
export interface TokenResponse {
  /** A complete signed embed URL; its origin, path and token are used as given. */
  url?: string;
  /** A signed JWT; the element builds the embed URL from its claims. */
  token?: string;
  /** The BI tool's base URL, for `token` responses. */
  instanceUrl?: string;
  /** Project UUID, for `token` responses of providers whose path names a project. */
  projectUuid?: string;
  /** Embedded dashboard id, for `token` responses of providers whose path names one. */
  embedId?: string;
  /** Token lifetime in seconds, used when the JWT has no `iat`. */
  expiresIn?: number;
}

/** A filter value by parameter slug: one value, or several. */
export type FilterValue = string | string[];

/** Filter values by parameter slug. */
export type Filters = Record<string, FilterValue>;

/** `bi-embed-load` detail. */
export interface BiEmbedLoadDetail {
  provider: Provider;
  origin: string;
  /**
   * What the element saw: the frame's first `message` in its tool's protocol, or its `load` for
   * tools that may post nothing. Neither proves the tool shows content rather than its own error
   * page.
   */
  signal: 'message' | 'load';
}

/** `bi-embed-content-loaded` detail: the BI tool itself says its content finished loading. */
export interface BiEmbedContentLoadedDetail {
  provider: Provider;
  origin: string;
  /** How many tiles (charts) the dashboard loaded, when the tool says. */
  tilesCount?: number;
  /** How long they took (ms, the tool's own measure), when the tool says. */
  loadTimeMs?: number;
}

/** `bi-embed-error` detail. */
export interface BiEmbedErrorDetail {
  code: ErrorCode;
  message: string;
  status?: number;
  recoverable: boolean;
}

/** `bi-embed-filter-change` detail: the values, or for tools whose events carry none, a count. */
export interface BiEmbedFilterChangeDetail {
  filters: Filters | null;
  changed: string[];
  provider: Provider;
  filterCount?: number;
  hasFilters?: boolean;
}

/** `bi-embed-resize` detail. */
export interface BiEmbedResizeDetail {
  height: number;
  previousHeight: number;
}

/** `bi-embed-token-refresh` detail. */
export interface BiEmbedTokenRefreshDetail {
  expiresAt: number | null;
  reloaded: boolean;
}

/** Every event `<bi-embed>` fires, for typed `addEventListener`. */
export interface BiEmbedEventMap {
  'bi-embed-load': CustomEvent<BiEmbedLoadDetail>;
  'bi-embed-content-loaded': CustomEvent<BiEmbedContentLoadedDetail>;
  'bi-embed-error': CustomEvent<BiEmbedErrorDetail>;
  'bi-embed-filter-change': CustomEvent<BiEmbedFilterChangeDetail>;
  'bi-embed-resize': CustomEvent<BiEmbedResizeDetail>;
  'bi-embed-token-refresh': CustomEvent<BiEmbedTokenRefreshDetail>;
}
