// Single-file components as the test apps' main.ts files import them; esbuild compiles them with
// vue/compiler-sfc and svelte/compiler (plugin.mjs). Templates are not type-checked by tsc.
declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<Record<string, unknown>>;
  export default component;
}

declare module '*.svelte' {
  import type { Component } from 'svelte';
  import type { AppState } from './app.js';
  const component: Component<Record<string, unknown>, { update(patch: Partial<AppState>): void }>;
  export default component;
}
