// Loaded before any library: counts live timers (set, neither cleared nor fired) and reports the
// moment an iframe's `src` is set, to `window.onIframeSrc(frame, time)` when the page sets one.
(() => {
  const live = new Set();
  const nativeSet = window.setTimeout;
  const nativeClear = window.clearTimeout;
  window.setTimeout = function setTimeout(callback, ms, ...args) {
    const id = nativeSet.call(
      window,
      (...rest) => {
        live.delete(id);
        if (typeof callback === 'function') callback(...rest);
      },
      ms,
      ...args,
    );
    live.add(id);
    return id;
  };
  window.clearTimeout = function clearTimeout(id) {
    live.delete(id);
    nativeClear.call(window, id);
  };
  const intervals = new Set();
  const nativeInterval = window.setInterval;
  const nativeClearInterval = window.clearInterval;
  window.setInterval = function setInterval(...args) {
    const id = nativeInterval.apply(window, args);
    intervals.add(id);
    return id;
  };
  window.clearInterval = function clearInterval(id) {
    intervals.delete(id);
    nativeClearInterval.call(window, id);
  };
  window.liveTimers = () => live.size + intervals.size;

  const src = Object.getOwnPropertyDescriptor(HTMLIFrameElement.prototype, 'src');
  Object.defineProperty(HTMLIFrameElement.prototype, 'src', {
    ...src,
    set(value) {
      window.onIframeSrc?.(this, performance.now());
      src.set.call(this, value);
    },
  });
})();
