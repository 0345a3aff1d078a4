import type { Filters } from '../types.js';
import {
  asId,
  missing,
  namesNothing,
  record,
  type FrameEvent,
  type ProviderModule,
} from './provider.js';
import { openSwitchboard } from './superset-port.js';

/** `uiConfig` bit: hide the dashboard title. */
export const HIDE_TITLE = 1;
/** `uiConfig` bit: the page emits `observeDataMask` at each filter change. */
export const EMIT_DATA_MASKS = 16;

/** Superset names every native filter so; cross filters and dividers have other keys. */
const NATIVE_FILTER = 'NATIVE_FILTER-';

/** A filter value as the element reports values: a string as it is, anything else as JSON. */
const text = (value: unknown) =>
  typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));

/** Native filter id → its `filterState.value`, from a Superset data mask; unset filters left out. */
export function dataMaskFilters(mask: unknown): Filters {
  const filters: Filters = {};
  for (const [id, entry] of Object.entries(record(mask) ?? {})) {
    if (!id.startsWith(NATIVE_FILTER)) continue;
    const value = record(record(entry)?.filterState)?.value;
    if (value !== null && value !== undefined) {
      filters[id] = Array.isArray(value) ? value.map(text) : text(value);
    }
  }
  return filters;
}

/** The frame event for a data mask: its native filters' values. */
const filtersOf = (mask: unknown): FrameEvent => ({
  type: 'filters',
  filters: dataMaskFilters(mask),
});

/**
 * Superset embedded dashboards: `/embedded/<embedId>?uiConfig=<bits>` with the guest token handed
 * over a `MessagePort` (never in the URL). At each `load` of the frame the element transfers a
 * new port, sends the token, and from then on speaks Superset's switchboard protocol on it: a new
 * token at every refresh (no reload), `getDataMask` for the filter values and as the sign of life,
 * `getScrollSize` for the height, and the page's `observeDataMask` emits for filter changes.
 * The page posts nothing on its window, and nothing at all about a refused token (it shows a
 * toast).
 */
export const superset = {
  name: 'superset',
  _reads: ['titled'],
  _liveOn: 'message',
  _sizing: 'poll',

  _ownsClaims: (claims) => claims.type === 'guest' && Array.isArray(claims.resources),

  _ownsUrl: (url) => /\/embedded\/[^/]+\/?$/.test(url.pathname),

  _tokenPath(grant, { embedId }) {
    const resources = Array.isArray(grant._claims.resources) ? grant._claims.resources : [];
    const dashboard = resources.map(record).find((r) => r?.type === 'dashboard');
    const id = asId(embedId) ?? asId(dashboard?.id);
    if (!id) {
      // A guest token for no dashboard needs the id set (`config`); any other token is the wrong
      // kind (`token-invalid`), unless the id is set.
      throw grant._claims.type === 'guest'
        ? missing('embed-id', 'embedId')
        : namesNothing('dashboard: set embed-id');
    }
    return `/embedded/${encodeURIComponent(id)}`;
  },

  _decorate(url, { options, query }) {
    url.searchParams.set(
      'uiConfig',
      String(options.titled === false ? EMIT_DATA_MASKS | HIDE_TITLE : EMIT_DATA_MASKS),
    );
    for (const [name, value] of Object.entries(query)) {
      // Filter values the page reported are native filter ids: no URL parameter sets them.
      if (name.startsWith(NATIVE_FILTER) || value === undefined || value === null) continue;
      url.searchParams.set(name, text(value));
    }
  },

  // Reads the page's own messages on the port (it posts none on its window).
  _parse(data): FrameEvent | undefined {
    const message = record(data);
    if (message?.switchboardAction !== 'emit' || message.method !== 'observeDataMask') {
      return undefined;
    }
    return filtersOf(message.args);
  },

  _connect(frame, origin, link) {
    const board = openSwitchboard(frame, origin, link._clock, {
      _onEmit: (message) => {
        const event = superset._parse(message);
        if (event) link._event(event);
      },
      // The frame controller takes the first as the sign of life.
      _onReply: () => link._event({ type: 'alive' }),
    });
    const token = (guestToken: string) => board._emit('guestToken', { guestToken });
    token(link._token());
    // The filter values the page starts with; its answer is also its first sign of life, asked
    // again while none comes (the page may still be starting), whether or not it is on screen,
    // until the frame's 20 s are up.
    const probe = async (tries = 4): Promise<void> => {
      const answer = await board._get('getDataMask');
      if (answer && 'result' in answer) {
        link._event(filtersOf(answer.result));
      } else if (answer) {
        // A page without `getDataMask`: any answer will do as a sign of life.
        await board._get('getScrollSize');
      } else if (--tries) {
        // No answer in time (after a close, at once: the page is gone, the tries run out unsent).
        return probe(tries);
      }
    };
    void probe();
    return {
      _token: token,
      _measure: async () => {
        // A positive finite height from the `getScrollSize` answer, else none.
        const height = record((await board._get('getScrollSize'))?.result)?.height;
        return Number.isFinite(height) && (height as number) > 0 ? (height as number) : undefined;
      },
      _close: board._close,
    };
  },
} as const satisfies ProviderModule<'superset'>;
