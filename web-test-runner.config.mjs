import { esbuildPlugin } from '@web/dev-server-esbuild';
import { fromRollup } from '@web/dev-server-rollup';
import { chromeLauncher, defaultReporter, summaryReporter } from '@web/test-runner';
import { litCss } from './build/lit-css.mjs';
import { chromiumLaunchOptions } from './scripts/chromium.mjs';
import { countingReporter } from './test/server/counting-reporter.mjs';
import { frameworkApps } from './test/frameworks/plugin.mjs';
import { testMiddleware } from './test/server/plugin.mjs';

export default {
  files: ['test/**/*.test.ts'],
  nodeResolve: true,
  // The frame pages are served by the same server on 127.0.0.1: another origin than the
  // test page's http://localhost, so cross-origin rules apply for real.
  hostname: 'localhost',
  concurrency: 2,
  testFramework: { config: { timeout: 10_000 } },
  testsFinishTimeout: 240_000,
  mimeTypes: { '**/*.css': 'js' },
  browsers: [
    chromeLauncher({
      launchOptions: chromiumLaunchOptions(),
      // Each test file in a window of its own: as a background tab, a page is hidden (no
      // animation frames) and its cross-origin frames measure stale or zero sizes.
      createPage: ({ browser }) => browser.newPage({ type: 'window' }),
    }),
  ],
  // Every test page also loads the leak check (test/helpers/no-secrets.ts), after the framework
  // so its root `afterEach` covers every test of the file.
  testRunnerHtml: (testFramework) => `<!doctype html><html><body>
    <script type="module" src="${testFramework}"></script>
    <script type="module" src="/test/helpers/no-secrets.ts"></script>
  </body></html>`,
  middleware: testMiddleware(),
  plugins: [
    // Before esbuild: serves the framework test apps as bundles (test/frameworks/plugin.mjs).
    frameworkApps(),
    fromRollup(litCss)({ include: ['src/**/*.css'] }),
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' }),
  ],
  filterBrowserLogs: ({ args: logArgs }) =>
    !logArgs.some((arg) => typeof arg === 'string' && arg.includes('Lit is in dev mode')),
  reporters: [defaultReporter(), summaryReporter({ flatten: false }), countingReporter()],
};
