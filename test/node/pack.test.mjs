// The published package, as a user gets it: `npm pack`, install the tarball into a new project
// (offline: its dependencies lit and jose are copied from this repo's node_modules, so no registry
// is needed), then resolve its entry points with Node, type-check a user's files with its typings,
// and run it in headless Chromium the three ways the README shows (bundler import, module
// bundle, classic script). Needs the build (`npm test` builds first).
// Run: node --test test/node/pack.test.mjs
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, extname, join, relative } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import puppeteer from 'puppeteer-core';
import { chromiumLaunchOptions } from '../../scripts/chromium.mjs';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const TSC = join(ROOT, 'node_modules/typescript/bin/tsc');

let project; // the temporary user project
let packed; // `npm pack --json` output for the tarball

/** Source files of `dir` (relative to ROOT), recursively. */
function filesUnder(dir) {
  return readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)));
}

/** `name` and everything it depends on, as installed in this repo's node_modules. */
function withDependencies(names, seen = new Set()) {
  for (const name of names) {
    if (seen.has(name)) continue;
    seen.add(name);
    const manifest = JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json')));
    withDependencies(Object.keys(manifest.dependencies ?? {}), seen);
  }
  return seen;
}

function write(path, text) {
  mkdirSync(dirname(join(project, path)), { recursive: true });
  writeFileSync(join(project, path), text);
}

/** Runs tsc on the project's tsconfig `config`; resolves with its exit code and output. */
async function typecheck(config) {
  try {
    await run(process.execPath, [TSC, '-p', join(project, config)], { cwd: project });
    return { code: 0, output: '' };
  } catch (error) {
    return { code: error.code, output: `${error.stdout}${error.stderr}` };
  }
}

