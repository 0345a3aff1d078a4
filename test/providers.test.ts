// The contract every provider module keeps, whatever its tool: the registry, the element, the URL
// builder and the frame controller rely on exactly this and nothing else.
import { expect } from '@open-wc/testing';
import { SignJWT } from 'jose';
import { EmbedError } from '../src/errors.js';
import { normalizeOptions, type DisplayOptions } from '../src/options.js';
import {
  PROVIDERS,
  providerFromClaims,
  providerFromUrl,
  providerModule,
  type Provider,
} from '../src/providers/index.js';
import { toGrant, type Grant } from '../src/token.js';

const HOST = 'https://app.example';
const key = new TextEncoder().encode('contract-test-secret-0123456789abcdef');

/** For each provider: claims of a token it owns, and the context that builds its URL. */
const SAMPLES: Record<
  Provider,
  { claims: Record<string, unknown>; projectUuid?: string; messages: unknown[] }
> = {
  metabase: {
    claims: { resource: { dashboard: 7 }, params: {} },
    messages: [
      { metabase: { type: 'location', location: { search: '?a=1' } } },
      { metabase: { type: 'frame', frame: { mode: 'normal', height: 10 } } },
    ],
  },
  lightdash: {
    claims: { content: { type: 'dashboard', dashboardUuid: 'd-7' } },
    projectUuid: 'p-7',
    messages: [
      { type: 'lightdash:locationChanged', payload: { pathname: '/embed/p-7' }, timestamp: 1 },
      { type: 'lightdash:allTilesLoaded', payload: { tilesCount: 2, loadTimeMs: 5 }, timestamp: 1 },
    ],
  },
  superset: {
    claims: {
      type: 'guest',
      user: { username: 'viewer' },
      resources: [{ type: 'dashboard', id: 'e-7' }],
      rls_rules: [],
      aud: 'superset',
    },
    // Read from the page's port: Superset's page posts nothing on its window.
    messages: [
      {
        switchboardAction: 'emit',
        method: 'observeDataMask',
        args: { 'NATIVE_FILTER-a': { filterState: { value: ['x'] } }, nativeFiltersChanged: true },
      },
    ],
  },
};

const EVERY_OPTION: DisplayOptions = normalizeOptions({
  bordered: false,
  titled: false,
  theme: 'night',
  hideParameters: 'a,b',
  hideDownloadButton: true,
  downloads: 'results,pdf',
  locale: 'de',
  background: false,
  backgroundColor: '#102030',
  font: 'Lato',
  timezone: 'Europe/Paris',
});

/** Messages of every shape the element may receive from any frame. */
const FOREIGN: unknown[] = [
  undefined,
  null,
  '',
  'text',
  42,
  [],
  {},
  { type: 'unknown:event' },
  { metabase: { type: 'nothing' } },
  { type: 'x'.repeat(10_000) },
  '[iFrameSizer]bi-embed:100:100:init',
  Object.create(null),
];

async function grantOf(name: Provider): Promise<Grant> {
  const token = await new SignJWT(SAMPLES[name].claims)
    .setProtectedHeader({ alg: 'HS256' })
    .sign(key);
  return toGrant({ token }, Date.now());
}

function context(name: Provider, options: DisplayOptions = {}) {
  return {
    options,
    query: { category: 'Gizmo' },
    _hostOrigin: HOST,
    projectUuid: SAMPLES[name].projectUuid,
  };
}

describe('provider registry', () => {
  it('lists every module once, each by its own name', () => {
    expect(PROVIDERS.length).to.be.greaterThan(1);
    expect(new Set(PROVIDERS).size).to.equal(PROVIDERS.length);
    expect(new Set(PROVIDERS.map(providerModule)).size).to.equal(PROVIDERS.length);
    for (const name of PROVIDERS) expect(providerModule(name), name).to.be.an('object');
    expect(Object.keys(SAMPLES).sort()).to.deep.equal([...PROVIDERS].sort());
  });
});

