// web-test-runner plugin: builds each framework's test entry (test/frameworks/<name>/main.ts, which
// mounts the example app's component from examples/<name>/src/) the way that framework's users
// build theirs, from the npm packages: Vue single-file components through vue/compiler-sfc,
// Svelte 5 components through svelte/compiler, React JSX through esbuild, each bundled with its
// framework's runtime by esbuild. A test file imports `./<name>/main.js`; this plugin serves that
// import as the bundle. The examples import the package as `bi-embed` and `bi-embed/<framework>`:
// those stay imports of the element's sources, so the page runs one copy of the element.
import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile as compileSvelte } from 'svelte/compiler';
import { compileScript, parse as parseVue } from 'vue/compiler-sfc';

const APPS = ['vue', 'svelte', 'react', 'angular'];
const BUNDLE = /^\/test\/frameworks\/(\w+)\/main\.bundle\.js$/;
const isCustomElement = (tag) => tag.includes('-');

const vueSfc = {
  name: 'vue-sfc',
  setup(esbuild) {
    esbuild.onLoad({ filter: /\.vue$/ }, async ({ path }) => {
      // What users set in @vitejs/plugin-vue's `template.compilerOptions`; the plugin hands it
      // to both the parser (which decides element or component) and the template compiler.
      const { descriptor, errors } = parseVue(await readFile(path, 'utf8'), {
        filename: path,
        templateParseOptions: { isCustomElement },
      });
      if (errors.length) throw errors[0];
      const script = compileScript(descriptor, {
        id: path,
        inlineTemplate: true,
        templateOptions: { compilerOptions: { isCustomElement } },
      });
      return { contents: script.content, loader: 'ts', resolveDir: dirname(path) };
    });
  },
};

const svelte = {
  name: 'svelte',
  setup(esbuild) {
    esbuild.onLoad({ filter: /\.svelte$/ }, async ({ path }) => {
      const { js, warnings } = compileSvelte(await readFile(path, 'utf8'), { filename: path });
      return {
        contents: js.code,
        loader: 'js',
        resolveDir: dirname(path),
        warnings: warnings.map((w) => ({ text: `${w.code}: ${w.message}` })),
      };
    });
  },
};

const SRC = '/src/';
const packageSources = {
  name: 'bi-embed-sources',
  setup(esbuild) {
    esbuild.onResolve({ filter: /^bi-embed(\/\w+)?$/ }, ({ path }) => {
      const sub = path.slice('bi-embed/'.length);
      return { path: sub ? `${SRC}frameworks/${sub}.ts` : `${SRC}index.ts`, external: true };
    });
  },
};

// The examples' packages (svelte, vue, react, @angular/…) come from the repository's
// node_modules, even when an example has its own (after `npm install` there): one copy of each
// framework in the bundle, as in the app.
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const rootPackages = {
  name: 'root-packages',
  setup(esbuild) {
    esbuild.onResolve({ filter: /^[^./]/ }, async ({ path, importer, kind, pluginData }) => {
      if (!importer.startsWith(`${ROOT}examples/`) || pluginData?.fromRoot) return undefined;
      const result = await esbuild.resolve(path, {
        kind,
        resolveDir: ROOT,
        pluginData: { fromRoot: true },
      });
      if (result.errors.length) return undefined;
      return { path: result.path, external: result.external, sideEffects: result.sideEffects };
    });
  },
};

async function bundle(name) {
  const entry = fileURLToPath(new URL(`./${name}/main.ts`, import.meta.url));
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    jsx: 'automatic',
    // No source maps: the bundles stay readable (not minified) and half the size to transfer.
    logLevel: 'silent',
    // Development builds: React's StrictMode double mount only happens in development.
    define: {
      'process.env.NODE_ENV': '"development"',
      __VUE_OPTIONS_API__: 'false',
      __VUE_PROD_DEVTOOLS__: 'false',
      __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
    },
    plugins: [packageSources, rootPackages, vueSfc, svelte],
  });
  if (result.warnings.length) {
    throw new Error(`${name} app: ${result.warnings.map((w) => w.text).join('\n')}`);
  }
  return result.outputFiles[0].text;
}

export function frameworkApps() {
  return {
    name: 'framework-apps',
    resolveImport({ source, context }) {
      const name = /^\.\/(\w+)\/main\.js$/.exec(source)?.[1];
      if (name && APPS.includes(name) && context.path.startsWith('/test/frameworks/')) {
        return `/test/frameworks/${name}/main.bundle.js`;
      }
      return undefined;
    },
    async serve(context) {
      const name = BUNDLE.exec(context.path)?.[1];
      if (!name || !APPS.includes(name)) return undefined;
      return { body: await bundle(name), type: 'js' };
    },
  };
}
