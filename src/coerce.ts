// Every property accepts its attribute's string form: Vue and Svelte hand a static attribute
// value (`bordered="false"`, `min-height="400"`) to the property when the element has one, so a
// string reaching a non-string property is read the way the attribute would be.
import {
  defaultConverter,
  type ComplexAttributeConverter,
  type PropertyDeclaration,
} from '@lit/reactive-element';

/**
 * Boolean flags (`no-auto-resize`, `hide-download-button`): present or `"true"` is on; absent or
 * `"false"` is off, so `no-auto-resize="false"` means what it says in every framework.
 */
export const flag: ComplexAttributeConverter<boolean> = {
  fromAttribute: (value) => value !== null && value !== 'false',
  toAttribute: (value) => (value ? '' : null),
};

/** The value a property holds once `value` is set on it: strings go through its converter. */
export function fromString(value: unknown, declaration: PropertyDeclaration): unknown {
  if (typeof value !== 'string' || declaration.attribute === false) return value;
  const { converter, type } = declaration;
  if (typeof converter === 'function') return converter(value, type);
  // Lit's default reading keeps the string of a plain string property; it reads Number and Boolean.
  return (converter?.fromAttribute ?? defaultConverter.fromAttribute!)(value, type);
}
