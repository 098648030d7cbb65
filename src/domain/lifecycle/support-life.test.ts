import { describe, expect, it } from 'vitest'
import { daysBetween, fleetSupportSummary, supportGap, supportStatus } from './support-life.js'

describe('security support against clinical life', () => {
  it('counts days in UTC calendar dates, across leap years', () => {
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2)
    expect(daysBetween('2025-01-01', '2024-01-01')).toBe(-366)
    expect(daysBetween('2025-13-01', '2024-01-01')).toBeUndefined()
  })

  it('classifies support as ended, ending within the horizon, continuing, or unknown', () => {
    expect(supportStatus('2026-01-01', '2026-03-01')).toBe('ended')
    expect(supportStatus('2026-03-01', '2026-03-01')).toBe('ending_soon')
    expect(supportStatus('2027-03-01', '2026-03-01')).toBe('ending_soon')
    expect(supportStatus('2027-03-02', '2026-03-01')).toBe('supported')
    expect(supportStatus(null, '2026-03-01')).toBe('unknown')
  })

  it('gives the gap when support ends before clinical life, the margin otherwise', () => {
    expect(supportGap({ securityEndOfSupport: '2028-12-31', clinicalEndOfLife: '2032-12-31' })).toEqual({ kind: 'gap', gapDays: 1461, gapYears: 4 })
    expect(supportGap({ securityEndOfSupport: '2033-01-10', clinicalEndOfLife: '2032-12-31' })).toEqual({ kind: 'covered', marginDays: 10 })
    expect(supportGap({ securityEndOfSupport: null, clinicalEndOfLife: '2032-12-31' })).toEqual({ kind: 'unknown', missing: ['securityEndOfSupport'] })
  })

  it('summarises a fleet, leaves retired devices out and lists the worst first', () => {
    const summary = fleetSupportSummary(
      [
        { id: '1', assetTag: 'A', status: 'in_service', securityEndOfSupport: '2025-06-30', clinicalEndOfLife: '2030-06-30' },
        { id: '2', assetTag: 'B', status: 'in_service', securityEndOfSupport: '2026-09-30', clinicalEndOfLife: '2026-06-30' },
        { id: '3', assetTag: 'C', status: 'in_service', securityEndOfSupport: '2035-01-01', clinicalEndOfLife: '2036-01-01' },
        { id: '4', assetTag: 'D', status: 'in_service', securityEndOfSupport: '2030-01-01', clinicalEndOfLife: '2029-01-01' },
        { id: '5', assetTag: 'E', status: 'in_service', securityEndOfSupport: null, clinicalEndOfLife: '2029-01-01' },
        { id: '6', assetTag: 'F', status: 'retired', securityEndOfSupport: '2020-01-01', clinicalEndOfLife: '2030-01-01' },
      ],
      '2026-03-01',
    )
    expect(summary.devices).toBe(5)
    expect(summary.bySupport).toEqual({ ended: 1, ending_soon: 1, supported: 2, unknown: 1 })
    expect(summary.withGap).toBe(2)
    expect(summary.attention.map((a) => [a.assetTag, a.support, a.gap.kind])).toEqual([
      ['A', 'ended', 'gap'],
      ['B', 'ending_soon', 'covered'],
      ['C', 'supported', 'gap'],
    ])
    expect(summary.unsupportedDeviceYears).toBe(6)
  })
})
