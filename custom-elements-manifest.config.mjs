// Custom elements manifest (custom-elements.json), read by `cem analyze` in scripts/build.mjs.
// The analyzer sees every source module; users see one: the package entry, dist/bi-embed.js, which
// exports the class and registers <bi-embed>. The plugin below reshapes the manifest to that
// module, keeps only the public API, and spells out literal-union types (`Provider`,
// `typeof THEMES`) so editors and doc tools can offer the allowed values.

const ENTRY = 'dist/bi-embed.js';

/** `'a' | 'b'` from a union of string literal types or an `as const` array, else undefined. */
function literalUnion(ts, node) {
  const strings = (nodes) =>
    nodes.every((n) => ts.isLiteralTypeNode(n) && ts.isStringLiteral(n.literal))
      ? nodes.map((n) => `'${n.literal.text}'`).join(' | ')
      : undefined;
  if (ts.isUnionTypeNode(node)) return strings([...node.types]);
  const array =
    ts.isAsExpression(node) && ts.isArrayLiteralExpression(node.expression)
      ? node.expression
      : node;
  if (ts.isArrayLiteralExpression(array) && array.elements.every(ts.isStringLiteral)) {
    return array.elements.map((e) => `'${e.text}'`).join(' | ');
  }
  return undefined;
}

function publicApi() {
  const unions = new Map();
  return {
    name: 'bi-embed-public-api',
    collectPhase({ ts, node }) {
      if (ts.isTypeAliasDeclaration(node)) {
        const union = literalUnion(ts, node.type);
        if (union) unions.set(node.name.text, union);
      } else if (ts.isVariableDeclaration(node) && node.initializer && ts.isIdentifier(node.name)) {
        const union = literalUnion(ts, node.initializer);
        if (union) unions.set(`(typeof ${node.name.text})[number]`, union);
      }
    },
    packageLinkPhase({ customElementsManifest: manifest }) {
      const spell = (type) => {
        if (!type?.text) return type;
        const text = type.text
          .split(' | ')
          .map((part) => unions.get(part) ?? part)
          .join(' | ');
        return { ...type, text };
      };
      const element = manifest.modules
        .flatMap((m) => m.declarations ?? [])
        .find((d) => d.customElement);
      if (!element) throw new Error('custom-elements manifest: no custom element found');
      const definitions = manifest.modules
        .flatMap((m) => m.exports ?? [])
        .filter((e) => e.kind === 'custom-element-definition');

      element.members = (element.members ?? [])
        .filter((m) => !m.name.startsWith('#') && (m.privacy ?? 'public') === 'public' && !m.static)
        // Public is the default: said only where a member is not.
        .map(({ privacy: _public, ...m }) => (m.type ? { ...m, type: spell(m.type) } : m));
      element.attributes = (element.attributes ?? []).map((a) => ({ ...a, type: spell(a.type) }));
      // `@fires` entries have a description; a bare `dispatchEvent(new CustomEvent(type))` in a
      // helper shows up as an event named after the variable: not an event users can listen to.
      element.events = (element.events ?? []).filter((e) => e.description);

      const declaration = { name: element.name, module: ENTRY };
      manifest.modules = [
        {
          kind: 'javascript-module',
          path: ENTRY,
          declarations: [element],
          exports: [
            { kind: 'js', name: element.name, declaration },
            ...definitions.map((d) => ({ kind: d.kind, name: d.name, declaration })),
          ],
        },
      ];
    },
  };
}

export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.d.ts', 'src/frameworks/**'],
  outdir: '.',
  litelement: true,
  packagejson: false,
  plugins: [publicApi()],
};
