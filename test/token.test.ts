import { expect, waitUntil } from '@open-wc/testing';
import { SignJWT, type JWTPayload } from 'jose';
import { systemClock, type Clock } from '../src/clock.js';
import { EmbedError } from '../src/errors.js';
import {
  endpointUrl,
  requestToken,
  retryAfter,
  RETRY_AFTER_MAX,
  toGrant,
  tokenLifetime,
  type Grant,
  type TokenSource,
} from '../src/token.js';
import { endpointLog, newKey as keyFor } from './helpers/endpoint.js';
import { FakeClock } from './helpers/fake-clock.js';
import { FRAME_ORIGIN } from './helpers/origins.js';

/** Whether `requestToken` rejected with the abort of a request cancelled by its caller. */
const isAbort = (error: unknown) => error instanceof DOMException && error.name === 'AbortError';

const key = new TextEncoder().encode('unit-test-secret-0123456789abcdef');
const nowSeconds = () => Math.floor(Date.now() / 1000);

/** A signed JWT with exactly these claims (no implicit iat/exp). */
function jwt(claims: JWTPayload): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).sign(key);
}

/** The EmbedError a call throws or a promise rejects with. */
async function failure(run: () => unknown): Promise<EmbedError> {
  try {
    await run();
  } catch (error) {
    expect(error).to.be.instanceOf(EmbedError);
    return error as EmbedError;
  }
  throw new Error('expected an EmbedError, got success');
}

/** A log key of its own for each request, so tests can read what the endpoint received. */
const newKey = () => keyFor('token');

type SourceExtra = Partial<TokenSource> & { request?: AbortController; clock?: Clock };

/** `requestToken`'s arguments: the source, the caller's abort controller and its clock. */
function source(query: string, extra: SourceExtra = {}): Parameters<typeof requestToken> {
  const {
    request = new AbortController(),
    clock = systemClock,
    ...rest
  } = { tokenEndpoint: `/api/token?${query}`, tokenTimeout: 5_000, ...extra };
  return [rest, request, clock];
}

