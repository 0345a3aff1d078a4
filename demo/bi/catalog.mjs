// What the stand-in BI server "has": a few dashboards and a question over demo/data/orders.csv,
// and the queries behind their cards. Plain data so the server and its tests can read it.
import { readFileSync } from 'node:fs';

const CATEGORIES = ['Doohickey', 'Gadget', 'Gizmo', 'Widget'];
const QUARTERS = ['Q1-2024', 'Q2-2024', 'Q3-2024', 'Q4-2024'];
const CHANNELS = ['Web', 'Partner', 'Retail'];

/** Dashboard parameters by slug; `options` feed the filter widgets. */
export const PARAMETERS = {
  tenant: { slug: 'tenant', name: 'Tenant' },
  category: { slug: 'category', name: 'Category', options: CATEGORIES },
  quarter: { slug: 'quarter', name: 'Quarter', options: QUARTERS },
  channel: { slug: 'channel', name: 'Channel', options: CHANNELS },
};

/**
 * Signed-embed resources by id. `embeddingParams` is Metabase's per-object `embedding_params`:
 * what the publisher chose for each parameter (locked: JWT only; enabled: JWT or URL; disabled: neither).
 */
export const DASHBOARDS = {
  1: {
    name: 'Sales overview',
    description: 'Revenue and orders across your stores, 2024.',
    embeddingParams: {
      tenant: 'locked',
      category: 'enabled',
      quarter: 'enabled',
      channel: 'disabled',
    },
    cards: [
      { id: 'kpis', display: 'kpis', width: 'full' },
      { id: 'revenue-by-month', display: 'bar', title: 'Revenue by month', width: 'wide' },
      { id: 'revenue-by-category', display: 'hbar', title: 'Revenue by category', width: 'narrow' },
      { id: 'latest-orders', display: 'table', title: 'Latest orders', width: 'full' },
    ],
  },
};

export const QUESTIONS = {
  1: {
    name: 'Average order value by month',
    description: 'Mean order total per month, 2024.',
    embeddingParams: { tenant: 'locked', category: 'enabled' },
    cards: [{ id: 'aov-by-month', display: 'line', title: 'Average order value', width: 'full' }],
  },
};

/** Metabase public links: no token, every parameter is the viewer's to set. */
export const PUBLIC_DASHBOARDS = {
  'b8f3c0de-5a54-4c1e-9d7e-2f6a1c9e4b21': {
    name: 'Product leaderboard',
    description: 'All stores, all channels: which products sell.',
    parameters: ['category', 'quarter'],
    cards: [
      { id: 'top-products', display: 'hbar', title: 'Top products by revenue', width: 'wide' },
      { id: 'orders-by-channel', display: 'bar', title: 'Orders by channel', width: 'narrow' },
      { id: 'product-table', display: 'table', title: 'All products', width: 'full' },
    ],
  },
};

/** The Lightdash-shaped side: one project, one dashboard. */
export const LIGHTDASH = {
  projectUuid: '3675b69e-8324-4110-bdca-059031aa8da3',
  dashboards: {
    'c0ffee00-7b1d-4c56-a3f0-5d2e8b9a6f10': {
      name: 'Channel performance',
      filters: ['category', 'channel'],
      tiles: [
        { uuid: 'f1a0', display: 'bignumber', title: 'Total revenue', query: 'revenue' },
        { uuid: 'f1a1', display: 'bignumber', title: 'Orders', query: 'orders' },
        { uuid: 'f1a2', display: 'bar', title: 'Revenue by channel', query: 'revenue-by-channel' },
        { uuid: 'f1a3', display: 'table', title: 'Top customers', query: 'top-customers' },
      ],
    },
  },
};

/** The Superset-shaped side: one embedded dashboard, named by its embedded uuid. */
export const SUPERSET = {
  embedId: '5e7a1c2b-9d3f-4e8a-b6c1-2f0d9e8a7b64',
  title: 'Regional orders',
  filters: [
    {
      id: 'NATIVE_FILTER-category',
      name: 'Category',
      options: ['Doohickey', 'Gadget', 'Gizmo', 'Widget'],
    },
    { id: 'NATIVE_FILTER-channel', name: 'Channel', options: ['Online', 'Retail', 'Partner'] },
  ],
  charts: ['Orders by month', 'Revenue by category', 'Top customers'],
};

/** The pretend tenants behind the locked `tenant` parameter. */
export const TENANTS = { northwind: 'Northwind Traders', globex: 'Globex' };

let rows;
function orders() {
  rows ??= readFileSync(new URL('../data/orders.csv', import.meta.url), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const [id, createdAt, tenant, customer, product, category, channel, quantity, total] =
        line.split(',');
      return {
        id: Number(id),
        createdAt,
        tenant,
        customer,
        product,
        category,
        channel,
        quantity: Number(quantity),
        total: Number(total),
      };
    });
  return rows;
}

