import { looksLikeJwt } from '../token.js';
import {
  asId,
  missing,
  namesNothing,
  record,
  type FrameEvent,
  type ProviderModule,
} from './provider.js';

/** A count the tool reports: a non-negative integer, else `undefined`. */
function count(value: unknown): number | undefined {
  return Number.isSafeInteger(value) && (value as number) >= 0 ? (value as number) : undefined;
}

/**
 * Lightdash JWT embeds, as its own `getEmbedUrl` builds them: dashboards at
 * `/embed/<projectUuid>#<JWT>`, charts at `/embed/<projectUuid>/chart/<contentId>#<JWT>`. The page
 * reads the JWT from the hash (and removes it), and reads `targetOrigin`, `theme`,
 * `backgroundColor` and `timezone` from the query. It posts `{type: "lightdash:<name>", payload}`
 * events only when the instance enables them for the host's origin, and none at all for a refused
 * token; it never reports its height (the dashboard scrolls inside the frame).
 */
export const lightdash = {
  _reads: ['theme', 'backgroundColor', 'timezone'],
  _liveOn: 'load',
  _sizing: 'css',

  _ownsClaims: (claims) => !!record(claims.content),

  // The JWT in the hash is what no other tool's URL has; the path varies (tabs, charts).
  _ownsUrl: (url) => looksLikeJwt(url.hash.slice(1)),

  _tokenPath(grant, { projectUuid }) {
    const content = record(grant._claims.content) ?? {};
    const project = asId(projectUuid) ?? asId(content.projectUuid);
    if (!project) throw missing('project-uuid', 'projectUuid');
    const chart = content.type === 'chart' && asId(content.contentId);
    const dashboard =
      content.type === 'dashboard' && (asId(content.dashboardUuid) ?? asId(content.dashboardSlug));
    if (!chart && !dashboard) throw namesNothing('dashboard or chart');
    // A dashboard is named by the token alone: the path carries only the project.
    return `/embed/${encodeURIComponent(project)}${chart ? `/chart/${encodeURIComponent(chart)}` : ''}#${grant.token}`;
  },

  // The hash is the token: it is never rewritten.
  _decorate(url, { options: { theme, backgroundColor, timezone }, _hostOrigin: targetOrigin }) {
    const values = {
      targetOrigin,
      // Two themes: `night` is its dark one, and it has no `transparent`.
      theme: theme === 'night' ? 'dark' : theme === 'light' && theme,
      backgroundColor,
      timezone,
    };
    for (const [key, value] of Object.entries(values)) if (value) url.searchParams.set(key, value);
  },

  _parse(data): FrameEvent | undefined {
    const message = record(data);
    const type = message?.type;
    if (typeof type !== 'string' || !type.startsWith('lightdash:')) return undefined;
    const payload = record(message!.payload) ?? {};
    if (type === 'lightdash:filterChanged') {
      const filterCount = count(payload.filterCount) ?? 0;
      const has = payload.hasFilters;
      return {
        type: 'filter-count',
        filterCount,
        hasFilters: typeof has === 'boolean' ? has : filterCount > 0,
      };
    }
    if (type === 'lightdash:allTilesLoaded') {
      const tiles = count(payload.tilesCount);
      const ms = payload.loadTimeMs as number;
      // What the tool did not say is left out.
      return {
        type: 'content-loaded',
        ...(tiles !== undefined && { tilesCount: tiles }),
        ...(Number.isFinite(ms) && ms >= 0 && { loadTimeMs: ms }),
      };
    }
    // Every other event (`error` too: declared by Lightdash's event types, sent by none of its
    // code) is only a sign of life.
    return { type: 'alive' };
  },
} as const satisfies ProviderModule;
