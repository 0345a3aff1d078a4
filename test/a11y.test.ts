// The element in each state a viewer meets, checked by axe-core against WCAG 2.0 and 2.1, levels A
// and AA: loading and error (the default views, then the page's own through the `loading` and
// `error` slots), ready (the frame and its name), at 200 % zoom, and with reduced motion. axe runs
// over the element, light DOM and open shadow root, and tests only what is rendered: nothing here
// knows how src/views.ts builds its DOM beyond the documented parts and slots.
import 'axe-core/axe.min.js'; // a classic script: registers window.axe, exports nothing
import type { AxeResults, Result } from 'axe-core';
import { emulateMedia, setViewport } from '@web/test-runner-commands';
import { expect, oneEvent } from '@open-wc/testing';
import '../src/define.js';
import type { BiEmbed } from '../src/bi-embed.js';

const axe = (window as unknown as { axe: typeof import('axe-core') }).axe;
const WCAG_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** One line per violation and one per element it names, for the failure message. */
function listed(violations: Result[]): string {
  return violations
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help}\n` +
        v.nodes.map((n) => `  at ${JSON.stringify(n.target)}: ${n.failureSummary}`).join('\n'),
    )
    .join('\n');
}

/** Runs axe over `el` (shadow root included) and fails with every violation it found. */
async function audit(el: Element, state: string): Promise<AxeResults> {
  const results = await axe.run(el, {
    runOnly: { type: 'tag', values: WCAG_AA },
    // The frame's page is the BI tool's (another origin, no axe inside), not this element.
    iframes: false,
  });
  if (results.violations.length) {
    expect.fail(
      `axe found ${results.violations.length} WCAG 2 A/AA violation(s) in ${state}:\n` +
        listed(results.violations),
    );
  }
  return results;
}

/** The rule ran and passed on at least one element: the audit was not empty by accident. */
function passed(results: AxeResults, rule: string): void {
  const ids = results.passes.map((r) => r.id);
  expect(ids, `axe checked ${rule}`).to.include(rule);
}

let container: HTMLElement;
const gates: string[] = [];
let count = 0;

beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
});

afterEach(async () => {
  container.remove();
  for (const name of gates.splice(0)) await fetch(`/api/frame-gate?name=${name}&do=open`);
  await emulateMedia({ reducedMotion: 'no-preference' });
  await setViewport({ width: 800, height: 600 });
});

function mount(attrs: Record<string, string>, light = ''): BiEmbed {
  const el = document.createElement('bi-embed') as BiEmbed;
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
  el.innerHTML = light;
  container.append(el);
  return el;
}

/** Stays loading: the token request is held by the server until the test ends. */
async function loading(light = ''): Promise<BiEmbed> {
  const name = `a11y-${Date.now()}-${++count}`;
  await fetch(`/api/frame-gate?name=${name}&do=close`);
  gates.push(name);
  const el = mount({ 'token-endpoint': `/api/token?hold=${name}` }, light);
  await el.updateComplete;
  expect(el.status).to.equal('loading');
  return el;
}

/** The endpoint refuses (403): an error the element does not retry on its own. */
async function failed(light = ''): Promise<BiEmbed> {
  const el = document.createElement('bi-embed') as BiEmbed;
  const error = oneEvent(el, 'bi-embed-error');
  el.setAttribute('token-endpoint', '/api/token?status=403');
  el.innerHTML = light;
  container.append(el);
  await error;
  await el.updateComplete;
  expect(el.status).to.equal('error');
  return el;
}

const part = (el: BiEmbed, name: string) =>
  el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);

/**
 * Rendered and visible: a slot's fallback (the default view) stays in the shadow DOM when the page
 * fills the slot, but is not rendered. (Assertions here take booleans and numbers, never elements:
 * a failed assertion whose actual value is an element hangs the test file in web-test-runner.)
 */
const shown = (node: Element | null | undefined) =>
  !!node?.checkVisibility({ opacityProperty: true, visibilityProperty: true });

/** On screen, inside its view and the viewport, and its content not cut off. */
function unclipped(el: BiEmbed, node: HTMLElement, what: string): void {
  node.scrollIntoView({ block: 'center', inline: 'center' });
  expect(shown(node), `${what} is visible`).to.equal(true);
  const rect = node.getBoundingClientRect();
  const view = part(el, 'error')!.getBoundingClientRect();
  expect(rect.width, `${what} has a width`).to.be.greaterThan(0);
  expect(rect.height, `${what} has a height`).to.be.greaterThan(0);
  expect(rect.left, `${what} left edge`).to.be.at.least(Math.max(view.left, 0));
  expect(rect.right, `${what} right edge`).to.be.at.most(
    Math.min(view.right, document.documentElement.clientWidth),
  );
  expect(rect.top, `${what} top edge`).to.be.at.least(view.top);
  expect(rect.bottom, `${what} bottom edge`).to.be.at.most(view.bottom);
  expect(node.scrollWidth, `${what}: no text cut off sideways`).to.be.at.most(node.clientWidth);
  expect(node.scrollHeight, `${what}: no text cut off below`).to.be.at.most(node.clientHeight);
  // Nothing covers it: its centre hits it (or its text).
  const hit = el.shadowRoot!.elementFromPoint(rect.x + rect.width / 2, rect.y + rect.height / 2);
  expect(hit === node || node.contains(hit), `${what} is not covered`).to.equal(true);
}

/** How many animations run on `node` (CSS animations and transitions included). */
const running = (node: Element) =>
  node.getAnimations().filter((a) => a.playState === 'running').length;

describe('accessibility (axe-core, WCAG 2.0/2.1 A and AA)', () => {
  it('axe is the pinned 4.x', () => {
    expect(axe.version).to.match(/^4\./);
  });

  it('loading: the default spinner view', async () => {
    const el = await loading();
    const view = part(el, 'loading')!;
    expect(view.getAttribute('role')).to.equal('status');
    expect(shown(view.querySelector('.spin')), 'the default spinner').to.equal(true);
    passed(await audit(el, 'the default loading view'), 'color-contrast');
  });

  it('error: the default message and Retry button', async () => {
    const el = await failed();
    const view = part(el, 'error')!;
    expect(view.getAttribute('role')).to.equal('alert');
    expect(view.querySelector('p')!.textContent!.trim()).to.not.equal('');
    expect(part(el, 'retry')!.textContent).to.equal('Retry');
    const results = await audit(el, 'the default error view');
    passed(results, 'color-contrast');
    passed(results, 'button-name');
  });

  it("loading: the page's own content in the loading slot", async () => {
    const el = await loading('<p slot="loading">Fetching this quarter’s sales…</p>');
    const slot = el.shadowRoot!.querySelector<HTMLSlotElement>('slot[name="loading"]')!;
    expect(slot.assignedElements().length, 'the page content is slotted').to.equal(1);
    expect(shown(el.querySelector('p')), 'the page content is shown').to.equal(true);
    expect(shown(part(el, 'loading')!.querySelector('.spin')), 'no spinner').to.equal(false);
    passed(await audit(el, 'the loading view with slotted content'), 'color-contrast');
  });

  it("error: the page's own content in the error slot", async () => {
    const el = await failed(
      '<div slot="error"><p>The dashboard is unavailable right now.</p>' +
        '<a href="#support">Contact support</a></div>',
    );
    const slot = el.shadowRoot!.querySelector<HTMLSlotElement>('slot[name="error"]')!;
    expect(slot.assignedElements().length, 'the page content is slotted').to.equal(1);
    expect(shown(el.querySelector('a')), 'the page content is shown').to.equal(true);
    expect(shown(part(el, 'retry')), 'no default Retry button').to.equal(false);
    const results = await audit(el, 'the error view with slotted content');
    passed(results, 'color-contrast');
    passed(results, 'link-name');
  });

  it('ready: the frame, named by title', async () => {
    const el = mount({ 'token-endpoint': '/api/token', title: 'Quarterly sales' });
    await oneEvent(el, 'bi-embed-load');
    await el.updateComplete;
    expect(el.status).to.equal('ready');
    expect(shown(part(el, 'loading')), 'no loading view').to.equal(false);
    expect(shown(part(el, 'error')), 'no error view').to.equal(false);
    const frame = el.shadowRoot!.querySelector('iframe')!;
    const results = await audit(el, 'the ready state');
    passed(results, 'frame-title');
    axe.setup(el);
    try {
      expect(axe.commons.text.accessibleText(frame)).to.equal('Quarterly sales');
    } finally {
      axe.teardown();
    }
  });

  it('ready: the frame without a title is named "Embedded dashboard"', async () => {
    const el = mount({ 'token-endpoint': '/api/token' });
    await oneEvent(el, 'bi-embed-load');
    const frame = el.shadowRoot!.querySelector('iframe')!;
    passed(await audit(el, 'the ready state, no title'), 'frame-title');
    axe.setup(el);
    try {
      expect(axe.commons.text.accessibleText(frame)).to.equal('Embedded dashboard');
    } finally {
      axe.teardown();
    }
  });

  it('error at 200 % zoom (640 CSS px wide): message and Retry in view, axe still passes', async () => {
    // A 1280 px wide window at 200 % is 640 CSS px.
    await setViewport({ width: 640, height: 480 });
    const el = await failed();
    expect(document.documentElement.scrollWidth, 'no sideways page scroll').to.be.at.most(640);
    unclipped(el, part(el, 'error')!.querySelector('p')!, 'the message');
    unclipped(el, part(el, 'retry')!, 'the Retry button');
    passed(await audit(el, 'the error view at 200 % zoom'), 'color-contrast');
  });

  it('error at 200 % zoom (CSS zoom: 2): message and Retry in view, axe still passes', async () => {
    await setViewport({ width: 1280, height: 800 });
    container.style.zoom = '2';
    const el = await failed();
    expect(document.documentElement.scrollWidth, 'no sideways page scroll').to.be.at.most(1280);
    unclipped(el, part(el, 'error')!.querySelector('p')!, 'the message');
    unclipped(el, part(el, 'retry')!, 'the Retry button');
    passed(await audit(el, 'the error view at CSS zoom 2'), 'color-contrast');
  });

  it('with prefers-reduced-motion: reduce the spinner does not move', async () => {
    const el = await loading();
    const spinner = part(el, 'loading')!.querySelector<HTMLElement>('.spin')!;
    expect(running(spinner), 'it spins by default').to.equal(1);
    await emulateMedia({ reducedMotion: 'reduce' });
    expect(running(spinner), 'no running animation once reduced').to.equal(0);
    await audit(el, 'the loading view with reduced motion');
    // An element that starts loading while motion is reduced never spins.
    const later = await loading();
    const still = part(later, 'loading')!.querySelector<HTMLElement>('.spin')!;
    expect(shown(still), 'the spinner is still drawn').to.equal(true);
    expect(running(still), 'no running animation from the start').to.equal(0);
  });
});
