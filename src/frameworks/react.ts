// React 19 JSX typings: `import 'bi-embed/react'` registers <bi-embed> (it is the package's main
// module) and lets TSX type-check its attributes, properties and `onbi-embed-*` listeners.
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { BiEmbed } from '../bi-embed.js';
import type { BiEmbedEventProps, BiEmbedProps } from './attributes.js';

export * from '../index.js';
export type { BiEmbedAttributes, BiEmbedEventProps, BiEmbedProps } from './attributes.js';

/** JSX props of `<bi-embed>`: React 19 sets a prop as a property when the element has it. */
export type BiEmbedJsxProps = DetailedHTMLProps<HTMLAttributes<BiEmbed>, BiEmbed> &
  BiEmbedProps &
  BiEmbedEventProps;

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    interface IntrinsicElements {
      'bi-embed': BiEmbedJsxProps;
    }
  }
}
