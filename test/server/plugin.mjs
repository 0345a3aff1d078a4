// Koa middleware for web-test-runner: the token endpoint (on the test page's origin, localhost)
// and the stand-in BI frame pages (requested on 127.0.0.1, a second origin) for the browser tests.
import { frameGate, passGate } from './frame-gate.mjs';
import { cspPage } from './csp-page.mjs';
import { framePage, supersetLogRoute } from './frames.mjs';
import { testReport } from './report.mjs';
import { tokenEndpoint, tokenLog, tokenRecover } from './token-endpoint.mjs';

export function testMiddleware() {
  return [
    async function testServers(ctx, next) {
      const port = new URL(ctx.origin).port;
      if (ctx.path === '/api/token') return tokenEndpoint(ctx, `http://127.0.0.1:${port}`);
      if (ctx.path === '/api/token-log') return tokenLog(ctx);
      if (ctx.path === '/api/token-recover') return tokenRecover(ctx);
      if (ctx.path === '/api/superset-log') return supersetLogRoute(ctx);
      if (ctx.path === '/api/frame-gate') return frameGate(ctx);
      if (ctx.path === '/api/test-report') return testReport(ctx);
      if (ctx.path === '/csp-page') return cspPage(ctx, `http://127.0.0.1:${port}`);
      await passGate(ctx);
      if (await framePage(ctx)) return undefined;
      return next();
    },
  ];
}
