// The stand-in's Metabase embed page (static embeds and public links). What matters for the
// element is copied from Metabase's frontend, behaviour for behaviour:
// - filter values live in the query string by slug and the URL is kept in sync (replaceState);
// - display options are read from the hash (use-embed-frame-options.ts), JSON-parsed;
// - inside an iframe it posts {metabase:{type:"location"}} and {metabase:{type:"frame"}} to the
//   parent with "*", polling every 100 ms (embedding/interactive-embedding/initialize.ts);
// - it loads iframe-resizer v4's child script with heightCalculationMethod "max" (lib/dom.js);
// - the server answers every embed path with this page (200); the page asks the API for its
//   object (`/api/embed/<kind>/<JWT>`) and shows a refusal (400 "Token is expired", a bad
//   signature, a token without `params`, a parameter it may not set) inside itself, while still
//   posting its messages: the parent cannot tell.
import { barChart, hbarChart, lineChart } from './charts.js';
import { formatValue, setLocale, t } from './format.js';
import { postMetabaseMessages } from './protocol.js';

// What the API says about the object; until it answers, an empty dashboard.
let boot = { kind: 'loading', parameters: [], cards: [] };
const root = document.getElementById('root');
const inIframe = window.parent !== window;

/** Metabase `parseHashOptions`: a query-string-shaped hash whose values are JSON when they parse. */
function parseHashOptions(hash) {
  const options = {};
  for (const [key, value] of new URLSearchParams(hash.replace(/^#/, ''))) {
    try {
      options[key] = JSON.parse(value);
    } catch {
      options[key] = value;
    }
  }
  return options;
}

function readOptions() {
  const o = parseHashOptions(location.hash);
  let downloads = o.downloads ?? true;
  if ('hide_download_button' in o) {
    // Newer Metabase ignores this option and logs an error; older versions honour it. The
    // stand-in honours it (when `downloads` is absent) and says what Metabase would say.
    console.error(
      'The `hide_download_button` option has been removed. Please use the `downloads` option instead.',
    );
    if (!('downloads' in o) && o.hide_download_button === true) downloads = false;
  }
  const kinds =
    downloads === true
      ? ['pdf', 'results']
      : downloads === false
        ? []
        : String(downloads).split(',');
  return {
    bordered: o.bordered ?? inIframe,
    titled: o.titled ?? true,
    theme: ['light', 'night', 'transparent'].includes(o.theme) ? o.theme : 'light',
    background: o.background ?? true,
    hiddenParameters: new Set(
      String(o.hide_parameters ?? '')
        .split(',')
        .filter(Boolean),
    ),
    pdf: kinds.includes('pdf'),
    results: kinds.includes('results'),
    locale: typeof o.locale === 'string' ? o.locale : undefined,
  };
}

function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else if (v !== false && v != null) node.setAttribute(k, v === true ? '' : String(v));
  }
  node.append(...children.flat().filter((c) => c != null && c !== false));
  return node;
}

let options = readOptions();
let data = null;
let loadError = null;
const expanded = new Set();
const cardBodies = new Map();
// The URL this page last rendered, so each navigation is handled once (see onUrlChange).
let handledHref = location.href;
let handledSearch = location.search;

// ---- filters in the query string --------------------------------------------------------------

function currentValues() {
  return new URLSearchParams(location.search);
}

function setFilter(slug, value) {
  const search = currentValues();
  if (value) search.set(slug, value);
  else search.delete(slug);
  const qs = search.toString();
  history.replaceState(
    history.state,
    '',
    `${location.pathname}${qs ? `?${qs}` : ''}${location.hash}`,
  );
  handledHref = location.href;
  handledSearch = location.search;
  query();
}

let querySeq = 0;
async function query() {
  const seq = ++querySeq;
  root.classList.add('is-loading');
  const api = `/api${location.pathname.replace(/\/$/, '')}/query${location.search}`;
  try {
    const res = await fetch(api, { cache: 'no-store' });
    if (seq !== querySeq) return; // a newer filter change won
    if (!res.ok) {
      loadError = (await res.text()) || `HTTP ${res.status}`;
    } else {
      data = await res.json();
      loadError = null;
    }
  } catch {
    if (seq !== querySeq) return;
    loadError = 'Something went wrong';
  }
  root.classList.remove('is-loading');
  renderCards();
}

// ---- rendering ------------------------------------------------------------------------------

function applyOptions() {
  document.documentElement.lang = setLocale(options.locale);
  document.documentElement.dataset.theme = options.theme;
  document.documentElement.classList.toggle(
    'no-background',
    !options.background || options.theme === 'transparent',
  );
  root.classList.toggle('bordered', options.bordered);
}

