// What the generated schema validators (generated/*.ts, scripts/gen-csaf-validators.ts) call at run time: the two
// formats the CSAF schema uses and the two helpers of ajv's run time, written here so that validating needs neither
// ajv nor ajv-formats (CommonJS packages) in the browser bundle.
import { uriPattern } from './generated/uri-format.js'

const daysInMonth = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

// Reads two ASCII digits at `at` as a number, or -1 when either is not a digit.
function twoDigits(text: string, at: number): number {
  const high = text.charCodeAt(at) - 48
  const low = text.charCodeAt(at + 1) - 48
  return high >= 0 && high <= 9 && low >= 0 && low <= 9 ? high * 10 + low : -1
}

// The date/time separator of ajv-formats: t, T or any character of the regular expression class \s.
function isSeparator(char: string): boolean {
  return char === 'T' || char === 't' || char === ' ' || /\s/.test(char)
}

/**
 * The `date-time` format exactly as ajv-formats' full mode decides it (RFC 3339 with a required offset; a leap
 * second only at 23:59 UTC), scanned by hand: the schema checks ten date-times per document, and the regular
 * expressions and string splits of ajv-formats were a sixth of the schema check's time. A test compares the two.
 */
export function isDateTime(text: string): boolean {
  // YYYY-MM-DD, a separator, hh:mm:ss, then an optional fraction and a required offset.
  if (text.length < 20 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return false
  const century = twoDigits(text, 0)
  const yearOfCentury = twoDigits(text, 2)
  const month = twoDigits(text, 5)
  const day = twoDigits(text, 8)
  if (century < 0 || yearOfCentury < 0 || month < 1 || month > 12 || day < 1) return false
  const year = century * 100 + yearOfCentury
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
  if (day > (month === 2 && leap ? 29 : (daysInMonth[month] as number))) return false
  if (!isSeparator(text.charAt(10))) return false
  const hour = twoDigits(text, 11)
  const minute = twoDigits(text, 14)
  const second = twoDigits(text, 17)
  if (hour < 0 || minute < 0 || second < 0 || text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return false
  let at = 19
  if (text.charCodeAt(at) === 46) {
    at++
    const start = at
    while (at < text.length && text.charCodeAt(at) >= 48 && text.charCodeAt(at) <= 57) at++
    if (at === start) return false
  }
  const sign = text.charAt(at)
  let offsetHours = 0
  let offsetMinutes = 0
  let offsetSign = 1
  if (sign === 'Z' || sign === 'z') {
    if (at + 1 !== text.length) return false
  } else if (sign === '+' || sign === '-') {
    offsetSign = sign === '-' ? -1 : 1
    offsetHours = twoDigits(text, at + 1)
    if (offsetHours < 0) return false
    const rest = text.length - (at + 3)
    if (rest === 2) offsetMinutes = twoDigits(text, at + 3)
    else if (rest === 3 && text.charCodeAt(at + 3) === 58) offsetMinutes = twoDigits(text, at + 4)
    else if (rest !== 0) return false
    if (offsetMinutes < 0 || offsetHours > 23 || offsetMinutes > 59) return false
  } else return false
  if (hour <= 23 && minute <= 59 && second < 60) return true
  // A leap second: ajv-formats accepts seconds below 61 when the time is 23:59 in UTC.
  if (second > 60) return false
  const utcMinute = minute - offsetMinutes * offsetSign
  const utcHour = hour - offsetHours * offsetSign - (utcMinute < 0 ? 1 : 0)
  return (utcHour === 23 || utcHour === -1) && (utcMinute === 59 || utcMinute === -1)
}

/** The `uri` format as ajv-formats' full mode decides it: a scheme and an RFC 3986 URI. */
export function isUri(text: string): boolean {
  return /\/|:/.test(text) && uriPattern.test(text)
}

/** The formats the CSAF 2.0 schema uses, by name. */
export const csafFormats: Readonly<Record<'date-time' | 'uri', (text: string) => boolean>> = {
  'date-time': isDateTime,
  uri: isUri,
}

/** The length of a string in Unicode code points, as JSON Schema counts minLength and maxLength. */
export function ucs2length(text: string): number {
  let length = 0
  for (let at = 0; at < text.length; length++) {
    const code = text.charCodeAt(at++)
    // A high surrogate followed by a low one is one code point.
    if (code >= 0xd800 && code <= 0xdbff && at < text.length && (text.charCodeAt(at) & 0xfc00) === 0xdc00) at++
  }
  return length
}

/** Deep equality of JSON values (for uniqueItems, enum and const). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return a !== a && b !== b
  if (Array.isArray(a) !== Array.isArray(b)) return false
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return false
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i])) return false
    return true
  }
  const left = a as Record<string, unknown>
  const right = b as Record<string, unknown>
  const keys = Object.keys(left)
  if (keys.length !== Object.keys(right).length) return false
  for (const key of keys) if (!Object.prototype.hasOwnProperty.call(right, key) || !deepEqual(left[key], right[key])) return false
  return true
}
