import { expect } from '@open-wc/testing';
import { metabase } from '../../src/providers/metabase.js';
import { toGrant } from '../../src/token.js';

const url = (href: string) => new URL(href);
const context = (extra: object = {}) => ({
  options: {},
  query: {},
  _hostOrigin: 'https://app.example',
  ...extra,
});
// Any three base64url segments: the module never decodes the token it places.
const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJyZXNvdXJjZSI6eyJkYXNoYm9hcmQiOjF9fQ.c2ln';

describe('metabase provider: URLs', () => {
  it('owns static embeds and public links, under a path prefix too', () => {
    for (const href of [
      `https://bi.example/embed/dashboard/${TOKEN}`,
      `https://bi.example/embed/question/${TOKEN}#bordered=false`,
      'https://bi.example/public/dashboard/6f1c0a52-aaaa-4bbb-8ccc-000000000001',
      'https://bi.example/metabase/public/question/q-1/',
    ]) {
      expect(metabase._ownsUrl(url(href)), href).to.equal(true);
    }
    for (const href of [
      `https://bi.example/embed/p-1#${TOKEN}`,
      'https://bi.example/dashboard/1',
      'https://bi.example/embed/dashboard',
    ]) {
      expect(metabase._ownsUrl(url(href)), href).to.equal(false);
    }
  });

  it('puts the token in the path: dashboard, else question, entity ids too', () => {
    const path = (resource: unknown) =>
      metabase._tokenPath({ ...toGrant({ token: TOKEN }, 0), _claims: { resource } });
    expect(path({ dashboard: 1 })).to.equal(`/embed/dashboard/${TOKEN}`);
    expect(path({ question: 'Hgr1vP3tC5kD0ZqA_mW7x' })).to.equal(`/embed/question/${TOKEN}`);
    expect(() => path({ collection: 1 })).to.throw('names no dashboard or question');
    expect(() => path({ dashboard: null, question: '' })).to.throw(
      'names no dashboard or question',
    );
  });

  it('writes filters in the query and options in the hash, keeping unknown hash keys', () => {
    const target = url(`https://bi.example/embed/dashboard/${TOKEN}?tab=2#font=Lato&x=1`);
    metabase._decorate(
      target,
      context({
        options: { bordered: false, background: false, downloads: 'results,pdf' },
        query: { category: ['A', 'B'], none: null },
      }),
    );
    expect(target.search).to.equal('?tab=2&category=A&category=B');
    expect(target.hash).to.equal(
      '#font=Lato&x=1&bordered=false&background=false&downloads=results%2Cpdf',
    );
  });

  it('writes hide-download-button as downloads=false, never hide_download_button', () => {
    const target = url(`https://bi.example/embed/dashboard/${TOKEN}`);
    metabase._decorate(target, context({ options: { hideDownloadButton: true } }));
    expect(target.hash).to.equal('#downloads=false');
  });

  it('reads the options a URL hash carries, old and new names', () => {
    expect(
      metabase._optionsIn(
        url(
          `https://bi.example/embed/dashboard/${TOKEN}#bordered=false&hide_download_button=true&font=Lato&background=false&nope=1`,
        ),
      ),
    ).to.deep.equal({
      bordered: 'false',
      hideDownloadButton: 'true',
      font: 'Lato',
      background: 'false',
    });
  });
});

describe('metabase provider: messages', () => {
  it('reads filters from location messages', () => {
    const location = { href: 'https://bi.example/embed/dashboard/x?a=1', search: '?a=1&b=2&b=3' };
    expect(metabase._parse({ metabase: { type: 'location', location } })).to.deep.equal({
      type: 'filters',
      filters: { a: '1', b: ['2', '3'] },
    });
  });

  it('reads frame heights in both modes; 0 means not laid out', () => {
    for (const mode of ['normal', 'fit']) {
      expect(
        metabase._parse({ metabase: { type: 'frame', frame: { mode, height: 812 } } }),
      ).to.deep.equal({
        type: 'height',
        height: 812,
      });
    }
    expect(metabase._parse({ metabase: { type: 'frame', frame: { height: 0 } } })).to.deep.equal({
      type: 'height',
      height: undefined,
    });
  });

  it('ignores malformed messages', () => {
    for (const data of [
      [{ metabase: { type: 'frame', frame: { height: 1 } } }],
      { metabase: null },
      { metabase: 'location' },
      { metabase: { type: 'location' } },
      { metabase: { type: 'location', location: { search: 42 } } },
      { metabase: { type: 'frame', frame: { height: -1 } } },
      { metabase: { type: 'frame', frame: { height: '1e400' } } },
      { metabase: { type: 'frame', frame: { height: Infinity } } },
      { metabase: { type: 'frame' } },
      { metabase: { type: 'unknown' } },
      '[iFrameSizer]bi-embed:100:100:init',
    ]) {
      expect(metabase._parse(data), JSON.stringify(data)).to.equal(undefined);
    }
  });
});
