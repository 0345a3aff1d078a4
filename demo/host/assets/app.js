// The script-tag page's own script: a live log of every bi-embed-* event, status and token
// expiry per embed, and buttons for the element's refresh()/reload(). Everything shown comes
// from the element's public events and properties.
const EVENTS = ['load', 'content-loaded', 'error', 'filter-change', 'resize', 'token-refresh'];
const log = document.getElementById('log');
const MAX_ENTRIES = 200;

function entry(target, name, detail) {
  const now = new Date();
  const time = `${now.toLocaleTimeString([], { hour12: false })}.${String(now.getMilliseconds()).padStart(3, '0')}`;
  const li = document.createElement('li');
  li.className = `ev ev-${name}`;
  const parts = [
    ['time', time],
    ['src', target.id || 'bi-embed'],
    ['name', name],
    ['detail', JSON.stringify(detail)],
  ];
  for (const [cls, text] of parts) {
    const span = document.createElement(cls === 'detail' ? 'code' : 'span');
    span.className = cls;
    span.textContent = text; // event details are data, never markup
    li.append(span);
  }
  log.prepend(li);
  while (log.children.length > MAX_ENTRIES) log.lastElementChild.remove();
}

for (const name of EVENTS) {
  document.addEventListener(`bi-embed-${name}`, (event) => entry(event.target, name, event.detail));
}
document.getElementById('clear-log').addEventListener('click', () => log.replaceChildren());

document.getElementById('ttl').addEventListener('change', (event) => {
  const url = new URL(location.href);
  url.searchParams.set('ttl', event.target.value);
  location.assign(url);
});

// Per-embed tools: status (the element's `status`), time left on the token (`expiresAt`), and
// the refresh()/reload() methods.
const tools = [...document.querySelectorAll('.tools[data-for]')].map((box) => ({
  box,
  el: document.getElementById(box.dataset.for),
}));
for (const { box, el } of tools) {
  box.addEventListener('click', (event) => {
    const action = event.target.closest('button')?.dataset.action;
    if (action === 'refresh') el.refresh?.();
    if (action === 'reload') el.reload?.();
  });
}

function paint() {
  for (const { box, el } of tools) {
    const status = box.querySelector('[data-role=status]');
    const state = typeof el.status === 'string' ? el.status : 'idle';
    if (status.textContent !== state) {
      status.textContent = state;
      status.dataset.state = state;
    }
    const expiry = box.querySelector('[data-role=expiry]');
    if (expiry) {
      const left = el.expiresAt ? Math.round((el.expiresAt - Date.now()) / 1000) : null;
      expiry.textContent =
        left == null ? '' : left > 0 ? `token: ${formatSeconds(left)} left` : 'token expired';
    }
  }
}
function formatSeconds(s) {
  return s >= 120 ? `${Math.round(s / 60)} min` : `${s} s`;
}
setInterval(paint, 500);
paint();
