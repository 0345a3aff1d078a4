import './define.js';

export { BiEmbed } from './bi-embed.js';
export type {
  BiEmbedContentLoadedDetail,
  BiEmbedErrorDetail,
  BiEmbedEventMap,
  BiEmbedFilterChangeDetail,
  BiEmbedLoadDetail,
  BiEmbedResizeDetail,
  BiEmbedTokenRefreshDetail,
  EmbedStatus,
  ErrorCode,
  Filters,
  FilterValue,
  Provider,
  TokenResponse,
} from './types.js';
export type { FetchToken } from './token.js';
