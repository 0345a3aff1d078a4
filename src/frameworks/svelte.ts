// Svelte 5 typings: `import 'bi-embed/svelte'` registers <bi-embed> (it is the package's main
// module) and adds it to `svelte/elements`, so svelte-check checks its attributes and
// `onbi-embed-*` listeners.
import type { HTMLAttributes } from 'svelte/elements';
import type { BiEmbed } from '../bi-embed.js';
import type { BiEmbedEventProps, BiEmbedProps } from './attributes.js';

export * from '../index.js';
export type { BiEmbedAttributes, BiEmbedEventProps, BiEmbedProps } from './attributes.js';

/** Presence attributes: Svelte writes `false` as the string "false", which reads as present. */
type Presence = 'hide-download-button' | 'no-auto-resize';

/** Svelte props of `<bi-embed>`; for a boolean flag use the property (`noAutoResize={flag}`). */
export type BiEmbedSvelteProps = HTMLAttributes<BiEmbed> &
  Omit<BiEmbedProps, Presence> & { [K in Presence]?: true | null } & BiEmbedEventProps;

declare module 'svelte/elements' {
  export interface SvelteHTMLElements {
    'bi-embed': BiEmbedSvelteProps;
  }
}
