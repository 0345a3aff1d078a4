// React 19: react/App.tsx compiled by esbuild (see plugin.mjs), rendered in a StrictMode root, so
// every test also runs through React's development double mount.
import { expect, oneEvent } from '@open-wc/testing';
import { mountReact } from './react/main.js';
import { frameworkSuite, newKey, tokenRequests } from './suite.js';

frameworkSuite('React 19 (StrictMode)', mountReact);

describe('<bi-embed> under React 19 StrictMode', () => {
  it('survives the double mount: the ref attaches, detaches and attaches again; one token, one frame', async () => {
    const target = document.createElement('div');
    document.body.append(target);
    const key = newKey('react-strict');
    const loaded = oneEvent(target, 'bi-embed-load');
    const app = await mountReact(target, {
      endpoint: `/api/token?key=${key}`,
      category: 'Gizmo',
      show: true,
      label: 'Sales',
    });
    let el: HTMLElement | undefined;
    try {
      await loaded;
      el = target.querySelector('bi-embed')!;
      // StrictMode's simulated unmount and remount, on the same DOM element.
      expect(app.log.refs).to.deep.equal([el, null, el]);
      expect(el.shadowRoot!.querySelectorAll('iframe')).to.have.length(1);
      expect(await tokenRequests(key)).to.equal(1);
    } finally {
      await app.unmount();
      target.remove();
    }
    expect(app.log.refs).to.deep.equal([el, null, el, null]);
  });
});
