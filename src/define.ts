import { BiEmbed } from './bi-embed.js';
import type { BiEmbedEventMap } from './types.js';

// Registering twice throws; a page may load two copies (a bundle and an app build).
if (!customElements.get('bi-embed')) customElements.define('bi-embed', BiEmbed);

declare global {
  interface HTMLElementTagNameMap {
    'bi-embed': BiEmbed;
  }
  // Merges the element's events into the DOM's maps, so listeners get typed `detail`s: on the
  // element, on any ancestor, and on document and window, which the composed events reach too.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface HTMLElementEventMap extends BiEmbedEventMap {}
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface DocumentEventMap extends BiEmbedEventMap {}
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface WindowEventMap extends BiEmbedEventMap {}
}