function renderError(message) {
  root.replaceChildren(
    h(
      'div',
      { class: 'frame' },
      h(
        'div',
        { class: 'error-state', role: 'alert' },
        h('div', { class: 'error-icon', 'aria-hidden': 'true' }, '!'),
        h('p', {}, message),
      ),
    ),
  );
}

function renderChrome() {
  applyOptions();
  if (boot.kind === 'error') return renderError(boot.error);
  const values = currentValues();
  const widgets = boot.parameters
    .filter((p) => !options.hiddenParameters.has(p.slug))
    .map((p) =>
      h(
        'label',
        { class: 'param' },
        h('span', { class: 'param-name' }, p.name),
        h(
          'select',
          { name: p.slug, 'data-slug': p.slug, onchange: (e) => setFilter(p.slug, e.target.value) },
          h('option', { value: '' }, t('All')),
          p.options.map((o) => h('option', { value: o, selected: values.get(p.slug) === o }, o)),
        ),
      ),
    );
  const pdfButton = options.pdf
    ? h(
        'button',
        { class: 'ghost-button', type: 'button', onclick: () => window.print() },
        t('Export as PDF'),
      )
    : null;
  // With a title, the PDF button sits in the header as in Metabase; without one, at the end of
  // the filter bar, so an untitled embed does not start with an almost empty row.
  const header = options.titled
    ? h(
        'header',
        { class: 'header' },
        h(
          'div',
          {},
          h('h1', {}, boot.name),
          boot.description ? h('p', { class: 'description' }, boot.description) : null,
        ),
        pdfButton,
      )
    : null;
  const toolbar =
    widgets.length || (!options.titled && pdfButton)
      ? h('div', { class: 'params' }, widgets, options.titled ? null : pdfButton)
      : null;
  cardBodies.clear();
  const grid = h(
    'main',
    { class: `cards ${boot.kind}` },
    boot.cards.map((card) => {
      const body = h('div', { class: 'card-body' });
      cardBodies.set(card.id, body);
      if (card.display === 'kpis') return h('div', { class: 'kpis', 'data-card': card.id }, body);
      const title = boot.kind === 'question' ? null : h('h2', {}, card.title);
      const download = options.results
        ? h(
            'button',
            {
              class: 'icon-button',
              type: 'button',
              title: t('Download results'),
              'aria-label': t('Download results'),
              onclick: () => downloadCsv(card),
            },
            '⤓',
          )
        : null;
      return h(
        'section',
        { class: `card ${card.width}`, 'data-card': card.id },
        title || download ? h('div', { class: 'card-head' }, title ?? h('span'), download) : null,
        body,
      );
    }),
  );
  root.replaceChildren(
    h(
      'div',
      { class: 'frame' },
      header,
      toolbar,
      grid,
      h('footer', { class: 'powered' }, 'Stand-in BI · Metabase-compatible embed'),
    ),
  );
  renderCards();
}

function renderCards() {
  if (boot.kind === 'error') return;
  for (const card of boot.cards) {
    const body = cardBodies.get(card.id);
    if (!body) continue;
    if (loadError) {
      body.replaceChildren(h('div', { class: 'card-error', role: 'alert' }, loadError));
      continue;
    }
    if (!data) {
      body.replaceChildren(h('div', { class: 'placeholder' }, t('Loading') + '…'));
      continue;
    }
    drawCard(card, body, data.cards[card.id]);
  }
}

function drawCard(card, body, result) {
  const label = card.title ?? boot.name;
  switch (card.display) {
    case 'kpis':
      return body.replaceChildren(
        ...result.values.map((v) =>
          h(
            'div',
            { class: 'kpi' },
            h(
              'div',
              { class: 'kpi-label' },
              t(
                {
                  revenue: 'Revenue',
                  orders: 'Orders',
                  aov: 'Average order value',
                  customers: 'Customers',
                }[v.key],
              ),
            ),
            h('div', { class: 'kpi-value' }, formatValue(v.value, v.format)),
          ),
        ),
      );
    case 'bar':
      return barChart(body, result.rows, { format: result.format, label });
    case 'line':
      return lineChart(body, result.rows, { format: result.format, label });
    case 'hbar':
      return result.rows.length
        ? hbarChart(body, result.rows, { format: result.format, label })
        : body.replaceChildren(h('div', { class: 'placeholder' }, t('No results')));
    case 'table':
      return drawTable(card, body, result);
  }
}

