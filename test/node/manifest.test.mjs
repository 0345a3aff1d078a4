// custom-elements.json against the public contract (the names the README documents), against the framework typings
// (src/frameworks/attributes.ts) and against the README's tables, so none of them drifts from the
// element's JSDoc. Needs the build (`npm test` builds first).
// Run: node --test test/node/manifest.test.mjs
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import ts from 'typescript';

const ROOT = new URL('../../', import.meta.url);
const read = (path) => readFileSync(new URL(path, ROOT), 'utf8');
assert.ok(existsSync(new URL('custom-elements.json', ROOT)), 'run `npm run build` first');
const manifest = JSON.parse(read('custom-elements.json'));
const element = manifest.modules.flatMap((m) => m.declarations ?? []).find((d) => d.customElement);
const names = (list) => (list ?? []).map((item) => item.name).sort();
const fields = element.members.filter((m) => m.kind === 'field');

/** The first-column names (in backticks) of the README table whose first header cell is `title`. */
function readmeColumn(title, column = 0) {
  const lines = read('README.md').split('\n');
  const start = lines.findIndex((line) => new RegExp(`^\\| ${title} +\\|`).test(line));
  assert.notEqual(start, -1, `README has a table headed "${title}"`);
  const rows = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    const cell = line.split('|')[column + 1].trim();
    rows.push(cell.match(/^`([^`]+)`/)?.[1] ?? cell);
  }
  return rows.sort();
}

describe('custom-elements.json', () => {
  test('describes <bi-embed> with every attribute, property, event, slot and part of the contract', () => {
    assert.equal(element.tagName, 'bi-embed');
    const attributes = names(element.attributes);
    for (const name of [
      'token-endpoint',
      'src',
      'instance-url',
      'provider',
      'project-uuid',
      'bordered',
      'titled',
      'theme',
      'hide-parameters',
      'hide-download-button',
      'downloads',
      'locale',
      'background',
      'background-color',
      'font',
      'timezone',
      'params',
      'min-height',
      'max-height',
      'no-auto-resize',
      'loading',
      'title',
    ]) {
      assert.ok(attributes.includes(name), `attribute ${name}`);
    }
    const properties = names(fields);
    for (const name of ['tokenRequestInit', 'fetchToken', 'status', 'expiresAt', 'filters']) {
      assert.ok(properties.includes(name), `property ${name}`);
    }
    for (const name of ['status', 'expiresAt', 'filters']) {
      assert.equal(fields.find((f) => f.name === name).readonly, true, `${name} is read-only`);
    }
    assert.deepEqual(names(element.members.filter((m) => m.kind === 'method')), [
      'refresh',
      'reload',
    ]);
    assert.deepEqual(names(element.events), [
      'bi-embed-content-loaded',
      'bi-embed-error',
      'bi-embed-filter-change',
      'bi-embed-load',
      'bi-embed-resize',
      'bi-embed-token-refresh',
    ]);
    assert.deepEqual(names(element.slots), ['error', 'loading']);
    assert.deepEqual(names(element.cssParts), ['error', 'frame', 'loading', 'retry']);
    assert.ok(names(element.cssProperties).includes('--bi-embed-height'));
  });

  test('documents every public member, attribute and event, and nothing private', () => {
    for (const item of [...element.members, ...element.attributes, ...element.events]) {
      assert.ok(item.description, `${item.name} has a description`);
      assert.ok(!item.name.startsWith('#') && !item.privacy, `${item.name} is public`);
    }
    const theme = element.attributes.find((a) => a.name === 'theme');
    assert.equal(theme.type.text, "'light' | 'night' | 'transparent' | undefined");
  });
});

describe('framework typings', () => {
  const source = ts.createSourceFile(
    'attributes.ts',
    read('src/frameworks/attributes.ts'),
    ts.ScriptTarget.ES2022,
  );
  const declarations = source.statements;
  const attributes = declarations.find(
    (s) => ts.isInterfaceDeclaration(s) && s.name.text === 'BiEmbedAttributes',
  );
  const properties = declarations.find(
    (s) => ts.isInterfaceDeclaration(s) && s.name.text === 'BiEmbedProperties',
  );

  test('BiEmbedAttributes has exactly the manifest attributes', () => {
    const typed = attributes.members.map((m) => m.name.text ?? m.name.escapedText).sort();
    assert.deepEqual(typed, names(element.attributes));
  });

  test('BiEmbedProperties has the multi-word and property-only fields', () => {
    const typed = properties.members.map((m) => m.name.text ?? m.name.escapedText).sort();
    const expected = fields
      .filter((f) => !f.readonly && (f.attribute ? f.attribute !== f.name : true))
      .map((f) => f.name)
      .sort();
    assert.deepEqual(typed, expected);
  });
});

describe('README tables', () => {
  test('attributes and their properties', () => {
    assert.deepEqual(readmeColumn('Attribute'), names(element.attributes));
    assert.deepEqual(
      readmeColumn('Attribute', 1),
      element.attributes.map((a) => a.fieldName).sort(),
    );
  });

  test('properties without an attribute', () => {
    const attributeFields = new Set(element.attributes.map((a) => a.fieldName));
    assert.deepEqual(
      readmeColumn('Property'),
      names(fields.filter((f) => !attributeFields.has(f.name))),
    );
  });

  test('events, methods, slots, parts and CSS properties', () => {
    assert.deepEqual(readmeColumn('Event'), names(element.events));
    assert.deepEqual(
      readmeColumn('Method').map((m) => m.replace(/\(\)$/, '')),
      names(element.members.filter((m) => m.kind === 'method')),
    );
    assert.deepEqual(readmeColumn('Slot'), names(element.slots));
    assert.deepEqual(readmeColumn('Part'), names(element.cssParts));
    assert.deepEqual(readmeColumn('CSS property'), names(element.cssProperties));
  });
});