describe('toGrant', () => {
  it('reads a bare JWT, trimming the whitespace a text/plain body may carry', async () => {
    const token = await jwt({ resource: { dashboard: 1 }, iat: nowSeconds() });
    const grant = toGrant(`  ${token}\n`, 1234, 5678);
    expect(grant.token).to.equal(token);
    expect(grant._claims.resource).to.deep.equal({ dashboard: 1 });
    expect(grant._receivedAt).to.equal(1234);
    expect(grant._serverDate).to.equal(5678);
    expect(grant.url).to.equal(undefined);
  });

  it('reads a {token} answer with instanceUrl, projectUuid and expiresIn', async () => {
    const token = await jwt({ content: { type: 'dashboard', dashboardUuid: 'd' } });
    const grant = toGrant(
      { token, instanceUrl: 'https://bi.example', projectUuid: 'p-1', expiresIn: 300 },
      1,
    );
    expect(grant).to.include({
      token,
      instanceUrl: 'https://bi.example',
      projectUuid: 'p-1',
      expiresIn: 300,
    });
    expect(grant._claims.content).to.deep.equal({ type: 'dashboard', dashboardUuid: 'd' });
  });

  it('ignores {token} fields of the wrong type instead of trusting them', async () => {
    const token = await jwt({ resource: { question: 2 } });
    const grant = toGrant({ token, instanceUrl: 42, projectUuid: {}, expiresIn: '60' }, 1);
    expect(grant.instanceUrl).to.equal(undefined);
    expect(grant.projectUuid).to.equal(undefined);
    expect(grant.expiresIn).to.equal(undefined);
  });

  it('reads the JWT out of a Metabase {url} path segment and keeps the URL as given', async () => {
    const token = await jwt({ resource: { dashboard: 7 }, exp: nowSeconds() + 60 });
    const url = `https://bi.example/embed/dashboard/${token}#bordered=false`;
    const grant = toGrant({ url }, 1);
    expect(grant.url).to.equal(url);
    expect(grant.token).to.equal(token);
    expect(grant._claims.resource).to.deep.equal({ dashboard: 7 });
  });

  it('reads the JWT out of a Lightdash {url} fragment', async () => {
    const token = await jwt({ content: { type: 'chart', contentId: 'c' } });
    const grant = toGrant({ url: `https://ld.example/embed/p/chart/c#${token}` }, 1);
    expect(grant.token).to.equal(token);
    expect(grant._claims.content).to.deep.equal({ type: 'chart', contentId: 'c' });
  });

  it('accepts a {url} without a JWT (nothing to decode, never expires)', () => {
    const grant = toGrant({ url: 'https://bi.example/public/dashboard/abc-123' }, 1);
    expect(grant.token).to.equal('');
    expect(grant._claims).to.deep.equal({});
    expect(tokenLifetime(grant)).to.equal(Infinity);
    expect(grant._expiresAt).to.equal(Infinity);
  });

  it('rejects a relative {url} with url-rejected', async () => {
    const error = await failure(() => toGrant({ url: '/embed/dashboard/x.y.z' }, 1));
    expect(error.code).to.equal('url-rejected');
    expect(error.recoverable).to.equal(false);
  });

  const invalid: [string, unknown][] = [
    ['text that is not a JWT', 'Forbidden'],
    ['an HTML error page', '<!doctype html><p>Login</p>'],
    ['a JWT-shaped string whose payload is not JSON', 'abc.def.ghi'],
    ['a {token} that is not a JWT', { token: 'not a jwt' }],
    ['an object with neither url nor token', { jwt: 'a.b.c' }],
    ['null', null],
    ['a number', 42],
    ['an array', ['a.b.c']],
  ];
  for (const [what, body] of invalid) {
    it(`rejects ${what} with token-invalid`, async () => {
      const error = await failure(() => toGrant(body, 1));
      expect(error.code).to.equal('token-invalid');
      expect(error.recoverable).to.equal(false);
    });
  }

  it('rejects a token with exp ≤ iat as token-expired (recoverable)', async () => {
    const iat = nowSeconds();
    for (const exp of [iat, iat - 1]) {
      const error = await failure(async () => toGrant(await jwt({ iat, exp }), Date.now()));
      expect(error.code).to.equal('token-expired');
      expect(error.recoverable).to.equal(true);
    }
  });

  it('accepts exp − iat > 0 even when the local clock is far ahead (lifetime, not wall time)', async () => {
    const iat = nowSeconds() - 86_400;
    const grant = toGrant(await jwt({ iat, exp: iat + 60 }), Date.now());
    expect(tokenLifetime(grant)).to.equal(60_000);
  });

  it('without iat, rejects an exp already past on the local clock', async () => {
    const token = await jwt({ exp: nowSeconds() - 5 });
    expect((await failure(() => toGrant(token, Date.now()))).code).to.equal('token-expired');
  });

  it('without iat, judges exp by the endpoint Date header, not the skewed local clock', async () => {
    const server = Date.now() - 3_600_000; // the local clock runs an hour ahead
    const token = await jwt({ exp: Math.floor(server / 1000) + 60 });
    expect(tokenLifetime(toGrant(token, Date.now(), server))).to.be.closeTo(60_000, 1_000);
    const late = await jwt({ exp: Math.floor(server / 1000) - 1 });
    expect((await failure(() => toGrant(late, Date.now(), server))).code).to.equal('token-expired');
  });

  it('without iat, trusts expiresIn over a local clock that says exp is past', async () => {
    // fetchToken answers carry no Date header: expiresIn is how an app states the lifetime
    // when the viewer's clock may be wrong.
    const token = await jwt({ exp: nowSeconds() - 5 });
    expect(tokenLifetime(toGrant({ token, expiresIn: 600 }, Date.now()))).to.equal(600_000);
  });

  it('rejects expiresIn ≤ 0 as token-expired', async () => {
    const token = await jwt({ exp: nowSeconds() + 60 });
    const error = await failure(() => toGrant({ token, expiresIn: 0 }, Date.now()));
    expect(error.code).to.equal('token-expired');
  });

  it('rejects an exp or iat that is null or a string as token-invalid', async () => {
    for (const claims of [{ exp: null }, { iat: null }, { exp: '9999999999' }, { iat: 'now' }]) {
      const token = await jwt(claims as unknown as JWTPayload);
      const error = await failure(() => toGrant(token, Date.now()));
      expect(error.code, JSON.stringify(claims)).to.equal('token-invalid');
    }
  });
});

