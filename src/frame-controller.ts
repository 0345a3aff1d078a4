import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { EmbedTarget } from './url.js';

/** One iframe and the navigation it shows. */
export interface FrameSlot {
  frame: HTMLIFrameElement;
  target: EmbedTarget;
  /** Set at the frame's first sign of life (its `load`, or a message from it). */
  live: boolean;
}

/** What the element learns from its frames. */
export interface FrameDelegate {
  /** A navigation showed its first sign of life and is now the visible frame. */
  onLive(slot: FrameSlot): void;
}

/**
 * Owns the element's iframes. They are created imperatively, not by the template, so a re-render
 * never reloads a frame, and a new URL can load in a second, hidden iframe that replaces the
 * visible one only when it shows a sign of life: the viewer never sees a blank frame.
 */
export class FrameController implements ReactiveController {
  /** The element that holds the frames; the element's template renders it once. */
  readonly container: HTMLDivElement = document.createElement('div');
  #current: FrameSlot | undefined;
  #pending: FrameSlot | undefined;
  #delegate: FrameDelegate;
  #title = '';

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
    for (const slot of [this.#current, this.#pending]) slot?.frame.setAttribute('title', title);
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
    }
    this.container.append(slot.frame);
    return slot;
  }

  /** Marks a frame alive (from its `load`, or a message it sent); swaps a pending frame in. */
  signOfLife(frame: HTMLIFrameElement): void {
    const slot = [this.#current, this.#pending].find((s) => s?.frame === frame);
    if (!slot || slot.live) return;
    slot.live = true;
    if (slot === this.#pending) {
      this.#drop(this.#current);
      slot.frame.classList.remove('pending');
      slot.frame.removeAttribute('aria-hidden');
      slot.frame.removeAttribute('tabindex');
      this.#current = slot;
      this.#pending = undefined;
    }
    this.#delegate.onLive(slot);
  }

  /** The slot whose iframe window is `source`, visible or pending. */
  slotFor(source: MessageEventSource | null): FrameSlot | undefined {
    if (!source) return undefined;
    return [this.#current, this.#pending].find((s) => s && s.frame.contentWindow === source);
  }

  /** Removes every frame. */
  clear(): void {
    this.#drop(this.#pending);
    this.#drop(this.#current);
    this.#current = this.#pending = undefined;
  }

  hostDisconnected(): void {
    // A detached iframe is unloaded by the browser anyway; removing it makes re-insertion
    // deterministic: the element navigates a fresh frame with its still-valid token.
    this.clear();
  }

  #create(target: EmbedTarget): FrameSlot {
    const frame = document.createElement('iframe');
    frame.setAttribute('part', 'frame');
    frame.setAttribute('title', this.#title);
    frame.setAttribute('allow', 'fullscreen; clipboard-write');
    frame.setAttribute('referrerpolicy', 'strict-origin-when-cross-origin');
    const slot: FrameSlot = { frame, target, live: false };
    frame.addEventListener('load', () => this.signOfLife(frame));
    frame.src = target.url;
    return slot;
  }

  #drop(slot: FrameSlot | undefined): void {
    if (!slot) return;
    slot.frame.remove();
    // Navigating away stops a removed frame's work even if something still references it.
    slot.frame.removeAttribute('src');
  }
}
