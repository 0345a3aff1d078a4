import type { Clock } from '../clock.js';
import { record } from './provider.js';

/** How long a question to the frame may wait for its answer (ms); Superset's own SDK waits forever. */
export const GET_TIMEOUT = 5_000;

/** What Superset's embedded page waits for on its window before it speaks on the port. */
export const HANDSHAKE = { type: '__embedded_comms__', handshake: 'port transfer' } as const;

/** The frame's answer to a `get`: its `reply` (`result`), or its `error`. */
export type Answer = { result: unknown } | { error: string };

/** What the frame says on its own. */
export interface SwitchboardHooks {
  /** An `emit` from the frame (it expects no answer). */
  onEmit(method: string, args: unknown): void;
  /** The frame's first `reply` to one of our questions: it speaks the protocol. */
  onFirstReply(): void;
}

interface Question {
  settle(answer: Answer | undefined): void;
  timer: unknown;
}

/**
 * Our end of Superset's "switchboard" protocol on a `MessagePort`: `{switchboardAction, method,
 * messageId, args, result}` messages. `emit` expects no answer; `get` waits for the `reply` (or
 * `error`) with the same `messageId`, for {@link GET_TIMEOUT} at most, and is dropped when the
 * port closes. The frame's own questions get an answer at once: `resolvePermalinkUrl` is `null`
 * (the element makes no permalinks), anything else an `error`, so the page never waits on us.
 * Whatever else arrives, of whatever shape, is ignored without throwing.
 */
export class Switchboard {
  #port: MessagePort;
  #clock: Clock;
  #hooks: SwitchboardHooks;
  #questions = new Map<string, Question>();
  #ids = 0;
  #replied = false;
  #closed = false;

  constructor(port: MessagePort, clock: Clock, hooks: SwitchboardHooks) {
    this.#port = port;
    this.#clock = clock;
    this.#hooks = hooks;
    // Assigning `onmessage` starts the port.
    port.onmessage = (event: MessageEvent) => this.#receive(event.data);
  }

  /** Whether the port was closed. */
  get closed(): boolean {
    return this.#closed;
  }

  /** Questions waiting for their answer. */
  get waiting(): number {
    return this.#questions.size;
  }

  /** Tells the frame something; it does not answer. */
  emit(method: string, args?: unknown): void {
    this.#post({ switchboardAction: 'emit', method, args });
  }

  /**
   * Asks the frame; resolves with its answer, or `undefined` when none came in time or the port
   * closed first. Never rejects.
   */
  get(method: string, args?: unknown): Promise<Answer | undefined> {
    if (this.#closed) return Promise.resolve(undefined);
    const messageId = `m_bi-embed_${++this.#ids}`;
    return new Promise((resolve) => {
      const question: Question = {
        settle: (answer) => {
          this.#clock.clearTimeout(question.timer);
          this.#questions.delete(messageId);
          resolve(answer);
        },
        timer: this.#clock.setTimeout(() => question.settle(undefined), GET_TIMEOUT),
      };
      this.#questions.set(messageId, question);
      this.#post({ switchboardAction: 'get', method, messageId, args });
    });
  }

  /** Closes the port: questions waiting resolve `undefined`, nothing more is sent or received. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#port.onmessage = null;
    this.#port.close();
    for (const question of [...this.#questions.values()]) question.settle(undefined);
  }

  #post(message: Record<string, unknown>): void {
    if (!this.#closed) this.#port.postMessage(message);
  }

  #receive(data: unknown): void {
    const message = record(data);
    const action = message?.switchboardAction;
    const { messageId, method } = message ?? {};
    if (action === 'emit') {
      if (typeof method === 'string') this.#hooks.onEmit(method, message!.args);
      return;
    }
    if (typeof messageId !== 'string') return;
    if (action === 'get') {
      const name = typeof method === 'string' ? method.slice(0, 100) : typeof method;
      this.#post(
        method === 'resolvePermalinkUrl'
          ? { switchboardAction: 'reply', messageId, result: null }
          : {
              switchboardAction: 'error',
              messageId,
              error: `[bi-embed] Method "${name}" is not defined`,
            },
      );
      return;
    }
    const question = this.#questions.get(messageId);
    if (!question) return;
    if (action === 'reply') {
      question.settle({ result: message!.result });
      if (!this.#replied) {
        this.#replied = true;
        this.#hooks.onFirstReply();
      }
    } else if (action === 'error') {
      const error = message!.error;
      question.settle({ error: typeof error === 'string' ? error.slice(0, 500) : 'error' });
    }
  }
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
  const channel = new MessageChannel();
  const board = new Switchboard(channel.port1, clock, hooks);
  frame.postMessage(HANDSHAKE, origin, [channel.port2]);
  return board;
}
