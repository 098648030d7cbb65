import { fullFormats } from 'ajv-formats/dist/formats.js'
import ucs2lengthModule from 'ajv/dist/runtime/ucs2length.js'
import { describe, expect, it } from 'vitest'
import { deepEqual, isDateTime, isUri, ucs2length } from './schema-runtime.js'

const ajvDateTime = fullFormats['date-time'] as { validate: (text: string) => boolean }
const ajvUri = fullFormats.uri as (text: string) => boolean
const ajvUcs2length = ((ucs2lengthModule as unknown as { default?: (s: string) => number }).default ?? ucs2lengthModule) as unknown as (s: string) => number

// Date-times near every rule: separators, fractions, offsets, month lengths, leap years and leap seconds.
function dateTimeCandidates(): string[] {
  const dates = ['2024-02-29', '2023-02-29', '1900-02-29', '2000-02-29', '2024-04-31', '2024-12-31', '2024-13-01', '2024-00-10', '2024-01-00', '202a-01-01', '2024-1-01', '2024/01/01']
  const separators = ['T', 't', ' ', '\u00a0', '\n', '\u2028', 'x', '', 'TT']
  const times = ['00:00:00', '23:59:59', '23:59:60', '23:59:61', '22:59:60', '24:00:00', '12:60:00', '12:00:60', '12:00:00.5', '12:00:00.', '12:00:00.123456789', '1:00:00', '12:00', '23:59:60.999']
  const offsets = ['Z', 'z', '+00:00', '-00:00', '+01:00', '-01:00', '+0100', '+01', '+24:00', '+01:60', '+1:00', '+01:0', '', 'Zz', '+01:00:00', ' ']
  const found: string[] = []
  for (const date of dates) for (const separator of separators) for (const time of times) for (const offset of offsets) found.push(`${date}${separator}${time}${offset}`)
  return [...found, '', 'T', '2024-01-01', '2024-01-01T10:00:00Z ', ' 2024-01-01T10:00:00Z', '2024-01-01T10:00:00+01:00\n']
}

describe('schema run time of the generated validators', () => {
  it('decides date-time exactly like ajv-formats (full mode)', () => {
    const candidates = dateTimeCandidates()
    const differ = candidates.filter((text) => isDateTime(text) !== ajvDateTime.validate(text))
    expect(candidates.length).toBeGreaterThan(20000)
    expect(candidates.filter((text) => ajvDateTime.validate(text)).length).toBeGreaterThan(500)
    expect(differ, differ.slice(0, 20).map((t) => JSON.stringify(t)).join('\n')).toEqual([])
  })

  it('decides uri exactly like ajv-formats (full mode)', () => {
    const candidates = ['https://example.com', 'https://example.com/a b', 'urn:isbn:0451450523', 'mailto:a@b.c', '/relative/path', 'example.com', 'http://[::1]:80/x?y#z', 'http://%zz', 'a:', ':', '', 'HTTPS://EXAMPLE.COM/%7E']
    expect(candidates.filter((text) => isUri(text) !== ajvUri(text))).toEqual([])
  })

  it('counts code points like ajv and compares JSON values deeply', () => {
    for (const text of ['', 'abc', '\u{1f600}', 'a\ud800', '\udc00\ud800', '\u{1f600}\u{1f600}x']) expect(ucs2length(text)).toBe(ajvUcs2length(text))
    expect(deepEqual({ a: [1, { b: 'c' }] }, { a: [1, { b: 'c' }] })).toBe(true)
    expect(deepEqual({ a: 1 }, { a: 1, b: 2 })).toBe(false)
    expect(deepEqual([1, 2], { 0: 1, 1: 2 })).toBe(false)
    expect(deepEqual(null, {})).toBe(false)
  })
})
