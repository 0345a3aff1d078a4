import { expect } from '@open-wc/testing';
import { SignJWT, type JWTPayload } from 'jose';
import { EmbedError } from '../src/errors.js';
import type { DisplayOptions } from '../src/options.js';
import { toGrant, type Grant } from '../src/token.js';
import type { TokenResponse } from '../src/types.js';
import {
  buildEmbedUrl,
  providerFromClaims,
  reportingBuilder,
  validateUrl,
  type BuildInput,
} from '../src/url.js';

const BI = 'https://bi.example';
const HOST = 'https://app.example';
const key = new TextEncoder().encode('unit-test-secret-0123456789abcdef');

function jwt(claims: JWTPayload): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).sign(key);
}

async function grantFor(claims: JWTPayload, extra: TokenResponse = {}): Promise<Grant> {
  return toGrant({ token: await jwt(claims), ...extra }, Date.now());
}

function build(input: Partial<BuildInput>) {
  return buildEmbedUrl({ options: {}, query: {}, _hostOrigin: HOST, ...input });
}

function failure(run: () => unknown): EmbedError {
  try {
    run();
  } catch (error) {
    expect(error).to.be.instanceOf(EmbedError);
    return error as EmbedError;
  }
  throw new Error('expected an EmbedError, got success');
}

const dashboard = { resource: { dashboard: 1 }, params: {} };

