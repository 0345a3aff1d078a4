import type { DisplayOptions } from '../options.js';
import { filtersFromSearch, reportedHeight } from '../protocols.js';
import { asId, namesNothing, record, spell, type ProviderModule } from './provider.js';

/**
 * The options Metabase reads, all from the embed URL's hash, each under its name in snake_case
 * (`hideParameters` → `hide_parameters`). `hideDownloadButton` is written as `downloads=false`:
 * current versions removed `hide_download_button`, which older ones read and a URL may carry.
 */
const READS = [
  'bordered',
  'titled',
  'theme',
  'background',
  'font',
  'hideParameters',
  'hideDownloadButton',
  'downloads',
  'locale',
] as const satisfies readonly (keyof DisplayOptions)[];

/**
 * Metabase static ("signed") embeds (`/embed/dashboard/<JWT>`, `/embed/question/<JWT>`) and
 * public links (`/public/dashboard/<uuid>`): filter values in the query string, display options
 * in the hash. Its pages post `location` and `frame` messages to any parent and run
 * iframe-resizer v4's child script; they post no error, even when the token is refused.
 */
export const metabase = {
  _reads: READS,
  _liveOn: 'message',
  _sizing: 'iframe-resizer',

  _ownsClaims: (claims) => !!record(claims.resource),

  // Static embeds and public links, under any path prefix the instance is served from.
  _ownsUrl: (url) => /\/(embed|public)\/(dashboard|question)\/[^/]+\/?$/.test(url.pathname),

  _tokenPath(grant) {
    const resource = record(grant._claims.resource) ?? {};
    const kind = asId(resource.dashboard) ? 'dashboard' : 'question';
    if (!asId(resource[kind])) throw namesNothing('dashboard or question');
    return `/embed/${kind}/${grant.token}`;
  },

  _decorate(url, { options, query }) {
    // Filter values in the query string: repeated for arrays, nothing for null. Edited apart and
    // written back once: each edit of `url.searchParams` re-serialises the URL, which a frame
    // reporting thousands of values would turn into quadratic work.
    const params = new URLSearchParams(url.search);
    for (const [slug, value] of Object.entries(query)) {
      const values = [value].flat().filter((v) => v !== null && v !== undefined);
      if (!values.length) continue;
      params.delete(slug);
      // `append` writes the others as strings.
      for (const v of values)
        params.append(slug, typeof v === 'object' ? JSON.stringify(v) : (v as string));
    }
    url.search = params.toString();
    // Display options in the hash, keeping the keys the element does not know.
    const entries = new URLSearchParams(url.hash.slice(1));
    for (const name of READS) {
      const value =
        name === 'downloads' && options.hideDownloadButton
          ? (options.downloads ?? false)
          : options[name];
      if (value !== undefined && name !== 'hideDownloadButton')
        entries.set(spell(name, '_'), String(value));
    }
    // A space is written `%20`, as `encodeURIComponent` writes it, not `+`.
    url.hash = entries.toString().replace(/\+/g, '%20');
  },

  _optionsIn(url) {
    const hash = new URLSearchParams(url.hash.slice(1));
    const found: Partial<Record<keyof DisplayOptions, string>> = {};
    for (const name of READS) {
      const value = hash.get(spell(name, '_'));
      if (value !== null) found[name] = value;
    }
    return found;
  },

  _parse(data) {
    const message = record(record(data)?.metabase);
    if (message?.type === 'location') {
      const search = record(message.location)?.search;
      return typeof search === 'string'
        ? { type: 'filters', filters: filtersFromSearch(search) }
        : undefined;
    }
    if (message?.type === 'frame') {
      const height = reportedHeight(record(message.frame)?.height);
      return Number.isNaN(height) ? undefined : { type: 'height', height };
    }
    return undefined;
  },
} as const satisfies ProviderModule;
