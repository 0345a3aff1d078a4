// Type tests for 'bi-embed/svelte': what svelte-check reads from `svelte/elements`.
import type { SvelteHTMLElements } from 'svelte/elements';
import type { BiEmbedErrorDetail } from '../../src/frameworks/svelte.js';
import { expectType } from './assert.js';

type Props = SvelteHTMLElements['bi-embed'];

export const props: Props = {
  'token-endpoint': '/api/embed-token?dashboard=1',
  params: { region: 'EU' },
  theme: 'night',
  class: 'dashboard',
  noAutoResize: false,
  'hide-download-button': true,
  'onbi-embed-error': (e) => expectType(e.detail).toBe<BiEmbedErrorDetail>(),
};
// Svelte writes `false` as the attribute "false", which the flags read as off.
export const flagsOff: Props = { 'no-auto-resize': false, 'hide-download-button': 'false' };
export const numericStrings: Props = {
  'min-height': '400',
  'max-height': '900px',
  'token-timeout': '5000',
};
// @ts-expect-error -- not a number of pixels
export const wrongHeight: Props = { 'min-height': 'tall' };
// @ts-expect-error -- `dark` is Lightdash's word; the attribute takes `night`
export const wrongTheme: Props = { theme: 'dark' };
