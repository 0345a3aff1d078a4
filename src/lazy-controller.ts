import type { ReactiveController, ReactiveControllerHost } from '@lit/reactive-element';

/**
 * Holds a `loading="lazy"` element back until it is within one viewport of being visible. Once
 * near, it stays allowed: lazy loading only delays the first load.
 */
export class LazyController implements ReactiveController {
  #host: ReactiveControllerHost & Element;
  #observer: IntersectionObserver | undefined;
  #near = false;

  constructor(host: ReactiveControllerHost & Element) {
    this.#host = host;
    host.addController(this);
  }

  /** Whether the element may load now; while it may not, watches for it to come near. */
  allows(lazy: boolean): boolean {
    if (!lazy || this.#near) return true;
    this.#observer ??= new IntersectionObserver(
      (entries) => {
        if (!entries.some((entry) => entry.isIntersecting)) return;
        this.#near = true;
        this.hostDisconnected();
        this.#host.requestUpdate();
      },
      // One viewport's height and width around the visible area.
      { rootMargin: '100%' },
    );
    this.#observer.observe(this.#host);
    return false;
  }

  hostDisconnected(): void {
    this.#observer?.disconnect();
    this.#observer = undefined;
  }
}
