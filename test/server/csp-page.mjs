// GET /csp-page?bundle=module|iife&tt=…: a host page under a strict Content-Security-Policy
// (no inline script or style, Trusted Types required) that loads a built bundle and embeds a
// dashboard from the frame origin. `tt` is the `trusted-types` directive's value, or absent.
export function cspPage(ctx, frameOrigin) {
  const q = new URLSearchParams(ctx.querystring);
  const policy = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    `frame-src ${frameOrigin}`,
    "require-trusted-types-for 'script'",
  ];
  if (q.has('tt')) policy.push(`trusted-types ${q.get('tt')}`);
  const bundle =
    q.get('bundle') === 'iife'
      ? '<script src="/dist/bi-embed.iife.js"></script>'
      : '<script type="module" src="/dist/bi-embed.bundle.js"></script>';
  ctx.set('Content-Security-Policy', policy.join('; '));
  ctx.type = 'text/html';
  ctx.body = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Strict page</title>
    <script src="/test/fixtures/csp-page.js"></script>
    ${bundle}
  </head>
  <body>
    <bi-embed token-endpoint="/api/token?frame=hello" title="Sales"></bi-embed>
  </body>
</html>`;
}