const asList = (value) => (Array.isArray(value) ? value : [value]).map(String);

/** Rows matching parameter values (slug → value or list); blank values mean "no filter". */
export function filterOrders(params) {
  const active = Object.entries(params).filter(([, v]) => v != null && v !== '' && v.length !== 0);
  return orders().filter((row) =>
    active.every(([slug, value]) => {
      const wanted = asList(value);
      if (slug === 'quarter') {
        const quarter = `Q${Math.ceil(Number(row.createdAt.slice(5, 7)) / 3)}-${row.createdAt.slice(0, 4)}`;
        return wanted.includes(quarter);
      }
      return slug in row ? wanted.includes(String(row[slug])) : true;
    }),
  );
}

const round = (n) => Math.round(n * 100) / 100;
const sum = (list) => round(list.reduce((total, row) => total + row.total, 0));

function groupTotals(list, key) {
  const groups = new Map();
  for (const row of list) {
    const group = groups.get(row[key]) ?? { revenue: 0, orders: 0 };
    group.revenue += row.total;
    group.orders += 1;
    groups.set(row[key], group);
  }
  return groups;
}

const MONTHS = Array.from({ length: 12 }, (_, i) => `2024-${String(i + 1).padStart(2, '0')}`);

/** Runs one card's query. Results are small, display-ready tables, like a BI tool's dataset API. */
export function runCard(cardId, list) {
  switch (cardId) {
    case 'kpis': {
      const revenue = sum(list);
      return {
        values: [
          { key: 'revenue', value: revenue, format: 'currency' },
          { key: 'orders', value: list.length, format: 'number' },
          { key: 'aov', value: list.length ? round(revenue / list.length) : 0, format: 'currency' },
          { key: 'customers', value: new Set(list.map((r) => r.customer)).size, format: 'number' },
        ],
      };
    }
    case 'revenue-by-month':
    case 'aov-by-month': {
      const byDay = groupTotals(list, 'createdAt');
      const months = new Map(MONTHS.map((m) => [m, { revenue: 0, orders: 0 }]));
      for (const [day, g] of byDay) {
        const m = months.get(day.slice(0, 7));
        m.revenue += g.revenue;
        m.orders += g.orders;
      }
      return {
        format: 'currency',
        rows: [...months].map(([month, g]) => [
          month,
          round(cardId === 'aov-by-month' ? (g.orders ? g.revenue / g.orders : 0) : g.revenue),
        ]),
      };
    }
    case 'revenue-by-category':
    case 'revenue-by-channel':
    case 'top-products': {
      const key = { 'revenue-by-category': 'category', 'revenue-by-channel': 'channel' }[cardId];
      const groups = groupTotals(list, key ?? 'product');
      const sorted = [...groups]
        .map(([name, g]) => [name, round(g.revenue)])
        .sort((a, b) => b[1] - a[1]);
      return { format: 'currency', rows: cardId === 'top-products' ? sorted.slice(0, 8) : sorted };
    }
    case 'orders-by-channel': {
      const groups = groupTotals(list, 'channel');
      return { format: 'number', rows: CHANNELS.map((c) => [c, groups.get(c)?.orders ?? 0]) };
    }
    case 'latest-orders':
      return {
        columns: ['Order', 'Date', 'Customer', 'Product', 'Category', 'Qty', 'Total'],
        formats: [null, 'date', null, null, null, 'number', 'currency'],
        rows: list
          .slice(-40)
          .reverse()
          .map((r) => [
            `#${r.id}`,
            r.createdAt,
            r.customer,
            r.product,
            r.category,
            r.quantity,
            r.total,
          ]),
        total: list.length,
      };
    case 'product-table': {
      const groups = groupTotals(list, 'product');
      const category = new Map(orders().map((r) => [r.product, r.category]));
      return {
        columns: ['Product', 'Category', 'Orders', 'Revenue'],
        formats: [null, null, 'number', 'currency'],
        rows: [...groups]
          .sort((a, b) => b[1].revenue - a[1].revenue)
          .map(([name, g]) => [name, category.get(name), g.orders, round(g.revenue)]),
        total: groups.size,
      };
    }
    case 'revenue':
      return { value: sum(list), format: 'currency' };
    case 'orders':
      return { value: list.length, format: 'number' };
    case 'top-customers': {
      const groups = groupTotals(list, 'customer');
      return {
        columns: ['Customer', 'Orders', 'Revenue'],
        formats: [null, 'number', 'currency'],
        rows: [...groups]
          .sort((a, b) => b[1].revenue - a[1].revenue)
          .slice(0, 10)
          .map(([name, g]) => [name, g.orders, round(g.revenue)]),
        total: groups.size,
      };
    }
    default:
      throw new Error(`unknown card ${cardId}`);
  }
}
