// The stand-in's Lightdash embed page. Same contract as Lightdash's embed frontend:
// - the JWT arrives in the hash; the page keeps it in memory and removes it from the URL, so only
//   a new page load can bring a new token (a hash-only change is ignored);
// - every API call carries it in the `Lightdash-Embed-Token` header; an expired token gets a 403;
// - events are posted as {type: "lightdash:<name>", payload, timestamp} to ?targetOrigin=, only
//   when that origin is allowed, the page is an /embed/ page and it is framed (LightdashUiEvent.ts);
//   at most about 10 per second of each type; `locationChanged` once the page has its route;
// - it posts nothing when the token is refused: the error shows inside the page only (the
//   `error` event type exists in Lightdash's code but nothing dispatches it);
// - no height messages: the dashboard fills the viewport and scrolls inside;
// - a path its router does not have shows its "not found" page.
import { barChart } from './charts.js';
import { formatValue } from './format.js';
import { lightdashEvents } from './protocol.js';

const boot = JSON.parse(document.getElementById('bootstrap').textContent);
const token = location.hash.slice(1);
history.replaceState(history.state, '', location.pathname + location.search);

const projectUuid = location.pathname.split('/')[2];
const query = new URLSearchParams(location.search);
document.documentElement.dataset.theme = query.get('theme') === 'dark' ? 'dark' : 'light';

const dispatch = lightdashEvents(query.get('targetOrigin'), boot.allowedOrigins);

function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else if (v != null && v !== false) node.setAttribute(k, String(v));
  }
  node.append(...children.flat().filter((c) => c != null && c !== false));
  return node;
}

async function api(path, body = {}) {
  const res = await fetch(`/api/v1/embed/${encodeURIComponent(projectUuid)}/${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Lightdash-Embed-Token': token },
    body: JSON.stringify(body),
  });
  const json = await res.json().catch(() => null);
  if (!res.ok || json?.status !== 'ok') {
    const error = new Error(json?.error?.message ?? `Request failed (${res.status})`);
    error.name = json?.error?.name ?? 'NetworkError';
    throw error;
  }
  return json.results;
}

const root = document.getElementById('root');
const filters = {};
const tileBodies = new Map();
const results = new Map();
let dashboard;

function showError(error) {
  root.replaceChildren(
    h(
      'div',
      { class: 'ld-error', role: 'alert' },
      h('div', { class: 'ld-error-title' }, 'Unable to load dashboard'),
      h('p', {}, error.message),
    ),
  );
}

function render() {
  const count = () => Object.values(filters).filter(Boolean).length;
  const summary = h('span', { class: 'ld-filter-count' });
  const updateSummary = () => {
    summary.textContent = count() ? `${count()} active` : '';
  };
  tileBodies.clear();
  root.replaceChildren(
    h(
      'div',
      { class: 'ld-app' },
      h(
        'header',
        { class: 'ld-header' },
        h('h1', {}, dashboard.name),
        h('span', { class: 'ld-pill' }, 'Embedded'),
      ),
      h(
        'div',
        { class: 'ld-filters' },
        h('span', { class: 'ld-filters-label' }, 'Filters'),
        dashboard.filters.map((f) =>
          h(
            'label',
            { class: 'ld-filter' },
            h('span', {}, f.name, ' is'),
            h(
              'select',
              {
                name: f.slug,
                onchange: (e) => {
                  filters[f.slug] = e.target.value;
                  updateSummary();
                  // Lightdash says that filters changed, never what they are.
                  dispatch('filterChanged', { hasFilters: count() > 0, filterCount: count() });
                  loadTiles();
                },
              },
              h('option', { value: '' }, 'any value'),
              f.options.map((o) => h('option', { value: o }, o)),
            ),
          ),
        ),
        summary,
      ),
      h(
        'main',
        { class: 'ld-grid' },
        dashboard.tiles.map((tile) => {
          const body = h(
            'div',
            { class: 'ld-tile-body' },
            h('div', { class: 'ld-loading' }, 'Loading…'),
          );
          tileBodies.set(tile.uuid, body);
          return h('section', { class: `ld-tile ${tile.display}` }, h('h2', {}, tile.title), body);
        }),
      ),
    ),
  );
}

function draw(tile, body, result) {
  if (tile.display === 'bignumber') {
    return body.replaceChildren(
      h('div', { class: 'ld-big' }, formatValue(result.value, result.format)),
    );
  }
  if (tile.display === 'bar')
    return barChart(body, result.rows, { format: result.format, label: tile.title });
  body.replaceChildren(
    h(
      'table',
      {},
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          result.columns.map((c, i) => h('th', { class: result.formats[i] ? 'num' : null }, c)),
        ),
      ),
      h(
        'tbody',
        {},
        result.rows.map((row) =>
          h(
            'tr',
            {},
            row.map((cell, i) =>
              h(
                'td',
                { class: result.formats[i] ? 'num' : null },
                formatValue(cell, result.formats[i]),
              ),
            ),
          ),
        ),
      ),
    ),
  );
}

let loadSeq = 0;
async function loadTiles() {
  const seq = ++loadSeq;
  const started = performance.now();
  try {
    await Promise.all(
      dashboard.tiles.map(async (tile) => {
        const result = await api('chart-and-results', {
          tileUuid: tile.uuid,
          dashboardFilters: filters,
        });
        if (seq !== loadSeq) return;
        results.set(tile.uuid, result);
        draw(tile, tileBodies.get(tile.uuid), result);
      }),
    );
    if (seq === loadSeq) {
      dispatch('allTilesLoaded', {
        tilesCount: dashboard.tiles.length,
        loadTimeMs: Math.round(performance.now() - started),
      });
    }
  } catch (error) {
    if (seq === loadSeq) showError(error);
  }
}

// Charts are drawn for the tile's width: redraw (from the last results) when the frame resizes.
let lastWidth = 0;
new ResizeObserver(() => {
  const width = document.documentElement.clientWidth;
  if (!dashboard || Math.abs(width - lastWidth) < 2) return;
  lastWidth = width;
  for (const tile of dashboard.tiles) {
    if (results.has(tile.uuid)) draw(tile, tileBodies.get(tile.uuid), results.get(tile.uuid));
  }
}).observe(document.documentElement);

(async () => {
  if (boot.notFound) {
    return root.replaceChildren(
      h(
        'div',
        { class: 'ld-error', role: 'alert' },
        h('div', { class: 'ld-error-title' }, 'Page not found'),
        h('p', {}, 'We could not find the page you were looking for.'),
      ),
    );
  }
  if (!token)
    return showError(Object.assign(new Error('Missing embed token'), { name: 'ForbiddenError' }));
  try {
    dashboard = await api('dashboard');
  } catch (error) {
    return showError(error);
  }
  render();
  const { pathname, search, href } = location;
  dispatch('locationChanged', { pathname, search, href });
  lastWidth = document.documentElement.clientWidth;
  loadTiles();
})();
