// Which page the stand-in serves at an embed path, as the tools' own routers decide it. Shared by
// the demo's stand-in (demo/bi/app.mjs) and the browser tests' (test/server/frames.mjs), so both
// serve exactly the routes the real tools serve, and nothing kinder.

/**
 * The page a path shows:
 * - `{tool: 'metabase', kind, token}`: a static embed, `/embed/dashboard|question/<JWT>`;
 * - `{tool: 'metabase', kind, uuid}`: a public link, `/public/dashboard|question/<uuid>`;
 * - `{tool: 'lightdash', projectUuid, chartUuid?, tabUuid?}`: Lightdash's embed routes,
 *   `/embed/<p>`, `/embed/<p>/tabs/<t>`, `/embed/<p>/chart/<c>` (the JWT is in the hash);
 * - `{tool: 'lightdash', notFound: true}`: any other `/embed/…` path, such as the
 *   `/embed/<p>/dashboard/<uuid>` that Lightdash's docs print and its router does not have: its
 *   single-page app answers 200 and shows its "not found" page;
 * - `{tool: 'superset', embedId}`: Superset's embedded dashboard page, `/embedded/<uuid>` (the
 *   guest token comes later, over the message port the host hands it);
 * - `undefined`: no embed page.
 */
export function embedRoute(pathname) {
  let m;
  if ((m = pathname.match(/^\/embedded\/([^/]+)\/?$/))) {
    return { tool: 'superset', embedId: decodeURIComponent(m[1]) };
  }
  if ((m = pathname.match(/^\/embed\/(dashboard|question)\/([^/]+)\/?$/))) {
    return { tool: 'metabase', kind: m[1], token: decodeURIComponent(m[2]) };
  }
  if ((m = pathname.match(/^\/public\/(dashboard|question)\/([^/]+)\/?$/))) {
    return { tool: 'metabase', kind: m[1], uuid: decodeURIComponent(m[2]) };
  }
  if ((m = pathname.match(/^\/embed\/([^/]+)(?:\/tabs\/([^/]+)|\/chart\/([^/]+))?\/?$/))) {
    const [, projectUuid, tabUuid, chartUuid] = m.map((s) => s && decodeURIComponent(s));
    return { tool: 'lightdash', projectUuid, tabUuid, chartUuid };
  }
  if (pathname.startsWith('/embed/')) return { tool: 'lightdash', notFound: true };
  return undefined;
}
