/**
 * Compile-time checks: a type that fails `npm run typecheck` when two types differ. Pure types, no runtime code.
 */

/**
 * True exactly when A and B are the same type. Two generic functions are assignable only when their conditional
 * return types are identical, which TypeScript decides structurally and strictly: `any` equals only `any`,
 * `{ a?: string }` differs from `{ a: string | undefined }`, and `readonly string[]` from `string[]`. (Mutual
 * assignability would call `any` equal to everything and an optional field equal to a required one.)
 */
export type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

/** Compiles only when T is `true`: `Expect<Equal<A, B>>` is an error that points at the check when A and B differ. */
export type Expect<T extends true> = T;

/**
 * T with every object type, at every depth, written out as one plain object type, keeping each field's `?` and
 * `readonly` and arrays and tuples as they are. Two types that describe the same values can be written
 * differently (an interface, an intersection `A & B`, a library's mapped type), and `Equal` compares how types
 * are written as much as what they hold; comparing `Flatten`ed types compares only what they hold.
 */
export type Flatten<T> = T extends (...args: never[]) => unknown ? T : T extends object ? { [K in keyof T]: Flatten<T[K]> } : T;

/** Compiles only when T is `never`: `ExpectNone<Wrong>` is an error that names what `Wrong` holds. */
export type ExpectNone<T extends never> = T;
