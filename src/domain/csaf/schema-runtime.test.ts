import { fullFormats } from 'ajv-formats/dist/formats.js'
import ucs2lengthModule from 'ajv/dist/runtime/ucs2length.js'
import { describe, expect, it } from 'vitest'
import { deepEqual, distinctStrings, isDateTime, isUri, propertyCount, ucs2length } from './schema-runtime.js'

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

  it('decides uri like ajv-formats on 100 000 crafted URLs around the hand-scanned shape', () => {
    let seed = 3
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff
      return seed % n
    }
    const pick = (list: readonly string[]) => list[random(list.length)] as string
    const pieces = ['a', 'Z', '0', '-', '.', '_', '~', '!', '$', '&', "'", '(', ')', '*', '+', ',', ';', '=', ':', '@', '/', '?', '#', '%', '%2F', '%zz', '[', ']', ' ', '"', '<', '\u00e9', '\n', '']
    const texts = Array.from({ length: 100_000 }, () => {
      const scheme = pick(['https', 'http', 'HTTPS', 'urn', 'a', 'a+b-c.d', '1a', '', 'h_t'])
      const host = pick(['example.com', 'EXAMPLE.com', '', 'a.b-c_d~e', '127.0.0.1', '[::1]', 'user@host', 'host:8080', 'host:', 'h%41'])
      const parts = Array.from({ length: random(6) }, () => pick(pieces)).join('')
      return `${scheme}${pick(['://', '://', ':/', ':', '//'])}${host}${pick(['/', '', '?', '#', '/a/b?c=d#e'])}${parts}`
    })
    const differences = texts.filter((text) => isUri(text) !== ajvUri(text))
    expect(texts.filter((text) => ajvUri(text)).length).toBeGreaterThan(20_000)
    expect(differences.slice(0, 10)).toEqual([])
  })

  it('counts code points like ajv and compares JSON values deeply', () => {
    for (const text of ['', 'abc', '\u{1f600}', 'a\ud800', '\udc00\ud800', '\u{1f600}\u{1f600}x']) expect(ucs2length(text)).toBe(ajvUcs2length(text))
    expect(deepEqual({ a: [1, { b: 'c' }] }, { a: [1, { b: 'c' }] })).toBe(true)
    expect(deepEqual({ a: 1 }, { a: 1, b: 2 })).toBe(false)
    expect(deepEqual([1, 2], { 0: 1, 1: 2 })).toBe(false)
    expect(deepEqual(null, {})).toBe(false)
  })

  it('distinctStrings says yes exactly when every item is a string and no pair is deeply equal', () => {
    const pool: unknown[] = ['a', 'b', '', '__proto__', 'constructor', 'toString', 'a ', 'A', 1, null, {}, ['a'], 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j']
    let seed = 5
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff
      return seed % n
    }
    const pairwise = (items: unknown[]) => items.every((item, i) => typeof item === 'string' && items.slice(0, i).every((other) => !deepEqual(other, item)))
    const lists = Array.from({ length: 20000 }, () => Array.from({ length: random(20) }, () => pool[random(random(2) === 0 ? 8 : pool.length)]))
    // Long lists (the set path): distinct strings, then with one of them repeated or one item that is no string.
    const strings = pool.filter((item): item is string => typeof item === 'string')
    for (let i = 0; i < 300; i++) {
      const distinct = [...strings].sort(() => random(3) - 1).slice(0, 9 + random(strings.length - 8))
      lists.push(distinct, [...distinct, distinct[random(distinct.length)]], [...distinct.slice(1), pool[8 + random(4)]])
    }
    lists.push(['__proto__', '__proto__'], [...strings, '__proto__'])
    const differences = lists.filter((items) => distinctStrings(items) !== pairwise(items))
    expect(lists.filter((items) => items.length > 8 && pairwise(items)).length).toBeGreaterThan(250)
    expect(differences.slice(0, 5)).toEqual([])
  })

  it('propertyCount counts as Object.keys does', () => {
    const objects: object[] = [{}, { a: 1 }, { a: 1, b: undefined, c: null }, JSON.parse('{"__proto__": 1, "1": 2, "x": 3}'), Object.create({ inherited: 1 }), [], [1, 2]]
    const withHidden = { shown: 1 }
    Object.defineProperty(withHidden, 'hidden', { value: 2, enumerable: false })
    objects.push(withHidden, Object.assign(Object.create({ inherited: 1 }), { own: 1 }))
    expect(objects.map(propertyCount)).toEqual(objects.map((object) => Object.keys(object).length))
  })
})
