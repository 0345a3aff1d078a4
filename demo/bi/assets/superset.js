// The stand-in Superset embedded dashboard page (/embedded/<uuid>), for the demo and the browser
// tests. It does what Superset's own embedded page does, with Superset's real switchboard package
// (served as is from node_modules):
// - shown outside a frame, it says it is meant to be embedded, and does nothing else;
// - it listens on its window for `{type: "__embedded_comms__", handshake: "port transfer"}` with a
//   port, from an allowed origin only (an empty list allows any), then `Switchboard.init({port})`
//   (the package keeps the first port: a second handshake on the same page is ignored), defines
//   `guestToken`, `getScrollSize`, `getDataMask`, `getActiveTabs`, and starts;
// - every `guestToken` re-configures its API client in place (no reload); the first one loads
//   the dashboard through the API with the `X-GuestToken` header. A refused token shows a danger
//   toast (once) and, on the first token, an error instead of the dashboard. Nothing is posted to
//   the parent about it: Superset has no error event;
// - `getScrollSize` is `{width: body.scrollWidth, height: body.scrollHeight}`;
// - with `uiConfig` bit 16 it emits `observeDataMask` at each filter change; bit 1 hides the title.
// Bootstrap (JSON in #bootstrap): `{allowedDomains, behaviour?, test?}`.
// Behaviours (`behaviour`): `superset` (the above); `echo`: content 40 px taller than the frame's
// own viewport, re-laid out when the frame resizes (older Superset measured so: a polling host grew
// the frame without end); `spoof`: ignores the handshake and posts switchboard-shaped messages and
// a handshake of its own on its parent's window instead.
// With `test: true` the page also obeys its parent's `{test: {id, height?, filter?, ask?, reload?}}`
// (content height in px, a filter change `{id, value}`, a question `{method, args}` to the host
// over the port, a reload of the page) and answers `{testAck: {id, shown, answer?}}` on the window
// (`answer`: `{result}` or `{error}`).
import Switchboard from './switchboard.js';

const boot = JSON.parse(document.getElementById('bootstrap')?.textContent || '{}');
const behaviour = boot.behaviour ?? 'superset';
const uiConfig = Number(new URLSearchParams(location.search).get('uiConfig')) || 0;
const embedId = decodeURIComponent(location.pathname.split('/').filter(Boolean).pop() ?? '');
const allowed = (boot.allowedDomains ?? []).map((d) => new URL(d).origin);

const root =
  document.getElementById('root') ?? document.body.appendChild(document.createElement('div'));
const el = (tag, props = {}, ...children) => {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
};

/** What the page shows, for tests: the dashboard, an error, or the toast. */
const shown = { dashboard: null, error: null, toast: false, tokens: 0 };
let dataMask = {};
let token;
let started = false;

function toast() {
  if (shown.toast) return;
  shown.toast = true;
  document.body.append(
    el(
      'div',
      { className: 'toast danger', role: 'alert' },
      'This session has encountered an interruption, and some controls may not work as intended. ' +
        'If you are the developer of this app, please check that the guest token is being ' +
        'generated correctly.',
    ),
  );
}

async function api(path) {
  const res = await fetch(path, { headers: { 'X-GuestToken': token }, cache: 'no-store' });
  if (!res.ok) throw Object.assign(new Error(`HTTP ${res.status}`), { status: res.status });
  return res.json();
}

function setFilter(id, value) {
  dataMask = {
    ...dataMask,
    [id]: { id, extraFormData: {}, filterState: { value }, ownState: {} },
  };
  if (uiConfig & 16 && started) {
    Switchboard.emit('observeDataMask', {
      ...dataMask,
      crossFiltersChanged: false,
      nativeFiltersChanged: true,
    });
  }
}

function render(dashboard) {
  shown.dashboard = dashboard.title;
  const filters = el('aside', { className: 'filters' }, el('h2', {}, 'Filters'));
  for (const filter of dashboard.filters) {
    const select = el(
      'select',
      { name: filter.id },
      el('option', { value: '' }, 'All'),
      ...filter.options.map((o) => el('option', { value: o }, o)),
    );
    select.addEventListener('change', () =>
      setFilter(filter.id, select.value ? [select.value] : null),
    );
    filters.append(el('label', {}, filter.name, select));
  }
  const charts = el(
    'section',
    { className: 'charts' },
    ...dashboard.charts.map((c) => el('figure', { className: 'chart' }, el('figcaption', {}, c))),
  );
  root.replaceChildren(
    ...(uiConfig & 1 ? [] : [el('h1', {}, dashboard.title)]),
    el('div', { className: 'dashboard' }, filters, charts),
  );
}

/** Superset's `setupClient` on each token: the client takes it in place; the first one starts. */
async function guestToken({ guestToken: next } = {}) {
  token = next;
  shown.tokens++;
  try {
    if (!started) {
      render(await api(`/api/v1/dashboard/${encodeURIComponent(embedId)}`));
      started = true;
    } else {
      await api('/api/v1/me/roles/');
    }
  } catch {
    toast();
    if (!started) {
      shown.error = 'Something went wrong with embedded authentication.';
      root.replaceChildren(el('p', { className: 'error' }, shown.error));
    }
  }
}

if (window.parent === window) {
  root.textContent =
    'This page is intended to be embedded in an iframe, but it looks like that is not the case.';
} else if (behaviour === 'spoof') {
  // Says on the window what belongs on the port: a host that listens there is fooled.
  const { port2 } = new MessageChannel();
  parent.postMessage({ type: '__embedded_comms__', handshake: 'port transfer' }, '*', [port2]);
  parent.postMessage({ switchboardAction: 'reply', messageId: 'm_bi-embed_1', result: {} }, '*');
  parent.postMessage({ switchboardAction: 'reply', messageId: 'm_bi-embed_2', result: {} }, '*');
  parent.postMessage(
    {
      switchboardAction: 'emit',
      method: 'observeDataMask',
      args: { 'NATIVE_FILTER-spoof': { filterState: { value: ['x'] } } },
    },
    '*',
  );
} else {
  if (behaviour === 'echo') root.style.minHeight = 'calc(100vh + 40px)';
  addEventListener('message', (event) => {
    const { data } = event;
    if (!data || typeof data !== 'object' || data.type !== '__embedded_comms__') return;
    if (data.handshake !== 'port transfer' || !event.ports?.[0]) return;
    if (allowed.length && !allowed.includes(event.origin)) return;
    Switchboard.init({ port: event.ports[0], name: 'superset' });
    Switchboard.defineMethod('guestToken', guestToken);
    Switchboard.defineMethod('getScrollSize', () => ({
      width: document.body.scrollWidth,
      height: document.body.scrollHeight,
    }));
    Switchboard.defineMethod('getDataMask', () => dataMask);
    Switchboard.defineMethod('getActiveTabs', () => []);
    Switchboard.start();
  });
}

if (boot.test) {
  addEventListener('message', async (event) => {
    const command = event.source === parent && event.data?.test;
    if (!command) return;
    if (command.height !== undefined) root.style.height = `${command.height}px`;
    if (command.filter) setFilter(command.filter.id, command.filter.value);
    let answer;
    if (command.ask) {
      answer = await Switchboard.get(command.ask.method, command.ask.args).then(
        (result) => ({ result }),
        (error) => ({ error: String(error?.message ?? error) }),
      );
    }
    parent.postMessage({ testAck: { id: command.id, shown, answer } }, '*');
    if (command.reload) location.reload();
  });
}
