// CSAF date-times (RFC 3339) can carry more fractional digits than a JS Date keeps; compare them exactly.

/** An instant split into whole UTC seconds and the fractional digits, so sub-millisecond differences count. */
export interface Instant {
  readonly seconds: number
  readonly fraction: string
}

const pattern = /^(\d{4}-\d\d-\d\d[Tt ]\d\d:\d\d:\d\d)(?:\.(\d+))?([Zz]|[+-]\d\d:\d\d)$/

/** Parses an RFC 3339 date-time; undefined when it is malformed. */
export function parseInstant(text: string): Instant | undefined {
  return scanInstant(text) ?? parseWithDate(text)
}

// The general case: the pattern, then the date's own parser for the whole seconds (which also rolls over e.g. a
// 30th of February and accepts a lower-case separator, as the first implementation did).
function parseWithDate(text: string): Instant | undefined {
  const match = pattern.exec(text)
  if (!match) return undefined
  const millis = Date.parse(`${match[1]}${match[3]}`)
  if (Number.isNaN(millis)) return undefined
  return { seconds: millis / 1000, fraction: (match[2] ?? '').replace(/0+$/, '') }
}

const daysInMonth = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

// Reads `count` ASCII digits at `at` as a number, or -1 when one of them is not a digit.
function digits(text: string, at: number, count: number): number {
  let value = 0
  for (let i = at; i < at + count; i++) {
    const digit = text.charCodeAt(i) - 48
    if (digit < 0 || digit > 9) return -1
    value = value * 10 + digit
  }
  return value
}

// Days from 1970-01-01 to a date of the proleptic Gregorian calendar (the civil-from-days inverse, eras of 400 years).
function daysFromEpoch(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year
  const era = Math.floor(y / 400)
  const yearOfEra = y - era * 400
  const dayOfYear = Math.floor((153 * ((month + 9) % 12) + 2) / 5) + day - 1
  return era * 146097 + yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear - 719468
}

// The common case scanned by hand, without a match array or Date.parse (the revision history of every document is
// parsed): YYYY-MM-DDThh:mm:ss, an optional fraction, then Z or ±hh:mm, every field inside its calendar range. Any
// other text (lower-case separators, a 30th of February, hour 24, ...) is left to parseWithDate; dates.test.ts
// checks that both give the same answer.
function scanInstant(text: string): Instant | undefined {
  if (text.length < 20 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(10) !== 84 /* T */) return undefined
  if (text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return undefined
  const year = digits(text, 0, 4)
  const month = digits(text, 5, 2)
  const day = digits(text, 8, 2)
  const hour = digits(text, 11, 2)
  const minute = digits(text, 14, 2)
  const second = digits(text, 17, 2)
  if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return undefined
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
  if (day > (month === 2 && leap ? 29 : (daysInMonth[month] as number))) return undefined
  let at = 19
  let fractionEnd = at
  if (text.charCodeAt(at) === 46 /* . */) {
    at++
    while (at < text.length && text.charCodeAt(at) >= 48 && text.charCodeAt(at) <= 57) at++
    if (at === 20) return undefined
    fractionEnd = at
    // Trailing zeros do not change the instant.
    while (fractionEnd > 20 && text.charCodeAt(fractionEnd - 1) === 48) fractionEnd--
  }
  let offsetSeconds = 0
  const sign = text.charCodeAt(at)
  if (sign === 90 /* Z */) {
    if (at + 1 !== text.length) return undefined
  } else if (sign === 43 /* + */ || sign === 45 /* - */) {
    if (at + 6 !== text.length || text.charCodeAt(at + 3) !== 58) return undefined
    const offsetHours = digits(text, at + 1, 2)
    const offsetMinutes = digits(text, at + 4, 2)
    if (offsetHours < 0 || offsetHours > 23 || offsetMinutes < 0 || offsetMinutes > 59) return undefined
    offsetSeconds = (sign === 45 ? -1 : 1) * (offsetHours * 3600 + offsetMinutes * 60)
  } else return undefined
  const seconds = daysFromEpoch(year, month, day) * 86400 + hour * 3600 + minute * 60 + second - offsetSeconds
  return { seconds, fraction: fractionEnd > 20 ? text.slice(20, fractionEnd) : '' }
}

/** Orders two instants. */
export function compareInstants(a: Instant, b: Instant): number {
  if (a.seconds !== b.seconds) return a.seconds < b.seconds ? -1 : 1
  const width = Math.max(a.fraction.length, b.fraction.length)
  const x = a.fraction.padEnd(width, '0')
  const y = b.fraction.padEnd(width, '0')
  return x === y ? 0 : x < y ? -1 : 1
}
