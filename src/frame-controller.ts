import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { systemClock, type Clock } from './clock.js';
import { EmbedError } from './errors.js';
import { listen } from './message-channel.js';
import { toPixels } from './options.js';
import { parseResizer } from './protocols.js';
import { providerModule, type FrameEvent, type FrameSession } from './providers/index.js';
import { resizerParent } from './resizer-parent.js';
import { clampHeight, loopGuard } from './sizing.js';
import type { BiEmbedEventMap } from './types.js';
import type { EmbedTarget } from './url.js';
import { onWake } from './wake.js';

/** How long a navigation has to show a sign of life before `frame-timeout` (ms). */
export const FRAME_TIMEOUT = 20_000;

/** How often a frame sized by `measure()` is asked for its height while on screen (ms). */
export const POLL_INTERVAL = 250;

/** A filter report from a frame: the values, or (for tools that give none) how many are set. */
export type FilterEvent = Extract<FrameEvent, { type: 'filters' | 'filter-count' }>;

/** One iframe and the navigation it shows. */
export interface FrameSlot {
  _frame: HTMLIFrameElement;
  _target: EmbedTarget;
  /**
   * What the frame's first sign of life was (a message from it, or its `load` where the provider
   * counts that); unset until then.
   */
  _signal?: 'message' | 'load';
  /** The height the frame last asked for (px, unclamped, never 0); unset: the CSS height. */
  _height?: number;
  /** The channel to the page loaded now, for providers that take their token over one. */
  _session?: FrameSession;
  /**
   * Marks the frame alive (a message from it, or its `load`) and swaps it in if it was pending;
   * once only, and never for a frame that was dropped.
   */
  _alive(signal?: 'message' | 'load'): void;
  /** Applies the height limits and the frame's height; lets its poller ask again. */
  _fit(): void;
  /** Ends the frame's work (listeners, timers, channel) and removes it. */
  _drop(): void;
}

/** What the element learns from its frames. */
export interface FrameDelegate {
  /** A navigation showed its first sign of life and is now the visible frame. */
  _onLive(slot: FrameSlot): void;
  /**
   * The frame reported its filters (values, or for tools that say no more, a count); `first`:
   * `slot`'s first report of values. The one path every filter report takes to an event.
   */
  _onFilters(event: FilterEvent, first: boolean, slot: FrameSlot): void;
  /** A frame failed: `frame-timeout` (no BI tool reports its own errors to the parent). */
  _onError(error: EmbedError): void;
  /** Fires an event on the element. */
  _emit<K extends keyof BiEmbedEventMap>(type: K, detail: BiEmbedEventMap[K]['detail']): void;
}

/**
 * Owns the element's iframes. They are created imperatively, not by the template, so a re-render
 * never reloads a frame, and a new URL can load in a second, hidden iframe that replaces the
 * visible one only when it shows a sign of life: the viewer never sees a blank frame.
 *
 * It also talks to the frames: messages arrive through the page's single message channel (only
 * from this frame's window and its embed origin), read by the frame's provider module or, for
 * providers whose pages run iframe-resizer v4's child, by the frame's iframe-resizer parent.
 * Each frame's work lives in closures over its slot; the controller keeps the shared state.
 */
export class FrameController implements ReactiveController {
  /** The element that holds the frames; the element's template renders it once. */
  readonly _container: HTMLDivElement = document.createElement('div');
  /** Time source of every timer of the frames (`frame-timeout`, polling, draws); replaceable in tests. */
  clock: Clock = systemClock;
  /** The visible frame, if any. Set by the controller only (read it, never write it). */
  declare _current?: FrameSlot;
  /** The frame loading in the background to replace the visible one, if any. Set by the controller only. */
  declare _pending?: FrameSlot;
  /** Sets the accessible name of every frame. */
  readonly _setTitle: (title: string) => void;
  /** Sets the height limits (px) and whether frames follow their content; applies them now. */
  readonly _setSizing: (min: unknown, max: unknown, auto: boolean) => void;
  /**
   * Shows `target`. When a live frame is on screen, the new one loads hidden behind it and swaps
   * in at its first sign of life; otherwise it replaces whatever is there at once.
   */
  readonly _navigate: (target: EmbedTarget) => FrameSlot;
  /**
   * The token behind the URL on screen changed: frames showing `target.url` take the new target,
   * and a page that takes its token over a channel gets it there, with no reload.
   */
  readonly _handOver: (target: EmbedTarget) => void;
  /** Removes every frame. */
  readonly clear: () => void;
  /**
   * A detached iframe is unloaded by the browser anyway; removing it makes re-insertion
   * deterministic: the element navigates a fresh frame with its still-valid token.
   */
  readonly hostDisconnected: () => void;

