import { describe, expect, it } from 'vitest'
import { findNonFiniteNumber, findUnstorableInput } from './input-guard.js'

describe('findUnstorableInput', () => {
  it('finds NUL in text, in keys and non-finite numbers, with their path', () => {
    expect(findUnstorableInput({ body: { items: ['ok', 'a\u0000b'] } })).toEqual({ path: '/body/items/1', problem: 'text may not contain NUL characters' })
    expect(findUnstorableInput({ body: { ['k\u0000']: 1 } })?.path).toBe('/body/k\\u0000')
    expect(findUnstorableInput({ body: { n: Infinity } })).toEqual({ path: '/body/n', problem: 'numbers must be finite' })
    expect(findUnstorableInput('\u0000')?.path).toBe('/')
  })

  it('accepts ordinary input, other unicode and raw upload buffers', () => {
    expect(findUnstorableInput({ params: { id: 'x' }, body: { a: [1, true, null, 'é\u{1f4a5}\ud800'] } })).toBeUndefined()
    expect(findUnstorableInput({ body: Buffer.from([0, 0, 0]) })).toBeUndefined()
  })

  it('walks nesting far deeper than the call stack allows', () => {
    let deep: unknown = 'x\u0000'
    for (let i = 0; i < 200_000; i++) deep = { a: deep }
    expect(findUnstorableInput(deep)?.problem).toBe('text may not contain NUL characters')
  })
})

describe('findNonFiniteNumber', () => {
  const schema = { properties: { limit: { type: 'integer' }, q: { type: 'string' } } }
  it('names a numeric query parameter whose text is infinite, and only those', () => {
    expect(findNonFiniteNumber({ limit: '1e400' }, schema)).toBe('limit')
    expect(findNonFiniteNumber({ limit: '-Infinity' }, schema)).toBe('limit')
    expect(findNonFiniteNumber({ limit: '20', q: 'Infinity' }, schema)).toBeUndefined()
    expect(findNonFiniteNumber({ limit: '1e400' }, undefined)).toBeUndefined()
  })
})
