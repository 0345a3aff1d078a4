// Regenerates demo/data/orders.csv, the stand-in BI server's sample data.
// Synthetic and seeded, so the committed file (and the screenshots drawn from
// it) only change when this script does: `node demo/data/generate.mjs`.
import { writeFileSync } from 'node:fs';

// mulberry32: a tiny seeded PRNG; Math.random() would change the data on every run.
let seed = 20240101;
function random() {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (list) => list[Math.floor(random() * list.length)];

const products = [
  ['Doohickey', 'Copper Desk Clock', 48.6],
  ['Doohickey', 'Paper Card Wallet', 29.5],
  ['Doohickey', 'Bronze Bottle Opener', 22.5],
  ['Gadget', 'Rubber Travel Charger', 89.9],
  ['Gadget', 'Granite Phone Stand', 74.2],
  ['Gadget', 'Plastic Sports Watch', 61.35],
  ['Gizmo', 'Marble Reading Lamp', 52.8],
  ['Gizmo', 'Steel Chef Knife', 38.4],
  ['Gizmo', 'Silk Side Table', 99.0],
  ['Widget', 'Cotton Keyboard Cover', 44.7],
  ['Widget', 'Iron Messenger Bag', 57.25],
  ['Widget', 'Wooden Work Gloves', 33.6],
];
const firstNames = ['Ada', 'Bruno', 'Chiara', 'Dmitri', 'Elena', 'Femi', 'Grace', 'Hiro', 'Ines'];
const lastNames = ['Park', 'Okafor', 'Lindqvist', 'Moreau', 'Tanaka', 'Silva', 'Novak', 'Reyes'];
const customers = firstNames.flatMap((f) => lastNames.map((l) => `${f} ${l}`));
const tenants = ['northwind', 'globex'];
const channels = ['Web', 'Web', 'Web', 'Partner', 'Retail'];

const rows = [];
for (let month = 0; month < 12; month++) {
  // A seasonal curve with a year-end peak, so the monthly bars have a shape.
  const orders = Math.round(38 + 14 * Math.sin((month / 11) * Math.PI * 1.5) + month * 2.2);
  for (let i = 0; i < orders; i++) {
    const [category, product, price] = pick(products);
    const quantity = 1 + Math.floor(random() * random() * 5);
    const day = 1 + Math.floor(random() * 28);
    rows.push({
      created_at: `2024-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
      tenant: random() < 0.62 ? tenants[0] : tenants[1],
      customer: pick(customers),
      product,
      category,
      channel: pick(channels),
      quantity,
      total: (price * quantity).toFixed(2),
    });
  }
}
// Order ids follow the dates, as a real shop's would.
rows.sort((a, b) => a.created_at.localeCompare(b.created_at));
rows.forEach((row, i) => (row.id = 1001 + i));

const header = [
  'id',
  'created_at',
  'tenant',
  'customer',
  'product',
  'category',
  'channel',
  'quantity',
  'total',
];
const csv = [header.join(','), ...rows.map((r) => header.map((k) => r[k]).join(','))].join('\n');
writeFileSync(new URL('./orders.csv', import.meta.url), csv + '\n');
console.log(`wrote ${rows.length} orders`);
