// Component CSS is authored as .css and turned into a Lit `CSSResult` by build/lit-css.mjs.
declare module '*.css' {
  import type { CSSResult } from '@lit/reactive-element';
  const styles: CSSResult;
  export default styles;
}
