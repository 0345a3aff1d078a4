// Rollup plugin (also used by web-test-runner through @web/dev-server-rollup): runs a component's
// .css file through postcss (cssnano) and exports it as a Lit `css` result (from `@lit/reactive-element`, Lit's core, so no template library comes with it), so styles are written as
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
      const escaped = css.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${');
      return {
        code: `import { css } from '@lit/reactive-element';\nexport default css\`${escaped}\`;\n`,
        map: { mappings: '' },
      };
    },
  };
}
