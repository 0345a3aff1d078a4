import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { newKey, tokenRequests as requests } from './helpers/endpoint.js';
import { create } from './helpers/mount.js';

/** Resolves once the browser has computed `el`'s intersections for the current scroll position. */
function intersectionsComputed(el: Element): Promise<void> {
  return new Promise((resolve) => {
    const observer = new IntersectionObserver(() => {
      observer.disconnect();
      resolve();
    });
    observer.observe(el);
  });
}

/** An element `below` viewport heights down the page, with its own token-log key. */
async function mountBelow(below: number, loading: string) {
  const key = newKey('lazy');
  const el = create({ loading, 'token-endpoint': `/api/token?key=${key}` });
  await fixture(html`
    <div>
      <div style="height: ${below * innerHeight}px"></div>
      ${el}
    </div>
  `);
  return { el, key };
}

describe('loading="lazy"', () => {
  afterEach(() => scrollTo(0, 0));

  it('requests no token until the element is within one viewport of being visible', async () => {
    const { el, key } = await mountBelow(3, 'lazy');
    await intersectionsComputed(el);
    await el.updateComplete;
    expect(el.status).to.equal('idle');
    expect(el.shadowRoot!.querySelector('iframe')).to.not.exist;

    // 1.5 viewports below the fold: still too far.
    scrollTo(0, 0.5 * innerHeight);
    await intersectionsComputed(el);
    await el.updateComplete;
    expect(el.status).to.equal('idle');
    expect(await requests(key)).to.equal(0);

    // 0.8 viewports below the fold: near enough.
    const embedLoaded = oneEvent(el, 'bi-embed-load');
    scrollTo(0, 1.2 * innerHeight);
    await embedLoaded;
    expect(await requests(key)).to.equal(1);
  });

  it('loads at once when it starts within one viewport of the fold', async () => {
    const { el, key } = await mountBelow(1.5, 'lazy');
    await oneEvent(el, 'bi-embed-load');
    expect(await requests(key)).to.equal(1);
  });

  it('keeps what it loaded when scrolled away again', async () => {
    const { el, key } = await mountBelow(1.5, 'lazy');
    await oneEvent(el, 'bi-embed-load');
    scrollTo(0, 0);
    el.theme = 'night';
    await intersectionsComputed(el);
    await el.updateComplete;
    // The new URL loads behind the visible frame: it is the last one.
    const frames = el.shadowRoot!.querySelectorAll('iframe');
    expect(frames[frames.length - 1].src).to.contain('theme=night');
    expect(await requests(key)).to.equal(1);
  });

  it('is eager by default, and an unknown value means eager', async () => {
    for (const loading of ['eager', 'sometimes']) {
      const { el, key } = await mountBelow(3, loading);
      expect(el.loading).to.equal('eager');
      expect(el.status).to.equal('loading');
      await oneEvent(el, 'bi-embed-load');
      expect(await requests(key)).to.equal(1);
    }
  });

  it('loads when switched from lazy to eager', async () => {
    const { el } = await mountBelow(3, 'lazy');
    await intersectionsComputed(el);
    expect(el.status).to.equal('idle');
    el.loading = 'eager';
    await oneEvent(el, 'bi-embed-load');
  });
});
