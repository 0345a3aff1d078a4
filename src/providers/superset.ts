import type { Filters } from '../types.js';
import {
  asId,
  missing,
  namesNothing,
  record,
  type FrameEvent,
  type ProviderModule,
} from './provider.js';

/** `uiConfig` bit: hide the dashboard title. */
export const HIDE_TITLE = 1;
/** `uiConfig` bit: the page emits `observeDataMask` at each filter change. */
export const EMIT_DATA_MASKS = 16;

/** How long a question to the frame may wait for its answer (ms); Superset's own SDK waits forever. */
export const GET_TIMEOUT = 5_000;

/** What Superset's embedded page waits for on its window before it speaks on the port. */
export const HANDSHAKE = { type: '__embedded_comms__', handshake: 'port transfer' } as const;

/** The page's answer to a `get`: its `reply` (with its `result`), or `{}` for an `error`. */
type Answer = { result?: unknown };

/** Superset names every native filter so; cross filters and dividers have other keys. */
const NATIVE_FILTER = 'NATIVE_FILTER-';

/** A filter value as the element reports values: a string as it is, anything else as JSON. */
const text = (value: unknown) =>
  typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));

/**
 * The frame event for a Superset data mask: native filter id → its `filterState.value`; unset
 * filters left out.
 */
export function dataMaskEvent(mask: unknown): FrameEvent & { type: 'filters' } {
  const filters: Filters = {};
  for (const [id, entry] of Object.entries(record(mask) ?? {})) {
    if (!id.startsWith(NATIVE_FILTER)) continue;
    const value = record(record(entry)?.filterState)?.value;
    if (value !== null && value !== undefined) {
      filters[id] = Array.isArray(value) ? value.map(text) : text(value);
    }
  }
  return { type: 'filters', filters };
}

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
    return dataMaskEvent(message.args);
  },

  /**
   * Our end of Superset's "switchboard" protocol on a new `MessagePort`, handed to the page with
   * the handshake — posted to `origin` only, never `"*"`: a frame that went elsewhere gets
   * nothing. Messages are `{switchboardAction, method, messageId, args, result}`. `emit` expects
   * no answer; `get` waits for the `reply` (or `error`) with the same `messageId`, for
   * {@link GET_TIMEOUT} at most, and is dropped when the port closes. Whatever else arrives, of
   * whatever shape, is ignored without throwing.
   */
  _connect(frame, origin, { _clock: clock, _token: first, _event: event }) {
    const { port1: port, port2 } = new MessageChannel();
    frame.postMessage(HANDSHAKE, origin, [port2]);
    /** The settle function of each question waiting, by `messageId`. */
    const questions = new Map<unknown, (answer?: Answer) => void>();
    let ids = 0;
    // Assigning `onmessage` starts the port.
    port.onmessage = ({ data }) => {
      const message = record(data) ?? {};
      const { switchboardAction: action, messageId, method } = message;
      // Only our own questions' ids have one.
      const settle = questions.get(messageId);
      const said = superset._parse(message);
      if (said) {
        event(said);
      } else if (action === 'get' && typeof messageId === 'string') {
        // The page's own questions get an answer at once, so it never waits on us:
        // `resolvePermalinkUrl` is `null` (the element makes no permalinks), anything else an
        // `error`.
        port.postMessage(
          method === 'resolvePermalinkUrl'
            ? { switchboardAction: 'reply', messageId, result: null }
            : {
                switchboardAction: 'error',
                messageId,
                error: `bi-embed has no ${String(method)}`,
              },
        );
      } else if (settle && action === 'reply') {
        settle({ result: message.result });
        // The frame controller takes the first as the sign of life.
        event({ type: 'alive' });
      } else if (settle && action === 'error') {
        settle({});
      }
    };

    /**
     * Asks the page; resolves with its answer, or `undefined` when none came in time or the port
     * closed first. Never rejects.
     */
    const get = (method: string) =>
      new Promise<Answer | undefined>((resolve) => {
        // Closed (no listener left): nothing would answer.
        if (!port.onmessage) return resolve(undefined);
        const messageId = ++ids;
        const timer = clock.setTimeout(settle, GET_TIMEOUT);
        function settle(answer?: Answer) {
          clock.clearTimeout(timer);
          questions.delete(messageId);
          resolve(answer);
        }
        questions.set(messageId, settle);
        port.postMessage({ switchboardAction: 'get', method, messageId });
      });

    // A closed port delivers nothing: posting needs no check.
    const token = (guestToken: string) =>
      port.postMessage({ switchboardAction: 'emit', method: 'guestToken', args: { guestToken } });
    token(first());

    // The filter values the page starts with; its answer is also its first sign of life, asked
    // again while none comes (the page may still be starting), whether or not it is on screen,
    // until the frame's 20 s are up.
    const probe = async (tries = 4): Promise<void> => {
      const answer = await get('getDataMask');
      if (answer && 'result' in answer) {
        event(dataMaskEvent(answer.result));
      } else if (answer) {
        // A page without `getDataMask`: any answer will do as a sign of life.
        await get('getScrollSize');
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
        const height = record((await get('getScrollSize'))?.result)?.height;
        return Number.isFinite(height) && (height as number) > 0 ? (height as number) : undefined;
      },
      // Each step is harmless a second time.
      _close() {
        port.onmessage = null;
        port.close();
        questions.forEach((settle) => settle());
      },
    };
  },
} as const satisfies ProviderModule;
