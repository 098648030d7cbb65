import { describe, expect, it } from 'vitest'
import { capitalPlan, deriveEndOfSupport, effectiveEndOfSupport, endOfSupportCliff, unsupportedWindow, type PlanDevice } from './capital-plan.js'

const device = (over: Partial<PlanDevice> & { id: string }): PlanDevice => ({
  assetTag: over.id,
  modality: 'CT',
  manufacturer: 'Acme',
  model: 'CT 5000',
  softwareVersion: '3.1',
  status: 'in_service',
  clinicalEndOfLife: null,
  endOfSupport: { kind: 'unknown' },
  upgradeAvailable: false,
  replacementCost: null,
  ...over,
})

describe('end of support', () => {
  it('derives it from the earliest operating-system date, else firmware; libraries never count', () => {
    const components = [
      { type: 'library', name: 'openssl', version: '1.1.1', endOfSupport: '2023-09-11' },
      { type: 'firmware', name: 'bios', version: '2', endOfSupport: '2027-01-01' },
      { type: 'operating-system', name: 'Windows 10 IoT', version: '1809', endOfSupport: '2029-01-09T00:00:00Z' },
      { type: 'operating-system', name: 'Windows 10 IoT', version: '21H2', endOfSupport: '2032-01-13' },
    ]
    expect(deriveEndOfSupport(components)).toEqual({ kind: 'derived', date: '2029-01-09', component: { type: 'operating-system', name: 'Windows 10 IoT', version: '1809' } })
    expect(deriveEndOfSupport(components.filter((c) => c.type !== 'operating-system'))?.date).toBe('2027-01-01')
    expect(deriveEndOfSupport([components[0]!, { type: 'operating-system', name: 'x', version: null, endOfSupport: 'soon' }])).toBeUndefined()
  })

  it('prefers the declared date over the derived one', () => {
    const derived = deriveEndOfSupport([{ type: 'operating-system', name: 'os', version: null, endOfSupport: '2028-01-01' }])
    expect(effectiveEndOfSupport('2030-06-30', derived)).toEqual({ kind: 'declared', date: '2030-06-30' })
    expect(effectiveEndOfSupport(null, derived)?.kind).toBe('derived')
    expect(effectiveEndOfSupport(null, undefined)).toEqual({ kind: 'unknown' })
  })

  it('finds the unsupported-but-in-clinical-use window', () => {
    expect(unsupportedWindow('2026-06-30', '2031-12-31', 'in_service', '2026-11-28')).toEqual({ kind: 'window', from: '2026-06-30', to: '2031-12-31', days: 2010, current: true })
    expect(unsupportedWindow('2032-01-01', '2031-12-31', 'in_service', '2026-11-28')).toEqual({ kind: 'none' })
    expect(unsupportedWindow('2025-01-01', null, 'in_service', '2026-11-28')).toMatchObject({ kind: 'window', to: null, current: true })
    expect(unsupportedWindow('2025-01-01', null, 'retired', '2026-11-28')).toEqual({ kind: 'none' })
  })
})

describe('capital plan', () => {
  const today = '2026-11-28'
  const devices = [
    device({ id: 'A', endOfSupport: { kind: 'declared', date: '2026-06-30' }, clinicalEndOfLife: '2031-12-31', replacementCost: 900_000 }),
    device({ id: 'B', endOfSupport: { kind: 'declared', date: '2028-03-01' }, clinicalEndOfLife: '2033-01-01', upgradeAvailable: true }),
    device({ id: 'C', modality: 'MR', endOfSupport: { kind: 'declared', date: '2035-01-01' }, clinicalEndOfLife: '2028-05-01', replacementCost: 1_500_000.5 }),
    device({ id: 'D', modality: null, clinicalEndOfLife: '2028-12-31' }),
    device({ id: 'E' }),
    device({ id: 'F', status: 'retired', clinicalEndOfLife: '2027-01-01' }),
    device({ id: 'G', endOfSupport: { kind: 'derived', date: '2029-01-09', component: { type: 'operating-system', name: 'Windows 10 IoT', version: '1809' } } }),
  ]

  it('upgrades or replaces at the end of support when it comes first, else replaces at clinical end of life', () => {
    const plan = capitalPlan(devices, today)
    const summary = plan.items.map((i) => `${i.assetTag} ${i.year} ${i.action}${i.overdue ? ' overdue' : ''} ${i.cost ?? '-'}`)
    expect(summary).toEqual(['A 2026 replace overdue 900000', 'B 2028 upgrade -', 'C 2028 replace 1500000.5', 'D 2028 replace -', 'G 2029 replace -'])
    expect(plan.years).toEqual([
      { year: 2026, upgrade: 0, replace: 1, knownCost: 900000, replaceWithoutCost: 0 },
      { year: 2028, upgrade: 1, replace: 2, knownCost: 1500000.5, replaceWithoutCost: 1 },
      { year: 2029, upgrade: 0, replace: 1, knownCost: 0, replaceWithoutCost: 1 },
    ])
    expect(plan.unscheduled).toBe(1)
    expect(plan.totals).toEqual({ upgrade: 1, replace: 4, knownCost: 2400000.5, replaceWithoutCost: 2, overdue: 1 })
    expect(plan.items.find((i) => i.assetTag === 'G')?.reason).toContain('derived from Windows 10 IoT')
  })

  it('counts the end-of-support cliff per year and modality with no holes in the years', () => {
    const cliff = endOfSupportCliff(devices)
    expect(cliff.years).toEqual([2026, 2027, 2028, 2029, 2030, 2031, 2032, 2033, 2034, 2035])
    expect(cliff.modalities).toEqual(['CT', 'MR'])
    expect(cliff.counts.CT).toEqual([1, 0, 1, 1, 0, 0, 0, 0, 0, 0])
    expect(cliff.counts.MR).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 1])
    expect(cliff.unknown).toBe(2)
  })
})
