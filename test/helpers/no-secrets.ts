// Loaded into every browser test page (web-test-runner.config.mjs, after the test framework): a
// test fails when a token or a signed URL shows up where the README promises it never does — in a
// `bi-embed-*` event's detail (error messages included), a console message, or an attribute of a
// <bi-embed> other than the `src` and `token-endpoint` the page itself wrote.

/** A compact JWS: what every embed token and signed embed URL carries. */
const JWT = /eyJ[\w-]{4,}\.eyJ[\w-]{4,}\.[\w-]*/;
const leaks: string[] = [];

function text(value: unknown): string {
  try {
    return typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  } catch {
    return String(value);
  }
}

const dispatch = EventTarget.prototype.dispatchEvent;
EventTarget.prototype.dispatchEvent = function (event: Event) {
  if (event.type.startsWith('bi-embed-') && event instanceof CustomEvent) {
    const detail = text(event.detail);
    if (JWT.test(detail)) leaks.push(`${event.type} detail: ${detail.slice(0, 300)}`);
  }
  return dispatch.call(this, event);
};

for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
  const original = console[method].bind(console);
  console[method] = (...args: unknown[]) => {
    const line = args.map(text).join(' ');
    if (JWT.test(line)) leaks.push(`console.${method}: ${line.slice(0, 300)}`);
    original(...args);
  };
}

function attributeLeaks(): void {
  for (const el of document.querySelectorAll('bi-embed')) {
    for (const { name, value } of el.attributes) {
      if (name !== 'src' && name !== 'token-endpoint' && JWT.test(value)) {
        leaks.push(`attribute ${name}="${value.slice(0, 300)}"`);
      }
    }
  }
}

afterEach(function () {
  attributeLeaks();
  const found = leaks.splice(0);
  if (found.length) throw new Error(`A token or signed URL leaked:\n${found.join('\n')}`);
});

/** For the test that proves this check can fail. */
export const secretLeaks = leaks;