/** A table that shows 6 rows and expands in place: content whose height changes. */
function drawTable(card, body, result) {
  const open = expanded.has(card.id);
  const shown = open ? result.rows : result.rows.slice(0, 6);
  const table = h(
    'table',
    {},
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        result.columns.map((c, i) =>
          h(
            'th',
            {
              class:
                result.formats[i] === 'currency' || result.formats[i] === 'number' ? 'num' : null,
            },
            c,
          ),
        ),
      ),
    ),
    h(
      'tbody',
      {},
      shown.map((row) =>
        h(
          'tr',
          {},
          row.map((cell, i) =>
            h(
              'td',
              {
                class:
                  result.formats[i] === 'currency' || result.formats[i] === 'number' ? 'num' : null,
              },
              formatValue(cell, result.formats[i]),
            ),
          ),
        ),
      ),
    ),
  );
  const toggle =
    result.rows.length > 6
      ? h(
          'button',
          {
            class: 'link-button',
            type: 'button',
            'aria-expanded': String(open),
            'data-action': 'toggle-rows',
            onclick: () => {
              if (open) expanded.delete(card.id);
              else expanded.add(card.id);
              drawTable(card, body, result);
            },
          },
          open ? t('Show fewer rows') : t('Show all {n} rows', { n: result.rows.length }),
        )
      : null;
  body.replaceChildren(
    result.rows.length
      ? h('div', { class: 'table-wrap' }, table)
      : h('div', { class: 'placeholder' }, t('No results')),
    h(
      'div',
      { class: 'table-foot' },
      h(
        'span',
        {},
        t('Showing {shown} of {total} rows', { shown: shown.length, total: result.rows.length }),
      ),
      toggle,
    ),
  );
}

function downloadCsv(card) {
  const result = data?.cards[card.id];
  if (!result) return;
  const quote = (v) => `"${String(v).replace(/"/g, '""')}"`;
  const lines = result.columns
    ? [result.columns, ...result.rows]
    : result.rows
      ? [['name', 'value'], ...result.rows]
      : [['metric', 'value'], ...result.values.map((v) => [v.key, v.value])];
  const blob = new Blob([lines.map((l) => l.map(quote).join(',')).join('\n')], {
    type: 'text/csv',
  });
  const a = h('a', { href: URL.createObjectURL(blob), download: `${card.id}.csv` });
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

// ---- talking to the parent page --------------------------------------------------------------

if (inIframe) {
  postMetabaseMessages();

  window.addEventListener('message', (event) => {
    const message = event.data?.metabase;
    if (event.source !== window.parent || message?.type !== 'location') return;
    // Metabase routes to the location it is given (`push(location)`). The stand-in only has one
    // page per embed, so it follows new filters and options and ignores other paths.
    const next = message.location ?? {};
    if (next.pathname && next.pathname !== location.pathname) return;
    history.pushState(null, '', `${location.pathname}${next.search ?? ''}${next.hash ?? ''}`);
    onUrlChange();
  });

  window.iFrameResizer = { autoResize: true, heightCalculationMethod: 'max', onReady() {} };
  document.head.append(h('script', { src: '/app/iframeResizer.contentWindow.js' }));
}

// Display options can change after load (the element sets a new hash when an attribute changes)
// and filters can come back with history navigation: neither reloads the page, so follow the URL.
// Fragment navigations fire both events; the href check makes that one update.
function onUrlChange() {
  if (location.href === handledHref) return;
  handledHref = location.href;
  options = readOptions();
  renderChrome();
  if (location.search !== handledSearch) {
    handledSearch = location.search;
    query();
  }
}
window.addEventListener('hashchange', onUrlChange);
window.addEventListener('popstate', onUrlChange);

let lastWidth = 0;
new ResizeObserver(() => {
  // Charts are drawn for the frame's width; redraw when it changes (not on height changes,
  // which the charts themselves cause).
  if (Math.abs(document.documentElement.clientWidth - lastWidth) > 1) {
    lastWidth = document.documentElement.clientWidth;
    renderCards();
  }
}).observe(document.documentElement);

/** Asks the API for the object, as Metabase's page does once it runs. */
async function start() {
  renderChrome();
  const path = location.pathname.replace(/\/$/, '');
  try {
    const res = await fetch(`/api${path}${location.search}`, { cache: 'no-store' });
    boot = res.ok
      ? await res.json()
      : { kind: 'error', error: (await res.text()) || `HTTP ${res.status}` };
  } catch {
    boot = { kind: 'error', error: 'Something went wrong' };
  }
  renderChrome();
  if (boot.kind !== 'error') query();
}
start();
