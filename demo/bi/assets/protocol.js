// What the tools' embed pages post to their parent, shared by the demo's stand-in pages
// (metabase.js, lightdash.js) and the browser tests' stand-in page (test/fixtures/embed-page.js),
// so the element meets one implementation of each protocol.

// Lightdash posts at most about this many events per second of each type.
const LIGHTDASH_EVENTS_PER_SECOND = 10;

/**
 * Metabase's embed page: every 100 ms, `{metabase: {type: "location", location}}` when the URL
 * changed (the string fields of `window.location`) and `{metabase: {type: "frame", frame: {mode,
 * height}}}` when the page height changed, posted to the parent with `"*"`. Returns a stop
 * function.
 */
export function postMetabaseMessages() {
  const send = (message) => window.parent.postMessage({ metabase: message }, '*');
  let href;
  let height;
  const timer = setInterval(() => {
    if (href !== location.href) {
      href = location.href;
      const fields = ['href', 'origin', 'protocol', 'host', 'hostname', 'port', 'pathname'];
      const strings = [...fields, 'search', 'hash'].map((key) => [key, location[key]]);
      send({ type: 'location', location: Object.fromEntries(strings) });
    }
    if (height !== document.body.scrollHeight) {
      height = document.body.scrollHeight;
      send({ type: 'frame', frame: { mode: 'normal', height } });
    }
  }, 100);
  return () => clearInterval(timer);
}

/**
 * Lightdash's event dispatcher: `{type: "lightdash:<name>", payload, timestamp}` posted to
 * `targetOrigin` only when it is one of `allowedOrigins` (exact match), the page is an `/embed/`
 * page and it is framed; at most 10 events per second of each type. Returns `dispatch(name,
 * payload)`.
 */
export function lightdashEvents(targetOrigin, allowedOrigins) {
  const allowed =
    !!targetOrigin &&
    allowedOrigins.includes(targetOrigin) &&
    location.pathname.startsWith('/embed/') &&
    window.parent !== window;
  const sent = new Map();
  return function dispatch(name, payload) {
    const type = `lightdash:${name}`;
    window.dispatchEvent(new CustomEvent(type, { detail: payload }));
    const recent = (sent.get(type) ?? []).filter((at) => at > Date.now() - 1000);
    if (recent.length >= LIGHTDASH_EVENTS_PER_SECOND) return;
    sent.set(type, [...recent, Date.now()]);
    if (allowed) window.parent.postMessage({ type, payload, timestamp: Date.now() }, targetOrigin);
  };
}
