import type { ComplexAttributeConverter } from '@lit/reactive-element';
import { providerFromUrl, providerModule } from './providers/index.js';

export { PROVIDERS } from './providers/index.js';

/** Display options, as the element holds them: `undefined` means "not written into the URL". */
export interface DisplayOptions {
  bordered?: boolean;
  titled?: boolean;
  theme?: string;
  hideParameters?: string;
  hideDownloadButton?: boolean;
  downloads?: string;
  locale?: string;
  /** `false`: a transparent page background. */
  background?: boolean;
  /** A hex colour without `#`. */
  backgroundColor?: string;
  font?: string;
  /** An IANA time zone name. */
  timezone?: string;
}

export const THEMES = ['light', 'night', 'transparent'] as const;

/** `true`/`false` strings to booleans; anything else is unset (the BI tool's default). */
export const triState: ComplexAttributeConverter<boolean | undefined> = {
  fromAttribute: (value) => (value === 'true' ? true : value === 'false' ? false : undefined),
  toAttribute: (value) => (typeof value === 'boolean' ? String(value) : null),
};

/** Attribute converter that keeps only the listed values; others fall back to `fallback`. */
export function oneOf<T extends string>(
  values: readonly T[],
  fallback?: T,
): ComplexAttributeConverter<T | undefined> {
  return {
    fromAttribute: (value) => pick(values, value) ?? fallback,
    // The default is not written back, so an element shows only the attributes the page set.
    toAttribute: (value) => (value === fallback ? null : (pick(values, value) ?? null)),
  };
}

/** A value if it is one of `values`, else `undefined`. */
export function pick<T extends string>(values: readonly T[], value: unknown): T | undefined {
  return values.includes(value as T) ? (value as T) : undefined;
}

/** Non-negative pixel counts; anything else falls back to the default. */
export function pixels(
  fallback: number | undefined,
): ComplexAttributeConverter<number | undefined> {
  return {
    fromAttribute: (value) => toPixels(value) ?? fallback,
    toAttribute: (value) =>
      value === fallback || toPixels(value) === undefined ? null : String(value),
  };
}

/** A non-negative pixel count from a number or a `"120"`/`"120px"` string, else `undefined`. */
export function toPixels(value: unknown): number | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  const n = typeof value === 'number' ? value : Number(String(value).replace(/px$/, ''));
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

/** `params` as JSON in the attribute; an object as the property. Never reflected. */
export const jsonObject: ComplexAttributeConverter<Record<string, unknown>> = {
  fromAttribute: (value) => {
    if (!value) return {};
    try {
      const parsed: unknown = JSON.parse(value);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
        return parsed as Record<string, unknown>;
      }
    } catch {
      // Fall through: an unparsable value is reported as a `config` error by the element.
    }
    return INVALID_PARAMS;
  },
};

/** Marker for a `params` attribute that is not a JSON object (reported as `config`). */
export const INVALID_PARAMS: Record<string, unknown> = Object.freeze({});

/** Normalises options to their valid values, dropping the rest (they fall back to unset). */
export function normalizeOptions(options: DisplayOptions): DisplayOptions {
  const out: DisplayOptions = {};
  if (typeof options.bordered === 'boolean') out.bordered = options.bordered;
  if (typeof options.titled === 'boolean') out.titled = options.titled;
  const theme = pick(THEMES, options.theme);
  if (theme) out.theme = theme;
  const slugs = slugList(options.hideParameters);
  if (slugs) out.hideParameters = slugs;
  if (options.hideDownloadButton === true) out.hideDownloadButton = true;
  const downloads = downloadsValue(options.downloads);
  if (downloads) out.downloads = downloads;
  const locale = canonicalLocale(options.locale);
  if (locale) out.locale = locale;
  if (typeof options.background === 'boolean') out.background = options.background;
  const color = hexColor(options.backgroundColor);
  if (color) out.backgroundColor = color;
  const font = fontName(options.font);
  if (font) out.font = font;
  const timezone = timeZone(options.timezone);
  if (timezone) out.timezone = timezone;
  return out;
}

/** Attribute converter through a normaliser: a value it refuses falls back to unset. */
export function normalized(
  normalize: (value: unknown) => string | undefined,
): ComplexAttributeConverter<string | undefined> {
  return { fromAttribute: normalize, toAttribute: (value) => normalize(value) ?? null };
}

