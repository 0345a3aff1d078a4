// Mounts react/App.tsx in a StrictMode root and re-renders it with new props (see ../app.ts).
import { createElement, StrictMode } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import type { AppLog, AppState, MountApp } from '../app.js';
import { App } from './App.js';

export const mountReact: MountApp = async (target, initial) => {
  const log: AppLog = { filters: [], errors: [], refs: [] };
  const root = createRoot(target);
  let state: AppState = { ...initial };
  // StrictMode: in development React mounts, unmounts and remounts every effect and ref once more.
  const render = () =>
    flushSync(() =>
      root.render(createElement(StrictMode, null, createElement(App, { ...state, log }))),
    );
  render();
  return {
    log,
    async update(patch) {
      state = { ...state, ...patch };
      render();
    },
    async unmount() {
      root.unmount();
    },
  };
};