describe('tokenLifetime and _expiresAt', () => {
  const grant = (claims: JWTPayload, extra: Partial<Grant> = {}): Grant => ({
    token: 'x',
    _claims: claims,
    _receivedAt: 1_000_000,
    ...extra,
  });

  it('is exp − iat when that is the only measure, whatever the local clock says', async () => {
    const g = grant({ iat: 10, exp: 610 });
    expect(tokenLifetime(g)).to.equal(600_000);
    const received = toGrant(await jwt({ iat: 10, exp: 610 }), 1_000_000);
    expect(received._expiresAt).to.equal(1_000_000 + 600_000);
  });

  it('is the smallest of exp − iat, exp − Date and expiresIn', () => {
    const claims = { iat: 10, exp: 610 };
    expect(tokenLifetime(grant(claims, { expiresIn: 5 }))).to.equal(5_000);
    // A cached token: issued long ago, its exp close by the endpoint's clock.
    expect(tokenLifetime(grant(claims, { _serverDate: 600_000 }))).to.equal(10_000);
    expect(tokenLifetime(grant(claims, { _serverDate: 0, expiresIn: 900 }))).to.equal(600_000);
  });

  it('is expiresIn when the token has exp but no iat', () => {
    expect(tokenLifetime(grant({ exp: 10 }, { expiresIn: 90 }))).to.equal(90_000);
  });

  it('is exp against the endpoint Date header, else against the arrival time', () => {
    expect(tokenLifetime(grant({ exp: 2_000 }, { _serverDate: 1_500_000 }))).to.equal(500_000);
    expect(tokenLifetime(grant({ exp: 2_000 }))).to.equal(1_000_000);
  });

  it('is Infinity (never refreshed) without exp', async () => {
    expect(tokenLifetime(grant({ iat: 10 }, { expiresIn: 90 }))).to.equal(Infinity);
    expect(toGrant(await jwt({}), 1)._expiresAt).to.equal(Infinity);
  });

  it('handles a 30-day token exactly', () => {
    expect(tokenLifetime(grant({ iat: 0, exp: 30 * 86_400 }))).to.equal(30 * 86_400_000);
  });
});

describe('retryAfter and endpointUrl', () => {
  it('reads Retry-After as seconds or as an HTTP date on the endpoint clock, up to an hour', () => {
    /** A response's headers: this Retry-After (none for null), and the endpoint's Date. */
    const headers = (value: string | null, date?: string) => {
      const all = new Headers(date ? { Date: date } : {});
      if (value !== null) all.set('Retry-After', value);
      return all;
    };
    const server = 'Tue, 01 Dec 2026 10:00:00 GMT';
    expect(retryAfter(headers('5'))).to.equal(5_000);
    expect(retryAfter(headers(' 0 '))).to.equal(0);
    expect(retryAfter(headers('Tue, 01 Dec 2026 10:00:08 GMT', server))).to.equal(8_000);
    expect(retryAfter(headers('Tue, 01 Dec 2026 09:59:00 GMT', server)), 'a past date').to.equal(0);
    expect(retryAfter(headers('86400')), 'capped').to.equal(RETRY_AFTER_MAX);
    for (const bad of [null, '', 'soon', '-5', '1.5']) {
      expect(retryAfter(headers(bad)), String(bad)).to.equal(undefined);
    }
  });

  it('takes http(s) endpoints, relative ones against the page; refuses the rest as config', async () => {
    expect(endpointUrl('/api/token?x=1').href).to.equal(`${location.origin}/api/token?x=1`);
    expect(endpointUrl('https://app.example/token').protocol).to.equal('https:');
    for (const bad of [
      'javascript:alert(1)',
      'data:,x',
      'ftp://a.example/t',
      'http://u:p@a.example/',
    ]) {
      const error = await failure(() => endpointUrl(bad));
      expect(error.code, bad).to.equal('config');
      expect(error.recoverable).to.equal(false);
      expect(error.message).not.to.contain('u:p');
    }
  });
});

