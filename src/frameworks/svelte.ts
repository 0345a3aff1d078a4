// Svelte 5 typings: `import 'bi-embed/svelte'` registers <bi-embed> (it is the package's main
// module) and adds it to `svelte/elements`, so svelte-check checks its attributes and
// `onbi-embed-*` listeners.
import type { HTMLAttributes } from 'svelte/elements';
import type { BiEmbed } from '../bi-embed.js';
import type { BiEmbedEventProps, BiEmbedProps } from './attributes.js';

export * from '../index.js';
export type { BiEmbedAttributes, BiEmbedEventProps, BiEmbedProps } from './attributes.js';

/** Svelte props of `<bi-embed>` (Svelte writes `false` as `"false"`, which the flags read as off). */
export type BiEmbedSvelteProps = HTMLAttributes<BiEmbed> & BiEmbedProps & BiEmbedEventProps;

declare module 'svelte/elements' {
  export interface SvelteHTMLElements {
    'bi-embed': BiEmbedSvelteProps;
  }
}
