// The Superset provider module and our end of the switchboard protocol, without a frame: the
// "frame" records the handshake, and the "page" is the port handed over in it, driven by the test.
import { expect } from '@open-wc/testing';
import { SignJWT } from 'jose';
import { EmbedError } from '../../src/errors.js';
import type { FrameEvent, FrameSession } from '../../src/providers/provider.js';
import { dataMaskEvent, GET_TIMEOUT, HANDSHAKE, superset } from '../../src/providers/superset.js';
import { toGrant, type Grant } from '../../src/token.js';
import { buildEmbedUrl } from '../../src/url.js';
import { FakeClock } from '../helpers/fake-clock.js';

const key = new TextEncoder().encode('superset-test-secret-0123456789abcdef');

async function guestGrant(
  claims: Record<string, unknown> = {},
  extra: Record<string, unknown> = {},
): Promise<Grant> {
  const token = await new SignJWT({
    user: { username: 'u' },
    resources: [
      { type: 'chart', id: 3 },
      { type: 'dashboard', id: 'uuid-from-token' },
    ],
    rls_rules: [],
    type: 'guest',
    ...claims,
  })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(key);
  return toGrant({ token, instanceUrl: 'https://superset.example/', ...extra }, Date.now());
}

const build = (grant: Grant, more: Record<string, unknown> = {}) =>
  buildEmbedUrl({ grant, options: {}, query: {}, _hostOrigin: 'https://app.example', ...more });

/** What the page end of the port receives, in order; `at(n)`: the nth (from 0), once it came. */
function inbox(port: MessagePort) {
  const received: Record<string, unknown>[] = [];
  let check = () => {};
  port.onmessage = (e) => {
    received.push(e.data);
    check();
  };
  const at = (n: number) =>
    new Promise<Record<string, unknown>>((resolve) => {
      check = () => {
        if (received.length > n) resolve(received[n]!);
      };
      check();
    });
  return { received, at };
}

