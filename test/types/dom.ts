// Type tests for the DOM typings every user of 'bi-embed' gets: the tag name map and the events.
import type {
  BiEmbed,
  BiEmbedContentLoadedDetail,
  BiEmbedErrorDetail,
  BiEmbedFilterChangeDetail,
  BiEmbedLoadDetail,
  BiEmbedResizeDetail,
  BiEmbedTokenRefreshDetail,
  EmbedStatus,
  ErrorCode,
} from '../../src/index.js';
import { assertType, expectType, type Equal } from './assert.js';

const el = document.createElement('bi-embed');
expectType(el).toBe<BiEmbed>();
const found = document.querySelector('bi-embed');
expectType(found).toBe<BiEmbed | null>();

el.addEventListener('bi-embed-error', (e) => {
  expectType(e).toBe<CustomEvent<BiEmbedErrorDetail>>();
  expectType(e.detail.code).toBe<ErrorCode>();
  // @ts-expect-error -- a detail never carries a token
  void e.detail.token;
});
el.addEventListener('bi-embed-filter-change', (e) => {
  expectType(e.detail).toBe<BiEmbedFilterChangeDetail>();
});
el.addEventListener('bi-embed-load', (e) => {
  expectType(e.detail).toBe<BiEmbedLoadDetail>();
  expectType(e.detail.signal).toBe<'message' | 'load'>();
});
el.addEventListener('bi-embed-content-loaded', (e) => {
  expectType(e.detail).toBe<BiEmbedContentLoadedDetail>();
  expectType(e.detail.tilesCount).toBe<number | undefined>();
});
el.background = false;
el.backgroundColor = 'f5f5f5';
el.font = 'Lato';
el.timezone = 'Europe/Paris';
el.addEventListener('bi-embed-resize', (e) => {
  expectType(e.detail).toBe<BiEmbedResizeDetail>();
});
el.addEventListener('bi-embed-token-refresh', (e) => {
  expectType(e.detail).toBe<BiEmbedTokenRefreshDetail>();
});
// The events bubble, so a listener on an ancestor is typed as well.
document.body.addEventListener('bi-embed-error', (e) =>
  expectType(e.detail.recoverable).toBe<boolean>(),
);

el.params = { region: 'EU', category: ['Gizmo', 'Widget'] };
el.tokenRequestInit = { headers: { 'X-CSRF-Token': 'token' }, credentials: 'include' };
el.fetchToken = async () => ({ token: 'jwt', instanceUrl: 'https://bi.example' });
el.theme = 'night';
// @ts-expect-error -- `dark` is Lightdash's word; the attribute and property take `night`
el.theme = 'dark';
assertType<Equal<BiEmbed['status'], EmbedStatus>>();
// @ts-expect-error -- status is read-only
el.status = 'ready';
assertType<Equal<ReturnType<BiEmbed['refresh']>, Promise<void>>>();

// The events are composed and bubble up to document and window.
document.addEventListener('bi-embed-filter-change', (e) => {
  expectType(e.detail).toBe<BiEmbedFilterChangeDetail>();
});
window.addEventListener('bi-embed-error', (e) => expectType(e.detail.code).toBe<ErrorCode>());
