// Vue 3: vue/App.vue compiled with vue/compiler-sfc (see plugin.mjs), driven through reactive
// props.
import { frameworkSuite } from './suite.js';
import { mountVue } from './vue/main.js';

frameworkSuite('Vue 3', mountVue);
