// The loading and error views as a viewer meets them: announced to assistive technology, readable
// (WCAG 2 AA contrast), still at 200 % zoom (320 CSS px wide), and still for viewers who asked for
// less motion.
import { emulateMedia, setViewport } from '@web/test-runner-commands';
import { expect, oneEvent } from '@open-wc/testing';
import type { BiEmbed } from '../src/bi-embed.js';
import { create, mount } from './helpers/mount.js';

function luminance(color: string): number {
  const [r, g, b] = color
    .match(/[\d.]+/g)!
    .slice(0, 3)
    .map((v) => Number(v) / 255);
  const channel = (c: number) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

async function errorView(): Promise<{ el: BiEmbed; view: HTMLElement }> {
  const el = create({ 'token-endpoint': '/api/token?status=401' });
  const failed = oneEvent(el, 'bi-embed-error');
  await mount(el);
  await failed;
  await el.updateComplete;
  return { el, view: el.shadowRoot!.querySelector<HTMLElement>('[part="error"]')! };
}

async function loadingView(): Promise<{ el: BiEmbed; view: HTMLElement }> {
  const el = await mount({ 'token-endpoint': '/api/token?delay=2000&frame=silent' });
  return { el, view: el.shadowRoot!.querySelector<HTMLElement>('[part="loading"]')! };
}

describe('views', () => {
  afterEach(async () => {
    await emulateMedia({ reducedMotion: 'no-preference', colorScheme: 'no-preference' });
    await setViewport({ width: 800, height: 600 });
  });

  it('the error view is an alert, and its text and Retry button pass WCAG AA contrast', async () => {
    const { view } = await errorView();
    expect(view.getAttribute('role')).to.equal('alert');
    const background = getComputedStyle(view).backgroundColor;
    const message = view.querySelector('p')!;
    expect(contrast(getComputedStyle(message).color, background)).to.be.at.least(4.5);
    const retry = view.querySelector('button')!;
    const style = getComputedStyle(retry);
    expect(retry.textContent).to.equal('Retry');
    expect(contrast(style.color, style.backgroundColor), 'Retry button').to.be.at.least(4.5);
  });

  it('the loading view is a status, and its text passes WCAG AA contrast', async () => {
    const { view } = await loadingView();
    expect(view.getAttribute('role')).to.equal('status');
    const text = view.querySelector('span:not(.spin)')!;
    const ratio = contrast(getComputedStyle(text).color, getComputedStyle(view).backgroundColor);
    expect(ratio).to.be.at.least(4.5);
  });

  it('does not spin for viewers who prefer reduced motion', async () => {
    const { view } = await loadingView();
    const spinner = view.querySelector('.spin')!;
    expect(getComputedStyle(spinner).animationName).to.equal('turn');
    await emulateMedia({ reducedMotion: 'reduce' });
    expect(getComputedStyle(spinner).animationName).to.equal('none');
  });

  it("keeps the page's colour scheme in dark mode, so a transparent embed is not painted white", async () => {
    await emulateMedia({ colorScheme: 'dark' });
    const { el } = await loadingView();
    // Chromium paints an opaque backdrop behind a frame whose scheme differs from its page's.
    const scheme = (node: Element) => getComputedStyle(node).colorScheme;
    expect(scheme(el)).to.equal(scheme(document.documentElement));
    expect(scheme(el.shadowRoot!.querySelector('[part="loading"]')!)).to.equal('normal');
  });

  it('at 200 % zoom (320 CSS px wide) the error view keeps its text and button in view', async () => {
    await setViewport({ width: 320, height: 480 });
    const { el, view } = await errorView();
    el.style.display = 'block';
    el.style.width = '100%';
    const box = view.getBoundingClientRect();
    expect(view.scrollWidth, 'no sideways scrolling').to.be.at.most(view.clientWidth);
    for (const part of [view.querySelector('p')!, view.querySelector('button')!]) {
      const rect = part.getBoundingClientRect();
      expect(rect.left).to.be.at.least(box.left);
      expect(rect.right).to.be.at.most(box.right);
    }
  });
});
