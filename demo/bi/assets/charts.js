// Small SVG charts for the stand-in's cards. Built with DOM APIs and textContent only, so no
// value from the data is ever parsed as markup. Colours come from CSS classes (theme-aware).
import { formatValue, monthLabel } from './format.js';

const NS = 'http://www.w3.org/2000/svg';

function el(tag, attrs = {}, text) {
  const node = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text != null) node.textContent = text;
  return node;
}

function frame(width, height, label) {
  return el('svg', {
    viewBox: `0 0 ${width} ${height}`,
    width,
    height,
    role: 'img',
    'aria-label': label,
    class: 'chart',
  });
}

/** 0, a round step, … up to at least `max`: the y-axis ticks. */
function ticks(max, count = 4) {
  if (max <= 0) return [0, 1];
  const raw = max / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= raw);
  return Array.from({ length: Math.ceil(max / step) + 1 }, (_, i) => i * step);
}

const isMonth = (label) => /^\d{4}-\d{2}$/.test(label);
const axisLabel = (label) => (isMonth(label) ? monthLabel(label) : label);

/** Draws the y grid and returns the plot area for the column/line charts. */
function grid(svg, width, height, rows, format) {
  const top = 12;
  const bottom = height - 28;
  const left = 56;
  const right = width - 8;
  const scale = ticks(Math.max(...rows.map((r) => r[1]), 0));
  const max = scale.at(-1);
  const y = (v) => bottom - (v / max) * (bottom - top);
  for (const tick of scale) {
    svg.append(el('line', { x1: left, x2: right, y1: y(tick), y2: y(tick), class: 'grid' }));
    svg.append(
      el(
        'text',
        { x: left - 8, y: y(tick) + 4, 'text-anchor': 'end', class: 'tick' },
        formatValue(tick, format, { compact: true }),
      ),
    );
  }
  return { left, right, bottom, y };
}

/** A column chart of `[label, value]` rows. */
export function barChart(container, rows, { format, label }) {
  const width = Math.max(container.clientWidth, 240);
  const height = 240;
  const svg = frame(width, height, label);
  const { left, right, bottom, y } = grid(svg, width, height, rows, format);
  const band = (right - left) / rows.length;
  const barWidth = Math.min(band * 0.64, 48);
  rows.forEach(([name, value], i) => {
    const x = left + band * i + (band - barWidth) / 2;
    const bar = el('rect', {
      x,
      y: y(value),
      width: barWidth,
      height: Math.max(bottom - y(value), 0),
      rx: 3,
      class: 'bar',
    });
    bar.append(el('title', {}, `${axisLabel(name)}: ${formatValue(value, format)}`));
    svg.append(bar);
    svg.append(
      el(
        'text',
        { x: x + barWidth / 2, y: height - 8, 'text-anchor': 'middle', class: 'tick' },
        axisLabel(name),
      ),
    );
  });
  container.replaceChildren(svg);
}

/** A line chart with a soft area under it. */
export function lineChart(container, rows, { format, label }) {
  const width = Math.max(container.clientWidth, 240);
  const height = 240;
  const svg = frame(width, height, label);
  const { left, right, bottom, y } = grid(svg, width, height, rows, format);
  const step = (right - left) / Math.max(rows.length - 1, 1);
  const points = rows.map(([, value], i) => [left + step * i, y(value)]);
  const line = points
    .map(([px, py], i) => `${i ? 'L' : 'M'}${px.toFixed(1)},${py.toFixed(1)}`)
    .join('');
  svg.append(
    el('path', { d: `${line}L${points.at(-1)[0]},${bottom}L${left},${bottom}Z`, class: 'area' }),
  );
  svg.append(el('path', { d: line, class: 'line' }));
  rows.forEach(([name, value], i) => {
    const dot = el('circle', { cx: points[i][0], cy: points[i][1], r: 3.5, class: 'dot' });
    dot.append(el('title', {}, `${axisLabel(name)}: ${formatValue(value, format)}`));
    svg.append(dot);
    svg.append(
      el(
        'text',
        { x: points[i][0], y: height - 8, 'text-anchor': 'middle', class: 'tick' },
        axisLabel(name),
      ),
    );
  });
  container.replaceChildren(svg);
}

/** Horizontal bars: label, bar, value; one row per item, so its height follows the data. */
export function hbarChart(container, rows, { format, label }) {
  const width = Math.max(container.clientWidth, 240);
  const rowHeight = 34;
  const height = rows.length * rowHeight + 4;
  const labelWidth = Math.min(170, width * 0.4);
  const valueWidth = 78;
  const max = Math.max(...rows.map((r) => r[1]), 1);
  const svg = frame(width, height, label);
  rows.forEach(([name, value], i) => {
    const top = i * rowHeight + 4;
    const barWidth = ((width - labelWidth - valueWidth) * value) / max;
    svg.append(el('text', { x: 0, y: top + 17, class: 'label' }, name));
    const bar = el('rect', {
      x: labelWidth,
      y: top + 4,
      width: Math.max(barWidth, 2),
      height: 18,
      rx: 3,
      class: `bar series-${i % 6}`,
    });
    bar.append(el('title', {}, `${name}: ${formatValue(value, format)}`));
    svg.append(bar);
    svg.append(
      el(
        'text',
        { x: labelWidth + barWidth + 8, y: top + 17, class: 'value' },
        formatValue(value, format),
      ),
    );
  });
  container.replaceChildren(svg);
}