/** Lets the promises already settled run their reactions. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('superset provider', () => {
  it('builds /embedded/<id>?uiConfig=16 from the first dashboard resource, with no token', async () => {
    const grant = await guestGrant();
    const target = build(grant);
    expect(target.provider).to.equal('superset');
    expect(target.url).to.equal('https://superset.example/embedded/uuid-from-token?uiConfig=16');
    expect(target.url).not.to.include(grant.token);
    expect(target.token).to.equal(grant.token);
  });

  it('embed-id wins over the token, the response embedId over both', async () => {
    const grant = await guestGrant();
    expect(build(grant, { embedId: 'attr id' }).url).to.include('/embedded/attr%20id?');
    const answered = await guestGrant({}, { embedId: 'resp' });
    expect(build(answered, { embedId: 'attr' }).url).to.include('/embedded/resp?');
  });

  it('hides the title (bit 1) only for titled=false, and writes params as query values', async () => {
    const grant = await guestGrant();
    const url = new URL(
      build(grant, {
        options: { titled: false, bordered: false, theme: 'night' },
        query: { show_filters: false, standalone: 1, label: 'a b', empty: null },
      }).url,
    );
    expect(url.searchParams.get('uiConfig')).to.equal('17');
    expect(url.searchParams.get('show_filters')).to.equal('false');
    expect(url.searchParams.get('standalone')).to.equal('1');
    expect(url.searchParams.get('label')).to.equal('a b');
    expect(url.searchParams.has('empty')).to.equal(false);
    expect(url.searchParams.has('bordered')).to.equal(false);
    const titled = new URL(build(grant, { options: { titled: true } }).url);
    expect(titled.searchParams.get('uiConfig')).to.equal('16');
  });

  it('a guest token for no dashboard and no embed-id is a config error', async () => {
    const grant = await guestGrant({ resources: [{ type: 'chart', id: 1 }] });
    expect(() => build(grant))
      .to.throw(EmbedError)
      .with.property('code', 'config');
  });

  it('is detected only from type "guest" with resources', async () => {
    expect(superset._ownsClaims({ type: 'guest', resources: [] })).to.equal(true);
    expect(superset._ownsClaims({ type: 'guest' })).to.equal(false);
    expect(superset._ownsClaims({ resources: [] })).to.equal(false);
    expect(superset._ownsClaims({ type: 'access', resources: [] })).to.equal(false);
  });

  it('reads native filter values from a data mask and leaves the rest out', () => {
    expect(
      dataMaskEvent({
        'NATIVE_FILTER-a': { filterState: { value: ['x', 2] } },
        'NATIVE_FILTER-b': { filterState: { value: 'Last week' } },
        'NATIVE_FILTER-c': { filterState: { value: null } },
        'NATIVE_FILTER-d': { filterState: {} },
        'NATIVE_FILTER_DIVIDER-e': { filterState: { value: 'no' } },
        '17': { filterState: { value: ['cross filter'] } },
        crossFiltersChanged: true,
        nativeFiltersChanged: true,
      }).filters,
    ).to.deep.equal({ 'NATIVE_FILTER-a': ['x', '2'], 'NATIVE_FILTER-b': 'Last week' });
    for (const junk of [null, undefined, 'x', 1, [], { 'NATIVE_FILTER-a': 'flat' }]) {
      expect(dataMaskEvent(junk)).to.deep.equal({ type: 'filters', filters: {} });
    }
  });
});

describe('superset session (our end of the port)', () => {
  const ORIGIN = 'https://superset.example';
  let clock: FakeClock;
  let handshakes: unknown[][];
  let events: FrameEvent[];
  let session: FrameSession;
  let page: MessagePort;
  let got: ReturnType<typeof inbox>;
  const alive = () => events.filter((e) => e.type === 'alive').length;
  /** Waits until the session read everything the page sent: its answer to a question comes after. */
  const sync = async (n: number) => {
    page.postMessage({ switchboardAction: 'get', method: 'sync', messageId: 'sync' });
    expect(await got.at(n)).to.include({ switchboardAction: 'error', messageId: 'sync' });
  };

  beforeEach(() => {
    clock = new FakeClock();
    handshakes = [];
    events = [];
    const frame = { postMessage: (...args: unknown[]) => handshakes.push(args) };
    session = superset._connect(frame as unknown as Window, ORIGIN, {
      _clock: clock,
      _token: () => 't',
      _event: (event) => events.push(event),
    });
    page = (handshakes[0]![2] as MessagePort[])[0]!;
    got = inbox(page);
  });
  afterEach(() => {
    session._close();
    page.close();
  });

  it('the handshake goes to the embed origin with the port transferred, never to "*"', () => {
    expect(handshakes).to.have.length(1);
    const [message, origin, transfer] = handshakes[0] as [unknown, string, MessagePort[]];
    expect(message).to.deep.equal(HANDSHAKE);
    expect(origin).to.equal(ORIGIN);
    expect(transfer).to.have.length(1);
    expect(transfer[0]).to.be.instanceOf(MessagePort);
  });

  it('emits the token in the switchboard shape, at once and at every refresh', async () => {
    expect(await got.at(0)).to.deep.equal({
      switchboardAction: 'emit',
      method: 'guestToken',
      args: { guestToken: 't' },
    });
    session._token('t2');
    expect(await got.at(2)).to.deep.equal({
      switchboardAction: 'emit',
      method: 'guestToken',
      args: { guestToken: 't2' },
    });
  });

  it('a get resolves with the reply of the same messageId; the first reply is the sign of life', async () => {
    // The data mask, asked at once: the filter values the page starts with.
    const probe = await got.at(1);
    expect(probe).to.include({ switchboardAction: 'get', method: 'getDataMask' });
    const height = session._measure();
    const question = await got.at(2);
    expect(question).to.include({ switchboardAction: 'get', method: 'getScrollSize' });
    expect(question.messageId).not.to.equal(probe.messageId);
    page.postMessage({ switchboardAction: 'reply', messageId: 'other', result: 1 });
    page.postMessage({
      switchboardAction: 'reply',
      messageId: question.messageId,
      result: { width: 1, height: 2 },
    });
    expect(await height).to.equal(2);
    expect(alive()).to.equal(1);
    // An error is an answer (the page speaks the protocol), but no sign of life: without
    // `getDataMask`, the page is asked for its size instead.
    page.postMessage({ switchboardAction: 'error', messageId: probe.messageId, error: 'nope' });
    const instead = await got.at(3);
    expect(instead).to.include({ switchboardAction: 'get', method: 'getScrollSize' });
    expect(alive()).to.equal(1);
    expect(clock.pending).to.equal(1);
    page.postMessage({ switchboardAction: 'error', messageId: instead.messageId, error: 'nope' });
    await sync(4);
    expect(clock.pending).to.equal(0);
    expect(alive()).to.equal(1);
    expect(events.filter((e) => e.type !== 'alive')).to.deep.equal([]);
  });

  it('reports the data mask the page starts with as its filter values', async () => {
    const probe = await got.at(1);
    page.postMessage({
      switchboardAction: 'reply',
      messageId: probe.messageId,
      result: { 'NATIVE_FILTER-a': { filterState: { value: ['x'] } } },
    });
    await sync(2);
    expect(events).to.deep.equal([
      { type: 'alive' },
      { type: 'filters', filters: { 'NATIVE_FILTER-a': ['x'] } },
    ]);
    expect(clock.pending).to.equal(0);
  });

  it('a get with no answer is dropped after 5 s; closing drops the others', async () => {
    await got.at(1);
    let answered = false;
    const late = session._measure().then((height) => {
      answered = true;
      return height;
    });
    await got.at(2);
    clock.tick(GET_TIMEOUT - 1);
    await settle();
    expect(answered).to.equal(false);
    // The data mask's question and the height's.
    expect(clock.pending).to.equal(2);
    clock.tick(1);
    expect(await late).to.equal(undefined);
    const pending = session._measure();
    session._close();
    expect(await pending).to.equal(undefined);
    await settle();
    expect(clock.pending).to.equal(0);
    expect(await session._measure()).to.equal(undefined);
  });

  it("answers the page's resolvePermalinkUrl with null and any other get with an error", async () => {
    page.postMessage({
      switchboardAction: 'get',
      method: 'resolvePermalinkUrl',
      messageId: 'm_superset_1',
      args: { key: 'k' },
    });
    expect(await got.at(2)).to.deep.equal({
      switchboardAction: 'reply',
      messageId: 'm_superset_1',
      result: null,
    });
    page.postMessage({ switchboardAction: 'get', method: 'x', messageId: 'm_2' });
    const error = await got.at(3);
    expect(error).to.include({ switchboardAction: 'error', messageId: 'm_2' });
    expect(error.error).to.be.a('string');
  });

  it("hands the page's data mask emits on and ignores malformed messages without throwing", async () => {
    for (const junk of [null, 1, 'x', [], {}, { switchboardAction: 'get' }, { messageId: 3 }]) {
      page.postMessage(junk);
    }
    page.postMessage({ switchboardAction: 'emit', method: 'other', args: 1 });
    page.postMessage({
      switchboardAction: 'emit',
      method: 'observeDataMask',
      args: { 'NATIVE_FILTER-a': { filterState: { value: 'x' } }, nativeFiltersChanged: true },
    });
    await sync(2);
    expect(events).to.deep.equal([{ type: 'filters', filters: { 'NATIVE_FILTER-a': 'x' } }]);
  });
});