for (const name of PROVIDERS) {
  describe(`provider contract: ${name}`, () => {
    const module = providerModule(name);

    it('is a record of data and functions, with a known life signal and sizing source', () => {
      expect(['message', 'load']).to.include(module._liveOn);
      expect(['iframe-resizer', 'messages', 'poll', 'css']).to.include(module._sizing);
      // A page that takes its token over a channel must be asked for its height.
      if (module._connect) expect(module._sizing).to.equal('poll');
      if (module._sizing === 'poll') expect(module._connect).to.be.a('function');
      const functions = ['_ownsClaims', '_ownsUrl', '_tokenPath', '_decorate', '_parse'] as const;
      for (const fn of functions) expect(module[fn], fn).to.be.a('function');
      // Only a tool whose URLs carry options reads them back.
      if (module._optionsIn) expect(module._optionsIn).to.be.a('function');
    });

    it('reads only options the element has, each once', () => {
      const known = Object.keys(EVERY_OPTION);
      expect(module._reads.length).to.be.greaterThan(0);
      expect(new Set(module._reads).size).to.equal(module._reads.length);
      for (const option of module._reads) expect(known, option).to.include(option);
    });

    it('is the one module that claims its sample token', async () => {
      const grant = await grantOf(name);
      expect(providerFromClaims(grant._claims)).to.equal(name);
      for (const other of PROVIDERS.filter((p) => p !== name)) {
        expect(providerModule(other)._ownsClaims(grant._claims), other).to.equal(false);
      }
      expect(module._ownsClaims({})).to.equal(false);
    });

    it('builds a URL it recognises as its own, with the token inside unless a channel carries it', async () => {
      const grant = await grantOf(name);
      const path = module._tokenPath(grant, context(name));
      expect(path.startsWith('/')).to.equal(true);
      const url = new URL(`https://bi.example${path}`);
      module._decorate(url, context(name, EVERY_OPTION));
      if (module._connect) expect(url.href).not.to.include(grant.token);
      else expect(url.href).to.include(grant.token);
      expect(providerFromUrl(url)).to.equal(name);
      const owners = PROVIDERS.filter((p) => providerModule(p)._ownsUrl(url));
      expect(owners, 'no other module claims the URL').to.deep.equal([name]);
      expect(url.origin).to.equal('https://bi.example');
    });

    it('fails a token without content with an EmbedError, never anything else', async () => {
      const grant = toGrant(
        {
          token: await new SignJWT({ sub: 'x' }).setProtectedHeader({ alg: 'HS256' }).sign(key),
        },
        Date.now(),
      );
      try {
        module._tokenPath(grant, context(name));
        expect.fail('tokenPath accepted a token that names nothing');
      } catch (error) {
        expect(error).to.be.instanceOf(EmbedError);
        expect(['config', 'token-invalid']).to.include((error as EmbedError).code);
      }
    });

    it('writes nothing for options it does not read', async () => {
      const grant = await grantOf(name);
      const path = module._tokenPath(grant, context(name));
      const build = (options: DisplayOptions) => {
        const url = new URL(`https://bi.example${path}`);
        module._decorate(url, context(name, options));
        return url.href;
      };
      const unread = Object.fromEntries(
        Object.entries(EVERY_OPTION).filter(([option]) => !module._reads.includes(option as never)),
      ) as DisplayOptions;
      expect(build(unread)).to.equal(build({}));
    });

    it('reads back no options from a plain URL of its own', async () => {
      const grant = await grantOf(name);
      const path = module._tokenPath(grant, context(name));
      expect(module._optionsIn?.(new URL(`https://bi.example${path}`)) ?? {}).to.deep.equal({});
    });

    it('parses its own messages, and foreign or malformed ones to nothing without throwing', () => {
      const nested: Record<string, unknown> = {};
      nested.self = nested;
      for (const data of [...FOREIGN, nested]) {
        expect(module._parse(data), typeof data).to.equal(undefined);
      }
      for (const data of SAMPLES[name].messages) {
        expect(module._parse(data), JSON.stringify(data)).to.be.an('object');
        // The frame controller takes a `height` from any module: one sized by CSS makes none.
        if (module._sizing === 'css') expect(module._parse(data)?.type).not.to.equal('height');
        // What one tool's frame says, another tool's frame would not: it is not what it claims.
        for (const other of PROVIDERS.filter((p) => p !== name)) {
          expect(providerModule(other)._parse(data), `${other}: ${JSON.stringify(data)}`).to.equal(
            undefined,
          );
        }
      }
    });
  });
}
