// The embed SDKs we compare sizes with, at pinned versions (figures move only when we bump one),
// and the entry a page using each would import. They are installed on demand into bench/.peers/
// (git-ignored), never as project dependencies.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';

export const PEERS_DIR = new URL('.peers/', import.meta.url);

/**
 * `name`: the row label; `packages`: what to install; `entry`: what a page would import;
 * `prebuilt`: a minified browser file the package itself ships, for a page that loads that instead.
 */
export const PEERS = [
  {
    name: 'iframe-resizer 4 parent script',
    packages: { 'iframe-resizer': '4.4.5' },
    entry: "export { default } from 'iframe-resizer/js/iframeResizer.js';",
    prebuilt: 'iframe-resizer/js/iframeResizer.min.js',
  },
  {
    name: '@open-iframe-resizer/core',
    packages: { '@open-iframe-resizer/core': '2.1.0' },
    entry: "export { initialize } from '@open-iframe-resizer/core';",
  },
  {
    name: '@superset-ui/embedded-sdk',
    packages: { '@superset-ui/embedded-sdk': '0.4.0' },
    entry: "export { embedDashboard } from '@superset-ui/embedded-sdk';",
    prebuilt: '@superset-ui/embedded-sdk/bundle/index.js',
  },
  {
    name: '@looker/embed-sdk',
    packages: { '@looker/embed-sdk': '2.0.8' },
    entry: "export { getEmbedSDK } from '@looker/embed-sdk';",
  },
  {
    name: '@tableau/embedding-api',
    packages: { '@tableau/embedding-api': '3.16.1' },
    entry: "export { TableauViz } from '@tableau/embedding-api';",
  },
  {
    name: 'powerbi-client',
    packages: { 'powerbi-client': '2.24.1' },
    // What the docs' npm setup creates: the service that embeds reports.
    entry: [
      "import { factories, models, service } from 'powerbi-client';",
      'export const powerbi = new service.Service(',
      '  factories.hpmFactory, factories.wpmpFactory, factories.routerFactory);',
      'export { models };',
    ].join('\n'),
    prebuilt: 'powerbi-client/dist/powerbi.min.js',
  },
  {
    name: '@thoughtspot/visual-embed-sdk',
    packages: { '@thoughtspot/visual-embed-sdk': '1.52.0' },
    entry: "export { init, LiveboardEmbed, AuthType } from '@thoughtspot/visual-embed-sdk';",
  },
];

const wanted = () => Object.assign({}, ...PEERS.map((peer) => peer.packages));

function installedVersion(name) {
  const file = new URL(`node_modules/${name}/package.json`, PEERS_DIR);
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')).version : undefined;
}

/** Installs the peers into bench/.peers/ unless the pinned versions are already there. */
export function ensurePeers(log = console.log) {
  const dependencies = wanted();
  const missing = Object.entries(dependencies).filter(([n, v]) => installedVersion(n) !== v);
  if (!missing.length) return;
  log(`installing ${missing.map(([n, v]) => `${n}@${v}`).join(', ')} into bench/.peers/`);
  mkdirSync(PEERS_DIR, { recursive: true });
  const manifest = { name: 'bi-embed-bench-peers', private: true, dependencies };
  writeFileSync(new URL('package.json', PEERS_DIR), `${JSON.stringify(manifest, null, 2)}\n`);
  // No lifecycle scripts: we only read their files.
  const result = spawnSync(
    'npm',
    ['install', '--prefix', PEERS_DIR.pathname, '--no-audit', '--no-fund', '--ignore-scripts'],
    { stdio: 'inherit' },
  );
  const still = Object.entries(dependencies).filter(([n, v]) => installedVersion(n) !== v);
  if (result.status !== 0 || still.length) {
    throw new Error(`npm install into bench/.peers/ failed (${still.map(([n]) => n).join(', ')})`);
  }
}
