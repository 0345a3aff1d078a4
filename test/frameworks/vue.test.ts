// Vue 3: the Vue example's SalesDashboard.vue compiled with vue/compiler-sfc (see plugin.mjs),
// driven through a parent's reactive state.
import { frameworkSuite } from './suite.js';
import { mountVue } from './vue/main.js';

frameworkSuite('Vue 3', mountVue);
