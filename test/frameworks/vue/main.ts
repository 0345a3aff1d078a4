// Mounts vue/App.vue with reactive props the test changes (see ../app.ts).
import { createApp, h, nextTick, reactive } from 'vue';
import type { AppLog, MountApp } from '../app.js';
import App from './App.vue';

export const mountVue: MountApp = async (target, initial) => {
  const log: AppLog = { filters: [], errors: [], refs: [] };
  const state = reactive({ ...initial });
  const app = createApp({ render: () => h(App, { ...state, log }) });
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
