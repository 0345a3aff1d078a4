/** Which BI tool serves the embed. */
export type Provider = 'metabase' | 'lightdash';

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
  /** Lightdash project UUID, for `token` responses. */
  projectUuid?: string;
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
}

/** `bi-embed-error` detail. */
export interface BiEmbedErrorDetail {
  code: ErrorCode;
  message: string;
  status?: number;
  recoverable: boolean;
}

/** `bi-embed-filter-change` detail (Metabase form, or Lightdash form without values). */
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
  'bi-embed-error': CustomEvent<BiEmbedErrorDetail>;
  'bi-embed-filter-change': CustomEvent<BiEmbedFilterChangeDetail>;
  'bi-embed-resize': CustomEvent<BiEmbedResizeDetail>;
  'bi-embed-token-refresh': CustomEvent<BiEmbedTokenRefreshDetail>;
}
