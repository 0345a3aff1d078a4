import type { Clock } from '../clock.js';
import { record } from './provider.js';

/** How long a question to the frame may wait for its answer (ms); Superset's own SDK waits forever. */
export const GET_TIMEOUT = 5_000;

/** What Superset's embedded page waits for on its window before it speaks on the port. */
export const HANDSHAKE = { type: '__embedded_comms__', handshake: 'port transfer' } as const;

/** The frame's answer to a `get`: its `reply` (`result`), or its `error`. */
export type Answer = { result?: unknown; error?: string };

/** What the frame says on its own. */
export interface SwitchboardHooks {
  /** An `emit` from the frame, the whole message (it expects no answer). */
  _onEmit(message: Record<string, unknown>): void;
  /** The frame's `reply` to one of our questions: it speaks the protocol (the first is news). */
  _onReply(): void;
}

/**
 * Our end of Superset's "switchboard" protocol on a `MessagePort`: `{switchboardAction, method,
 * messageId, args, result}` messages. `emit` expects no answer; `get` waits for the `reply` (or
 * `error`) with the same `messageId`, for {@link GET_TIMEOUT} at most, and is dropped when the
 * port closes. The frame's own questions get an answer at once: `resolvePermalinkUrl` is `null`
 * (the element makes no permalinks), anything else an `error`, so the page never waits on us.
 * Whatever else arrives, of whatever shape, is ignored without throwing.
 */
export interface Switchboard {
  /** Questions waiting for their answer (`size`). */
  readonly _waiting: { readonly size: number };
  /** Tells the frame something; it does not answer. */
  _emit(method: string, args?: unknown): void;
  /**
   * Asks the frame; resolves with its answer, or `undefined` when none came in time or the port
   * closed first. Never rejects.
   */
  _get(method: string, args?: unknown): Promise<Answer | undefined>;
  /** Closes the port: questions waiting resolve `undefined`, nothing more is sent or received. */
  _close(): void;
}

/** A {@link Switchboard} on `port` (assigning `onmessage` starts the port); timers on `clock`. */
export function switchboard(port: MessagePort, clock: Clock, hooks: SwitchboardHooks): Switchboard {
  /** The settle function of each question waiting, by `messageId`. */
  const questions = new Map<unknown, (answer?: Answer) => void>();
  let ids = 0;
  port.onmessage = ({ data }) => {
    const message = record(data) ?? {};
    const { switchboardAction: action, messageId, method } = message;
    // Only our own questions' ids have one.
    const settle = questions.get(messageId);
    if (action === 'emit') {
      hooks._onEmit(message);
    } else if (action === 'get' && typeof messageId === 'string') {
      port.postMessage(
        method === 'resolvePermalinkUrl'
          ? { switchboardAction: 'reply', messageId, result: null }
          : {
              switchboardAction: 'error',
              messageId,
              error: `bi-embed has no ${String(method).slice(0, 99)}`,
            },
      );
    } else if (settle && action === 'reply') {
      settle({ result: message.result });
      hooks._onReply();
    } else if (settle && action === 'error') {
      settle({ error: String(message.error).slice(0, 500) });
    }
  };
  return {
    _waiting: questions,
    // A closed port delivers nothing: posting needs no check.
    _emit: (method, args) => port.postMessage({ switchboardAction: 'emit', method, args }),
    _get: (method, args) =>
      new Promise((resolve) => {
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
        port.postMessage({ switchboardAction: 'get', method, messageId, args });
      }),
    // Each step is harmless a second time.
    _close() {
      port.onmessage = null;
      port.close();
      questions.forEach((settle) => settle());
    },
  };
}

/**
 * Hands a new port to the page in `frame` — posted to `origin` only, never `"*"`: a frame that
 * went elsewhere gets nothing — and speaks the switchboard protocol on our end of it.
 */
export function openSwitchboard(
  frame: Window,
  origin: string,
  clock: Clock,
  hooks: SwitchboardHooks,
): Switchboard {
  const { port1, port2 } = new MessageChannel();
  frame.postMessage(HANDSHAKE, origin, [port2]);
  return switchboard(port1, clock, hooks);
}
