/** A problem reported as a value: a stable machine code, a human message, and optional details. */
export interface Problem {
  readonly code: string
  readonly message: string
  readonly details?: unknown
}

/** The outcome of an operation that can fail: either a value or a problem, never a throw. */
export type Result<T, E extends Problem = Problem> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: E }

/** Wraps a value as a successful result. */
export function ok<T>(value: T): { readonly ok: true; readonly value: T } {
  return { ok: true, value }
}

/** Wraps a problem as a failed result. */
export function fail<E extends Problem>(error: E): { readonly ok: false; readonly error: E } {
  return { ok: false, error }
}

/** Builds a problem from a code and a message. */
export function problem(code: string, message: string, details?: unknown): Problem {
  return details === undefined ? { code, message } : { code, message, details }
}
