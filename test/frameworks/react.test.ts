// React 19: react/App.tsx compiled by esbuild (see plugin.mjs), rendered in a StrictMode root, so
// every test also runs through React's development double mount.
import { frameworkSuite } from './suite.js';
import { mountReact } from './react/main.js';

frameworkSuite('React 19 (StrictMode)', mountReact);
