import { changedSlugs } from './protocols.js';
import type { Filters } from './types.js';

/**
 * The viewer's filter values as the frame last reported them, carried into every new URL, so a
 * token refresh or an option change never forgets them. The page's own `params` win for the slugs
 * it sets anew. Its members start with `_`: internal to the element, so the build shortens them.
 */
export class FilterMemory {
  /** The values (the element hands out copies). */
  _values: Filters = {};

  /** The query a URL is built from: the page's `params` with the viewer's values over them. */
  _query(params: Record<string, unknown>): Record<string, unknown> {
    return { ...params, ...this._values };
  }

  /**
   * The page set `params`: a slug whose value it changed or dropped forgets the viewer's value;
   * the same values written again (a framework re-rendering an object literal) change nothing.
   */
  _paramsSet(before: Record<string, unknown>, after: Record<string, unknown>): void {
    for (const slug of changedSlugs(before as Filters, after as Filters)) delete this._values[slug];
  }

  /** A frame reported the values it shows: they are kept; returns the slugs that changed. */
  _report(filters: Filters): string[] {
    const changed = changedSlugs(this._values, filters);
    this._values = filters;
    return changed;
  }

  /** Forgets every value (a new configuration). */
  _clear(): void {
    this._values = {};
  }
}
