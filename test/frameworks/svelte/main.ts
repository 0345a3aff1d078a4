// Mounts Parent.svelte, which renders the Svelte example's SalesDashboard, and drives it through
// its exported `update` (see ../app.ts).
import { flushSync, mount, unmount } from 'svelte';
import type { AppLog, MountApp } from '../app.js';
import Parent from './Parent.svelte';

export const mountSvelte: MountApp = async (target, initial) => {
  const log: AppLog = { filters: [], errors: [] };
  const app = mount(Parent, { target, props: { initial, log } });
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