/**
 * A `downloads` value: `true`, `false`, or `pdf` and `results` in any order, each at most once
 * (`results, pdf` tidied to `results,pdf`); `undefined` for anything undocumented.
 */
export function downloadsValue(value: unknown): string | undefined {
  const tidy = typeof value === 'string' ? value.replace(/\s/g, '') : '';
  if (tidy === 'true' || tidy === 'false') return tidy;
  const kinds = tidy.split(',');
  const known = kinds.every((kind) => kind === 'pdf' || kind === 'results');
  return known && new Set(kinds).size === kinds.length ? tidy : undefined;
}

/** A hex colour (`#` optional; 3, 4, 6 or 8 digits) without its `#`, else `undefined`. */
export function hexColor(value: unknown): string | undefined {
  const match =
    typeof value === 'string' && /^#?([\da-f]{3,4}|[\da-f]{6}|[\da-f]{8})$/i.exec(value.trim());
  return match ? match[1] : undefined;
}

/** A font name (trimmed, printable, at most 100 characters), else `undefined`. */
export function fontName(value: unknown): string | undefined {
  const name = typeof value === 'string' ? value.trim() : '';
  return name && name.length <= 100 && !/[\p{Cc}]/u.test(name) ? name : undefined;
}

/** An IANA time zone the browser knows, in its canonical case, else `undefined`. */
export function timeZone(value: unknown): string | undefined {
  if (typeof value !== 'string' || !value.trim()) return undefined;
  try {
    return new Intl.DateTimeFormat('en', { timeZone: value.trim() }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/** A comma list of slugs, trimmed, or `undefined` when it names none. */
export function slugList(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const slugs = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return slugs.length ? slugs.join(',') : undefined;
}

/** A canonical BCP 47 tag (`pt-br` → `pt-BR`), or `undefined` for an invalid one. */
export function canonicalLocale(value: unknown): string | undefined {
  if (typeof value !== 'string' || !value) return undefined;
  try {
    return Intl.getCanonicalLocales(value)[0];
  } catch {
    return undefined;
  }
}

/** The display options a complete embed URL already carries, as its provider writes them. */
export function optionsFromUrl(url: string): DisplayOptions {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return {};
  }
  const provider = providerFromUrl(parsed);
  const raw = provider ? providerModule(provider).optionsIn(parsed) : {};
  const flag = (value: string | undefined) =>
    triState.fromAttribute!(value ?? null, Boolean) as boolean | undefined;
  return normalizeOptions({
    ...raw,
    bordered: flag(raw.bordered),
    titled: flag(raw.titled),
    background: flag(raw.background),
    hideDownloadButton: raw.hideDownloadButton === 'true' ? true : undefined,
  });
}

/** The display options, in the order the element declares them. */
export const DISPLAY_OPTIONS = [
  'bordered',
  'titled',
  'theme',
  'hideParameters',
  'hideDownloadButton',
  'downloads',
  'locale',
  'background',
  'backgroundColor',
  'font',
  'timezone',
] as const satisfies readonly (keyof DisplayOptions)[];

/** The display options an element holds. */
export function readOptions(source: DisplayOptions): DisplayOptions {
  const options: Record<string, unknown> = {};
  for (const name of DISPLAY_OPTIONS) options[name] = source[name];
  return options as DisplayOptions;
}

/**
 * Writes the options in an endpoint URL's hash onto `target`, except those the page set itself
 * (a value other than unset or what was adopted before). Returns what it adopted.
 */
export function adoptHashOptions(
  target: DisplayOptions,
  url: string,
  previous: DisplayOptions,
): DisplayOptions {
  const fromUrl = optionsFromUrl(url);
  const adopted: Record<string, unknown> = {};
  const writable = target as Record<string, unknown>;
  for (const name of DISPLAY_OPTIONS) {
    const current = target[name];
    const untouched =
      current === undefined ||
      current === previous[name] ||
      (name === 'hideDownloadButton' && current === false);
    if (!untouched) continue;
    adopted[name] = fromUrl[name];
    writable[name] = name === 'hideDownloadButton' ? !!fromUrl[name] : fromUrl[name];
  }
  return adopted as DisplayOptions;
}
