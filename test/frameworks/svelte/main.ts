// Mounts svelte/App.svelte and drives it through its exported `update` (see ../app.ts).
import { flushSync, mount, unmount } from 'svelte';
import type { AppLog, MountApp } from '../app.js';
import App from './App.svelte';

export const mountSvelte: MountApp = async (target, initial) => {
  const log: AppLog = { filters: [], errors: [], refs: [] };
  const app = mount(App, { target, props: { initial, log } });
  flushSync();
  return {
    log,
    async update(patch) {
      app.update(patch);
      flushSync();
    },
    async unmount() {
      await unmount(app);
    },
  };
};
