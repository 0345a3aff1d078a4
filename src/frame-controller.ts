import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { systemClock, type Clock } from './clock.js';
import { EmbedError } from './errors.js';
import { listen } from './message-channel.js';
import { toPixels } from './options.js';
import { parseResizer } from './protocols.js';
import {
  providerModule,
  type FrameEvent,
  type FrameSession,
  type ProviderModule,
} from './providers/index.js';
import { resizerParent, type ResizerParent } from './resizer-parent.js';
import { clampHeight, LoopGuard } from './sizing.js';
import type { BiEmbedContentLoadedDetail, BiEmbedEventMap } from './types.js';
import type { EmbedTarget } from './url.js';

/** How long a navigation has to show a sign of life before `frame-timeout` (ms). */
export const FRAME_TIMEOUT = 20_000;

/** A filter report from a frame: the values, or (for tools that give none) how many are set. */
export type FilterEvent = Extract<FrameEvent, { type: 'filters' | 'filter-count' }>;

/** One iframe and the navigation it shows. */
export interface FrameSlot {
  frame: HTMLIFrameElement;
  target: EmbedTarget;
  /** Set at the frame's first sign of life (a message from it, or its `load` where the provider counts that). */
  live: boolean;
  /** What the first sign of life was. */
  signal?: 'message' | 'load';
  /** The height the frame last asked for (px, unclamped); unset: the CSS height. */
  height?: number;
  /** The iframe-resizer v4 parent, for providers whose pages run its child. */
  sizer?: ResizerParent;
  /** The frame reported its filter values before (its first report fires no event). */
  reported?: boolean;
  /** Heights applied and not drawn yet: what the page measures meanwhile may be stale (`poll`). */
  drawing: number;
  guard: LoopGuard;
  timer?: unknown;
  unlisten?: () => void;
  /** The channel to the page loaded now, for providers that take their token over one. */
  session?: FrameSession;
  /** Asks the page for its height while it is on screen (`measure()` providers). */
  poller?: { wake(): void; stop(): void };
}

/** How often a frame sized by `measure()` is asked for its height while on screen (ms). */
export const POLL_INTERVAL = 250;

/** What the element learns from its frames. */
export interface FrameDelegate {
  /** A navigation showed its first sign of life and is now the visible frame. */
  onLive(slot: FrameSlot): void;
  /**
   * The frame reported its filters (values, or for tools that say no more, a count); `first`:
   * `slot`'s first report of values. The one path every filter report takes to an event.
   */
  onFilters(event: FilterEvent, first: boolean, slot: FrameSlot): void;
  /** A frame failed: `frame-timeout`, or `embed-error` from the BI tool. */
  onError(error: EmbedError): void;
  /** Fires an event on the element. */
  emit<K extends keyof BiEmbedEventMap>(type: K, detail: BiEmbedEventMap[K]['detail']): void;
}

/**
 * Owns the element's iframes. They are created imperatively, not by the template, so a re-render
 * never reloads a frame, and a new URL can load in a second, hidden iframe that replaces the
 * visible one only when it shows a sign of life: the viewer never sees a blank frame.
 *
 * It also talks to the frames: messages arrive through the page's single message channel (only
 * from this frame's window and its embed origin), read by the frame's provider module or, for
 * providers whose pages run iframe-resizer v4's child, by the frame's {@link ResizerParent}.
 */
export class FrameController implements ReactiveController {
  /** The element that holds the frames; the element's template renders it once. */
  readonly container: HTMLDivElement = document.createElement('div');
  /** Time source of the `frame-timeout` timer; replaceable in tests. */
  clock: Clock = systemClock;
  #current: FrameSlot | undefined;
  #pending: FrameSlot | undefined;
  #delegate: FrameDelegate;
  #title = '';
  #min = 0;
  #max: number | undefined;
  #auto = true;
  /** The visible frame's height as last announced by `bi-embed-resize`. */
  #shown: number | undefined;
  /**
   * When the first navigation still waiting for a sign of life went out: `frame-timeout` counts
   * from there, so a refresh that replaces a frame that never showed life does not restart it.
   */
  #waitingSince: number | undefined;

  constructor(host: ReactiveControllerHost, delegate: FrameDelegate) {
    this.#delegate = delegate;
    this.container.className = 'frames';
    host.addController(this);
  }

