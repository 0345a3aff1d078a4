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
// @ts-expect-error -- Svelte would write the string "false", which reads as present
export const falsePresence: Props = { 'no-auto-resize': false };
// @ts-expect-error -- `dark` is Lightdash's word; the attribute takes `night`
export const wrongTheme: Props = { theme: 'dark' };
