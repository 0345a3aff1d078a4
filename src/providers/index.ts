import type { JWTPayload } from 'jose';
import { lightdash } from './lightdash.js';
import { metabase } from './metabase.js';
import type { ProviderModule } from './provider.js';
import { superset } from './superset.js';

export type {
  FrameEvent,
  FrameLink,
  FrameSession,
  ProviderModule,
  SizingSource,
  UrlContext,
} from './provider.js';

/** Which BI tool serves the embed. */
export type Provider = 'metabase' | 'lightdash' | 'superset';

/** Every BI tool the element embeds by its `provider` name, in the order detection tries them. */
const MODULES: Record<Provider, ProviderModule> = { metabase, lightdash, superset };

/** Providers the `provider` attribute accepts. */
export const PROVIDERS = Object.keys(MODULES) as readonly Provider[];

/** The module of a provider name. */
export const providerModule = (name: Provider): ProviderModule => MODULES[name];

/** The provider a token's claims belong to, if any. */
export const providerFromClaims = (claims: JWTPayload): Provider | undefined =>
  PROVIDERS.find((name) => MODULES[name]._ownsClaims(claims));

/** The provider a complete embed URL belongs to, if any. */
export const providerFromUrl = (url: URL): Provider | undefined =>
  PROVIDERS.find((name) => MODULES[name]._ownsUrl(url));

/** The module of the provider a complete embed URL belongs to, if any. */
export const moduleOfUrl = (url: URL): ProviderModule | undefined =>
  // No provider: the key `undefined`, which names no module.
  MODULES[providerFromUrl(url)!];