  /** The visible frame, if any. */
  get current(): FrameSlot | undefined {
    return this.#current;
  }

  /** The frame loading in the background to replace the visible one, if any. */
  get pending(): FrameSlot | undefined {
    return this.#pending;
  }

  /** Whether the visible frame has shown content. */
  get live(): boolean {
    return !!this.#current?.live;
  }

  /** Sets the accessible name of every frame. */
  setTitle(title: string): void {
    this.#title = title;
    for (const slot of this.#slots()) slot.frame.setAttribute('title', title);
  }

  /** Sets the height limits (px) and whether frames follow their content; applies them now. */
  setSizing(min: unknown, max: unknown, auto: boolean): void {
    this.#min = toPixels(min) ?? 0;
    this.#max = toPixels(max);
    this.#auto = auto;
    for (const slot of this.#slots()) {
      this.#limit(slot);
      this.#size(slot);
      slot.poller?.wake();
    }
  }

  /**
   * Shows `target`. When a live frame is on screen, the new one loads hidden behind it and swaps
   * in at its first sign of life; otherwise it replaces whatever is there at once.
   */
  navigate(target: EmbedTarget): FrameSlot {
    const slot = this.#create(target);
    this.#drop(this.#pending);
    if (this.#current?.live) {
      slot.frame.classList.add('pending');
      slot.frame.setAttribute('aria-hidden', 'true');
      slot.frame.tabIndex = -1;
      this.#pending = slot;
    } else {
      this.#drop(this.#current);
      this.#current = slot;
      this.#pending = undefined;
      this.#shown = undefined;
    }
    this.container.append(slot.frame);
    this.#limit(slot);
    this.#size(slot);
    // A page that talks over its own port says nothing on the window worth hearing.
    if (!providerModule(target.provider).connect) {
      slot.unlisten = listen(slot.frame, target.origin, (data) => this.#receive(slot, data));
    }
    return slot;
  }

  /**
   * The token behind the URL on screen changed: frames showing `target.url` take the new target,
   * and a page that takes its token over a channel gets it there, with no reload.
   */
  handOver(target: EmbedTarget): void {
    for (const slot of this.#slots()) {
      if (slot.target.url !== target.url) continue;
      const before = slot.target.token;
      slot.target = target;
      if (target.token && target.token !== before) slot.session?.token(target.token);
    }
  }

  /** Marks a frame alive (a message from it, or its `load`); swaps a pending frame in. */
  signOfLife(frame: HTMLIFrameElement, signal: 'message' | 'load' = 'message'): void {
    const slot = this.#slots().find((s) => s.frame === frame);
    if (!slot || slot.live) return;
    slot.live = true;
    this.#waitingSince = undefined;
    slot.signal = signal;
    this.#clearTimer(slot);
    if (slot === this.#pending) {
      // Until it reports its own height, the new frame keeps the old one's: no jump at the swap.
      slot.height ??= this.#current?.height;
      this.#drop(this.#current);
      slot.frame.classList.remove('pending');
      slot.frame.removeAttribute('aria-hidden');
      slot.frame.removeAttribute('tabindex');
      this.#current = slot;
      this.#pending = undefined;
      this.#size(slot);
      slot.poller?.wake();
    }
    this.#delegate.onLive(slot);
  }

  /** Removes every frame. */
  clear(): void {
    this.#drop(this.#pending);
    this.#drop(this.#current);
    this.#current = this.#pending = this.#shown = this.#waitingSince = undefined;
  }

  hostDisconnected(): void {
    // A detached iframe is unloaded by the browser anyway; removing it makes re-insertion
    // deterministic: the element navigates a fresh frame with its still-valid token.
    this.clear();
  }

  #slots(): FrameSlot[] {
    return [this.#current, this.#pending].filter((s): s is FrameSlot => !!s);
  }

  #create(target: EmbedTarget): FrameSlot {
    const frame = document.createElement('iframe');
    frame.setAttribute('part', 'frame');
    frame.setAttribute('title', this.#title);
    frame.setAttribute('allow', 'fullscreen; clipboard-write');
    frame.setAttribute('referrerpolicy', 'strict-origin-when-cross-origin');
    const slot: FrameSlot = { frame, target, live: false, drawing: 0, guard: new LoopGuard() };
    // Chromium fires `load` for a frame that X-Frame-Options or CSP blocked, so `load` counts as
    // life only for providers whose pages may post nothing at all; for the others it only starts
    // the iframe-resizer handshake.
    const provider = providerModule(target.provider);
    if (provider.sizing === 'iframe-resizer') {
      slot.sizer = resizerParent(frame, target.origin, this.clock, {
        auto: () => this.#auto,
        report: (height) => this.#report(slot, height),
      });
    }
    frame.addEventListener('load', () => {
      // Every load (a navigation or reload inside the frame, too) is a new page: a new channel.
      if (provider.connect) this.#connect(slot, provider);
      slot.sizer?.init();
      if (provider.liveOn === 'load') this.signOfLife(frame, 'load');
    });
    this.#waitingSince ??= this.clock.now();
    const left = this.#waitingSince + FRAME_TIMEOUT - this.clock.now();
    slot.timer = this.clock.setTimeout(
      () => {
        slot.timer = undefined;
        // Reported once: the next navigation has its own 20 s.
        this.#waitingSince = undefined;
        this.#delegate.onError(
          new EmbedError(
            'frame-timeout',
            `The embed from ${target.origin} showed no sign of life within ${FRAME_TIMEOUT / 1000} s. ` +
              'The BI server may refuse to be framed by this page (X-Frame-Options or CSP ' +
              'frame-ancestors), or it is unreachable.',
          ),
        );
      },
      Math.max(0, left),
    );
    frame.src = target.url;
    return slot;
  }

  /** Opens a channel to the page that just loaded in the frame; closes the previous page's. */
  #connect(slot: FrameSlot, module: ProviderModule): void {
    slot.session?.close();
    slot.poller?.stop();
    slot.session = slot.poller = undefined;
    const page = slot.frame.contentWindow;
    if (!page || !slot.frame.isConnected) return;
    slot.session = module.connect!(page, slot.target.origin, {
      clock: this.clock,
      token: () => slot.target.token ?? '',
      event: (event) => {
        // The first answer on the channel is the sign of life; the page's other words are not.
        if (event.type === 'alive') this.signOfLife(slot.frame);
        else this.#apply(slot, module, event);
      },
    });
    if (module.sizing === 'poll') slot.poller = this.#poll(slot, slot.session);
  }

