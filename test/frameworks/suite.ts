// The behaviours every framework example must show with <bi-embed>, run once per framework by
// vue.test.ts, svelte.test.ts and react.test.ts on the examples' SalesDashboard components. The frames are the stand-in BI pages on the
// second origin (test/fixtures/embed-page.js); the token endpoint is
// test/server/token-endpoint.mjs.
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/define.js';
import type { BiEmbed } from '../../src/bi-embed.js';
import { newKey as keyFor, tokenRequests } from '../helpers/endpoint.js';
import { command } from '../helpers/frames.js';
import { FRAME_ORIGIN } from '../helpers/origins.js';
import type { MountApp, MountedApp } from './app.js';

/** A token-log key of its own for one framework's test. */
export const newKey = (name: string) => keyFor(`frameworks-${name}`);

/** Every iframe of every <bi-embed> on the page. */
function allFrames(): HTMLIFrameElement[] {
  return [...document.querySelectorAll('bi-embed')].flatMap((el) => [
    ...el.shadowRoot!.querySelectorAll('iframe'),
  ]);
}

function theElement(target: HTMLElement): BiEmbed {
  const found = target.querySelectorAll('bi-embed');
  expect(found.length, 'one <bi-embed> in the app').to.equal(1);
  return found[0];
}

function theFrame(el: BiEmbed): HTMLIFrameElement {
  const frames = el.shadowRoot!.querySelectorAll('iframe');
  expect(frames.length, 'one iframe in <bi-embed>').to.equal(1);
  return frames[0];
}

/**
 * Changes the stand-in page's query string, as the real embed does when the viewer picks a filter
 * value; the page's 100 ms poll then posts Metabase's `location` message, as Metabase's does.
 */
async function viewerPicks(frame: HTMLIFrameElement, search: string): Promise<void> {
  await command(frame.contentWindow!, FRAME_ORIGIN, { search });
}

/** Counts iframes added to `el`'s shadow root from now on. */
function countAddedFrames(el: BiEmbed): () => number {
  let added = 0;
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      added += [...record.addedNodes].filter((node) => node.nodeName === 'IFRAME').length;
    }
  });
  observer.observe(el.shadowRoot!, { childList: true, subtree: true });
  return () => {
    for (const record of observer.takeRecords()) {
      added += [...record.addedNodes].filter((node) => node.nodeName === 'IFRAME').length;
    }
    observer.disconnect();
    return added;
  };
}

