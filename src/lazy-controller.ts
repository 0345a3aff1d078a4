import type { ReactiveControllerHost } from '@lit/reactive-element';

/**
 * Holds a `loading="lazy"` element back until it is within one viewport of being visible. Once
 * near, it stays allowed: lazy loading only delays the first load.
 *
 * Returns whether the element may load now (`lazy`: its `loading` is `lazy`); while it may not,
 * watches for it to come near. A closure rather than a class: its state minifies to single letters.
 */
export function lazyGate(host: ReactiveControllerHost & Element): (lazy: boolean) => boolean {
  /** `null` once near. */
  let observer: IntersectionObserver | undefined | null;
  // Stops watching on removal; a re-inserted element is watched again (a disconnected observer
  // observes anew).
  host.addController({ hostDisconnected: () => observer?.disconnect() });
  return (lazy) => {
    if (!lazy || observer === null) return true;
    observer ??= new IntersectionObserver(
      (entries) => {
        if (!entries.some((entry) => entry.isIntersecting)) return;
        observer!.disconnect();
        observer = null;
        host.requestUpdate();
      },
      // One viewport's height and width around the visible area.
      { rootMargin: '100%' },
    );
    observer.observe(host);
    return false;
  };
}
