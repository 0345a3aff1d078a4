// What `<bi-embed>` accepts in framework templates, shared by the React, Vue and Svelte typings.
import type { BiEmbed } from '../bi-embed.js';
import type { BiEmbedEventMap } from '../types.js';

/** `true`/`false` as a property, or as the attribute's string. */
type OnOff = boolean | 'true' | 'false';
/** A boolean flag: `true`/`false`, or the attribute's string (`""` or `"true"` on, `"false"` off). */
type Flag = boolean | '' | 'true' | 'false';
/** Pixels as a number or a numeric string (`"400"`, `"400px"`), as the attribute reads them. */
type Pixels = number | `${number}` | `${number}px`;
/** Milliseconds as a number or a numeric string (`"5000"`). */
type Millis = number | `${number}`;

/**
 * The element's attributes by their HTML names. Frameworks write these as attributes, or set the
 * same-named property when the element has one, so the property's type is accepted too.
 */
export interface BiEmbedAttributes {
  /** URL of the host app's endpoint that answers a signed embed URL or JWT. */
  'token-endpoint'?: string;
  /** A tokenless (public) embed URL. */
  src?: string;
  /** The BI tool's base URL: the only origin the frame may have and messages may come from. */
  'instance-url'?: string;
  /** The BI tool; detected from the token's claims or the URL when unset. */
  provider?: NonNullable<BiEmbed['provider']>;
  /** Project UUID, for providers whose embed path names a project. */
  'project-uuid'?: string;
  /** Embedded dashboard id, for providers whose embed path names one. */
  'embed-id'?: string;
  /** Frame border; unset leaves the BI tool's default. */
  bordered?: OnOff;
  /** Title shown; unset leaves the BI tool's default. */
  titled?: OnOff;
  /** `light`, `night` or `transparent` (a tool with two themes maps `night` to its dark one). */
  theme?: NonNullable<BiEmbed['theme']>;
  /** Comma list of filter slugs to hide. */
  'hide-parameters'?: string;
  /** Hides the downloads (written as `downloads=false` when `downloads` is unset). */
  'hide-download-button'?: Flag;
  /** `true`, `false`, `pdf`, `results`, or `pdf` and `results` in any order. */
  downloads?: 'true' | 'false' | 'pdf' | 'results' | 'pdf,results' | 'results,pdf';
  /** BCP 47 language tag for the embed's UI. */
  locale?: string;
  /** `false`: a transparent page background; unset leaves the BI tool's default. */
  background?: OnOff;
  /** Page background colour, hex (`#` optional). */
  'background-color'?: string;
  /** Font name for the embed's UI. */
  font?: string;
  /** IANA time zone the embed shows dates in. */
  timezone?: string;
  /** Filter values by slug: an object (property) or its JSON (attribute). */
  params?: Record<string, unknown> | string;
  /** Smallest iframe height in px. */
  'min-height'?: Pixels;
  /** Largest iframe height in px. */
  'max-height'?: Pixels;
  /** Keeps the CSS height (`--bi-embed-height`) instead of sizing the frame to its content. */
  'no-auto-resize'?: Flag;
  /** `lazy`: no token request until the element is near the viewport. */
  loading?: BiEmbed['loading'];
  /** The iframe's accessible name (default "Embedded dashboard"). */
  title?: string;
  /** Token request timeout in ms (default 15000). */
  'token-timeout'?: Millis;
}

/**
 * Properties with a multi-word name, for templates that set properties by their JS name (vue-tsc
 * checks `min-height="400"` against `minHeight`): each takes its attribute's string form too.
 */
export interface BiEmbedProperties {
  tokenEndpoint?: string;
  instanceUrl?: string;
  projectUuid?: string;
  embedId?: string;
  backgroundColor?: string;
  hideParameters?: string;
  hideDownloadButton?: Flag;
  minHeight?: Pixels;
  maxHeight?: Pixels;
  noAutoResize?: Flag;
  tokenTimeout?: Millis;
  tokenRequestInit?: BiEmbed['tokenRequestInit'];
  fetchToken?: BiEmbed['fetchToken'];
}

/** Everything a template may set on `<bi-embed>`: attributes and properties. */
export type BiEmbedProps = BiEmbedAttributes & BiEmbedProperties;

/** `on<event>` props, the way React 19 and Svelte 5 bind listeners on custom elements. */
export type BiEmbedEventProps = {
  [K in keyof BiEmbedEventMap as `on${K}`]?: (event: BiEmbedEventMap[K]) => void;
};
