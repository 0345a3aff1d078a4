import type { ComplexAttributeConverter } from '@lit/reactive-element';
import { flag } from './coerce.js';
import { moduleOfUrl } from './providers/index.js';
import { parseUrl } from './providers/provider.js';

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

/** `true`/`false` (or their strings) to booleans; anything else is unset. */
const fromText = (value: unknown) =>
  value === true || value === 'true'
    ? true
    : value === false || value === 'false'
      ? false
      : undefined;

/** `true`/`false` strings to booleans; anything else is unset (the BI tool's default). */
export const triState = normalized(fromText);

/** Attribute converter that keeps only the listed values; others fall back to `fallback`. */
export const oneOf = <T extends string>(values: readonly T[], fallback?: T) =>
  normalized((value) => pick(values, value), fallback);

/** A value if it is one of `values`, else `undefined`. */
export function pick<T extends string>(values: readonly T[], value: unknown): T | undefined {
  return values.includes(value as T) ? (value as T) : undefined;
}

/** Non-negative pixel counts; anything else falls back to the default. */
export const pixels = (fallback: number | undefined) => normalized(toPixels, fallback);

/** A non-negative pixel count from a number or a `"120"`/`"120px"` string, else `undefined`. */
export function toPixels(value: unknown): number | undefined {
  // `Number('')` is 0, but an empty value is no count (`null` and `undefined` read as NaN).
  const n = value === '' ? NaN : Number(String(value).replace(/px$/, ''));
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

/**
 * Attribute converter through a normaliser: a value it refuses falls back to `fallback`, which is
 * not written back, so an element shows only the attributes the page set.
 */
export function normalized<T extends string | number | boolean>(
  normalize: (value: unknown) => T | undefined,
  fallback?: T,
): ComplexAttributeConverter<T | undefined> {
  return {
    fromAttribute: (value) => normalize(value) ?? fallback,
    toAttribute: (value) => (value === fallback ? null : (normalize(value)?.toString() ?? null)),
  };
}

/** A string, trimmed; anything else is `''` (refused by every normaliser). */
const trimmed = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

/**
 * A `downloads` value: `true`, `false`, or `pdf` and `results` in any order, each at most once
 * (`results, pdf` tidied to `results,pdf`); `undefined` for anything undocumented.
 */
export function downloadsValue(value: unknown): string | undefined {
  const tidy = trimmed(value).replace(/\s/g, '');
  return /^(true|false|pdf(,results)?|results(,pdf)?)$/.test(tidy) ? tidy : undefined;
}

/** A hex colour (`#` optional; 3, 4, 6 or 8 digits) without its `#`, else `undefined`. */
export function hexColor(value: unknown): string | undefined {
  return /^#?([\da-f]{3,4}|[\da-f]{6}|[\da-f]{8})$/i.exec(trimmed(value))?.[1];
}

/** A font name (trimmed, printable, at most 100 characters), else `undefined`. */
export function fontName(value: unknown): string | undefined {
  const name = trimmed(value);
  // 1 to 100 characters (code points), none of them a control character.
  return /^\P{Cc}{1,100}$/u.test(name) ? name : undefined;
}

/** An IANA time zone the browser knows, in its canonical case, else `undefined`. */
export function timeZone(value: unknown): string | undefined {
  const zone = trimmed(value);
  // Unset (as it mostly is): no formatter. Building one loads the browser's locale and time zone
  // data, tens of ms the first time on a page.
  if (!zone) return undefined;
  try {
    return Intl.DateTimeFormat([], { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/** A comma list of slugs, trimmed, or `undefined` when it names none. */
export function slugList(value: unknown): string | undefined {
  // `join()` puts commas; none left is unset.
  return (
    trimmed(value)
      .split(/\s*,\s*/)
      .filter(Boolean)
      .join() || undefined
  );
}

/** A canonical BCP 47 tag (`pt-br` → `pt-BR`), or `undefined` for an invalid one. */
export function canonicalLocale(value: unknown): string | undefined {
  const tag = trimmed(value);
  // Unset (as it mostly is): nothing to ask Intl, which would throw.
  if (!tag) return undefined;
  try {
    return Intl.getCanonicalLocales(tag)[0];
  } catch {
    return undefined;
  }
}

/**
 * Each display option's normaliser, in the order the element declares them: it returns the valid
 * value, tidied, or `undefined` (unset: not written into the URL).
 */
const NORMALIZERS: { [K in keyof DisplayOptions]-?: (value: unknown) => DisplayOptions[K] } = {
  bordered: fromText,
  titled: fromText,
  theme: (value) => pick(THEMES, value),
  hideParameters: slugList,
  hideDownloadButton: (value) => fromText(value) || undefined,
  downloads: downloadsValue,
  locale: canonicalLocale,
  background: fromText,
  backgroundColor: hexColor,
  font: fontName,
  timezone: timeZone,
};

/** The display options, in the order the element declares them. */
export const DISPLAY_OPTIONS = Object.keys(NORMALIZERS) as readonly (keyof DisplayOptions)[];

/**
 * Each display option's attribute converter: `true`/`false` for the boolean options, a plain flag
 * for `hide-download-button`, and its normaliser for the others.
 */
export const OPTION_CONVERTERS = Object.fromEntries(
  DISPLAY_OPTIONS.map((name) => {
    const normalize: (value: unknown) => string | boolean | undefined = NORMALIZERS[name];
    // One `triState` for the boolean options: the converter its tests check.
    const converter =
      name === 'hideDownloadButton'
        ? flag
        : normalize === fromText
          ? triState
          : normalized(normalize);
    return [name, converter];
  }),
) as Record<keyof DisplayOptions, ComplexAttributeConverter<unknown>>;

/** Normalises options (those in `names`) to their valid values, dropping the rest (unset). */
export function normalizeOptions(
  options: DisplayOptions,
  names: readonly (keyof DisplayOptions)[] = DISPLAY_OPTIONS,
): DisplayOptions {
  const out: Record<string, unknown> = {};
  for (const name of names) {
    const value = NORMALIZERS[name](options[name]);
    if (value !== undefined) out[name] = value;
  }
  return out;
}

/** The display options a complete embed URL already carries, as its provider writes them. */
export function optionsFromUrl(url: string): DisplayOptions {
  const parsed = parseUrl(url);
  // Flags are strings in a URL: the normalisers read them as their attributes are.
  return normalizeOptions(
    ((parsed && moduleOfUrl(parsed)?._optionsIn?.(parsed)) ?? {}) as DisplayOptions,
  );
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
    // `hide-download-button` is a plain flag: off is its unset.
    const unset = name === 'hideDownloadButton' ? false : undefined;
    const current = target[name];
    if (current !== unset && current !== previous[name]) continue;
    adopted[name] = fromUrl[name];
    writable[name] = fromUrl[name] ?? unset;
  }
  return adopted;
}
