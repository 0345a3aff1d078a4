import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';
import { litCss } from './build/lit-css.mjs';

const input = 'src/index.ts';
const ts = () =>
  typescript({
    tsconfig: './tsconfig.build.json',
    declaration: false,
    declarationDir: undefined,
    sourceMap: true,
    noEmitOnError: true,
  });
// Three passes find a little more to fold than two. `keep_fargs: false` drops unused trailing
// parameters: it changes only a function's `length`, which neither Lit, jose nor our code reads.
// Property names that start with `_` and a lower-case letter are ours and internal (never a DOM,
// message, JSON or public name), so they are shortened, as Lit's own build does with its private
// names. Lit's stable `_$` names do not match.
const minify = (module) =>
  terser({
    module,
    ecma: 2020,
    mangle: { properties: { regex: /^_[a-z]/ } },
    compress: { passes: 3, keep_fargs: false },
    format: { comments: false },
  });
// jose's buffer utilities build a `TextEncoder` at load time that `decodeJwt` never uses; making a
// new one has no side effect, so it can go.
const treeshake = { manualPureFunctions: ['TextEncoder'] };
const onwarn = (warning, warn) => {
  // A warning in our build is a bug: fail instead of scrolling past it.
  throw new Error(`rollup: ${warning.message}`, { cause: warn });
};

export default [
  {
    // For apps with a bundler: Lit and jose stay dependencies, so they are shared and deduplicated.
    input,
    external: [/^@lit\//, /^jose(\/|$)/],
    plugins: [litCss(), ts()],
    output: { file: 'dist/bi-embed.js', format: 'es', sourcemap: true },
    onwarn,
  },
  {
    // One file for `<script type="module">`: Lit and jose inside.
    input,
    plugins: [nodeResolve({ browser: true }), litCss(), ts(), minify(true)],
    treeshake,
    output: { file: 'dist/bi-embed.bundle.js', format: 'es', sourcemap: true },
    onwarn,
  },
  {
    // A classic script for CMSs and old-style pages; exposes `window.BiEmbed`.
    input,
    plugins: [nodeResolve({ browser: true }), litCss(), ts(), minify(false)],
    treeshake,
    output: { file: 'dist/bi-embed.iife.js', format: 'iife', name: 'BiEmbed', sourcemap: true },
    onwarn,
  },
];
