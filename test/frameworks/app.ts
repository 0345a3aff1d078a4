// The contract between the framework tests (suite.ts) and the three test apps (vue/, svelte/,
// react/). Each app renders <bi-embed> with its framework's own bindings and shows what its event
// handlers received.
import type { BiEmbedFilterChangeDetail } from '../../src/types.js';

/** What the test controls in each app. */
export interface AppState {
  /** Bound to the `token-endpoint` attribute. */
  endpoint: string;
  /** Written into the `params` property as `{ category }`, an object literal in the template. */
  category: string;
  /** Whether the app renders <bi-embed> at all (false unmounts it). */
  show: boolean;
  /** Unrelated state shown next to the embed: changing it re-renders the app. */
  label: string;
}

/** What the app's event bindings received, in order. */
export interface AppLog {
  filters: BiEmbedFilterChangeDetail[];
  errors: string[];
  /** React only: what each call of the element's ref callback received (null: detached). */
  refs: (HTMLElement | null)[];
}

/** A mounted app. `update` resolves once the framework has rendered the new state. */
export interface MountedApp {
  log: AppLog;
  update(patch: Partial<AppState>): Promise<void>;
  unmount(): Promise<void>;
}

export type MountApp = (target: HTMLElement, state: AppState) => Promise<MountedApp>;
