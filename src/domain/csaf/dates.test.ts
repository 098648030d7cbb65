import { describe, expect, it } from 'vitest'
import { compareInstants, parseInstant } from './dates.js'

// The reading parseInstant had before its hand-written scanner: the pattern, then Date.parse for the whole seconds.
function reference(text: string): { seconds: number; fraction: string } | undefined {
  const match = /^(\d{4}-\d\d-\d\d[Tt ]\d\d:\d\d:\d\d)(?:\.(\d+))?([Zz]|[+-]\d\d:\d\d)$/.exec(text)
  if (!match) return undefined
  const millis = Date.parse(`${match[1]}${match[3]}`)
  if (Number.isNaN(millis)) return undefined
  return { seconds: millis / 1000, fraction: (match[2] ?? '').replace(/0+$/, '') }
}

// Date-times around every boundary the scanner checks (calendar, leap years, hour 24, leap seconds, offsets,
// separators, fractions), some with one character changed.
function crafted(count: number): string[] {
  let seed = 11
  const random = (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff
    return seed % n
  }
  const pick = <T>(list: readonly T[]): T => list[random(list.length)] as T
  const pad = (value: number, width: number) => String(value).padStart(width, '0')
  const texts: string[] = []
  for (let i = 0; i < count; i++) {
    const year = pick([0, 1, 99, 100, 400, 1600, 1900, 1969, 1970, 2000, 2023, 2024, 2100, 9999, random(10000)])
    const month = pick([0, 1, 2, 3, 4, 6, 9, 11, 12, 13, random(14)])
    const day = pick([0, 1, 15, 28, 29, 30, 31, 32, random(33)])
    const time = `${pad(pick([0, 1, 12, 23, 24, 25, random(26)]), 2)}:${pad(pick([0, 30, 59, 60, random(61)]), 2)}:${pad(pick([0, 30, 59, 60, 61, random(62)]), 2)}`
    const fraction = pick(['', '', '.', '.0', '.000', '.5', '.123456789', '.10', '.000001', '.9999999999', `.${random(1000)}`])
    const offset = pick(['Z', 'Z', 'z', '+00:00', '-00:00', '+01:00', '-05:30', '+23:59', '-23:59', '+24:00', '+00:60', '+0100', '+01', '', `${pick(['+', '-'])}${pad(random(26), 2)}:${pad(random(62), 2)}`])
    let text = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}${pick(['T', 'T', 'T', 't', ' ', 'X'])}${time}${fraction}${offset}`
    if (random(20) === 0) {
      const at = random(text.length)
      text = text.slice(0, at) + pick(['', '1', 'a', '-', ':', ' ', '\n']) + text.slice(at + 1)
    }
    texts.push(text)
  }
  return texts
}

describe('parseInstant', () => {
  it('gives the answer of the pattern and Date.parse on 200 000 crafted date-times', () => {
    const texts = crafted(200_000)
    const differences = texts.filter((text) => JSON.stringify(parseInstant(text)) !== JSON.stringify(reference(text)))
    expect(texts.filter((text) => reference(text) !== undefined).length).toBeGreaterThan(20_000)
    expect(differences.slice(0, 20)).toEqual([])
  })

  it('keeps digits beyond the millisecond and orders by them', () => {
    const a = parseInstant('2024-01-01T10:00:00.1234567Z')
    const b = parseInstant('2024-01-01T11:00:00.12345671+01:00')
    expect(a).toEqual({ seconds: 1704103200, fraction: '1234567' })
    expect(a && b && compareInstants(a, b)).toBe(-1)
    expect(parseInstant('2024-02-30T10:00:00Z')?.seconds).toBe(Date.parse('2024-03-01T10:00:00Z') / 1000)
  })
})
