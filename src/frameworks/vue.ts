// Vue 3 typings: `import 'bi-embed/vue'` registers <bi-embed> (it is the package's main module) and
// adds it to Vue's GlobalComponents, so vue-tsc checks its props and `@bi-embed-*` listeners.
// The shape is the one Vue's guide gives for custom elements not built with Vue.
import type { EmitFn, HTMLAttributes, PublicProps } from 'vue';
import type { BiEmbed } from '../bi-embed.js';
import type { BiEmbedEventMap } from '../types.js';
import type { BiEmbedProps } from './attributes.js';

export * from '../index.js';
export type { BiEmbedAttributes, BiEmbedProps } from './attributes.js';

/** What Vue's template type-checker reads for `<bi-embed>`: `$props` and `$emit`. */
export type BiEmbedVueComponent = new () => BiEmbed & {
  /** @deprecated For template type-checking only: not a property of the element. */
  $props: HTMLAttributes & BiEmbedProps & PublicProps;
  /** @deprecated For template type-checking only: not a method of the element. */
  $emit: EmitFn<{ [K in keyof BiEmbedEventMap]: (event: BiEmbedEventMap[K]) => void }>;
};

declare module 'vue' {
  interface GlobalComponents {
    'bi-embed': BiEmbedVueComponent;
  }
}
