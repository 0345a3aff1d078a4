import { html, type TemplateResult } from 'lit';

/** The loading placeholder; the page can replace it through the `loading` slot. */
export function loadingView(): TemplateResult {
  return html`<div class="state loading" part="loading" role="status">
    <slot name="loading"><span class="spinner"></span><span>Loading dashboard…</span></slot>
  </div>`;
}

/** The error view with a Retry button; the page can replace it through the `error` slot. */
export function errorView(message: string, retry: () => void): TemplateResult {
  return html`<div class="state error" part="error" role="alert">
    <slot name="error">
      <p>${message}</p>
      <button part="retry" type="button" @click=${retry}>Retry</button>
    </slot>
  </div>`;
}

/** Moves the element's custom state (`:state(x)`) from one status to the next. */
export function moveState(states: CustomStateSet, from: string, to: string): void {
  for (const prefix of ['', '--']) {
    try {
      states.delete(prefix + from);
      if (to !== 'idle') states.add(prefix + to);
      return;
    } catch {
      // Chromium before the standard `:state()` syntax takes `--name`; then try that.
    }
  }
}
