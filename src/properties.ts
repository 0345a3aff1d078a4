import {
  ReactiveElement,
  type PropertyDeclaration,
  type PropertyDeclarations,
} from '@lit/reactive-element';
import { flag, retype } from './coerce.js';
import {
  jsonObject,
  oneOf,
  OPTION_CONVERTERS,
  pixels,
  PROVIDERS,
  normalizeOptions,
  THEMES,
} from './options.js';
import { spell } from './providers/provider.js';
import type { FetchToken, Grant, TokenSource } from './token.js';
import type { Provider } from './types.js';
import type { BuildInput } from './url.js';

/** Reflected properties, each with its kebab-case attribute and converter (none: a string). */
function reflected(
  converters: Record<string, PropertyDeclaration['converter']>,
): PropertyDeclarations {
  return Object.fromEntries(
    Object.entries(converters).map(([name, converter]) => [
      name,
      { attribute: spell(name, '-'), reflect: true, converter },
    ]),
  );
}

/**
 * The options of `<bi-embed>`: its reactive properties, each with its kebab-case attribute and the
 * converter that reads it (a bad value falls back to the documented default); the functions after
 * it say what they mean for a token request and an embed URL. The element (`bi-embed.ts`) extends
 * this class and adds the behaviour.
 */
export class EmbedProperties extends ReactiveElement {
  // Reflected options come from one table: the manifest analyzer reads their fields' `@attr`.
  static override properties: PropertyDeclarations = {
    ...reflected({
      tokenEndpoint: undefined,
      src: undefined,
      instanceUrl: undefined,
      provider: oneOf(PROVIDERS),
      projectUuid: undefined,
      embedId: undefined,
      ...OPTION_CONVERTERS,
      minHeight: pixels(0),
      maxHeight: pixels(undefined),
      noAutoResize: flag,
      loading: oneOf(['eager', 'lazy'], 'eager'),
      title: undefined,
    }),
    params: { converter: jsonObject },
    tokenTimeout: { attribute: 'token-timeout', type: Number },
    tokenRequestInit: { attribute: false },
    fetchToken: { attribute: false },
  };

  /**
   * URL of the host app's endpoint that answers a signed embed URL or JWT.
   * @attr token-endpoint
   * @reflect
   */
  declare tokenEndpoint?: string;
  /**
   * A tokenless (public) embed URL.
   * @attr src
   * @reflect
   */
  declare src?: string;
  /**
   * The BI tool's base URL: the only origin the frame may have and messages may come from.
   * @attr instance-url
   * @reflect
   */
  declare instanceUrl?: string;
  /**
   * The BI tool (one of `PROVIDERS`); detected from the token's claims or the URL when unset.
   * @attr provider
   * @reflect
   */
  declare provider?: Provider;
  /**
   * Project UUID, for providers whose embed path names a project.
   * @attr project-uuid
   * @reflect
   */
  declare projectUuid?: string;
  /**
   * Embedded dashboard id, for providers whose embed path names one.
   * @attr embed-id
   * @reflect
   */
  declare embedId?: string;
  /**
   * Frame border; unset leaves the BI tool's default.
   * @attr bordered
   * @reflect
   */
  declare bordered?: boolean;
  /**
   * Title shown; unset leaves the BI tool's default.
   * @attr titled
   * @reflect
   */
  declare titled?: boolean;
  /**
   * `light`, `night` or `transparent` (a tool with two themes maps `night` to its dark one).
   * @attr theme
   * @reflect
   */
  declare theme?: (typeof THEMES)[number];
  /**
   * Comma list of filter slugs to hide.
   * @attr hide-parameters
   * @reflect
   */
  declare hideParameters?: string;
  /**
   * Hides the downloads (written as `downloads=false` when `downloads` is unset).
   * @attr hide-download-button
   * @reflect
   */
  hideDownloadButton = false;
  /**
   * `true`, `false`, `pdf`, `results`, or `pdf` and `results` in any order.
   * @attr downloads
   * @reflect
   */
  declare downloads?: string;
  /**
   * BCP 47 language tag for the embed's UI.
   * @attr locale
   * @reflect
   */
  declare locale?: string;
  /**
   * `false`: a transparent page background; unset leaves the BI tool's default.
   * @attr background
   * @reflect
   */
  declare background?: boolean;
  /**
   * Page background colour, hex (`#` optional; held without it).
   * @attr background-color
   * @reflect
   */
  declare backgroundColor?: string;
  /**
   * Font name for the embed's UI.
   * @attr font
   * @reflect
   */
  declare font?: string;
  /**
   * IANA time zone the embed shows dates in.
   * @attr timezone
   * @reflect
   */
  declare timezone?: string;
  /** Filter values by slug (JSON in the attribute), written into the embed's query string. */
  params: Record<string, unknown> = {};
  /**
   * Smallest iframe height in px.
   * @attr min-height
   * @reflect
   */
  minHeight = 0;
  /**
   * Largest iframe height in px.
   * @attr max-height
   * @reflect
   */
  declare maxHeight?: number;
  /**
   * Keeps the CSS height (`--bi-embed-height`) instead of sizing the frame to its content.
   * @attr no-auto-resize
   * @reflect
   */
  noAutoResize = false;
  /**
   * `lazy`: no token request until the element is near the viewport.
   * @attr loading
   * @reflect
   */
  loading: 'eager' | 'lazy' = 'eager';
  /**
   * The iframe's accessible name (default "Embedded dashboard").
   * @attr title
   * @reflect
   */
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
    if (name !== undefined) retype(this, name, EmbedProperties.getPropertyOptions(name));
  }
}

// What the options mean, as functions of the element rather than its methods: a module's function
// minifies to a letter, a method keeps its name at every call.

/** The iframe's accessible name. */
export function frameTitle(el: EmbedProperties): string {
  return el.title || 'Embedded dashboard';
}

/** Where tokens come from (the element itself), or `undefined` when it has no token source. */
export function tokenSource(el: EmbedProperties): TokenSource | undefined {
  return el.fetchToken || el.tokenEndpoint ? el : undefined;
}

/** The inputs a token belongs to: a change of any (by identity) means a new token. */
export function tokenArgs(el: EmbedProperties): unknown[] {
  return [el.tokenEndpoint ?? '', el.src ?? '', el.fetchToken, el.tokenRequestInit];
}

/** What the embed URL is built from: the token (or `src`), the options and the query. */
export function urlInputs(
  el: EmbedProperties,
  grant: Grant | undefined,
  query: Record<string, unknown>,
): BuildInput {
  const input: Record<string, unknown> = {
    grant,
    options: normalizeOptions(el),
    query,
    _hostOrigin: location.origin,
  };
  for (const name of ['src', 'provider', 'instanceUrl', 'projectUuid', 'embedId'] as const) {
    input[name] = el[name];
  }
  return input as unknown as BuildInput;
}
