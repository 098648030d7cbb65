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
  return isPlainUrl(text) || (/\/|:/.test(text) && uriPattern.test(text))
}

// Character classes of RFC 3986 as ajv-formats' pattern uses them (ASCII only; letters in either case).
const inScheme = 1
const inHost = 2 // unreserved and sub-delims: a reg-name without percent-encoding
const inPath = 4 // pchar without percent-encoding, and '/'
const inQuery = 8 // the path's characters and '?'
const uriClasses = (() => {
  const classes = new Uint8Array(128)
  const add = (chars: string, bits: number) => {
    for (const char of chars) classes[char.charCodeAt(0)] = (classes[char.charCodeAt(0)] as number) | bits
  }
  const alphanumeric = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'
  add(`${alphanumeric}+-.`, inScheme)
  add(`${alphanumeric}-._~!$&'()*+,;=`, inHost | inPath | inQuery)
  add(':@/', inPath | inQuery)
  add('?', inQuery)
  return classes
})()

function hasClass(code: number, bits: number): boolean {
  return code < 128 && ((uriClasses[code] as number) & bits) !== 0
}

// The usual URL (scheme://host/path?query#fragment without user, port, IP literal or percent-encoding), which
// ajv-formats' pattern accepts; false for anything else, which the pattern then decides (isUri). Scanned by hand:
// the pattern is a quarter of the schema check's format time, and the documents hold several URLs each.
function isPlainUrl(text: string): boolean {
  const length = text.length
  const first = text.charCodeAt(0) | 32
  if (length < 4 || first < 97 || first > 122) return false
  let at = 1
  while (at < length && hasClass(text.charCodeAt(at), inScheme)) at++
  if (text.charCodeAt(at) !== 58 /* : */ || text.charCodeAt(at + 1) !== 47 || text.charCodeAt(at + 2) !== 47 /* // */) return false
  at += 3
  while (at < length && hasClass(text.charCodeAt(at), inHost)) at++
  // The host ends the text or is followed by the path ('/'), the query ('?') or the fragment ('#'): no user, no port.
  let code = text.charCodeAt(at)
  if (at < length && code !== 47 && code !== 63 && code !== 35) return false
  // The path ('/' and pchar), then the query after '?' and the fragment after '#' (pchar, '/' and '?').
  while (at < length && hasClass(text.charCodeAt(at), inPath)) at++
  if (text.charCodeAt(at) === 63 /* ? */) {
    at++
    while (at < length && hasClass(text.charCodeAt(at), inQuery)) at++
  }
  code = text.charCodeAt(at)
  if (code === 35 /* # */) {
    at++
    while (at < length && hasClass(text.charCodeAt(at), inQuery)) at++
  }
  return at === length
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

/**
 * True when every item is a string and no two are equal: a list that ajv's pairwise `uniqueItems` loop would accept.
 * The generated validators ask this first and run their loop only when it says no (scripts/gen-csaf-validators.ts).
 */
export function distinctStrings(items: readonly unknown[]): boolean {
  const length = items.length
  // Short lists (almost all of them): comparing pairs is cheaper than filling a set.
  if (length <= 8) {
    for (let i = 0; i < length; i++) {
      const item = items[i]
      if (typeof item !== 'string') return false
      for (let j = 0; j < i; j++) if (items[j] === item) return false
    }
    return true
  }
  const seen = new Set<string>()
  for (let i = 0; i < length; i++) {
    const item = items[i]
    if (typeof item !== 'string' || seen.has(item)) return false
    seen.add(item)
  }
  return true
}

/** The number of an object's own enumerable properties, as `Object.keys(object).length`, without the array of names. */
export function propertyCount(object: object): number {
  let count = 0
  for (const key in object) if (Object.prototype.hasOwnProperty.call(object, key)) count++
  return count
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