before(async () => {
  for (const file of ['dist/bi-embed.js', 'dist/types/index.d.ts', 'custom-elements.json']) {
    assert.ok(existsSync(join(ROOT, file)), `${file} is missing: run \`npm run build\` first`);
  }
  project = mkdtempSync(join(tmpdir(), 'bi-embed-pack-'));
  // --ignore-scripts: the build ran already; `prepack` would rebuild dist/ under other tests.
  const { stdout } = await run(
    'npm',
    ['pack', '--json', '--ignore-scripts', '--pack-destination', project],
    { cwd: ROOT },
  );
  [packed] = JSON.parse(stdout);

  write('package.json', JSON.stringify({ name: 'smoke-app', private: true, type: 'module' }));
  for (const name of withDependencies(Object.keys(pkg.dependencies))) {
    cpSync(join(ROOT, 'node_modules', name), join(project, 'node_modules', name), {
      recursive: true,
    });
  }
  await run(
    'npm',
    ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', packed.filename],
    { cwd: project },
  );
  // Type-only packages for the framework typings, linked after the install so npm keeps them.
  for (const name of ['@types/react', 'vue', 'svelte']) {
    mkdirSync(dirname(join(project, 'node_modules', name)), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules', name), join(project, 'node_modules', name), 'dir');
  }
});

after(() => {
  if (project) rmSync(project, { recursive: true, force: true });
});

describe('npm pack', () => {
  test('contains exactly the bundles, their maps, the typings, the manifest and the docs', () => {
    const paths = packed.files.map((file) => file.path).sort();
    const typings = filesUnder('src')
      .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
      .map((file) => file.replace(/^src\//, 'dist/types/').replace(/\.ts$/, '.d.ts'));
    const bundles = ['bi-embed.js', 'bi-embed.bundle.js', 'bi-embed.iife.js'].flatMap((file) => [
      `dist/${file}`,
      `dist/${file}.map`,
    ]);
    const expected = [
      'LICENSE',
      'README.md',
      'custom-elements.json',
      'package.json',
      ...bundles,
      ...typings,
    ].sort();
    assert.deepEqual(paths, expected);
    const sizes = packed.files.map((f) => `${String(f.size).padStart(8)}  ${f.path}`).join('\n');
    console.log(
      `${packed.filename}: ${packed.size} B packed, ${packed.unpackedSize} B unpacked\n${sizes}`,
    );
  });

  test('every entry point in package.json is in the tarball', () => {
    const paths = new Set(packed.files.map((file) => file.path));
    const targets = [pkg.main, pkg.module, pkg.types, pkg.customElements, pkg.unpkg, pkg.jsdelivr];
    const collect = (value) =>
      typeof value === 'string' ? [value] : Object.values(value).flatMap(collect);
    targets.push(...collect(pkg.exports), ...collect(pkg.typesVersions));
    for (const target of targets) {
      assert.ok(paths.has(target.replace(/^\.\//, '')), `${target} is not in the tarball`);
    }
  });
});

describe('the installed package', () => {
  test('resolves its exports from a user project, and nothing else', async () => {
    const script = `
      const resolve = (s) => { try { return import.meta.resolve(s); } catch (e) { return e.code; } };
      console.log(JSON.stringify(Object.fromEntries(${JSON.stringify([
        'bi-embed',
        'bi-embed/react',
        'bi-embed/vue',
        'bi-embed/svelte',
        'bi-embed/bundle',
        'bi-embed/iife',
        'bi-embed/custom-elements.json',
        'bi-embed/package.json',
        'bi-embed/src/bi-embed.ts',
        'bi-embed/dist/types/token.d.ts',
      ])}.map((s) => [s, resolve(s)]))));`;
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
      cwd: project,
    });
    const at = (file) => new URL(`node_modules/bi-embed/${file}`, `file://${project}/`).href;
    assert.deepEqual(JSON.parse(stdout), {
      'bi-embed': at('dist/bi-embed.js'),
      'bi-embed/react': at('dist/bi-embed.js'),
      'bi-embed/vue': at('dist/bi-embed.js'),
      'bi-embed/svelte': at('dist/bi-embed.js'),
      'bi-embed/bundle': at('dist/bi-embed.bundle.js'),
      'bi-embed/iife': at('dist/bi-embed.iife.js'),
      'bi-embed/custom-elements.json': at('custom-elements.json'),
      'bi-embed/package.json': at('package.json'),
      'bi-embed/src/bi-embed.ts': 'ERR_PACKAGE_PATH_NOT_EXPORTED',
      'bi-embed/dist/types/token.d.ts': 'ERR_PACKAGE_PATH_NOT_EXPORTED',
    });
  });

  test('ships a manifest that describes the module users import', () => {
    const dir = join(project, 'node_modules/bi-embed');
    const manifest = JSON.parse(readFileSync(join(dir, 'custom-elements.json'), 'utf8'));
    const [module] = manifest.modules;
    assert.equal(manifest.modules.length, 1);
    assert.ok(existsSync(join(dir, module.path)), `${module.path} is in the package`);
    const element = module.declarations.find((d) => d.customElement);
    assert.equal(element.tagName, 'bi-embed');
    assert.deepEqual(
      module.exports.map((e) => `${e.kind} ${e.name}`),
      ['js BiEmbed', 'custom-element-definition bi-embed'],
    );
  });

  describe('type-checks user code with the typings', () => {
    let checks;

    before(() => {
      const compilerOptions = {
        strict: true,
        noEmit: true,
        target: 'ES2022',
        module: 'ESNext',
        moduleResolution: 'Bundler',
        lib: ['ES2022', 'DOM', 'DOM.Iterable'],
        jsx: 'react-jsx',
        types: [],
        // Third-party typings are theirs to check; ours are checked in each test through use.
        skipLibCheck: true,
      };
      write('tsconfig.json', JSON.stringify({ compilerOptions, include: ['src'] }));
      // TypeScript's older `node` resolution ignores `exports`: typesVersions serves the subpaths.
      const node10 = { ...compilerOptions, module: 'ES2022', moduleResolution: 'Node10' };
      write(
        'tsconfig.node10.json',
        JSON.stringify({ compilerOptions: node10, include: ['src/ok'] }),
      );
      write(
        'src/ok/app.ts',
        `import { BiEmbed, type ErrorCode, type Filters } from 'bi-embed';

        const el = document.createElement('bi-embed');
        const isClass: boolean = el instanceof BiEmbed;
        el.params = { region: 'EU' };
        el.tokenRequestInit = { headers: { 'X-CSRF-Token': 'token' } };
        el.addEventListener('bi-embed-error', (e) => {
          const code: ErrorCode = e.detail.code;
          console.log(code, e.detail.recoverable, isClass);
        });
        document.addEventListener('bi-embed-filter-change', (e) => {
          const filters: Filters | null = e.detail.filters;
          console.log(filters, e.detail.changed);
        });
        document.body.append(el);
        void el.refresh();
        `,
      );
      write(
        'src/ok/react.tsx',
        `import 'bi-embed/react';

        export function Dashboard({ region }: { region: string }) {
          return (
            <bi-embed
              token-endpoint="/api/embed-token?dashboard=1"
              theme="night"
              params={{ region }}
              onbi-embed-error={(e) => console.log(e.detail.code)}
            />
          );
        }
        `,
      );
      write(
        'src/ok/vue.ts',
        `import type { GlobalComponents } from 'vue';
        import 'bi-embed/vue';

        type Props = InstanceType<GlobalComponents['bi-embed']>['$props'];
        export const props: Props = { 'token-endpoint': '/api/embed-token', params: { region: 'EU' } };
        `,
      );
      write(
        'src/ok/svelte.ts',
        `import type { SvelteHTMLElements } from 'svelte/elements';
        import 'bi-embed/svelte';

        export const props: SvelteHTMLElements['bi-embed'] = {
          'token-endpoint': '/api/embed-token',
          'onbi-embed-error': (e) => console.log(e.detail.code),
        };
        `,
      );
      write(
        'src/bad/app.tsx',
        `import 'bi-embed/react';

        const el = document.createElement('bi-embed');
        el.addEventListener('bi-embed-error', (e) => console.log(e.detail.tokn));
        el.theme = 'dark';
        export const view = <bi-embed onbi-embed-filter-change={(e) => e.detail.code} />;
        `,
      );
      // Both at once: tsc is most of this file's time.
      checks = { bundler: typecheck('tsconfig.json'), node10: typecheck('tsconfig.node10.json') };
    });

    /** tsc's error lines, by file. */
    const errorsIn = (output, dir) =>
      output.split('\n').filter((line) => line.startsWith(dir) && / error TS\d+/.test(line));

    test('the element, its events and the React, Vue and Svelte typings (bundler resolution)', async () => {
      const { output } = await checks.bundler;
      // Every error is one of the deliberate ones in src/bad/ (next test).
      assert.deepEqual(errorsIn(output, ''), errorsIn(output, 'src/bad/'), output);
    });

    test('the same through typesVersions (node10 resolution)', async () => {
      const { code, output } = await checks.node10;
      assert.equal(code, 0, output);
    });

    test('mistakes are type errors, not `any`', async () => {
      const { code, output } = await checks.bundler;
      assert.notEqual(code, 0);
      const errors = errorsIn(output, 'src/bad/');
      assert.equal(errors.length, 3, output);
      assert.match(errors[0], /app\.tsx\(4,.*'tokn' does not exist/);
      assert.match(errors[1], /app\.tsx\(5,.*'"dark"' is not assignable/);
      assert.match(errors[2], /app\.tsx\(6,.*'code' does not exist/);
    });
  });

  describe('runs in Chromium', () => {
    let server;
    let browser;
    let origin;

    before(async () => {
      // A bundler build of a user's module, as Vite or webpack would make it from the package.
      await build({
        stdin: {
          contents: `import { BiEmbed } from 'bi-embed';
            window.imported = BiEmbed;`,
          resolveDir: project,
        },
        bundle: true,
        format: 'esm',
        outfile: join(project, 'public/app.js'),
        logLevel: 'silent',
      });
      const page = (head) => `<!doctype html><html><head>${head}</head><body></body></html>`;
      write('public/bundler.html', page('<script type="module" src="/app.js"></script>'));
      write(
        'public/module.html',
        page(
          '<script type="module" src="/node_modules/bi-embed/dist/bi-embed.bundle.js"></script>',
        ),
      );
      write(
        'public/classic.html',
        page('<script src="/node_modules/bi-embed/dist/bi-embed.iife.js"></script>'),
      );
      const types = { '.html': 'text/html', '.js': 'text/javascript' };
      server = createServer((req, res) => {
        const path = new URL(req.url, 'http://x').pathname;
        const file = path.startsWith('/node_modules/')
          ? join(project, path)
          : join(project, 'public', path);
        if (!file.startsWith(project) || !existsSync(file)) {
          res.writeHead(404).end();
          return;
        }
        res.writeHead(200, { 'Content-Type': types[extname(file)] ?? 'application/octet-stream' });
        res.end(readFileSync(file));
      });
      await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
      origin = `http://127.0.0.1:${server.address().port}`;
      browser = await puppeteer.launch(chromiumLaunchOptions());
    });

    after(async () => {
      await browser?.close();
      await new Promise((resolve) => server?.close(resolve) ?? resolve());
    });

    /**
     * Loads `page`, adds a <bi-embed> whose `fetchToken` answers an unsigned Metabase-shaped JWT,
     * and reports what the element did with it.
     */
    async function embedIn(page) {
      const tab = await browser.newPage();
      try {
        await tab.goto(`${origin}/${page}`);
        await tab.waitForFunction(() => customElements.get('bi-embed'));
        return await tab.evaluate(async (instance) => {
          const base64 = (value) => btoa(JSON.stringify(value)).replace(/=+$/, '');
          const claims = { resource: { dashboard: 7 }, params: {}, exp: Date.now() / 1000 + 600 };
          const token = `${base64({ alg: 'HS256' })}.${base64(claims)}.c2lnbmF0dXJl`;
          const el = document.createElement('bi-embed');
          el.fetchToken = async () => ({ token, instanceUrl: instance });
          el.setAttribute('theme', 'night');
          document.body.append(el);
          await new Promise((resolve) => {
            const check = () =>
              el.shadowRoot?.querySelector('iframe') ? resolve() : requestAnimationFrame(check);
            check();
          });
          return {
            upgraded: el instanceof customElements.get('bi-embed'),
            frame: el.shadowRoot.querySelector('iframe').src,
            expiresAt: el.expiresAt,
            imported: window.imported === customElements.get('bi-embed'),
            global: typeof window.BiEmbed?.BiEmbed === 'function',
          };
        }, origin);
      } finally {
        await tab.close();
      }
    }

    for (const [page, how] of [
      ['bundler.html', 'imported through a bundler'],
      ['module.html', 'as dist/bi-embed.bundle.js in a module script'],
      ['classic.html', 'as dist/bi-embed.iife.js in a classic script'],
    ]) {
      test(how, async () => {
        const result = await embedIn(page);
        assert.equal(result.upgraded, true);
        assert.match(result.frame, new RegExp(`^${origin}/embed/dashboard/[\\w-]+\\.[\\w-]+\\.`));
        assert.match(new URL(result.frame).hash, /theme=night/);
        assert.equal(typeof result.expiresAt, 'number');
        assert.equal(result.imported, page === 'bundler.html');
        assert.equal(result.global, page === 'classic.html');
      });
    }
  });
});
