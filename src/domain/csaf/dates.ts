// CSAF date-times (RFC 3339) can carry more fractional digits than a JS Date keeps; compare them exactly.

/** An instant split into whole UTC seconds and the fractional digits, so sub-millisecond differences count. */
export interface Instant {
  readonly seconds: number
  readonly fraction: string
}

const pattern = /^(\d{4}-\d\d-\d\d[Tt ]\d\d:\d\d:\d\d)(?:\.(\d+))?([Zz]|[+-]\d\d:\d\d)$/

/** Parses an RFC 3339 date-time; undefined when it is malformed. */
export function parseInstant(text: string): Instant | undefined {
  const match = pattern.exec(text)
  if (!match) return undefined
  const millis = Date.parse(`${match[1]}${match[3]}`)
  if (Number.isNaN(millis)) return undefined
  return { seconds: millis / 1000, fraction: (match[2] ?? '').replace(/0+$/, '') }
}

/** Orders two instants. */
export function compareInstants(a: Instant, b: Instant): number {
  if (a.seconds !== b.seconds) return a.seconds < b.seconds ? -1 : 1
  const width = Math.max(a.fraction.length, b.fraction.length)
  const x = a.fraction.padEnd(width, '0')
  const y = b.fraction.padEnd(width, '0')
  return x === y ? 0 : x < y ? -1 : 1
}
