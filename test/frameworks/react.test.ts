// React 19: the React example's SalesDashboard compiled by esbuild (see plugin.mjs), rendered in a
// StrictMode root, so every test also runs through React's development double mount.
import { expect, oneEvent } from '@open-wc/testing';
import { mountReact } from './react/main.js';
import { tokenRequests } from '../helpers/endpoint.js';
import { frameworkSuite, newKey } from './suite.js';

frameworkSuite('React 19 (StrictMode)', mountReact);

describe('<bi-embed> under React 19 StrictMode', () => {
  it('survives the double mount: one element inserted, one token, one frame', async () => {
    const target = document.createElement('div');
    document.body.append(target);
    // Every <bi-embed> inserted into the page, itself or inside an inserted subtree.
    const inserted: Element[] = [];
    const collect = (records: MutationRecord[]) => {
      for (const record of records) {
        for (const node of record.addedNodes) {
          if (!(node instanceof Element)) continue;
          if (node.localName === 'bi-embed') inserted.push(node);
          inserted.push(...node.querySelectorAll('bi-embed'));
        }
      }
    };
    const observer = new MutationObserver(collect);
    observer.observe(target, { childList: true, subtree: true });
    const key = newKey('react-strict');
    const loaded = oneEvent(target, 'bi-embed-load');
    const app = await mountReact(target, {
      endpoint: `/api/token?key=${key}`,
      category: 'Gizmo',
      show: true,
      label: 'Sales',
    });
    try {
      await loaded;
      const el = target.querySelector('bi-embed')!;
      collect(observer.takeRecords());
      // StrictMode's simulated unmount and remount runs effects and refs twice on one DOM node.
      expect(inserted).to.have.length(1);
      expect(inserted[0]).to.equal(el);
      expect(el.shadowRoot!.querySelectorAll('iframe')).to.have.length(1);
      expect(await tokenRequests(key)).to.equal(1);
    } finally {
      observer.disconnect();
      await app.unmount();
      target.remove();
    }
  });
});
