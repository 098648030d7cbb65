import { describe, expect, it } from 'vitest'
import { compareText, derivedOf, generationCache } from './generation-cache.js'

describe('generation cache', () => {
  it('computes once per key, shares a computation in flight, and replaces the value when the key changes', async () => {
    const cache = generationCache<string>({ slots: 4, weight: 100 })
    const db = {}
    let computed = 0
    const compute = (value: string) => async () => {
      computed++
      return value
    }
    const [a, b] = await Promise.all([cache.get(db, 'org', 'g1', compute('one')), cache.get(db, 'org', 'g1', compute('other'))])
    expect([a, b, computed]).toEqual(['one', 'one', 1])
    expect(await cache.get(db, 'org', 'g2', compute('two'))).toBe('two')
    expect(computed).toBe(2)
    expect(cache.peek(db, 'org', 'g1')).toBeUndefined()
    expect(await cache.peek(db, 'org', 'g2')).toBe('two')
    // Another database handle never sees this one's values.
    expect(cache.peek({}, 'org', 'g2')).toBeUndefined()
  })

  it('evicts the least recently used slots beyond the slot and weight bounds, never the one just computed', async () => {
    const cache = generationCache<number>({ slots: 2, weight: 10 })
    const db = {}
    await cache.get(db, 'a', 'k', async () => 4, (n) => n)
    await cache.get(db, 'b', 'k', async () => 4, (n) => n)
    await cache.get(db, 'a', 'k', async () => -1) // a is now the most recent
    await cache.get(db, 'c', 'k', async () => 4, (n) => n)
    expect(cache.peek(db, 'b', 'k')).toBeUndefined()
    expect(cache.peek(db, 'a', 'k')).toBeDefined()
    expect(cache.peek(db, 'c', 'k')).toBeDefined()
    await cache.get(db, 'd', 'k', async () => 50, (n) => n)
    expect(['a', 'c', 'd'].map((slot) => cache.peek(db, slot, 'k') !== undefined)).toEqual([false, false, true])
  })

  it('does not keep a failed computation', async () => {
    const cache = generationCache<number>({ slots: 2, weight: 10 })
    const db = {}
    await expect(cache.get(db, 'a', 'k', async () => Promise.reject(new Error('database gone')))).rejects.toThrow('database gone')
    expect(cache.peek(db, 'a', 'k')).toBeUndefined()
    expect(await cache.get(db, 'a', 'k', async () => 7)).toBe(7)
  })

  it('derives a value once per owner', () => {
    const owner = {}
    let built = 0
    const build = () => ({ n: ++built })
    expect(derivedOf(owner, 'x', build)).toBe(derivedOf(owner, 'x', build))
    expect(derivedOf({}, 'x', build).n).toBe(2)
  })

  it('orders text exactly as localeCompare does', () => {
    const words = ['b', 'B', 'a', 'A-2', 'a-10', 'É', 'e', 'SEH-010', 'SEH-002', 'seh-001', '~', 'Z', '']
    expect([...words].sort(compareText)).toEqual([...words].sort((a, b) => a.localeCompare(b)))
  })
})
