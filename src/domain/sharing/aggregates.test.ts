import { describe, expect, it } from 'vitest'
import { DEFAULT_MIN_CONTRIBUTORS, parseMinContributors, suppressBreakdown, suppressCell } from './aggregates.js'

describe('small-count suppression of regulator figures', () => {
  it('publishes a figure only with at least k contributing organizations (an empty figure tells nothing)', () => {
    const k = 3
    expect([0, 1, 2, 3, 4].map((contributors) => suppressCell({ value: contributors === 0 ? 0 : 17, contributors }, k).kind)).toEqual(['value', 'suppressed', 'suppressed', 'value', 'value'])
    expect(suppressCell({ value: 17, contributors: 3 }, k)).toEqual({ kind: 'value', value: 17 })
    expect(suppressCell({ value: 17, contributors: 1 }, 1)).toEqual({ kind: 'value', value: 17 })
  })

  it('suppresses a second cell when a published total would reveal a single suppressed one', () => {
    const raw = { CLEAR: { value: 9, contributors: 5 }, GREEN: { value: 4, contributors: 3 }, AMBER: { value: 2, contributors: 1 }, RED: { value: 6, contributors: 4 } }
    expect(suppressBreakdown(raw, 3, true)).toEqual({ CLEAR: { kind: 'value', value: 9 }, GREEN: { kind: 'suppressed' }, AMBER: { kind: 'suppressed' }, RED: { kind: 'value', value: 6 } })
    // Without a published total there is nothing to subtract from.
    expect(suppressBreakdown(raw, 3, false).GREEN).toEqual({ kind: 'value', value: 4 })
    // Two suppressed cells already hide each other.
    const two = { ...raw, RED: { value: 6, contributors: 2 } }
    expect(suppressBreakdown(two, 3, true).GREEN).toEqual({ kind: 'value', value: 4 })
  })

  it('reads the threshold from configuration, falling back to the default', () => {
    expect(DEFAULT_MIN_CONTRIBUTORS).toBe(3)
    expect([undefined, '', 'x', '0', '-2', '2.5', '5', ' 4 '].map(parseMinContributors)).toEqual([3, 3, 3, 3, 3, 3, 5, 4])
  })
})
