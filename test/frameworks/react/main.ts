// Mounts the React example's SalesDashboard (examples/react/src/SalesDashboard.tsx, the README's
// recipe) in a StrictMode root and re-renders it with new props (see ../app.ts).
import { createElement, StrictMode } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { SalesDashboard } from '../../../examples/react/src/SalesDashboard.js';
import type { AppLog, AppState, MountApp } from '../app.js';

export const mountReact: MountApp = async (target, initial) => {
  const log: AppLog = { filters: [], errors: [] };
  const root = createRoot(target);
  let state = { ...initial, lastFilters: '', lastError: '' };
  const set = (patch: Partial<typeof state>) => {
    state = { ...state, ...patch };
    render();
  };
  // The parent's own state lives here, so its setters re-render the whole tree as React would.
  const parent = () =>
    createElement(
      'section',
      null,
      createElement('h2', null, state.label),
      state.show &&
        createElement(SalesDashboard, {
          endpoint: state.endpoint,
          category: state.category,
          onFilters: (detail) => {
            log.filters.push(detail);
            queueMicrotask(() => set({ lastFilters: JSON.stringify(detail.filters) }));
          },
          onError: (code) => {
            log.errors.push(code);
            queueMicrotask(() => set({ lastError: code }));
          },
        }),
      createElement('output', { className: 'filters' }, state.lastFilters),
      createElement('output', { className: 'error' }, state.lastError),
    );
  // StrictMode: in development React mounts, unmounts and remounts every effect and ref once more.
  function render() {
    flushSync(() => root.render(createElement(StrictMode, null, parent())));
  }
  render();
  return {
    log,
    async update(patch: Partial<AppState>) {
      set(patch);
    },
    async unmount() {
      root.unmount();
    },
  };
};
