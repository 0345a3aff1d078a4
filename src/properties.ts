import {
  ReactiveElement,
  type PropertyDeclaration,
  type PropertyDeclarations,
} from '@lit/reactive-element';
import { flag, retype } from './coerce.js';
import {
  canonicalLocale,
  downloadsValue,
  fontName,
  hexColor,
  jsonObject,
  normalized,
  oneOf,
  pixels,
  PROVIDERS,
  readOptions,
  slugList,
  THEMES,
  timeZone,
  triState,
} from './options.js';
import type { FetchToken, Grant } from './token.js';
import type { Provider } from './types.js';
import type { BuildInput } from './url.js';

/**
 * The options of `<bi-embed>`: its reactive properties, each with its kebab-case attribute and the
 * converter that reads it (a bad value falls back to the documented default), and what they mean
 * for a token request and an embed URL. The element (`bi-embed.ts`) extends this class and adds
 * the behaviour.
 */
export class EmbedProperties extends ReactiveElement {
  static override properties: PropertyDeclarations = {
    tokenEndpoint: { attribute: 'token-endpoint', reflect: true },
    src: { reflect: true },
    instanceUrl: { attribute: 'instance-url', reflect: true },
    provider: { reflect: true, converter: oneOf(PROVIDERS) },
    projectUuid: { attribute: 'project-uuid', reflect: true },
    embedId: { attribute: 'embed-id', reflect: true },
    bordered: { reflect: true, converter: triState },
    titled: { reflect: true, converter: triState },
    theme: { reflect: true, converter: oneOf(THEMES) },
    hideParameters: {
      attribute: 'hide-parameters',
      reflect: true,
      converter: normalized(slugList),
    },
    hideDownloadButton: { attribute: 'hide-download-button', reflect: true, converter: flag },
    downloads: { reflect: true, converter: normalized(downloadsValue) },
    locale: { reflect: true, converter: normalized(canonicalLocale) },
    background: { reflect: true, converter: triState },
    backgroundColor: {
      attribute: 'background-color',
      reflect: true,
      converter: normalized(hexColor),
    },
    font: { reflect: true, converter: normalized(fontName) },
    timezone: { reflect: true, converter: normalized(timeZone) },
    params: { converter: jsonObject },
    minHeight: { attribute: 'min-height', reflect: true, converter: pixels(0) },
    maxHeight: { attribute: 'max-height', reflect: true, converter: pixels(undefined) },
    noAutoResize: { attribute: 'no-auto-resize', reflect: true, converter: flag },
    loading: { reflect: true, converter: oneOf(['eager', 'lazy'], 'eager') },
    title: { reflect: true },
    tokenTimeout: { attribute: 'token-timeout', type: Number },
    tokenRequestInit: { attribute: false },
    fetchToken: { attribute: false },
  };

  /** URL of the host app's endpoint that answers a signed embed URL or JWT. */
  declare tokenEndpoint?: string;
  /** A tokenless (public) embed URL. */
  declare src?: string;
  /** The BI tool's base URL: the only origin the frame may have and messages may come from. */
  declare instanceUrl?: string;
  /** The BI tool (one of `PROVIDERS`); detected from the token's claims or the URL when unset. */
  declare provider?: Provider;
  /** Project UUID, for providers whose embed path names a project. */
  declare projectUuid?: string;
  /** Embedded dashboard id, for providers whose embed path names one. */
  declare embedId?: string;
  /** Frame border; unset leaves the BI tool's default. */
  declare bordered?: boolean;
  /** Title shown; unset leaves the BI tool's default. */
  declare titled?: boolean;
  /** `light`, `night` or `transparent` (a tool with two themes maps `night` to its dark one). */
  declare theme?: (typeof THEMES)[number];
  /** Comma list of filter slugs to hide. */
  declare hideParameters?: string;
  /** Hides the downloads (written as `downloads=false` when `downloads` is unset). */
  hideDownloadButton = false;
  /** `true`, `false`, `pdf`, `results`, or `pdf` and `results` in any order. */
  declare downloads?: string;
  /** BCP 47 language tag for the embed's UI. */
  declare locale?: string;
  /** `false`: a transparent page background; unset leaves the BI tool's default. */
  declare background?: boolean;
  /** Page background colour, hex (`#` optional; held without it). */
  declare backgroundColor?: string;
  /** Font name for the embed's UI. */
  declare font?: string;
  /** IANA time zone the embed shows dates in. */
  declare timezone?: string;
  /** Filter values by slug (JSON in the attribute), written into the embed's query string. */
  params: Record<string, unknown> = {};
  /** Smallest iframe height in px. */
  minHeight = 0;
  /** Largest iframe height in px. */
  declare maxHeight?: number;
  /** Keeps the CSS height (`--bi-embed-height`) instead of sizing the frame to its content. */
  noAutoResize = false;
  /** `lazy`: no token request until the element is near the viewport. */
  loading: 'eager' | 'lazy' = 'eager';
  /** The iframe's accessible name (default "Embedded dashboard"). */
  declare title: string;
  /** Token request timeout in ms (default 15000). */
  tokenTimeout = 15_000;
  /** Merged into the token request: headers (CSRF), `credentials`, `method`. */
  declare tokenRequestInit?: RequestInit;
  /**
   * Replaces the token request entirely, for apps with their own auth client. It gets an
   * `AbortSignal` to pass on; a rejection with an HTTP `status` counts as that status.
   */
  declare fetchToken?: FetchToken;

  /** Every property also takes its attribute's string form (`"false"`, `"400"`), as Vue sets it. */
  override requestUpdate(name?: PropertyKey, oldValue?: unknown, options?: PropertyDeclaration) {
    super.requestUpdate(name, oldValue, options);
    if (name !== undefined) retype(this, name, options ?? EmbedProperties.getPropertyOptions(name));
  }

  /** The iframe's accessible name. */
  protected get frameTitle(): string {
    return this.title || 'Embedded dashboard';
  }

  /** Where tokens come from, or `undefined` when the element has no token source. */
  protected tokenSource() {
    if (!this.fetchToken && !this.tokenEndpoint) return undefined;
    return {
      endpoint: this.tokenEndpoint,
      init: this.tokenRequestInit,
      fetchToken: this.fetchToken,
      timeoutMs: this.tokenTimeout > 0 ? this.tokenTimeout : 15_000,
    };
  }

  /** The inputs a token belongs to: a change of any (by identity) means a new token. */
  protected tokenArgs(): unknown[] {
    return [this.tokenEndpoint ?? '', this.src ?? '', this.fetchToken, this.tokenRequestInit];
  }

  /** What the embed URL is built from: the token (or `src`), the options and the query. */
  protected urlInputs(grant: Grant | undefined, query: Record<string, unknown>): BuildInput {
    return {
      grant,
      src: grant ? undefined : this.src,
      provider: this.provider,
      instanceUrl: this.instanceUrl,
      projectUuid: this.projectUuid,
      embedId: this.embedId,
      options: readOptions(this),
      query,
      hostOrigin: location.origin,
    };
  }
}