describe('requestToken against the real endpoint', () => {
  afterEach(() => {
    document.cookie = 'bi_embed_test=; path=/; max-age=0';
  });

  it('sends GET with Accept: application/json and same-origin cookies', async () => {
    document.cookie = 'bi_embed_test=session-1; path=/';
    const logKey = newKey();
    await requestToken(...source(`key=${logKey}`));
    const [entry] = await endpointLog(logKey);
    expect(entry.method).to.equal('GET');
    expect(entry.accept).to.equal('application/json');
    expect(entry.cookie).to.include('bi_embed_test=session-1');
  });

  it('merges tokenRequestInit: POST, a CSRF header, and credentials', async () => {
    document.cookie = 'bi_embed_test=session-2; path=/';
    const logKey = newKey();
    const init: RequestInit = {
      method: 'POST',
      headers: new Headers({ 'X-CSRF-Token': 'csrf-123' }),
      credentials: 'omit',
    };
    await requestToken(...source(`key=${logKey}`, { tokenRequestInit: init }));
    const [entry] = await endpointLog(logKey);
    expect(entry.method).to.equal('POST');
    expect(entry.csrf).to.equal('csrf-123');
    expect(entry.accept, 'Accept is still sent').to.equal('application/json');
    expect(entry.cookie, 'credentials: omit').to.equal(null);
  });

  it('lets tokenRequestInit headers given as a plain object or pairs override Accept', async () => {
    const a = newKey();
    const b = newKey();
    await requestToken(
      ...source(`key=${a}`, { tokenRequestInit: { headers: { 'x-csrf-token': 'obj' } } }),
    );
    await requestToken(
      ...source(`key=${b}&form=text`, {
        tokenRequestInit: { headers: [['Accept', 'text/plain']] },
      }),
    );
    expect((await endpointLog(a))[0]).to.include({ csrf: 'obj', accept: 'application/json' });
    expect((await endpointLog(b))[0].accept).to.equal('text/plain');
  });

  it('reads each response form: {token}, {url} and a bare text/plain JWT', async () => {
    const token = await requestToken(...source('form=token'));
    expect(token.instanceUrl).to.equal(FRAME_ORIGIN);
    expect(token._claims.resource).to.deep.equal({ dashboard: 1 });

    const url = await requestToken(...source('form=url&kind=question&id=5&hash=titled%3Dfalse'));
    expect(url.url).to.match(/\/embed\/question\/[\w-]+\.[\w-]+\.[\w-]+#titled=false$/);
    expect(url._claims.resource).to.deep.equal({ question: 5 });

    const text = await requestToken(...source('form=text&provider=lightdash&kind=chart&id=c-1'));
    expect(text._claims.content).to.deep.include({ type: 'chart', contentId: 'c-1' });
    expect(text.url).to.equal(undefined);
  });

  it('measures the lifetime from the token, with receivedAt on the given clock', async () => {
    const before = Date.now();
    const grant = await requestToken(...source('ttl=120'));
    expect(tokenLifetime(grant)).to.equal(120_000);
    expect(grant._receivedAt).to.be.within(before, Date.now());
    expect(grant._serverDate).to.be.a('number');
  });

  it('corrects the lifetime of a token without iat by the endpoint Date header', async () => {
    // The endpoint's clock is an hour ahead: exp is 4200 s away locally but 600 s by its clock.
    const ahead = await requestToken(...source('iat=0&ttl=600&skew=3600'));
    expect(tokenLifetime(ahead)).to.equal(600_000);
    // An hour behind: exp is already past locally, yet the token has 600 s to live.
    const behind = await requestToken(...source('iat=0&ttl=600&skew=-3600'));
    expect(tokenLifetime(behind)).to.equal(600_000);
  });

  it('uses expiresIn from the endpoint when the token has no iat', async () => {
    const grant = await requestToken(...source('iat=0&ttl=600&expiresIn=300'));
    expect(tokenLifetime(grant)).to.equal(300_000);
  });

  it('fails with token-expired when the endpoint sends an expired token', async () => {
    const error = await failure(() => requestToken(...source('iat=0&expired=1')));
    expect(error.code).to.equal('token-expired');
  });

  const statuses: [number, boolean][] = [
    [500, true],
    [503, true],
    [429, true],
    [408, true],
    [404, false],
    [401, false],
    [403, false],
  ];
  for (const [status, recoverable] of statuses) {
    it(`fails with token-http ${status} (recoverable: ${recoverable})`, async () => {
      const error = await failure(() => requestToken(...source(`status=${status}`)));
      expect(error.code).to.equal('token-http');
      expect(error.status).to.equal(status);
      expect(error.recoverable).to.equal(recoverable);
      expect(error.toDetail()).to.deep.equal({
        code: 'token-http',
        message: error.message,
        status,
        recoverable,
      });
    });
  }

  it('fails with token-network when the connection drops', async () => {
    const error = await failure(() => requestToken(...source('drop=1')));
    expect(error.code).to.equal('token-network');
    expect(error.recoverable).to.equal(true);
    expect(error.toDetail()).not.to.have.property('status');
  });

  it('fails with token-network when the connection drops in the middle of the answer', async () => {
    const error = await failure(() => requestToken(...source('partial=1')));
    expect(error.code).to.equal('token-network');
    expect(error.recoverable).to.equal(true);
  });

  it('fails with token-timeout and cancels the request when the clock passes timeoutMs', async () => {
    const clock = new FakeClock();
    const logKey = newKey();
    const pending = requestToken(
      ...source(`delay=5000&key=${logKey}`, { clock, tokenTimeout: 1_000 }),
    );
    expect([clock.pending, clock.longest]).to.deep.equal([1, 1_000]);
    await waitUntil(async () => (await endpointLog(logKey)).length === 1, 'request arrives');
    clock.tick(999);
    clock.tick(1);
    const error = await failure(() => pending);
    expect(error.code).to.equal('token-timeout');
    expect(error.recoverable).to.equal(true);
    await waitUntil(async () => (await endpointLog(logKey))[0].aborted, 'the request is aborted');
    expect(clock.pending, 'no timer left behind').to.equal(0);
  });

  it('clears its timeout when the answer arrives', async () => {
    const clock = new FakeClock();
    await requestToken(...source('', { clock }));
    expect(clock.pending).to.equal(0);
  });

  const badBodies: [string, string, string][] = [
    ['text that is not a JWT', 'Please log in', 'text/plain'],
    ['JSON that does not parse', '{"token": ', 'application/json'],
    ['JSON with neither url nor token', '{"jwt":"a.b.c"}', 'application/json'],
    ['an HTML page', '<html><body>Login</body></html>', 'text/html'],
  ];
  for (const [what, body, type] of badBodies) {
    it(`fails with token-invalid for ${what}`, async () => {
      const query = `body=${encodeURIComponent(body)}&type=${encodeURIComponent(type)}`;
      const error = await failure(() => requestToken(...source(query)));
      expect(error.code).to.equal('token-invalid');
      expect(error.recoverable).to.equal(false);
    });
  }

  it('rejects with an AbortError, not an EmbedError, when its signal aborts', async () => {
    const controller = new AbortController();
    const logKey = newKey();
    const pending = requestToken(...source(`delay=5000&key=${logKey}`, { request: controller }));
    await waitUntil(async () => (await endpointLog(logKey)).length === 1, 'request arrives');
    controller.abort();
    const error = await pending.then(
      () => null,
      (e: unknown) => e,
    );
    expect(isAbort(error), String(error)).to.equal(true);
    await waitUntil(async () => (await endpointLog(logKey))[0].aborted, 'the request is aborted');
  });

  it('sends nothing when its signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const logKey = newKey();
    const error = await requestToken(...source(`key=${logKey}`, { request: controller })).then(
      () => null,
      (e: unknown) => e,
    );
    expect(isAbort(error)).to.equal(true);
    expect(await endpointLog(logKey)).to.deep.equal([]);
  });
});

