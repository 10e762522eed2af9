/**
 * Expected failures are values, bugs throw. A person can meet every `Err` in this codebase, so each
 * error type carries a code and its facts (see problem.ts), worded by the app's message catalogue
 * or the command line's English formatter, never a sentence of its own.
 */
export type Result<T, E> = { ok: true; value: T } | { ok: false; error: E };

export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });
export const err = <E>(error: E): { ok: false; error: E } => ({ ok: false, error });

/** For exhaustive switches: the compiler proves this is never reached. */
export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
}