describe('validateUrl', () => {
  it('accepts absolute http: and https: URLs', () => {
    expect(validateUrl('https://bi.example/embed/x').href).to.equal('https://bi.example/embed/x');
    expect(validateUrl('http://127.0.0.1:3000/public/dashboard/u').origin).to.equal(
      'http://127.0.0.1:3000',
    );
  });

  const refused: [string, string][] = [
    ['javascript:', 'javascript:alert(document.domain)'],
    ['JaVaScRiPt: with spaces', '  JaVaScRiPt:alert(1)'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['blob:', `blob:${HOST}/6f1c0a52-0000-4000-8000-000000000000`],
    ['a relative path', '/embed/dashboard/a.b.c'],
    ['a protocol-relative URL', '//evil.example/embed/dashboard/a.b.c'],
    ['ftp:', 'ftp://bi.example/embed'],
    ['an empty string', ''],
  ];
  for (const [what, url] of refused) {
    it(`refuses ${what} with url-rejected`, () => {
      const error = failure(() => validateUrl(url));
      expect(error.code).to.equal('url-rejected');
      expect(error.recoverable).to.equal(false);
    });
  }

  it('refuses another origin than instance-url, even a sibling port or scheme', () => {
    for (const url of [
      'https://evil.example/embed/x',
      'https://bi.example:8443/embed/x',
      'http://bi.example/embed/x',
      'https://bi.example.evil.example/embed/x',
    ]) {
      expect(failure(() => validateUrl(url, BI)).code, url).to.equal('url-rejected');
    }
  });

  it('accepts the instance-url origin whatever instance-url path is given', () => {
    expect(validateUrl(`${BI}/embed/x`, `${BI}/metabase/`).href).to.equal(`${BI}/embed/x`);
  });

  it('reports an instance-url that is not absolute as config', () => {
    expect(failure(() => validateUrl(`${BI}/embed/x`, 'bi.example')).code).to.equal('config');
  });
});

describe('buildEmbedUrl: Metabase', () => {
  it('builds /embed/dashboard/<JWT> and /embed/question/<JWT> from the claims', async () => {
    const dash = await grantFor(dashboard);
    const target = build({ grant: dash, instanceUrl: BI });
    expect(target).to.deep.equal({
      url: `${BI}/embed/dashboard/${dash.token}`,
      origin: BI,
      provider: 'metabase',
    });
    const question = await grantFor({ resource: { question: 12 } });
    expect(build({ grant: question, instanceUrl: BI }).url).to.equal(
      `${BI}/embed/question/${question.token}`,
    );
  });

  it('takes an entity-ID string as the dashboard or question id', async () => {
    const dash = await grantFor({ resource: { dashboard: 'Hgr1vP3tC5kD0ZqA_mW7x' }, params: {} });
    expect(build({ grant: dash, instanceUrl: BI }).url).to.equal(
      `${BI}/embed/dashboard/${dash.token}`,
    );
    const question = await grantFor({ resource: { question: 'q1Y7_sJ3dLkP2mWn8RtZe' } });
    expect(build({ grant: question, instanceUrl: BI }).url).to.equal(
      `${BI}/embed/question/${question.token}`,
    );
    const empty = await grantFor({ resource: { dashboard: '' } });
    expect(failure(() => build({ grant: empty, instanceUrl: BI })).code).to.equal('token-invalid');
  });

  it('takes the instance from the response, else from instance-url, keeping its path', async () => {
    const fromResponse = await grantFor(dashboard, { instanceUrl: `${BI}/metabase/` });
    expect(build({ grant: fromResponse }).url).to.equal(
      `${BI}/metabase/embed/dashboard/${fromResponse.token}`,
    );
    const fromAttribute = await grantFor(dashboard);
    expect(build({ grant: fromAttribute, instanceUrl: `${BI}/mb` }).url).to.equal(
      `${BI}/mb/embed/dashboard/${fromAttribute.token}`,
    );
  });

  it('falls back to the attributes when the response sends empty instanceUrl/projectUuid', async () => {
    const grant = await grantFor(dashboard, { instanceUrl: '' });
    expect(build({ grant, instanceUrl: BI }).origin).to.equal(BI);
    const ld = await grantFor(
      { content: { type: 'dashboard', dashboardUuid: 'd' } },
      { instanceUrl: '', projectUuid: '' },
    );
    expect(new URL(build({ grant: ld, instanceUrl: BI, projectUuid: 'p' }).url).pathname).to.equal(
      '/embed/p',
    );
  });

  it('refuses a response instanceUrl on another origin than instance-url', async () => {
    const grant = await grantFor(dashboard, { instanceUrl: 'https://evil.example' });
    expect(failure(() => build({ grant, instanceUrl: BI })).code).to.equal('url-rejected');
  });

  it('refuses a response instanceUrl with a javascript: scheme', async () => {
    const grant = await grantFor(dashboard, { instanceUrl: 'javascript:alert(1)//' });
    expect(failure(() => build({ grant })).code).to.equal('url-rejected');
  });

  it('needs an instance: config without instanceUrl and instance-url', async () => {
    const grant = await grantFor(dashboard);
    expect(failure(() => build({ grant })).code).to.equal('config');
  });

  it('rejects a token with neither resource nor content as token-invalid', async () => {
    const grant = await grantFor({ sub: 'x' });
    expect(failure(() => build({ grant, instanceUrl: BI })).code).to.equal('token-invalid');
  });

  it('rejects a Metabase token that names no dashboard or question', async () => {
    const grant = await grantFor({ resource: { collection: 3 } });
    expect(failure(() => build({ grant, instanceUrl: BI })).code).to.equal('token-invalid');
  });

  it('lets the provider attribute override the detected one', async () => {
    const grant = await grantFor({ content: { type: 'dashboard', dashboardUuid: 'd' } });
    expect(providerFromClaims(grant._claims)).to.equal('lightdash');
    const error = failure(() => build({ grant, instanceUrl: BI, provider: 'metabase' }));
    expect(error.code).to.equal('token-invalid');
  });

  it('writes nothing into the hash when no option is set', async () => {
    const grant = await grantFor(dashboard);
    expect(build({ grant, instanceUrl: BI }).url).not.to.include('#');
  });

  const hashCases: [DisplayOptions, string][] = [
    [{ bordered: true }, 'bordered=true'],
    [{ bordered: false }, 'bordered=false'],
    [{ titled: true }, 'titled=true'],
    [{ titled: false }, 'titled=false'],
    [{ theme: 'light' }, 'theme=light'],
    [{ theme: 'night' }, 'theme=night'],
    [{ theme: 'transparent' }, 'theme=transparent'],
    [{ hideParameters: 'date_range, category' }, 'hide_parameters=date_range%2Ccategory'],
    // Current Metabase removed `hide_download_button` and reads `downloads=false`.
    [{ hideDownloadButton: true }, 'downloads=false'],
    [{ hideDownloadButton: true, downloads: 'pdf' }, 'downloads=pdf'],
    [{ hideDownloadButton: false }, ''],
    [{ downloads: 'true' }, 'downloads=true'],
    [{ downloads: 'false' }, 'downloads=false'],
    [{ downloads: 'pdf' }, 'downloads=pdf'],
    [{ downloads: 'results' }, 'downloads=results'],
    [{ downloads: 'pdf, results' }, 'downloads=pdf%2Cresults'],
    [{ downloads: 'results,pdf' }, 'downloads=results%2Cpdf'],
    [{ locale: 'pt-br' }, 'locale=pt-BR'],
    [{ background: false }, 'background=false'],
    [{ background: true }, 'background=true'],
    [{ font: 'Open Sans' }, 'font=Open%20Sans'],
    // Options only another tool reads are not written.
    [{ backgroundColor: '#123456', timezone: 'Europe/Paris' }, ''],
  ];
  for (const [options, hash] of hashCases) {
    it(`maps ${JSON.stringify(options)} to the hash ${hash ? `"${hash}"` : '(none)'}`, async () => {
      const grant = await grantFor(dashboard);
      const url = new URL(build({ grant, instanceUrl: BI, options }).url);
      expect(url.hash.slice(1)).to.equal(hash);
      expect(url.search).to.equal('');
    });
  }

  it('drops option values outside the documented ones', async () => {
    const grant = await grantFor(dashboard);
    const options = {
      bordered: 'yes',
      titled: 1,
      theme: 'dark',
      hideParameters: ' , ',
      hideDownloadButton: 'yes',
      downloads: 'csv',
      locale: 'not a locale!',
      background: 'no',
      font: '  ',
    } as unknown as DisplayOptions;
    expect(build({ grant, instanceUrl: BI, options }).url).not.to.include('#');
  });

  it('writes every option together in one hash', async () => {
    const grant = await grantFor(dashboard);
    const url = new URL(
      build({
        grant,
        instanceUrl: BI,
        options: { bordered: false, titled: true, theme: 'night', locale: 'de' },
      }).url,
    );
    expect(Object.fromEntries(new URLSearchParams(url.hash.slice(1)))).to.deep.equal({
      bordered: 'false',
      titled: 'true',
      theme: 'night',
      locale: 'de',
    });
  });

  it('puts params in the query string: repeated for arrays, skipping null', async () => {
    const grant = await grantFor(dashboard);
    const url = new URL(
      build({
        grant,
        instanceUrl: BI,
        options: { theme: 'night' },
        query: { date_range: 'past30days', category: ['Gizmo', 'Widget'], empty: null, n: 3 },
      }).url,
    );
    expect(url.pathname).to.equal(`/embed/dashboard/${grant.token}`);
    expect(url.searchParams.get('date_range')).to.equal('past30days');
    expect(url.searchParams.getAll('category')).to.deep.equal(['Gizmo', 'Widget']);
    expect(url.searchParams.get('n')).to.equal('3');
    expect(url.searchParams.has('empty')).to.equal(false);
    expect(url.hash).to.equal('#theme=night');
  });

  it('encodes params so &, #, quotes and <script> stay inside their value', async () => {
    const grant = await grantFor(dashboard);
    const nasty = `a&b=c#bordered=false"'><script>alert(1)</script>`;
    const target = build({
      grant,
      instanceUrl: BI,
      options: { titled: false },
      query: { category: nasty, [`x&y#z"`]: 'v' },
    });
    const url = new URL(target.url);
    expect(url.origin).to.equal(BI);
    expect(url.pathname).to.equal(`/embed/dashboard/${grant.token}`);
    expect([...url.searchParams.keys()]).to.deep.equal(['category', `x&y#z"`]);
    expect(url.searchParams.get('category')).to.equal(nasty);
    expect(url.hash).to.equal('#titled=false');
    expect(target.url).not.to.match(/[<>"' ]/);
  });

  it('encodes hide-parameters slugs so they cannot add hash keys', async () => {
    const grant = await grantFor(dashboard);
    const url = new URL(
      build({ grant, instanceUrl: BI, options: { hideParameters: 'a&bordered=false,b' } }).url,
    );
    const hash = new URLSearchParams(url.hash.slice(1));
    expect([...hash.keys()]).to.deep.equal(['hide_parameters']);
    expect(hash.get('hide_parameters')).to.equal('a&bordered=false,b');
  });
});

describe('buildEmbedUrl: a {url} answer', () => {
  async function urlGrant(hash = '', query = '') {
    const token = await jwt(dashboard);
    return toGrant({ url: `${BI}/embed/dashboard/${token}${query}${hash}` }, Date.now());
  }

  it('uses the origin, path and token as given', async () => {
    const grant = await urlGrant();
    expect(build({ grant })).to.deep.equal({
      url: `${BI}/embed/dashboard/${grant.token}`,
      origin: BI,
      provider: 'metabase',
    });
  });

  it('merges its hash options with the element options, the element winning', async () => {
    const grant = await urlGrant('#bordered=true&theme=night&font=Lato');
    const url = new URL(build({ grant, options: { bordered: false, locale: 'fr' } }).url);
    expect(Object.fromEntries(new URLSearchParams(url.hash.slice(1)))).to.deep.equal({
      bordered: 'false',
      theme: 'night',
      font: 'Lato',
      locale: 'fr',
    });
  });

  it('adds params to its query string, replacing a value of the same slug', async () => {
    const grant = await urlGrant('', '?tab=2&category=Old');
    const url = new URL(build({ grant, query: { category: 'New' } }).url);
    expect(url.searchParams.get('tab')).to.equal('2');
    expect(url.searchParams.getAll('category')).to.deep.equal(['New']);
  });

  it('is refused on another origin than instance-url', async () => {
    const grant = await urlGrant();
    expect(failure(() => build({ grant, instanceUrl: 'https://other.example' })).code).to.equal(
      'url-rejected',
    );
  });

  it('refuses javascript:, data: and blob: URLs', () => {
    for (const url of [
      'javascript:alert(1)',
      'data:text/html;base64,PHNjcmlwdD4=',
      `blob:${BI}/5c8e7f1a-0000-4000-8000-000000000000`,
    ]) {
      const grant = toGrant({ url }, Date.now());
      expect(failure(() => build({ grant })).code, url).to.equal('url-rejected');
    }
  });

  it('detects Lightdash from the claims of the JWT in its fragment', async () => {
    const token = await jwt({ content: { type: 'dashboard', dashboardUuid: 'd-1' } });
    const grant = toGrant({ url: `${BI}/embed/p-1#${token}` }, Date.now());
    const target = build({ grant, options: { bordered: false, theme: 'night' } });
    expect(target.provider).to.equal('lightdash');
    const url = new URL(target.url);
    expect(url.pathname).to.equal('/embed/p-1');
    expect(url.hash).to.equal(`#${token}`);
    expect(url.searchParams.get('targetOrigin')).to.equal(HOST);
    expect(url.searchParams.get('theme')).to.equal('dark');
  });

  it("refuses to decorate a URL whose hash is a token as another tool's", async () => {
    const token = await jwt({ content: { type: 'dashboard', dashboardUuid: 'd-1' } });
    const grant = toGrant({ url: `${BI}/embed/p-1#${token}` }, Date.now());
    expect(failure(() => build({ grant, provider: 'metabase' })).code).to.equal('config');
  });
});

describe('buildEmbedUrl: public links (src)', () => {
  it('embeds a Metabase public dashboard with options and params', () => {
    const target = build({
      src: `${BI}/public/dashboard/6f1c0a52-aaaa-4bbb-8ccc-000000000001`,
      options: { bordered: false, theme: 'transparent' },
      query: { category: 'Gizmo' },
    });
    expect(target.provider).to.equal('metabase');
    expect(target.origin).to.equal(BI);
    expect(target.url).to.equal(
      `${BI}/public/dashboard/6f1c0a52-aaaa-4bbb-8ccc-000000000001?category=Gizmo#bordered=false&theme=transparent`,
    );
  });

  it('keeps the JWT of a Lightdash src and adds its query options', () => {
    const token = 'eyJhbGciOiJIUzI1NiJ9.eyJjb250ZW50Ijp7fX0.c2lnbmF0dXJl';
    const target = build({
      src: `${BI}/embed/p-1/chart/c-1#${token}`,
      options: { bordered: false, theme: 'light', timezone: 'Asia/Tokyo' },
      query: { category: 'Gizmo' },
    });
    expect(target.provider).to.equal('lightdash');
    const url = new URL(target.url);
    expect(url.hash).to.equal(`#${token}`);
    expect(url.pathname).to.equal('/embed/p-1/chart/c-1');
    expect(Object.fromEntries(url.searchParams)).to.deep.equal({
      targetOrigin: HOST,
      theme: 'light',
      timezone: 'Asia/Tokyo',
    });
  });

  it('reports a src no provider recognises as config, unless provider is set', () => {
    expect(failure(() => build({ src: `${BI}/somewhere/else` })).code).to.equal('config');
    expect(build({ src: `${BI}/somewhere/else`, provider: 'metabase' }).url).to.equal(
      `${BI}/somewhere/else`,
    );
  });

  it('recognises a Metabase public link under a path prefix', () => {
    expect(build({ src: `${BI}/mb/public/dashboard/u-1` }).provider).to.equal('metabase');
  });

  it('embeds a public question', () => {
    expect(build({ src: `${BI}/public/question/q-uuid` }).url).to.equal(
      `${BI}/public/question/q-uuid`,
    );
  });

  it('refuses a src outside instance-url or with a dangerous scheme', () => {
    expect(
      failure(() => build({ src: 'https://evil.example/public/dashboard/u', instanceUrl: BI }))
        .code,
    ).to.equal('url-rejected');
    for (const src of ['javascript:alert(1)', 'data:text/html,x', '/public/dashboard/u']) {
      expect(failure(() => build({ src })).code, src).to.equal('url-rejected');
    }
  });

  it('reports nothing to load as config', () => {
    expect(failure(() => build({})).code).to.equal('config');
  });
});

describe('buildEmbedUrl: Lightdash', () => {
  const content = (extra: Record<string, unknown>) => ({ content: extra, user: { id: 'u' } });

  it('builds a dashboard URL with the JWT in the fragment and targetOrigin', async () => {
    const grant = await grantFor(content({ type: 'dashboard', dashboardUuid: 'dash-1' }), {
      projectUuid: 'proj-1',
    });
    const target = build({ grant, instanceUrl: BI });
    expect(target).to.deep.equal({
      url: `${BI}/embed/proj-1?targetOrigin=${encodeURIComponent(HOST)}#${grant.token}`,
      origin: BI,
      provider: 'lightdash',
    });
  });

  it('builds a chart URL from contentId', async () => {
    const grant = await grantFor(content({ type: 'chart', contentId: 'chart-9' }), {
      instanceUrl: BI,
      projectUuid: 'proj-1',
    });
    expect(new URL(build({ grant }).url).pathname).to.equal('/embed/proj-1/chart/chart-9');
  });

  it('takes a dashboard named by dashboardSlug: the path names only the project', async () => {
    const grant = await grantFor(content({ type: 'dashboard', dashboardSlug: 'sales' }), {
      projectUuid: 'p',
    });
    expect(new URL(build({ grant, instanceUrl: BI }).url).pathname).to.equal('/embed/p');
  });

  it('takes projectUuid from the response, then project-uuid, then content.projectUuid', async () => {
    const claims = content({ type: 'dashboard', dashboardUuid: 'd', projectUuid: 'from-claim' });
    const path = (grant: Grant, projectUuid?: string) =>
      new URL(build({ grant, instanceUrl: BI, projectUuid }).url).pathname;
    const withResponse = await grantFor(claims, { projectUuid: 'from-response' });
    expect(path(withResponse, 'from-attribute')).to.equal('/embed/from-response');
    const without = await grantFor(claims);
    expect(path(without, 'from-attribute')).to.equal('/embed/from-attribute');
    expect(path(without)).to.equal('/embed/from-claim');
  });

  it('encodes the project and content ids into single path segments', async () => {
    const grant = await grantFor(content({ type: 'chart', contentId: '../../admin?x#' }), {
      projectUuid: 'a/b',
    });
    const url = new URL(build({ grant, instanceUrl: BI }).url);
    expect(url.pathname).to.equal('/embed/a%2Fb/chart/..%2F..%2Fadmin%3Fx%23');
  });

  it('needs a project: config without any projectUuid', async () => {
    const grant = await grantFor(content({ type: 'dashboard', dashboardUuid: 'd' }));
    expect(failure(() => build({ grant, instanceUrl: BI })).code).to.equal('config');
  });

  it('rejects a token that names no content as token-invalid', async () => {
    const grant = await grantFor(content({ type: 'chart' }), { projectUuid: 'p' });
    expect(failure(() => build({ grant, instanceUrl: BI })).code).to.equal('token-invalid');
  });

  it('rejects a dashboard token with no dashboardUuid or dashboardSlug as token-invalid', async () => {
    const grant = await grantFor(content({ type: 'dashboard' }), { projectUuid: 'p' });
    expect(failure(() => build({ grant, instanceUrl: BI })).code).to.equal('token-invalid');
  });

  it('writes backgroundColor without # and timezone into the query', async () => {
    const grant = await grantFor(content({ type: 'dashboard', dashboardUuid: 'd' }), {
      projectUuid: 'p',
    });
    const url = new URL(
      build({
        grant,
        instanceUrl: BI,
        options: { backgroundColor: '#0a0B0c', timezone: 'Europe/Berlin', font: 'Lato' },
      }).url,
    );
    expect(Object.fromEntries(url.searchParams)).to.deep.equal({
      targetOrigin: HOST,
      backgroundColor: '0a0B0c',
      timezone: 'Europe/Berlin',
    });
    expect(url.hash).to.equal(`#${grant.token}`);
  });

  it('maps theme night to dark and light to light; other options are not written', async () => {
    const grant = await grantFor(content({ type: 'dashboard', dashboardUuid: 'd' }), {
      projectUuid: 'p',
    });
    const theme = (options: DisplayOptions) =>
      new URL(build({ grant, instanceUrl: BI, options }).url).searchParams.get('theme');
    expect(theme({ theme: 'night' })).to.equal('dark');
    expect(theme({ theme: 'light' })).to.equal('light');
    expect(theme({ theme: 'transparent' })).to.equal(null);
    const url = new URL(
      build({
        grant,
        instanceUrl: BI,
        options: {
          bordered: false,
          titled: false,
          locale: 'de',
          background: false,
          font: 'Lato',
          hideDownloadButton: true,
          downloads: 'pdf',
        },
        query: { category: 'Gizmo' },
      }).url,
    );
    expect([...url.searchParams.keys()]).to.deep.equal(['targetOrigin']);
    expect(url.hash).to.equal(`#${grant.token}`);
  });
});

describe('reportingBuilder', () => {
  const base = { options: {}, query: {}, _hostOrigin: HOST };
  const publicLink = { ...base, src: `${BI}/public/dashboard/abc` };

  it('reports a failing input set once, again only when forced, and afresh after a success', () => {
    const reported: string[] = [];
    const buildOnce = reportingBuilder((error) => reported.push(error.code));
    const bad = { ...base, src: 'javascript:alert(1)' };
    expect(buildOnce(bad, false, false)).to.equal(undefined);
    expect(buildOnce({ ...bad }, false, false)).to.equal(undefined);
    expect(reported).to.deep.equal(['url-rejected']);
    buildOnce(bad, false, true);
    expect(reported).to.deep.equal(['url-rejected', 'url-rejected']);
    expect(buildOnce(publicLink, false, false)?.url).to.equal(`${BI}/public/dashboard/abc`);
    buildOnce(bad, false, false);
    expect(reported).to.have.length(3);
  });

  it('reports params that are not a JSON object as config, even when the URL would build', () => {
    const reported: EmbedError[] = [];
    const buildOnce = reportingBuilder((error) => reported.push(error));
    expect(buildOnce(publicLink, true, false)).to.equal(undefined);
    expect(reported.map((e) => e.code)).to.deep.equal(['config']);
    expect(reported[0]!.message).to.match(/params/);
    // Fixed params: the same URL builds.
    expect(buildOnce(publicLink, false, false)).to.not.equal(undefined);
  });
});
