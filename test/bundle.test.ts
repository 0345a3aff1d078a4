// The built files as users load them: `npm test` builds dist/ before the browser tests.
import { expect, waitUntil } from '@open-wc/testing';
import type { BiEmbed } from '../src/bi-embed.js';
import type { BiEmbedErrorDetail, BiEmbedLoadDetail } from '../src/types.js';
import { frameLoaded } from './helpers/frames.js';
import { FRAME_ORIGIN } from './helpers/origins.js';

const IIFE = '/dist/bi-embed.iife.js';
const MODULE = '/dist/bi-embed.bundle.js';
const SLOW = { timeout: 5_000, interval: 10 };

interface PageWindow extends Window {
  seen: { type: string; detail: BiEmbedLoadDetail | BiEmbedErrorDetail }[];
  errors: string[];
  BiEmbed?: { BiEmbed: CustomElementConstructor };
}

let pages: HTMLIFrameElement[] = [];
afterEach(() => {
  for (const page of pages) page.remove();
  pages = [];
});

/**
 * An old-style page of its own (same origin, so `/api/token` resolves): records script errors and
 * the element's events from before any script runs.
 */
async function page(body: string): Promise<PageWindow> {
  const frame = document.createElement('iframe');
  frame.srcdoc = `<!doctype html><html><head><script>
    window.errors = [];
    window.seen = [];
    addEventListener('error', (e) => errors.push(String(e.message)));
    for (const type of ['bi-embed-load', 'bi-embed-error']) {
      document.addEventListener(type, (e) => seen.push({ type: e.type, detail: e.detail }));
    }
  </script></head><body>${body}</body></html>`;
  pages.push(frame);
  const ready = frameLoaded(frame);
  document.body.append(frame);
  await ready;
  return frame.contentWindow as PageWindow;
}

before(async () => {
  for (const file of [IIFE, MODULE]) {
    const response = await fetch(file);
    expect(response.ok, `${file} exists: run npm run build first`).to.equal(true);
  }
});

describe('dist/bi-embed.iife.js', () => {
  it('defines <bi-embed> from a classic <script> and loads an embed', async () => {
    const win = await page(`
      <script src="${IIFE}"></script>
      <bi-embed token-endpoint="/api/token?id=31" theme="night" title="Sales"></bi-embed>`);
    await waitUntil(() => win.seen.length > 0, 'an event from the element', SLOW);
    expect(win.errors).to.deep.equal([]);
    expect(win.seen).to.deep.equal([
      {
        type: 'bi-embed-load',
        detail: { provider: 'metabase', origin: FRAME_ORIGIN, signal: 'message' },
      },
    ]);
    const Element = win.customElements.get('bi-embed');
    expect(Element, 'defined in the page').to.be.a('function');
    expect(win.BiEmbed?.BiEmbed, 'the global exposes the class').to.equal(Element);
    const el = win.document.querySelector('bi-embed') as BiEmbed;
    expect(el.status).to.equal('ready');
    expect(el.matches(':state(ready)')).to.equal(true);
    const frame = el.shadowRoot!.querySelector('iframe')!;
    expect(frame.title).to.equal('Sales');
    const url = new URL(frame.src);
    expect(url.origin).to.equal(FRAME_ORIGIN);
    expect(url.pathname).to.match(/^\/embed\/dashboard\/[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(url.hash).to.equal('#theme=night');
  });

  it('upgrades an element written before the script, and reports errors as events', async () => {
    const win = await page(`
      <bi-embed token-endpoint="/api/token?status=403"></bi-embed>
      <script src="${IIFE}"></script>`);
    await waitUntil(() => win.seen.length > 0, 'an event from the element', SLOW);
    expect(win.errors).to.deep.equal([]);
    expect(win.seen.map((s) => s.type)).to.deep.equal(['bi-embed-error']);
    expect(win.seen[0].detail).to.deep.include({
      code: 'token-http',
      status: 403,
      recoverable: false,
    });
  });

  it('coexists with the module bundle on one page: one definition, no error', async () => {
    const win = await page(`
      <script src="${IIFE}"></script>
      <script type="module">
        import '${MODULE}';
        window.moduleRan = true;
      </script>
      <bi-embed src="${FRAME_ORIGIN}/public/dashboard/abc"></bi-embed>`);
    await waitUntil(() => win.seen.length > 0, 'an event from the element', SLOW);
    await waitUntil(
      () => (win as unknown as { moduleRan?: boolean }).moduleRan,
      'module ran',
      SLOW,
    );
    expect(win.errors).to.deep.equal([]);
    expect(win.seen.map((s) => s.type)).to.deep.equal(['bi-embed-load']);
    expect(win.customElements.get('bi-embed')).to.equal(win.BiEmbed?.BiEmbed);
  });
});

describe('dist/bi-embed.bundle.js', () => {
  it('is one self-contained module that defines <bi-embed> and exports its class', async () => {
    const win = await page(`
      <script type="module">
        import { BiEmbed } from '${MODULE}';
        window.exported = BiEmbed;
      </script>
      <bi-embed token-endpoint="/api/token?provider=lightdash&id=d-5&frame=silent"></bi-embed>`);
    await waitUntil(() => win.seen.length > 0, 'an event from the element', SLOW);
    expect(win.errors).to.deep.equal([]);
    expect(win.seen).to.deep.equal([
      {
        type: 'bi-embed-load',
        detail: { provider: 'lightdash', origin: FRAME_ORIGIN, signal: 'load' },
      },
    ]);
    const exported = (win as unknown as { exported: unknown }).exported;
    expect(exported).to.equal(win.customElements.get('bi-embed'));
    const source = await (await fetch(MODULE)).text();
    expect(source, 'no bare imports left for a bundler to resolve').not.to.match(
      /\bfrom\s*["'](?!\.|\/|https?:)/,
    );
  });
});
