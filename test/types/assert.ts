// Helpers for the type tests in this folder. They are checked by `tsc --noEmit` (npm test) and
// never run: a wrong typing is a compile error.

/** `true` only when A and B are the same type; `any` equals nothing but `any`. */
export type Equal<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

/** Compiles only when its type argument is `true`: `assertType<Equal<X, Y>>()`. */
export function assertType<T extends true>(): T | void {}

/** `expectType(value).toBe<T>()` compiles only when the value's type is exactly T. */
export function expectType<V>(_value: V) {
  return { toBe<T>(..._same: Equal<V, T> extends true ? [] : [never]): void {} };
}
