// Type tests for 'bi-embed/vue': what Vue's template checker (vue-tsc) reads from GlobalComponents.
import type { GlobalComponents } from 'vue';
import type { BiEmbedErrorDetail } from '../../src/frameworks/vue.js';
import { assertType, type Equal } from './assert.js';

type Instance = InstanceType<GlobalComponents['bi-embed']>;
type Props = Instance['$props'];

export const props: Props = {
  'token-endpoint': '/api/embed-token?dashboard=1',
  params: { region: 'EU' },
  bordered: 'false',
  theme: 'night',
  class: 'dashboard',
  'no-auto-resize': true,
};
// Vue hands static attribute values to the camelCase property: numeric strings are accepted.
export const staticStrings: Props = {
  minHeight: '400',
  'max-height': '900',
  tokenTimeout: '5000',
  noAutoResize: '',
  hideDownloadButton: 'false',
};
// @ts-expect-error -- not a number of pixels
export const wrongHeight: Props = { minHeight: 'tall' };
// @ts-expect-error -- `dark` is Lightdash's word; the attribute takes `night`
export const wrongTheme: Props = { theme: 'dark' };

declare const emit: Instance['$emit'];
emit('bi-embed-error', new CustomEvent<BiEmbedErrorDetail>('bi-embed-error'));
// @ts-expect-error -- the error event carries an error detail, not a load detail
emit('bi-embed-error', new CustomEvent('bi-embed-error', { detail: { provider: 'metabase' } }));
// @ts-expect-error -- not an event of the element
emit('bi-embed-unknown', new Event('bi-embed-unknown'));
assertType<Equal<Instance['params'], Record<string, unknown>>>();
