// Svelte 5: the Svelte example's SalesDashboard.svelte compiled with svelte/compiler (see
// plugin.mjs), inside svelte/Parent.svelte, driven through its exported `update`.
import { frameworkSuite } from './suite.js';
import { mountSvelte } from './svelte/main.js';

frameworkSuite('Svelte 5', mountSvelte);
