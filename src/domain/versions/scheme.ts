/**
 * One version ordering. `parse` turns a version string into a comparison key once (null when the string is not a
 * version of this scheme), so that ranges can pre-parse their bounds and compare many candidates cheaply.
 */
export interface VersionScheme<Key = unknown> {
  readonly id: string
  readonly parse: (version: string) => Key | null
  readonly compareParsed: (a: Key, b: Key) => number
  /** The canonical text of a version in this scheme (used when printing vers ranges); identity when absent. */
  readonly normalize?: (version: string) => string
}

/** Compares two numbers or strings the ordinary way, returning -1, 0 or 1. */
export function cmp<T extends number | string | bigint>(a: T, b: T): -1 | 0 | 1 {
  return a < b ? -1 : a > b ? 1 : 0
}

/** Compares two strings of decimal digits of any length as numbers. */
export function compareDigits(a: string, b: string): -1 | 0 | 1 {
  const x = a.replace(/^0+/, '')
  const y = b.replace(/^0+/, '')
  if (x.length !== y.length) return x.length < y.length ? -1 : 1
  return cmp(x, y)
}

/** Compares strings by Unicode code points (not UTF-16 units), so astral characters sort after the BMP. */
export function compareCodePoints(a: string, b: string): -1 | 0 | 1 {
  const x = Array.from(a)
  const y = Array.from(b)
  const n = Math.min(x.length, y.length)
  for (let i = 0; i < n; i++) {
    const p = x[i]?.codePointAt(0) ?? 0
    const q = y[i]?.codePointAt(0) ?? 0
    if (p !== q) return p < q ? -1 : 1
  }
  return cmp(x.length, y.length)
}
