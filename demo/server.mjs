// `npm start` runs this file: the host app on http://localhost:8080 and the stand-in BI server on
// http://127.0.0.1:8081 (a different origin, as a real BI tool would be), in one process.
// Tests and the screenshot script import `startDemo` and run it on free ports instead.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { createBiApp } from './bi/app.mjs';
import { configFromEnv } from './config.mjs';
import { createHostApp } from './host/app.mjs';
import { DemoError, guard, listen } from './lib/http.mjs';

/**
 * Starts both servers. Port 0 picks a free port; the pages are rendered with the ports actually
 * used, so the host's `instance-url` always points at this stand-in.
 * @returns {Promise<{hostUrl: string, biUrl: string, hostServer: import('node:http').Server,
 *   biServer: import('node:http').Server, close: () => Promise<void>}>}
 */
export async function startDemo({
  hostPort = 8080,
  biPort = 8081,
  secret = randomBytes(32).toString('base64url'),
  metabase = null,
  allowedOrigins = [],
  quiet = false,
} = {}) {
  const logger = (prefix) => (quiet ? () => {} : (message) => console.log(`${prefix} ${message}`));
  // Handlers are attached once both ports are known (each side needs the other's origin).
  let onBi = (req, res) => res.writeHead(503).end();
  let onHost = onBi;
  const biServer = createServer((req, res) => onBi(req, res));
  const hostServer = createServer((req, res) => onHost(req, res));

  // Both bind to loopback only: the demo signs tokens with a known or throwaway secret and is
  // not meant to be reachable from the network.
  const actualBiPort = await listen(biServer, biPort, '127.0.0.1', 'Stand-in BI server');
  let actualHostPort;
  try {
    actualHostPort = await listen(hostServer, hostPort, '127.0.0.1', 'Host app');
  } catch (error) {
    biServer.close();
    throw error;
  }
  const biUrl = `http://127.0.0.1:${actualBiPort}`;
  const hostUrl = `http://localhost:${actualHostPort}`;

  onBi = guard(
    createBiApp({
      secret,
      // Framework dev servers named in DEMO_ALLOWED_ORIGINS may frame the embeds too.
      hostOrigins: [hostUrl, `http://127.0.0.1:${actualHostPort}`, ...allowedOrigins],
      log: logger('[bi]  '),
    }),
    logger('[bi]   error:'),
  );
  onHost = guard(
    createHostApp({ secret, biOrigin: biUrl, metabase, allowedOrigins, log: logger('[host]') }),
    logger('[host] error:'),
  );

  const close = () =>
    Promise.all(
      [hostServer, biServer].map(
        (server) =>
          new Promise((resolve) => {
            server.close(() => resolve());
            server.closeAllConnections();
          }),
      ),
    ).then(() => {});
  return { hostUrl, biUrl, hostServer, biServer, close };
}

async function main() {
  const config = configFromEnv();
  for (const warning of config.warnings) console.warn(`warning: ${warning}`);
  const distDir = fileURLToPath(new URL('../dist/', import.meta.url));
  if (!existsSync(`${distDir}bi-embed.bundle.js`) || !existsSync(`${distDir}bi-embed.iife.js`)) {
    console.warn(
      'warning: dist/ has no bundles yet; run `npm run build` (npm start builds first).',
    );
  }
  const demo = await startDemo(config);
  const secretNote = config.secret ? 'from BI_EMBED_SECRET' : 'random, new on every start';
  console.log(`
  bi-embed demo is running

  Open             ${demo.hostUrl}/
  CMS page         ${demo.hostUrl}/cms
  Token endpoint   ${demo.hostUrl}/api/embed-token?dashboard=1&ttl=60
  Stand-in BI      ${demo.biUrl}/  (Metabase, Lightdash and Superset shaped; signing secret ${secretNote})
${config.metabase ? `  Metabase         ${config.metabase.siteUrl}  (dashboard ${config.metabase.dashboardId}, question ${config.metabase.questionId})\n` : ''}
  Watch a token refresh: ${demo.hostUrl}/?ttl=15
${
  config.allowedOrigins.length
    ? `  Dev servers      ${config.allowedOrigins.join(', ')} may call the token endpoint and frame the embeds`
    : `  From a framework's dev server (examples/): start with its origin allowed, e.g.
    DEMO_ALLOWED_ORIGINS=http://localhost:5173 npm start`
}
  Press Ctrl+C to stop.
`);
  const stop = () => demo.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((error) => {
    // Configuration and port problems are the user's to fix: say what, without a stack trace.
    console.error(
      `\nbi-embed demo: ${error instanceof DemoError ? error.message : `could not start (${error.message})`}\n`,
    );
    process.exit(1);
  });
}
