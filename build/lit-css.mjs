// Rollup plugin (also used by web-test-runner through @web/dev-server-rollup): runs a component's
// .css file through postcss (cssnano) and exports it as a Lit `CSSResult` (from `@lit/reactive-element`, Lit's core, so no template library comes with it), so styles are written as
// CSS but adopted into the shadow root like any Lit style.
import postcss from 'postcss';
import cssnano from 'cssnano';

const processor = postcss([cssnano({ preset: 'default' })]);

export function litCss() {
  return {
    name: 'lit-css',
    async transform(code, id) {
      if (!id.endsWith('.css')) return null;
      const { css } = await processor.process(code, { from: id });
      return {
        // `unsafeCSS` only because the text is a string rather than a template literal in our
        // source: it is our own stylesheet, fixed at build time. Lit's `css` tag would bring its
        // checks of interpolated values (there are none) into every bundle.
        code: `import { unsafeCSS } from '@lit/reactive-element';\nexport default unsafeCSS(${JSON.stringify(css)});\n`,
        map: { mappings: '' },
      };
    },
  };
}
