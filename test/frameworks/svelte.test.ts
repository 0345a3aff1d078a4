// Svelte 5: svelte/App.svelte compiled with svelte/compiler (see plugin.mjs), driven through its
// exported `update`.
import { frameworkSuite } from './suite.js';
import { mountSvelte } from './svelte/main.js';

frameworkSuite('Svelte 5', mountSvelte);
