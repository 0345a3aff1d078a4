import type { Filters } from './types.js';

/** Prefix of every iframe-resizer v4 message, both ways. */
const SIZER = '[iFrameSizer]';

/** The id we give the frame in the iframe-resizer handshake; the child echoes it in every reply. */
export const RESIZER_ID = 'bi-embed';

/**
 * The iframe-resizer v4 parent's init message. Fields, in the order the v4 child reads them:
 * id, bodyMarginV1, sizeWidth, log, interval, enablePublicMethods, autoResize, bodyMargin,
 * heightCalculationMethod, bodyBackground, bodyPadding, tolerance, inPageLinks, resizeFrom,
 * widthCalculationMethod, mouseEvents. v4's defaults, except: the child watches its own window
 * size (`resizeFrom=child`: a width change reflows the dashboard, we need no resize listener) and
 * sends no mouse events. Metabase's page sets its own `heightCalculationMethod` (`max`).
 */
export const RESIZER_INIT = `${SIZER}${RESIZER_ID}:8:false:false:32:true:true:null:bodyOffset:null:null:0:false:child:scroll:false`;

/** Our answer to a child's `reset`: it measures again now that the frame has its reset height. */
export const RESIZER_RESET = `${SIZER}reset`;

/** Asks the child to measure again (v4's parent sends it when its window resizes). */
export const RESIZER_RESIZE = `${SIZER}resize`;

/** What the child sends in answer to the parent (init, reset, resize), not on its own. */
export const RESIZER_ANSWERS: ReadonlySet<string> = new Set([
  'init',
  'reset',
  'resetPage',
  'resizeParent',
]);

/**
 * iframe-resizer message types that carry no height for the parent (requests we do not serve),
 * and the `true`/`false`/`undefined` that mark an init message from a parent above.
 */
const NOT_SIZES = new Set(
  'close message mouseenter mouseleave autoResize scrollTo scrollToOffset pageInfo pageInfoStop inPageLink true false undefined'.split(
    ' ',
  ),
);

/** What a frame told us, once recognised. Anything else is ignored. */
export type FrameMessage =
  /** The iframe-resizer child loaded after the frame's `load`: it wants the init message. */
  | { type: 'ready' }
  /** An iframe-resizer message; `height` when it is a size; `event`: what made the child send. */
  | { type: 'resizer'; height?: number; event?: string }
  /** Metabase's own height report (a fallback when iframe-resizer is not running). */
  | { type: 'frame'; height?: number }
  /** Metabase's URL changed: the filter values in its query string. */
  | { type: 'location'; filters: Filters }
  /** Lightdash filters changed (its events carry no values). */
  | { type: 'lightdash-filters'; filterCount: number; hasFilters: boolean }
  /** Lightdash reported an error. */
  | { type: 'lightdash-error'; errorType: string | undefined }
  /** Another Lightdash event (tiles loaded, tab changed…): a sign of life only. */
  | { type: 'lightdash' };

/** A plain record, or undefined: guards every property read on untrusted data. */
function record(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
}

/**
 * A reported height: a non-negative, finite number (or decimal string), else `NaN` (malformed).
 * 0 becomes `undefined`: a page measures 0 when it is not laid out (in a background tab), and
 * sizing the frame to 0 would hide it for good.
 */
function height(value: unknown): number | undefined {
  const n =
    typeof value === 'number' ? value : /^\d+(\.\d+)?$/.test(String(value)) ? Number(value) : NaN;
  return Number.isFinite(n) && n >= 0 ? n || undefined : NaN;
}

/** Parses `[iFrameSizer]<id>:<height>:<width>:<type>[:<message>]` from the v4 child. */
function parseResizer(data: string): FrameMessage | undefined {
  if (data === '[iFrameResizerChild]Ready') return { type: 'ready' };
  if (!data.startsWith(SIZER)) return undefined;
  const [id, size, , kind] = data.slice(SIZER.length).split(':');
  if (id !== RESIZER_ID || !kind) return undefined;
  if (NOT_SIZES.has(kind)) return { type: 'resizer' };
  const h = height(size);
  return Number.isNaN(h) ? undefined : { type: 'resizer', height: h, event: kind };
}

/**
 * Recognises what Metabase, Lightdash and iframe-resizer v4 post to their parent
 * (docs: /work/shared/notes/protocols.md). Total: never throws, whatever `data` is.
 */
export function parseMessage(data: unknown): FrameMessage | undefined {
  if (typeof data === 'string') return parseResizer(data);
  const message = record(data);
  const metabase = record(message?.metabase);
  if (metabase?.type === 'location') {
    const search = record(metabase.location)?.search;
    return typeof search === 'string'
      ? { type: 'location', filters: filtersFromSearch(search) }
      : undefined;
  }
  if (metabase?.type === 'frame') {
    const h = height(record(metabase.frame)?.height);
    return Number.isNaN(h) ? undefined : { type: 'frame', height: h };
  }
  const type = message?.type;
  if (typeof type !== 'string' || !type.startsWith('lightdash:')) return undefined;
  const payload = record(message?.payload);
  if (type === 'lightdash:filterChanged') {
    const count = payload?.filterCount;
    const filterCount =
      Number.isSafeInteger(count) && (count as number) >= 0 ? (count as number) : 0;
    const has = payload?.hasFilters;
    return {
      type: 'lightdash-filters',
      filterCount,
      hasFilters: typeof has === 'boolean' ? has : filterCount > 0,
    };
  }
  if (type === 'lightdash:error') {
    const errorType = payload?.errorType;
    return {
      type: 'lightdash-error',
      errorType: typeof errorType === 'string' ? errorType.slice(0, 100) : undefined,
    };
  }
  return { type: 'lightdash' };
}

/**
 * Filter values by slug from a Metabase embed's query string (`?category=Gizmo&category=Widget`);
 * a repeated slug gives an array. `tab` selects the dashboard tab: it is not a filter.
 */
export function filtersFromSearch(search: string): Filters {
  const filters = new Map<string, string | string[]>();
  for (const [slug, value] of new URLSearchParams(search)) {
    if (slug === 'tab') continue;
    const seen = filters.get(slug);
    filters.set(
      slug,
      seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value],
    );
  }
  // `fromEntries` defines own properties: a `__proto__` slug stays a plain key.
  return Object.fromEntries(filters);
}

/** The slugs whose value differs between two filter sets (added, removed or changed). */
export function changedSlugs(before: Filters, after: Filters): string[] {
  const slugs = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...slugs].filter(
    (slug) =>
      !Object.hasOwn(before, slug) ||
      !Object.hasOwn(after, slug) ||
      JSON.stringify(before[slug]) !== JSON.stringify(after[slug]),
  );
}
