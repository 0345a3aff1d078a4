import type { JWTPayload } from 'jose';
import { EmbedError } from './errors.js';
import { HASH_KEYS, normalizeOptions, type DisplayOptions } from './options.js';
import type { Grant } from './token.js';
import type { Provider } from './types.js';

/** Where the iframe goes: the URL, the only origin trusted for its messages, and the BI tool. */
export interface EmbedTarget {
  url: string;
  origin: string;
  provider: Provider;
}

/** Everything the URL is built from; DOM-free so tests can call it directly. */
export interface BuildInput {
  grant?: Grant | undefined;
  /** A tokenless public link (`src`). */
  src?: string | undefined;
  provider?: Provider | undefined;
  instanceUrl?: string | undefined;
  projectUuid?: string | undefined;
  options: DisplayOptions;
  /** Filter values by slug, written into the Metabase query string. */
  query: Record<string, unknown>;
  /** The host page's origin, for Lightdash's `targetOrigin`. */
  hostOrigin: string;
}

/** The provider a token's claims belong to: `resource` → Metabase, `content` → Lightdash. */
export function providerFromClaims(claims: JWTPayload): Provider | undefined {
  if (claims.resource && typeof claims.resource === 'object') return 'metabase';
  if (claims.content && typeof claims.content === 'object') return 'lightdash';
  return undefined;
}

function providerFromPath(url: URL): Provider {
  return /^\/embed\/[^/]+\/(dashboard|chart)\//.test(url.pathname.replace(/^.*?(?=\/embed\/)/, ''))
    ? 'lightdash'
    : 'metabase';
}

/**
 * Parses and checks a URL before anything is navigated: absolute `http:`/`https:` only, and on the
 * `instance-url` origin when one is set. Everything else is `url-rejected`.
 */
export function validateUrl(raw: string, instanceUrl?: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new EmbedError('url-rejected', 'The embed URL is not an absolute URL.');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new EmbedError('url-rejected', `The embed URL's scheme ${url.protocol} is not allowed.`);
  }
  if (instanceUrl) {
    let instance: URL;
    try {
      instance = new URL(instanceUrl);
    } catch {
      throw new EmbedError('config', 'instance-url is not an absolute URL.');
    }
    if (url.origin !== instance.origin) {
      throw new EmbedError(
        'url-rejected',
        `The embed URL's origin ${url.origin} is not instance-url's ${instance.origin}.`,
      );
    }
  }
  return url;
}

function joinPath(instance: string, path: string, instanceUrlAttr?: string): URL {
  const base = validateUrl(instance, instanceUrlAttr);
  return new URL(base.origin + base.pathname.replace(/\/+$/, '') + path);
}

function asId(value: unknown): string | undefined {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

function metabaseUrl(grant: Grant, instance: string, instanceUrlAttr?: string): URL {
  const resource = grant.claims.resource as Record<string, unknown> | undefined;
  const kind = resource && asId(resource.dashboard) ? 'dashboard' : 'question';
  if (!resource || !asId(resource[kind])) {
    throw new EmbedError('token-invalid', 'The Metabase token names no dashboard or question.');
  }
  return joinPath(instance, `/embed/${kind}/${grant.token}`, instanceUrlAttr);
}

function lightdashUrl(grant: Grant, instance: string, input: BuildInput): URL {
  const content = (grant.claims.content ?? {}) as Record<string, unknown>;
  const project = grant.projectUuid ?? input.projectUuid ?? asId(content.projectUuid);
  if (!project) {
    throw new EmbedError('config', 'A Lightdash embed needs project-uuid (or projectUuid).');
  }
  const id =
    content.type === 'chart'
      ? asId(content.contentId)
      : (asId(content.dashboardUuid) ?? asId(content.dashboardSlug));
  if (!id) throw new EmbedError('token-invalid', 'The Lightdash token names no content.');
  const kind = content.type === 'chart' ? 'chart' : 'dashboard';
  const path = `/embed/${encodeURIComponent(project)}/${kind}/${encodeURIComponent(id)}`;
  const url = joinPath(instance, path, input.instanceUrl);
  url.hash = grant.token;
  return url;
}

/** Writes display options into a Metabase hash, keeping keys the element does not know. */
function metabaseHash(existing: string, options: DisplayOptions): string {
  const entries = new Map(new URLSearchParams(existing.replace(/^#/, '')));
  const normal = normalizeOptions(options);
  for (const [name, key] of Object.entries(HASH_KEYS)) {
    const value = normal[name as keyof DisplayOptions];
    if (value !== undefined) entries.set(key, String(value));
  }
  return [...entries]
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`)
    .join('&');
}

function writeQuery(url: URL, query: Record<string, unknown>): void {
  for (const [slug, value] of Object.entries(query)) {
    const values = (Array.isArray(value) ? value : [value]).filter(
      (v) => v !== null && v !== undefined,
    );
    if (!values.length) continue;
    url.searchParams.delete(slug);
    for (const v of values) {
      url.searchParams.append(slug, typeof v === 'object' ? JSON.stringify(v) : String(v));
    }
  }
}

/**
 * Builds the iframe URL from a grant (or a public `src`), the display options and the filter
 * values, and validates it. Throws `EmbedError` (`config`, `token-invalid`, `url-rejected`).
 */
export function buildEmbedUrl(input: BuildInput): EmbedTarget {
  const { grant } = input;
  let url: URL;
  let provider: Provider;
  if (input.src !== undefined && !grant) {
    url = validateUrl(input.src, input.instanceUrl);
    provider = input.provider ?? providerFromPath(url);
  } else if (grant?.url) {
    url = validateUrl(grant.url, input.instanceUrl);
    provider = input.provider ?? providerFromClaims(grant.claims) ?? providerFromPath(url);
  } else if (grant) {
    const detected = providerFromClaims(grant.claims);
    provider = input.provider ?? detected ?? ('' as Provider);
    if (!provider) {
      throw new EmbedError(
        'token-invalid',
        'The token has neither a `resource` nor a `content` claim.',
      );
    }
    const instance = grant.instanceUrl ?? input.instanceUrl;
    if (!instance) {
      throw new EmbedError('config', 'A token response needs instance-url (or instanceUrl).');
    }
    url =
      provider === 'lightdash'
        ? lightdashUrl(grant, instance, input)
        : metabaseUrl(grant, instance, input.instanceUrl);
  } else {
    throw new EmbedError('config', 'Nothing to load: set token-endpoint, src or fetchToken.');
  }

  if (provider === 'lightdash') {
    url.searchParams.set('targetOrigin', input.hostOrigin);
    const theme = normalizeOptions(input.options).theme;
    if (theme === 'light' || theme === 'night') {
      url.searchParams.set('theme', theme === 'night' ? 'dark' : 'light');
    }
  } else {
    writeQuery(url, input.query);
    url.hash = metabaseHash(url.hash, input.options);
  }
  return { url: url.href, origin: url.origin, provider };
}
