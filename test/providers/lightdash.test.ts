import { expect } from '@open-wc/testing';
import { lightdash } from '../../src/providers/lightdash.js';
import type { Grant } from '../../src/token.js';

const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJjb250ZW50Ijp7fX0.c2ln';
const HOST = 'https://app.example';
const context = (extra: object = {}) => ({ options: {}, query: {}, _hostOrigin: HOST, ...extra });
const grant = (content: unknown): Grant => ({ token: TOKEN, _claims: { content }, _receivedAt: 0 });
const event = (type: string, payload?: unknown) => ({ type, payload, timestamp: 1 });

describe('lightdash provider: URLs', () => {
  it('builds the routes its router serves: /embed/<p> and /embed/<p>/chart/<id>', () => {
    expect(
      lightdash._tokenPath(
        grant({ type: 'dashboard', dashboardUuid: 'd' }),
        context({ projectUuid: 'p' }),
      ),
    ).to.equal(`/embed/p#${TOKEN}`);
    expect(
      lightdash._tokenPath(
        grant({ type: 'chart', contentId: 'c/1' }),
        context({ projectUuid: 'p' }),
      ),
    ).to.equal(`/embed/p/chart/c%2F1#${TOKEN}`);
    expect(
      lightdash._tokenPath(
        grant({ type: 'dashboard', dashboardSlug: 's', projectUuid: 'pc' }),
        context(),
      ),
    ).to.equal(`/embed/pc#${TOKEN}`);
  });

  it('refuses content it cannot route', () => {
    for (const content of [
      { type: 'app', appUuid: 'a' },
      { type: 'chart' },
      { type: 'dashboard' },
    ]) {
      expect(
        () => lightdash._tokenPath(grant(content), context({ projectUuid: 'p' })),
        JSON.stringify(content),
      ).to.throw('names no dashboard or chart');
    }
    expect(() =>
      lightdash._tokenPath(grant({ type: 'dashboard', dashboardUuid: 'd' }), context()),
    ).to.throw('project-uuid');
  });

  it('owns a URL by the JWT in its hash, whatever its path', () => {
    for (const path of [
      '/embed/p',
      '/embed/p/tabs/t',
      '/embed/p/chart/c',
      '/embed/p/dashboard/d',
    ]) {
      expect(lightdash._ownsUrl(new URL(`https://bi.example${path}#${TOKEN}`)), path).to.equal(
        true,
      );
    }
    expect(lightdash._ownsUrl(new URL('https://bi.example/embed/p#bordered=false'))).to.equal(
      false,
    );
    expect(lightdash._ownsUrl(new URL(`https://bi.example/embed/dashboard/${TOKEN}`))).to.equal(
      false,
    );
  });

  it('writes targetOrigin, theme, backgroundColor and timezone in the query; never the hash', () => {
    const url = new URL(`https://bi.example/embed/p?keep=1#${TOKEN}`);
    lightdash._decorate(
      url,
      context({
        options: {
          theme: 'night',
          backgroundColor: 'ff00aa',
          timezone: 'Asia/Tokyo',
          bordered: false,
        },
        query: { category: 'Gizmo' },
      }),
    );
    expect(Object.fromEntries(url.searchParams)).to.deep.equal({
      keep: '1',
      targetOrigin: HOST,
      theme: 'dark',
      backgroundColor: 'ff00aa',
      timezone: 'Asia/Tokyo',
    });
    expect(url.hash).to.equal(`#${TOKEN}`);
    const transparent = new URL(`https://bi.example/embed/p#${TOKEN}`);
    lightdash._decorate(transparent, context({ options: { theme: 'transparent' } }));
    expect(transparent.searchParams.has('theme')).to.equal(false);
  });
});

describe('lightdash provider: messages', () => {
  it('reads filterChanged as a count without values', () => {
    expect(
      lightdash._parse(event('lightdash:filterChanged', { hasFilters: true, filterCount: 2 })),
    ).to.deep.equal({
      type: 'filter-count',
      filterCount: 2,
      hasFilters: true,
    });
    expect(lightdash._parse(event('lightdash:filterChanged', { filterCount: -1 }))).to.deep.equal({
      type: 'filter-count',
      filterCount: 0,
      hasFilters: false,
    });
  });

  it('reads allTilesLoaded as content loaded, with what it counted', () => {
    expect(
      lightdash._parse(event('lightdash:allTilesLoaded', { tilesCount: 3, loadTimeMs: 120.5 })),
    ).to.deep.equal({
      type: 'content-loaded',
      tilesCount: 3,
      loadTimeMs: 120.5,
    });
    expect(
      lightdash._parse(event('lightdash:allTilesLoaded', { tilesCount: '3', loadTimeMs: -1 })),
    ).to.deep.equal({ type: 'content-loaded' });
  });

  it('reads every other event as a sign of life', () => {
    for (const name of ['locationChanged', 'tabChanged', 'chartSaved', 'notification']) {
      expect(lightdash._parse(event(`lightdash:${name}`, {}))).to.deep.equal({ type: 'alive' });
    }
  });

  it('ignores other messages', () => {
    for (const data of [
      { type: 'lightdash' },
      { type: 'other:filterChanged' },
      { type: 42 },
      'lightdash:x',
      null,
    ]) {
      expect(lightdash._parse(data), JSON.stringify(data)).to.equal(undefined);
    }
  });
});