  /**
   * Asks the page for its height every {@link POLL_INTERVAL} ms, one question at a time, while the
   * frame is the visible one, intersects the viewport and the page is visible; not at all
   * otherwise. `wake()` after a change that may let it ask again.
   */
  #poll(slot: FrameSlot, session: FrameSession): { wake(): void; stop(): void } {
    let inView = false;
    let asking = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const connection = new AbortController();
    const due = () => inView && !document.hidden && slot === this.#current && this.#auto;
    const ask = async () => {
      timer = undefined;
      if (!due()) return;
      // A height measured while the frame's latest height is not drawn yet is stale.
      if (!slot.drawing) {
        asking = true;
        const height = await session.measure();
        asking = false;
        if (connection.signal.aborted) return;
        if (height !== undefined && slot === this.#current) this.#report(slot, height);
      }
      schedule();
    };
    const schedule = () => {
      if (timer === undefined && !asking && due()) timer = setTimeout(ask, POLL_INTERVAL);
    };
    const observer = new IntersectionObserver((entries) => {
      inView = entries[entries.length - 1]!.isIntersecting;
      schedule();
    });
    observer.observe(slot.frame);
    document.addEventListener('visibilitychange', schedule, { signal: connection.signal });
    return {
      wake: schedule,
      stop: () => {
        connection.abort();
        observer.disconnect();
        clearTimeout(timer);
      },
    };
  }

