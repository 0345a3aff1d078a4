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
  auto(): boolean;
  /** A reported height clamped to the frame's limits (px). */
  clamp(height: number): number;
  /** The frame's height now (px, clamped). */
  height(): number;
  /** Applies a reported height unless the loop guard refuses it; whether the frame's height changed. */
  report(height: number): boolean;
}

/** How long a `resetPage` that gave the old height back waits before asking again (ms). */
export const RESET_RETRY = 100;

/**
 * iframe-resizer v4, parent side, for one frame: the handshake, sizes, and the round trips after a
 * resize. Messages go to the frame's window, naming its embed origin; every timer is on `clock`.
 */
export class ResizerParent {
  /** The child answered: its heights win over the tool's own height messages. */
  active = false;
  #drawing = 0;
  /** A shrink in progress (the child's `reset`): the height it came from, retries left. */
  #shrink: { from: number; tries: number } | undefined;
  #stopped = false;
  #timers = new Set<unknown>();

  constructor(
    readonly frame: { readonly contentWindow: Pick<Window, 'postMessage'> | null },
    readonly origin: string,
    readonly clock: Clock,
    readonly sizes: ResizerSizes,
  ) {}

  /** Heights applied and not drawn yet: what the child measures meanwhile may be stale. */
  get drawing(): boolean {
    return this.#drawing > 0;
  }

  /** The frame's height changed: until this page draws it, the child measures the old one. */
  resized(): void {
    this.#afterDraw();
  }

  /** Sends the handshake once the child can measure at the frame's latest height. */
  init(): void {
    this.#afterDraw(() => this.#post(RESIZER_INIT));
  }

  /** Sends nothing more: the frame is gone. Clears what is scheduled. */
  stop(): void {
    this.#stopped = true;
    for (const timer of this.#timers) this.clock.clearTimeout(timer);
    this.#timers.clear();
  }

  /** A message of the protocol from the frame's child (parsed by `parseResizer`). */
  receive(message: ResizerMessage): void {
    this.active = true;
    if (message.type === 'ready') return this.init();
    const { height, event } = message;
    if (!height) return;
    const { sizes } = this;
    // A cross-origin frame learns a new size only after this page has drawn it, and a child set
    // to measure `max` (as BI pages set it) includes its own viewport. So a report it sent on its
    // own before the frame's latest height was drawn is stale: it is not applied, the child
    // measures again once the frame is drawn. A report of its own (or the first, `init`) that
    // changes nothing, too: measured again, a child whose content is shorter than the frame
    // answers `reset` (its content height), and once that is drawn, measures at that height
    // (`resetPage`). Other answers never ask again: no ping-pong.
    // Asked sooner, the child measures its old viewport and the frame bounces back (seen in
    // Chromium), so a `resetPage` that gives the old height back is asked again, twice at most.
    const answer = RESIZER_ANSWERS.has(event!);
    if (!answer && this.#drawing && sizes.auto()) return this.#ask(RESIZER_RESIZE);
    const shrink = this.#shrink;
    this.#shrink = undefined;
    if (event === 'resetPage' && shrink && sizes.clamp(height) >= shrink.from && shrink.tries--) {
      this.#shrink = shrink;
      return this.#ask(RESIZER_RESET, RESET_RETRY);
    }
    const from = event === 'reset' ? sizes.height() : 0;
    const changed = sizes.report(height);
    if (event === 'reset') {
      if (changed) this.#shrink = { from, tries: 2 };
      this.#ask(RESIZER_RESET);
    } else if ((!answer || event === 'init') && !changed && sizes.auto()) {
      this.#ask(RESIZER_RESIZE);
    }
  }

  /** Posts `request` once the frame's latest height is drawn, `delay` ms later. */
  #ask(request: string, delay = 0): void {
    this.#afterDraw(() =>
      delay ? this.#later(() => this.#post(request), delay) : this.#post(request),
    );
  }

  /** Runs `then` once this page has drawn the frame's latest height (the frame knows it then). */
  #afterDraw(then?: () => void): void {
    this.#drawing++;
    this.clock.frame(() =>
      this.#later(() => {
        this.#drawing--;
        then?.();
      }, 0),
    );
  }

  #later(callback: () => void, ms: number): void {
    if (this.#stopped) return;
    const timer = this.clock.setTimeout(() => {
      this.#timers.delete(timer);
      callback();
    }, ms);
    this.#timers.add(timer);
  }

  /** Posts to the frame, naming its embed origin: a frame that went elsewhere gets nothing. */
  #post(message: string): void {
    if (!this.#stopped) this.frame.contentWindow?.postMessage(message, this.origin);
  }
}
