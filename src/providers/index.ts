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

/** Every BI tool the element embeds, in the order detection tries them. */
const MODULES = [metabase, lightdash, superset] as const;

/** Which BI tool serves the embed. */
export type Provider = (typeof MODULES)[number]['name'];

/** Providers the `provider` attribute accepts. */
export const PROVIDERS: readonly Provider[] = MODULES.map((m) => m.name);

/** The module of a provider name. */
export function providerModule(name: Provider): ProviderModule<Provider> {
  return MODULES.find((m) => m.name === name)!;
}

/** The provider a token's claims belong to, if any. */
export function providerFromClaims(claims: JWTPayload): Provider | undefined {
  return MODULES.find((m) => m._ownsClaims(claims))?.name;
}

/** The module of the provider a complete embed URL belongs to, if any. */
export function moduleOfUrl(url: URL): ProviderModule<Provider> | undefined {
  return MODULES.find((m) => m._ownsUrl(url));
}

/** The provider a complete embed URL belongs to, if any. */
export const providerFromUrl = (url: URL): Provider | undefined => moduleOfUrl(url)?.name;