export function frameworkSuite(name: string, mountApp: MountApp): void {
  describe(`<bi-embed> in a ${name} app`, () => {
    let target: HTMLElement;
    let app: MountedApp | undefined;

    beforeEach(() => {
      target = document.createElement('div');
      document.body.append(target);
    });

    afterEach(async () => {
      await app?.unmount();
      app = undefined;
      target.remove();
    });

    async function mount(endpoint: string, category = 'Gizmo') {
      const loaded = oneEvent(target, 'bi-embed-load');
      app = await mountApp(target, { endpoint, category, show: true, label: 'Sales' });
      await loaded;
      return { app, el: theElement(target) };
    }

    it('binds token-endpoint as an attribute and params as a property: one token, one frame', async () => {
      const key = newKey(name);
      const endpoint = `/api/token?key=${key}`;
      const { el } = await mount(endpoint);

      expect(el.getAttribute('token-endpoint')).to.equal(endpoint);
      expect(el.hasAttribute('params'), 'params is set as a property').to.equal(false);
      expect(el.params).to.deep.equal({ category: 'Gizmo' });
      const url = new URL(theFrame(el).src);
      expect(url.origin).to.equal(FRAME_ORIGIN);
      expect(url.searchParams.get('category')).to.equal('Gizmo');
      // Static attribute values the framework may hand to the property as strings.
      expect([el.bordered, el.theme, el.minHeight]).to.deep.equal([false, 'night', 400]);
      expect(Object.fromEntries(new URLSearchParams(url.hash.slice(1)))).to.deep.equal({
        bordered: 'false',
        theme: 'night',
      });
      expect(allFrames()).to.have.length(1);
      expect(await tokenRequests(key)).to.equal(1);
      expect(el.status).to.equal('ready');
    });

    it('survives re-renders: same element and frame; new params reuse the token, a new endpoint does not', async () => {
      const key = newKey(name);
      const { app, el } = await mount(`/api/token?key=${key}`);
      const frame = theFrame(el);

      const added = countAddedFrames(el);
      await app.update({ label: 'Sales (updated)' });
      expect(target.querySelector('h2')!.textContent).to.equal('Sales (updated)');
      expect(theElement(target)).to.equal(el);
      expect(theFrame(el)).to.equal(frame);
      expect(added(), 'no frame created by a re-render').to.equal(0);

      let loaded = oneEvent(target, 'bi-embed-load');
      await app.update({ category: 'Widget' });
      await loaded;
      expect(theElement(target)).to.equal(el);
      expect(new URL(theFrame(el).src).searchParams.get('category')).to.equal('Widget');
      expect(await tokenRequests(key), 'params reuse the token').to.equal(1);

      const otherKey = newKey(name);
      loaded = oneEvent(target, 'bi-embed-load');
      await app.update({ endpoint: `/api/token?key=${otherKey}` });
      await loaded;
      expect(theElement(target)).to.equal(el);
      expect(el.getAttribute('token-endpoint')).to.equal(`/api/token?key=${otherKey}`);
      expect(await tokenRequests(otherKey)).to.equal(1);
      expect(allFrames()).to.have.length(1);
    });

    it("hands bi-embed-filter-change and bi-embed-error to the app's own listeners, once each", async () => {
      const { app, el } = await mount(`/api/token?key=${newKey(name)}`);
      const frame = theFrame(el);
      // The embed's first report sets the known values without an event; the viewer acts later.
      await waitUntil(() => el.filters.category === 'Gizmo', 'the embed reported its filters');
      expect(app.log.filters).to.deep.equal([]);
      const changed = oneEvent(target, 'bi-embed-filter-change');
      await viewerPicks(frame, '?category=Widget');
      await changed;
      expect(app.log.filters).to.have.length(1);
      expect(app.log.filters[0]).to.include({ provider: 'metabase' });
      expect(app.log.filters[0].filters).to.deep.equal({ category: 'Widget' });
      expect(app.log.filters[0].changed).to.deep.equal(['category']);
      await app.update({});
      expect(target.querySelector('output.filters')!.textContent).to.equal('{"category":"Widget"}');
      expect(theFrame(el), 'the state update re-rendered the app, not the embed').to.equal(frame);

      const failed = oneEvent(target, 'bi-embed-error');
      await app.update({ endpoint: `/api/token?status=403&key=${newKey(name)}` });
      await failed;
      expect(app.log.errors).to.deep.equal(['token-http']);
      await app.update({});
      expect(target.querySelector('output.error')!.textContent).to.equal('token-http');
      expect(el.status).to.equal('error');
    });

    // React and Vue re-render an inline `params` object as a new object with the same value: the
    // viewer's choice must survive that, and the next token refresh must carry it.
    it("keeps the viewer's filter choice through the app's re-renders and a token refresh", async () => {
      // seq: every token differs, so the refresh has a new URL to load.
      const { app, el } = await mount(`/api/token?seq=1&key=${newKey(name)}`);
      await waitUntil(() => el.filters.category === 'Gizmo', 'the embed reported its filters');
      const changed = oneEvent(target, 'bi-embed-filter-change');
      await viewerPicks(theFrame(el), '?category=Widget');
      await changed;
      // The handler's state update and an unrelated one re-render the app, which writes its
      // `params` object literal again with the same value: that is not a new value from the page.
      await app.update({ label: 'Sales (filtered)' });
      expect(el.params).to.deep.equal({ category: 'Gizmo' });
      expect(el.filters).to.deep.equal({ category: 'Widget' });

      const loaded = oneEvent(target, 'bi-embed-load');
      await el.refresh();
      await loaded;
      const url = new URL(theFrame(el).src);
      expect(url.searchParams.get('category'), 'carried into the new URL').to.equal('Widget');
    });

    it('unmount removes the frame and stops the token refresh; a remount makes exactly one new frame', async () => {
      // A 2 s token is refreshed after at most 1.5 s (75 %); the remounted element's 3 s token
      // not before 2.1 s (70 %). So when the second element refreshes, the first one's refresh
      // would have happened if anything of it were still running.
      const first = newKey(name);
      const { app, el } = await mount(`/api/token?ttl=2&key=${first}`);
      await app.update({ show: false });
      expect(target.querySelector('bi-embed')).to.equal(null);
      expect(el.shadowRoot!.querySelectorAll('iframe')).to.have.length(0);
      expect(el.status).to.equal('idle');
      expect(allFrames()).to.have.length(0);

      const second = newKey(name);
      const loaded = oneEvent(target, 'bi-embed-load');
      await app.update({ show: true, endpoint: `/api/token?ttl=3&key=${second}` });
      await loaded;
      const again = theElement(target);
      expect(again).not.to.equal(el);
      expect(allFrames()).to.have.length(1);

      await oneEvent(again, 'bi-embed-token-refresh');
      expect(await tokenRequests(second)).to.equal(2);
      expect(await tokenRequests(first), 'the unmounted element requested nothing more').to.equal(
        1,
      );
      expect(el.shadowRoot!.querySelectorAll('iframe')).to.have.length(0);
      expect(allFrames()).to.have.length(1);
    });
  });
}
