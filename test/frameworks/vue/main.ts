// Mounts the Vue example's SalesDashboard (examples/vue/src/SalesDashboard.vue, the README's
// recipe) in a parent the test drives through reactive state (see ../app.ts).
import { createApp, h, nextTick, reactive } from 'vue';
import type { BiEmbedFilterChangeDetail } from '../../../src/types.js';
import SalesDashboard from '../../../examples/vue/src/SalesDashboard.vue';
import type { AppLog, MountApp } from '../app.js';

export const mountVue: MountApp = async (target, initial) => {
  const log: AppLog = { filters: [], errors: [] };
  const state = reactive({ ...initial, lastFilters: '', lastError: '' });
  const app = createApp({
    render: () =>
      h('section', [
        h('h2', state.label),
        state.show
          ? h(SalesDashboard, {
              endpoint: state.endpoint,
              category: state.category,
              onFilters: (detail: BiEmbedFilterChangeDetail) => {
                log.filters.push(detail);
                state.lastFilters = JSON.stringify(detail.filters);
              },
              onError: (code: string) => {
                log.errors.push(code);
                state.lastError = code;
              },
            })
          : null,
        h('output', { class: 'filters' }, state.lastFilters),
        h('output', { class: 'error' }, state.lastError),
      ]),
  });
  app.mount(target);
  await nextTick();
  return {
    log,
    async update(patch) {
      Object.assign(state, patch);
      await nextTick();
    },
    async unmount() {
      app.unmount();
    },
  };
};
