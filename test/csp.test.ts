// Strict host pages: `default-src 'self'; script-src 'self'; style-src 'self'` with Trusted Types
// required (test/server/csp-page.mjs). The built bundles must load an embed there without a single
// violation. They create no Trusted Types policy at all (the views are built with DOM calls, never
// HTML strings), so `trusted-types 'none'`, the strictest list, must pass too.
import { expect } from '@open-wc/testing';
import { frameLoaded } from './helpers/frames.js';
import { until } from './helpers/wait.js';

interface StrictPage extends Window {
  violations: { directive: string; blocked: string; sample: string }[];
  events: { type: string; detail: { code?: string } }[];
  customElements: CustomElementRegistry;
}

async function strictPage(query: string): Promise<{ win: StrictPage; frame: HTMLIFrameElement }> {
  const frame = document.createElement('iframe');
  const ready = frameLoaded(frame);
  frame.src = `/csp-page?${query}`;
  document.body.append(frame);
  await ready;
  return { win: frame.contentWindow as StrictPage, frame };
}

describe('strict Content-Security-Policy and Trusted Types', () => {
  for (const bundle of ['module', 'iife']) {
    for (const tt of [undefined, "'none'"]) {
      const what = tt ? `trusted-types ${tt}` : 'no trusted-types list';
      it(`${bundle} bundle, ${what}: loads the embed with no violation`, async () => {
        const query = `bundle=${bundle}${tt ? `&tt=${encodeURIComponent(tt)}` : ''}`;
        const { win, frame } = await strictPage(query);
        await until(() => win.events.length > 0, 'an event from the element', 8000);
        expect(win.events.map((e) => e.type)).to.deep.equal(['bi-embed-load']);
        const embed = win.document.querySelector('bi-embed')!;
        const iframe = embed.shadowRoot!.querySelector('iframe')!;
        expect(iframe.src).to.match(/^http:\/\/127\.0\.0\.1:\d+\/embed\/dashboard\//);
        // The component's styles applied: the frame has no border.
        expect(win.getComputedStyle(iframe).borderTopStyle).to.equal('none');
        expect(win.violations).to.deep.equal([]);
        frame.remove();
      });
    }
  }
});
