// The Superset provider module and our end of the switchboard protocol, without a frame: the
// "page" is the other end of a MessageChannel, driven by the test.
import { expect } from '@open-wc/testing';
import { SignJWT } from 'jose';
import { EmbedError } from '../../src/errors.js';
import { dataMaskFilters, superset } from '../../src/providers/superset.js';
import {
  GET_TIMEOUT,
  HANDSHAKE,
  openSwitchboard,
  switchboard,
  type Switchboard,
} from '../../src/providers/superset-port.js';
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

/** The next message the page end of the channel receives. */
const next = (port: MessagePort) =>
  new Promise<Record<string, unknown>>((resolve) => {
    port.addEventListener('message', (e) => resolve(e.data), { once: true });
    port.start();
  });

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
      dataMaskFilters({
        'NATIVE_FILTER-a': { filterState: { value: ['x', 2] } },
        'NATIVE_FILTER-b': { filterState: { value: 'Last week' } },
        'NATIVE_FILTER-c': { filterState: { value: null } },
        'NATIVE_FILTER-d': { filterState: {} },
        'NATIVE_FILTER_DIVIDER-e': { filterState: { value: 'no' } },
        '17': { filterState: { value: ['cross filter'] } },
        crossFiltersChanged: true,
        nativeFiltersChanged: true,
      }),
    ).to.deep.equal({ 'NATIVE_FILTER-a': ['x', '2'], 'NATIVE_FILTER-b': 'Last week' });
    for (const junk of [null, undefined, 'x', 1, [], { 'NATIVE_FILTER-a': 'flat' }]) {
      expect(dataMaskFilters(junk)).to.deep.equal({});
    }
  });
});

describe('switchboard (our end of the port)', () => {
  let clock: FakeClock;
  let channel: MessageChannel;
  let board: Switchboard;
  let emits: [unknown, unknown][];
  let replies: number;

  beforeEach(() => {
    clock = new FakeClock();
    channel = new MessageChannel();
    emits = [];
    replies = 0;
    board = switchboard(channel.port1, clock, {
      _onEmit: ({ method, args }) => emits.push([method, args]),
      _onReply: () => replies++,
    });
  });
  afterEach(() => {
    board._close();
    channel.port2.close();
  });

  it('emits in the switchboard shape', async () => {
    const got = next(channel.port2);
    board._emit('guestToken', { guestToken: 't' });
    expect(await got).to.deep.equal({
      switchboardAction: 'emit',
      method: 'guestToken',
      args: { guestToken: 't' },
    });
  });

  it('a get resolves with the reply of the same messageId; the first reply is the sign of life', async () => {
    let asked = next(channel.port2);
    const first = board._get('getScrollSize');
    const question = await asked;
    expect(question).to.include({ switchboardAction: 'get', method: 'getScrollSize' });
    channel.port2.postMessage({ switchboardAction: 'reply', messageId: 'other', result: 1 });
    channel.port2.postMessage({
      switchboardAction: 'reply',
      messageId: question.messageId,
      result: { width: 1, height: 2 },
    });
    expect(await first).to.deep.equal({ result: { width: 1, height: 2 } });
    expect(replies).to.equal(1);
    asked = next(channel.port2);
    const second = board._get('getDataMask');
    const { messageId } = await asked;
    expect(messageId).not.to.equal(question.messageId);
    channel.port2.postMessage({ switchboardAction: 'error', messageId, error: 'nope' });
    expect(await second).to.deep.equal({ error: 'nope' });
    expect(replies).to.equal(1);
    expect(board._waiting.size).to.equal(0);
  });

  it('a get with no answer is dropped after 5 s; closing drops the others', async () => {
    const late = board._get('getScrollSize');
    clock.tick(GET_TIMEOUT - 1);
    expect(board._waiting.size).to.equal(1);
    clock.tick(1);
    expect(await late).to.equal(undefined);
    const pending = board._get('getScrollSize');
    board._close();
    expect(await pending).to.equal(undefined);
    expect(board._waiting.size).to.equal(0);
    expect(clock.pending).to.equal(0);
    expect(await board._get('getScrollSize')).to.equal(undefined);
  });

  it("answers the page's resolvePermalinkUrl with null and any other get with an error", async () => {
    let answer = next(channel.port2);
    channel.port2.postMessage({
      switchboardAction: 'get',
      method: 'resolvePermalinkUrl',
      messageId: 'm_superset_1',
      args: { key: 'k' },
    });
    expect(await answer).to.deep.equal({
      switchboardAction: 'reply',
      messageId: 'm_superset_1',
      result: null,
    });
    answer = next(channel.port2);
    channel.port2.postMessage({ switchboardAction: 'get', method: 'x', messageId: 'm_2' });
    const error = await answer;
    expect(error).to.include({ switchboardAction: 'error', messageId: 'm_2' });
    expect(error.error).to.be.a('string');
  });

  it("hands the page's emits on and ignores malformed messages without throwing", async () => {
    for (const junk of [null, 1, 'x', [], {}, { switchboardAction: 'get' }, { messageId: 3 }]) {
      channel.port2.postMessage(junk);
    }
    channel.port2.postMessage({ switchboardAction: 'emit', method: 'observeDataMask', args: 1 });
    const probe = next(channel.port2);
    channel.port2.postMessage({ switchboardAction: 'get', method: 'y', messageId: 'z' });
    await probe;
    expect(emits).to.deep.equal([['observeDataMask', 1]]);
    expect(replies).to.equal(0);
  });

  it('the handshake goes to the embed origin with the port transferred, never to "*"', () => {
    const calls: unknown[][] = [];
    const frame = { postMessage: (...args: unknown[]) => calls.push(args) } as unknown as Window;
    const opened = openSwitchboard(frame, 'https://superset.example', clock, {
      _onEmit: () => {},
      _onReply: () => {},
    });
    expect(calls).to.have.length(1);
    const [message, origin, transfer] = calls[0] as [unknown, string, MessagePort[]];
    expect(message).to.deep.equal(HANDSHAKE);
    expect(origin).to.equal('https://superset.example');
    expect(transfer).to.have.length(1);
    expect(transfer[0]).to.be.instanceOf(MessagePort);
    opened._close();
  });
});
