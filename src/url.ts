import { EmbedError } from './errors.js';
import { normalizeOptions, type DisplayOptions } from './options.js';
import {
  providerFromClaims,
  providerFromUrl,
  providerModule,
  type Provider,
} from './providers/index.js';
import { httpUrl, missing, parseUrl } from './providers/provider.js';
import type { Grant } from './token.js';

export { providerFromClaims } from './providers/index.js';

/** Where the iframe goes: the URL, the only origin trusted for its messages, and the BI tool. */
export interface EmbedTarget {
  url: string;
  origin: string;
  provider: Provider;
  /** The token, for providers whose page takes it over a channel rather than in the URL. */
  token?: string;
}

/** Everything the URL is built from; DOM-free so tests can call it directly. */
export interface BuildInput {
  grant?: Grant | undefined;
  /** A tokenless (public) link, or any complete embed URL (`src`); a grant's URL wins. */
  src?: string | undefined;
  provider?: Provider | undefined;
  instanceUrl?: string | undefined;
  projectUuid?: string | undefined;
  embedId?: string | undefined;
  options: DisplayOptions;
  /** Filter values by slug, written where the provider reads them. */
  query: Record<string, unknown>;
  /** The host page's origin, for providers that post events only to a named origin. */
  _hostOrigin: string;
}

/**
 * Parses and checks a URL before anything is navigated: absolute `http:`/`https:` only, and on the
 * `instance-url` origin when one is set. Everything else is `url-rejected`.
 */
export function validateUrl(raw: string, instanceUrl?: string): URL {
  const url = httpUrl(raw);
  if (!url) {
    throw new EmbedError('url-rejected', 'Embed URL is not absolute http(s).');
  }
  if (instanceUrl) {
    const instance = parseUrl(instanceUrl);
    if (!instance) throw new EmbedError('config', 'instance-url is not a URL.');
    if (url.origin !== instance.origin) {
      throw new EmbedError('url-rejected', `Embed URL is not on ${instance.origin}.`);
    }
  }
  return url;
}

/**
 * Builds the iframe URL from a grant (or a complete `src`), the display options and the filter
 * values, and validates it. Throws `EmbedError` (`config`, `token-invalid`, `url-rejected`).
 */
export function buildEmbedUrl(input: BuildInput): EmbedTarget {
  const { grant, instanceUrl } = input;
  const given = grant ? grant.url : input.src;
  if (given === undefined && !grant) {
    throw new EmbedError('config', 'Set src or token-endpoint/fetchToken.');
  }
  let url = given === undefined ? undefined : validateUrl(given, instanceUrl);
  const shape = url && providerFromUrl(url);
  const provider = input.provider ?? (grant && providerFromClaims(grant._claims)) ?? shape;
  if (!provider) {
    // Without a URL, the token's claims are what fit no tool.
    throw new EmbedError(url ? 'config' : 'token-invalid', 'Unknown BI tool: set provider.');
  }
  // Decorating a URL as another tool's would corrupt it (a token in the hash, for one).
  if (shape && shape !== provider) {
    throw new EmbedError('config', `Embed URL is for ${shape}, not ${provider}.`);
  }
  const module = providerModule(provider);
  // What the endpoint sent with its token (`instanceUrl`, `projectUuid`, `embedId`) wins over the
  // attributes. Only the options this tool reads reach it: the others are never written for it.
  const context = { ...input, ...grant, options: normalizeOptions(input.options, module._reads) };
  if (!url) {
    const instance = context.instanceUrl;
    if (!instance) throw missing('instance-url', 'instanceUrl');
    const path = module._tokenPath(grant!, context);
    const base = validateUrl(instance, instanceUrl);
    url = new URL(base.origin + base.pathname.replace(/\/+$/, '') + path);
  }
  module._decorate(url, context);
  // Its page takes the token over a channel: a URL alone shows nothing.
  if (module._connect && !grant?.token) {
    throw new EmbedError('config', `${provider} needs token-endpoint/fetchToken.`);
  }
  return {
    url: url.href,
    origin: url.origin,
    provider,
    ...(module._connect && { token: grant!.token }),
  };
}

/**
 * A URL builder that reports each failure once: the same inputs fail the same way at every
 * update, so they are reported again only when `force` says so (a reload, the Retry button).
 * `invalidParams`: the `params` attribute is not a JSON object (a `config` failure).
 */
export function reportingBuilder(report: (error: EmbedError) => void) {
  let rejected: string | undefined;
  return (input: BuildInput, invalidParams: boolean, force: boolean): EmbedTarget | undefined => {
    try {
      if (invalidParams) throw new EmbedError('config', 'params is not a JSON object.');
      const target = buildEmbedUrl(input);
      rejected = undefined;
      return target;
    } catch (error) {
      const fingerprint = JSON.stringify([input, invalidParams]);
      if (force || fingerprint !== rejected) {
        report(error instanceof EmbedError ? error : new EmbedError('config', String(error)));
      }
      rejected = fingerprint;
      return undefined;
    }
  };
}
