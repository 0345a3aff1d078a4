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
 * sends no mouse events. A page may set its own `heightCalculationMethod`.
 */
export const RESIZER_INIT = `${SIZER}${RESIZER_ID}:8:false:false:32:true:true:null:bodyOffset:null:null:0:false:child:scroll:false`;

/** Our answer to a child's `reset`: it measures again now that the frame has its reset height. */
export const RESIZER_RESET = `${SIZER}reset`;

/** Asks the child to measure again (v4's parent sends it when its window resizes). */
export const RESIZER_RESIZE = `${SIZER}resize`;

/** What the child sends in answer to the parent (init, reset, resize), not on its own. */
export const RESIZER_ANSWERS = /^(init|reset|resetPage|resizeParent)$/;

/** What an iframe-resizer v4 child told us, once recognised. Anything else is ignored. */
export type ResizerMessage =
  /** The child loaded after the frame's `load`: it wants the init message. */
  | { ready: true }
  /** A message of the protocol; `height` when it is a size; `event`: what made the child send. */
  | { ready?: never; height?: number; event?: string };

/**
 * A reported height: a non-negative, finite number (or decimal string), else `NaN` (malformed).
 * 0 becomes `undefined`: a page measures 0 when it is not laid out (in a background tab), and
 * sizing the frame to 0 would hide it for good.
 */
export function reportedHeight(value: unknown): number | undefined {
  const n =
    typeof value === 'number' ? value : /^\d+(\.\d+)?$/.test(String(value)) ? Number(value) : NaN;
  return Number.isFinite(n) && n >= 0 ? n || undefined : NaN;
}

/**
 * Parses `[iFrameSizer]<id>:<height>:<width>:<type>[:<message>]` from the v4 child. Total: never
 * throws, whatever `data` is.
 */
export function parseResizer(data: unknown): ResizerMessage | undefined {
  if (data === '[iFrameResizerChild]Ready') return { ready: true };
  // Our id (RESIZER_ID), the height, the width, the type, whether a fifth field follows.
  const [, size, kind, more] =
    (typeof data == 'string' && /^\[iFrameSizer]bi-embed:([^:]*):[^:]*:([^:]+)(:?)/.exec(data)) ||
    [];
  if (!kind) return undefined;
  // The child sends a size as exactly four fields. Its other messages carry no height for the
  // parent (requests we do not serve): a fifth field (`message`, `inPageLink`, `autoResize`, the
  // mouse events; an init message from a parent above has 16), or a scroll position in the height
  // field (`scrollTo`, `scrollToOffset`), or 0 there (`close`, `pageInfo`, `pageInfoStop`).
  if (more || kind.startsWith('scroll')) return {};
  const h = reportedHeight(size);
  return Number.isNaN(h) ? undefined : { height: h, event: kind };
}

/**
 * Filter values by slug from an embed's query string (`?category=Gizmo&category=Widget`);
 * a repeated slug gives an array. `tab` selects the dashboard tab: it is not a filter.
 */
export function filtersFromSearch(search: string): Filters {
  const filters = new Map<string, string | string[]>();
  for (const [slug, value] of new URLSearchParams(search)) {
    if (slug === 'tab') continue;
    const seen = filters.get(slug);
    // Appended in place: a frame repeating one slug thousands of times costs linear time.
    if (seen === undefined) filters.set(slug, value);
    else if (Array.isArray(seen)) seen.push(value);
    else filters.set(slug, [seen, value]);
  }
  // `fromEntries` defines own properties: a `__proto__` slug stays a plain key.
  return Object.fromEntries(filters);
}

/** The slugs whose value differs between two filter sets (added, removed or changed). */
export function changedSlugs(before: Filters, after: Filters): string[] {
  return Object.keys({ ...before, ...after }).filter(
    (slug) =>
      Object.hasOwn(before, slug) != Object.hasOwn(after, slug) ||
      JSON.stringify(before[slug]) != JSON.stringify(after[slug]),
  );
}