  /** A message from the frame's window and embed origin. Anything not recognised is ignored. */
  #receive(slot: FrameSlot, data: unknown): void {
    const module = providerModule(slot.target.provider);
    // Each frame speaks its own tool's protocol only: a message another tool would send is not
    // what the frame claims to be.
    const resizer = slot.sizer && parseResizer(data);
    const event = resizer ? undefined : module.parse(data);
    if (!resizer && !event) return;
    if (resizer) slot.sizer!.receive(resizer);
    if (event) this.#apply(slot, module, event, true);
    else this.signOfLife(slot.frame);
  }

  /** What the frame said; `live`: saying it is a sign of life. */
  #apply(slot: FrameSlot, module: ProviderModule, event: FrameEvent, live = false): void {
    const { provider, origin } = slot.target;
    switch (event.type) {
      case 'height':
        // The iframe-resizer child's heights win; a frame sized by CSS takes none.
        if (module.sizing !== 'css' && !slot.sizer?.active && event.height) {
          this.#report(slot, event.height);
        }
        break;
      case 'filters':
      case 'filter-count':
        this.#delegate.onFilters(event, !slot.reported, slot);
        if (event.type === 'filters') slot.reported = true;
    }
    // After the height, so a swapped-in frame shows at its own height at once.
    if (live) this.signOfLife(slot.frame);
    if (event.type === 'content-loaded' && slot === this.#current) {
      // What the tool did not say is left out, not `undefined`.
      const detail: BiEmbedContentLoadedDetail = { provider, origin };
      if (event.tilesCount !== undefined) detail.tilesCount = event.tilesCount;
      if (event.loadTimeMs !== undefined) detail.loadTimeMs = event.loadTimeMs;
      this.#delegate.emit('bi-embed-content-loaded', detail);
    } else if (event.type === 'error') {
      this.#delegate.onError(new EmbedError('embed-error', event.message));
    }
  }

  /**
   * A height the frame asked for: applied unless it is the next step of a resize loop.
   * When the frame's height changed: the height it had.
   */
  #report(slot: FrameSlot, height: number): number | undefined {
    const from = this.#applied(slot);
    const to = clampHeight(height, this.#min, this.#max);
    const changed = this.#auto && to !== from;
    if (changed && !slot.guard.allow(from, to)) return;
    slot.height = height;
    this.#size(slot);
    return changed ? from : undefined;
  }

  /** The frame's height now: the one we set, or its CSS height. */
  #applied(slot: FrameSlot): number {
    return slot.height === undefined
      ? slot.frame.offsetHeight
      : clampHeight(slot.height, this.#min, this.#max);
  }

  /** Applies the height limits; not on the way of every resize. */
  #limit(slot: FrameSlot): void {
    const { style } = slot.frame;
    style.minHeight = this.#min ? `${this.#min}px` : '';
    style.maxHeight = this.#max === undefined ? '' : `${this.#max}px`;
  }

  /**
   * Applies the frame's height; announces a change of the visible height. Called in the message
   * handler: one style write, no layout read once the frame follows its content.
   */
  #size(slot: FrameSlot): void {
    const { style } = slot.frame;
    const height =
      this.#auto && slot.height !== undefined
        ? clampHeight(slot.height, this.#min, this.#max)
        : undefined;
    // Only the visible frame's height is announced, and only once it follows its content (or
    // stops following it): a frame at its CSS height is never measured.
    const visible = slot === this.#current && (height !== undefined || this.#shown !== undefined);
    const before = visible ? (this.#shown ?? slot.frame.offsetHeight) : 0;
    const value = height === undefined ? '' : `${height}px`;
    if (style.height !== value) {
      style.height = value;
      if (slot.sizer) slot.sizer.resized();
      else {
        // Not drawn yet: what the page measures meanwhile may be stale (`poll`).
        slot.drawing++;
        requestAnimationFrame(() => setTimeout(() => slot.drawing--));
      }
    }
    if (!visible) return;
    const after = height ?? slot.frame.offsetHeight;
    this.#shown = height;
    if (after !== before) {
      this.#delegate.emit('bi-embed-resize', { height: after, previousHeight: before });
    }
  }

  #clearTimer(slot: FrameSlot): void {
    if (slot.timer !== undefined) this.clock.clearTimeout(slot.timer);
    slot.timer = undefined;
  }

  #drop(slot: FrameSlot | undefined): void {
    if (!slot) return;
    slot.unlisten?.();
    slot.sizer?.stop();
    slot.session?.close();
    slot.poller?.stop();
    slot.session = slot.poller = undefined;
    this.#clearTimer(slot);
    slot.frame.remove();
    // Navigating away stops a removed frame's work even if something still references it.
    slot.frame.removeAttribute('src');
  }
}
