// The contract between the framework tests (suite.ts) and the parents in vue/, svelte/, react/
// that render each example's SalesDashboard (examples/<framework>/src/, the README's recipes)
// and show what its callbacks received.
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
}

/** A mounted app. `update` resolves once the framework has rendered the new state. */
export interface MountedApp {
  log: AppLog;
  update(patch: Partial<AppState>): Promise<void>;
  unmount(): Promise<void>;
}

export type MountApp = (target: HTMLElement, state: AppState) => Promise<MountedApp>;