  constructor(host: ReactiveControllerHost, delegate: FrameDelegate) {
    let title = '';
    let min: number | undefined;
    let max: number | undefined;
    let auto = true;
    /** The visible frame's height as last announced by `bi-embed-resize`; 0 or unset: its CSS height. */
    let shown: number | undefined;
    /**
     * When `frame-timeout` is due for the first navigation still waiting for a sign of life: a
     * refresh that replaces a frame that never showed life does not restart the 20 s.
     */
    let due: number | undefined;
    const slots = () => [this._current, this._pending];
    const clamp = (height: number) => clampHeight(height, min, max);

    const clear = () => {
      this._pending?._drop();
      this._current?._drop();
      this._current = this._pending = shown = due = undefined;
    };

    this._container.className = 'frames';
    this.clear = this.hostDisconnected = clear;

    this._setTitle = (value) => {
      title = value;
      for (const slot of slots()) if (slot) slot._frame.title = value;
    };

    this._setSizing = (low, high, follow) => {
      min = toPixels(low);
      max = toPixels(high);
      auto = follow;
      for (const slot of slots()) slot?._fit();
    };

    this._handOver = (target) => {
      const { url, token } = target;
      for (const slot of slots()) {
        if (slot?._target.url === url) {
          if (token && token !== slot._target.token) slot._session?._token(token);
          slot._target = target;
        }
      }
    };

    this._navigate = (target) => {
      const { origin } = target;
      // The clock when the frame was created times all its work.
      const { clock } = this;
      const frame = document.createElement('iframe');
      frame.part = 'frame';
      frame.title = title;
      frame.allow = 'fullscreen; clipboard-write';
      frame.referrerPolicy = 'strict-origin-when-cross-origin';
      const { style } = frame;
      const provider = providerModule(target.provider);
      const guard = loopGuard();
      let reported = false;
      /** The height set on the frame (px); 0: none, its CSS height. */
      let given = 0;
      // The poller's state (below).
      let inView = false;
      let drawing = 0;
      /** The timer, set from when it is due until the answer to its question arrives. */
      let polling: unknown;
      let observer: IntersectionObserver | undefined;
      let unwake: (() => void) | undefined;

      /**
       * Applies the height limits and the frame's height; announces a change of the visible
       * height; lets the poller ask again. Called in the message handler: style writes, no
       * layout read once the frame follows its content.
       */
      const fit = () => {
        style.minHeight = min ? `${min}px` : '';
        style.maxHeight = max === undefined ? '' : `${max}px`;
        wake();
        // 0: the CSS height (a clamped height is at least 1 px).
        const height = auto && slot._height ? clamp(slot._height) : 0;
        // Only the visible frame's height is announced, and only once it follows its content (or
        // stops following it): a frame at its CSS height is never measured.
        const visible = slot === this._current && (height || shown);
        const before = visible ? shown || frame.offsetHeight : 0;
        if (given !== height) {
          // The height it had (a layout read only when it leaves its CSS height).
          const was = given || frame.offsetHeight;
          given = height;
          style.height = height ? `${height}px` : '';
          // Not drawn yet: what the page measures meanwhile may be stale; after a shrink, a
          // measure of the old height may be too.
          if (sizer) sizer._resized(height && height < was ? was : undefined);
          else {
            // Only a poller's frame takes heights without an iframe-resizer parent.
            drawing++;
            clock.frame(() => clock.setTimeout(() => drawing--, 0));
          }
        }
        if (!visible) return;
        const after = height || frame.offsetHeight;
        shown = height;
        if (after !== before) {
          delegate._emit('bi-embed-resize', { height: after, previousHeight: before });
        }
      };

      /**
       * A height the frame asked for: applied unless it is the next step of a resize loop.
       * When the frame's height changed: the height it had.
       */
      const report = (height: number) => {
        // Following its content, the frame has its clamped height; otherwise `from` is not used.
        const from = given || frame.offsetHeight;
        const to = clamp(height);
        const changed = auto && to !== from;
        if (changed && !guard(from, to)) return null;
        slot._height = height;
        fit();
        return changed ? from : undefined;
      };

      /**
       * What the frame said, if anything; `live`: whatever it says is a sign of life (a window
       * message of its tool), else only `alive` is (on a channel, the first answer).
       */
      const apply = (event: FrameEvent | undefined, live?: boolean) => {
        if (!event) return;
        // What the tool said besides its type: the detail of `bi-embed-content-loaded`.
        const { type, ...said } = event;
        if (type === 'height') {
          // The iframe-resizer child's heights win. (Only a module that reads heights makes this
          // event: none does for a frame sized by CSS.)
          if (!sizer?._active && event.height) report(event.height);
        } else if (type.startsWith('filter')) {
          // `filters` or `filter-count`.
          delegate._onFilters(event as FilterEvent, !reported, slot);
          reported ||= type === 'filters';
        }
        // After the height, so a swapped-in frame shows at its own height at once.
        if (live || type === 'alive') slot._alive();
        if (type === 'content-loaded' && slot === this._current) {
          // What the tool did not say, its module left out. A handed-over target has the same URL:
          // the same provider and origin.
          delegate._emit('bi-embed-content-loaded', { provider: target.provider, origin, ...said });
        }
      };

      const slot: FrameSlot = {
        _frame: frame,
        _target: target,
        _alive: (signal = 'message') => {
          if (slot._signal || !slots().includes(slot)) return;
          slot._signal = signal;
          due = undefined;
          clock.clearTimeout(timer);
          if (slot === this._pending) {
            // Until it reports its own height, the new frame keeps the old one's: no jump at the swap.
            slot._height ??= this._current?._height;
            this._current?._drop();
            // What hid it (navigate): the frame has no other class.
            for (const name of ['class', 'aria-hidden', 'tabindex']) frame.removeAttribute(name);
            this._current = slot;
            this._pending = undefined;
            fit();
          }
          delegate._onLive(slot);
        },
        _fit: fit,
        _drop() {
          unlisten?.();
          sizer?._stop();
          slot._session?._close();
          unwake?.();
          observer?.disconnect();
          clock.clearTimeout(polling);
          clock.clearTimeout(timer);
          frame.remove();
          // Navigating away stops a removed frame's work even if something still references it.
          frame.removeAttribute('src');
        },
      };

      // Chromium fires `load` for a frame that X-Frame-Options or CSP blocked, so `load` counts
      // as life only for providers whose pages may post nothing at all; for the others it only
      // starts the iframe-resizer handshake.
      const sizer =
        provider._sizing === 'iframe-resizer'
          ? resizerParent(frame, origin, clock, { _auto: () => auto, _report: report })
          : undefined;

      /*
       * The poller (sizing `poll`) asks the page for its height every {@link POLL_INTERVAL} ms, one
       * question at a time, while the frame is the visible one, intersects the viewport and the
       * page is visible; not at all otherwise, nor while a height it was given is not drawn yet
       * (the answer would be stale). `wake()` after a change that may let it ask again.
       */
      // Only the poller's observer ever sets `inView`: other frames never ask.
      const ok = () => inView && !document.hidden && slot === this._current && auto;
      const wake = () => {
        if (polling === undefined && ok()) {
          polling = clock.setTimeout(async () => {
            if (ok() && !drawing) {
              const height = await slot._session?._measure();
              // A dropped frame is never the visible one again.
              if (height && slot === this._current) report(height);
            }
            polling = undefined;
            wake();
          }, POLL_INTERVAL);
        }
      };
      if (provider._sizing === 'poll') {
        observer = new IntersectionObserver((entries) => {
          inView = entries.at(-1)!.isIntersecting;
          wake();
        });
        observer.observe(frame);
        unwake = onWake(wake);
      }

      // A page that talks over its own port says nothing on the window worth hearing.
      const unlisten = provider._connect
        ? undefined
        : listen(frame, origin, (data) => {
            // Each frame speaks its own tool's protocol only: a message another tool would send
            // is not what the frame claims to be.
            const resizer = sizer && parseResizer(data);
            if (resizer) {
              sizer._receive(resizer);
              slot._alive();
            } else apply(provider._parse(data), true);
          });

      frame.onload = () => {
        // Every load (a navigation or reload inside the frame, too) is a new page: a new channel.
        if (provider._connect) {
          slot._session?._close();
          // A removed frame has no window: nothing to connect to.
          const page = frame.contentWindow;
          slot._session = page
            ? provider._connect(page, origin, {
                _clock: clock,
                _token: () => slot._target.token ?? '',
                // The first answer on the channel is the sign of life; the page's other words
                // are not.
                _event: apply,
              })
            : undefined;
        }
        sizer?._init();
        if (provider._liveOn === 'load') slot._alive('load');
      };

      due ??= clock.now() + FRAME_TIMEOUT;
      const timer = clock.setTimeout(
        () => {
          // Reported once: the next navigation has its own 20 s.
          due = undefined;
          delegate._onError(
            new EmbedError(
              'frame-timeout',
              `No sign of life from ${origin} in 20 s (X-Frame-Options/CSP, or down).`,
            ),
          );
        },
        Math.max(0, due - clock.now()),
      );
      frame.src = target.url;

      this._pending?._drop();
      if (this._current?._signal) {
        frame.className = 'pending';
        frame.setAttribute('aria-hidden', 'true');
        frame.tabIndex = -1;
        this._pending = slot;
      } else {
        this._current?._drop();
        this._current = slot;
        this._pending = shown = undefined;
      }
      this._container.append(frame);
      fit();
      return slot;
    };

    host.addController(this);
  }

  /** Whether the visible frame has shown content. */
  get _live(): boolean {
    return !!this._current?._signal;
  }
}