describe('requestToken with fetchToken', () => {
  const withFetch = (fetchToken: TokenSource['fetchToken'], extra: SourceExtra = {}) =>
    source('', { tokenEndpoint: undefined, fetchToken, ...extra });

  it('uses the app function instead of a request, for each answer form', async () => {
    const token = await jwt({ resource: { dashboard: 3 } });
    expect((await requestToken(...withFetch(async () => token))).token).to.equal(token);
    expect((await requestToken(...withFetch(async () => ({ token })))).token).to.equal(token);
    const url = `https://bi.example/embed/dashboard/${token}`;
    expect((await requestToken(...withFetch(async () => ({ url })))).url).to.equal(url);
  });

  it('turns a rejection into token-network with its message', async () => {
    const error = await failure(() =>
      requestToken(...withFetch(() => Promise.reject(new Error('session gone')))),
    );
    expect(error.code).to.equal('token-network');
    expect(error.message).to.include('session gone');
  });

  it('fails with token-invalid when the function answers something else', async () => {
    const error = await failure(() =>
      requestToken(...withFetch(async () => ({ nope: true }) as never)),
    );
    expect(error.code).to.equal('token-invalid');
  });

  it('times out a function that never settles', async () => {
    const clock = new FakeClock();
    const pending = requestToken(...withFetch(() => new Promise(() => {}), { clock }));
    clock.tick(5_000);
    expect((await failure(() => pending)).code).to.equal('token-timeout');
  });

  it('drops a late answer once its signal aborts', async () => {
    const controller = new AbortController();
    let answer!: (value: string) => void;
    const pending = requestToken(
      ...withFetch(() => new Promise<string>((resolve) => (answer = resolve)), {
        request: controller,
      }),
    );
    controller.abort();
    answer(await jwt({ resource: { dashboard: 1 } }));
    const error = await pending.then(
      () => null,
      (e: unknown) => e,
    );
    expect(isAbort(error)).to.equal(true);
  });
});
