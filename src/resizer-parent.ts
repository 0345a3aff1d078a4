import type { Clock } from './clock.js';
import {
  RESIZER_ANSWERS,
  RESIZER_INIT,
  RESIZER_RESET,
  RESIZER_RESIZE,
  type ResizerMessage,
} from './protocols.js';

/** The frame's sizes, as the frame controller keeps them. */
export interface ResizerSizes {
  /** Whether the frame follows its content (no `no-auto-resize`). */
  _auto(): boolean;
  /**
   * Applies a reported height unless the loop guard refuses it. When that changed the frame's
   * height: the height it had (px, clamped); `null` when the loop guard refused it.
   */
  _report(height: number): number | undefined | null;
}

/**
 * After a shrink, how long a measure that gave the old height back waits before the child is asked
 * again (ms); each further ask waits twice as long, up to {@link RESET_PATIENCE}.
 */
export const RESET_RETRY = 100;

/** The longest wait before a last ask (ms): 100 + 200 + 400 + 800, then the answer is taken. */
export const RESET_PATIENCE = 800;

/** iframe-resizer v4, parent side, for one frame: the handshake, sizes, and the round trips after a resize. */
export interface ResizerParent {
  /** The child answered: its heights win over the tool's own height messages. */
  readonly _active: boolean;
  /**
   * The frame's height changed: until this page draws it, the child measures the old one. After
   * a shrink (`from`: the height it had), the child's view of its new size can lag further.
   */
  _resized(from?: number): void;
  /** Sends the handshake once the child can measure at the frame's latest height. */
  _init(): void;
  /** A message of the protocol from the frame's child (parsed by `parseResizer`). */
  _receive(message: ResizerMessage): void;
  /** Sends nothing more: the frame is gone. Clears what is scheduled. */
  _stop(): void;
}

/**
 * The iframe-resizer parent of `frame`: messages go to its window, naming its embed `origin`;
 * every timer is on `clock`. A height is applied in the call that receives it.
 */
export function resizerParent(
  frame: { readonly contentWindow: Pick<Window, 'postMessage'> | null },
  origin: string,
  clock: Clock,
  sizes: ResizerSizes,
): ResizerParent {
  let drawing = 0;
  /** A shrink in progress (whatever set it): the height it came from (px, at least 1), the next wait. */
  let shrink: number | undefined;
  let wait = RESET_RETRY;
  /** The last ask waiting to go out (a `resetPage` retry waits 100 ms or more). */
  let asking: unknown;
  /** Heights this page set for the frame so far; and how many it had set when it last asked. */
  let changes = 0;
  let askedAt = 0;
  /** Asks made so far: only the latest goes out (it measures anew, as any earlier one would). */
  let asks = 0;
  /**
   * Whether the child's content height is known since its last report of its own: a `reset`
   * tells it, or will, in answer to a `resize` asked while the child measures what it last sent.
   */
  let known = false;
  /** Sets a timer; once stopped, sets none. */
  let later = (callback: () => void, ms = 0): unknown => clock.setTimeout(callback, ms);
  /** Runs `then` once this page has drawn the frame's latest height (the frame knows it then). */
  const afterDraw = (then?: () => void) => {
    drawing++;
    clock.frame(() =>
      later(() => {
        drawing--;
        then?.();
      }),
    );
  };
  // A frame that went elsewhere gets nothing: the message names the embed origin.
  const post = (message: string) => {
    askedAt = changes;
    frame.contentWindow?.postMessage(message, origin);
  };
  const ask = (request: string, delay = 0) => {
    const n = ++asks;
    afterDraw(() => (asking = later(() => n === asks && post(request), delay)));
  };

  const parent = {
    _active: false,
    _resized(from?: number) {
      changes++;
      // A grow, or any other change, ends the watch for the old viewport.
      shrink = from;
      wait = RESET_RETRY;
      afterDraw();
    },
    _init: () => afterDraw(() => post(RESIZER_INIT)),
    _stop() {
      later = () => undefined;
      clock.clearTimeout(asking);
    },
    _receive(message: ResizerMessage) {
      parent._active = true;
      if (message.ready) return parent._init();
      const { height, event } = message;
      if (!height) return;
      const reset = event === 'reset';
      const answer = RESIZER_ANSWERS.test(event!);
      const auto = sizes._auto();
      // A report of its own: the content changed, by how much only a `reset` says.
      if (reset) known = true;
      else if (!answer) known = false;
      // A cross-origin frame learns a new size only after this page has drawn it, and a child set
      // to measure `max` (as BI pages set it) includes its own viewport. So a measure can be
      // stale; it is not applied, the child measures again (once the frame is drawn):
      // - a report it sent on its own before the frame's latest height was drawn;
      // - an answer to an ask that went out before this page set the frame's latest height (seen:
      //   a `resizeParent` from before a shrink arrived after it and put the old height back).
      // `reset` is the content's own height (measured without `max`): never stale.
      // A report of its own (or the first, `init`) that changes nothing is measured again too: a
      // child whose content is shorter than the frame answers `reset` (its content height), and
      // once that is drawn, measures at that height (`resetPage`). So is the first answer that
      // changes nothing after a report of its own (below); other answers never ask again: no
      // ping-pong. A cross-origin frame's view of its new size can lag this page's drawing by
      // hundreds of ms on a busy machine, so after a shrink (a `reset`, a tool's own height
      // message, new limits) a measure that gives the old height back is asked again (`reset`)
      // after 100, 200, 400 and 800 ms; then it is taken (the page may force that height, or the
      // content grew back to it).
      if (!reset && auto) {
        // Stale. In a shrink, asked with `reset`: its answer is checked for the old viewport
        // (below).
        if (answer ? askedAt !== changes : drawing) {
          return ask(shrink || event === 'resetPage' ? RESIZER_RESET : RESIZER_RESIZE);
        }
        // The old viewport, to the pixel: a `max` measure of content no taller than it. (Content
        // that grew taller measures more, and is taken at once.) Any measure with `max` can be it.
        if (shrink && Math.abs(height - shrink) < 1 && wait <= RESET_PATIENCE) {
          ask(RESIZER_RESET, wait);
          wait *= 2;
          return;
        }
      }
      shrink = undefined;
      const from = sizes._report(height);
      if (reset) {
        // A shrink it caused is watched (`_resized`): the answer to this shows the new viewport.
        ask(RESIZER_RESET);
      } else if (
        // Unchanged; not refused by the loop guard (`null`): asked again, a frame that grows by
        // its own height would answer at its own viewport, and a later shrink below that would
        // change nothing it sends.
        from === undefined &&
        auto &&
        (!answer || event === 'init' || !known)
      ) {
        // A measure with `max` that changes nothing cannot tell shorter content from the frame's
        // own height (seen: content cut to 300 px while the child still saw its old viewport, and
        // every later `resetPage` said 480, the frame's height). Asked to measure again what it
        // last sent, the child answers `reset`: its content height. Once per report of its own.
        known = true;
        ask(RESIZER_RESIZE);
      }
    },
  };
  return parent;
}
