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

/**
 * Gives `host[name]` its typed value when a string was set on it. Called after Lit recorded the
 * change (with the value the property had before), so the second set only stores the typed value,
 * which is what gets reflected and what the element reads.
 */
export function retype(host: object, name: PropertyKey, declaration: PropertyDeclaration): void {
  const record = host as Record<PropertyKey, unknown>;
  const value = record[name];
  const typed = fromString(value, declaration);
  if (!Object.is(typed, value)) record[name] = typed;
}
