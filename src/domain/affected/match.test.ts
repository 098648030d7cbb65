import { describe, expect, it } from 'vitest'
import type { ProductAffected } from '../kb/model.js'
import { matchAdvisoryProduct, pickMatch, serialMatches, statusOfDecision, versionTextOf, type DeviceFacts } from './match.js'

function product(over: Partial<ProductAffected>): ProductAffected {
  return { kind: 'product', productId: 'CSAFPID-0001', name: 'GE HealthCare Revolution CT <=3.64', vendor: 'GE HealthCare', product: 'Revolution CT', version: null, range: null, purl: null, cpe: null, modelNumbers: [], serialNumbers: [], status: 'affected', ...over }
}

function device(over: Partial<DeviceFacts>): DeviceFacts {
  return { manufacturer: 'General Electric (GE)', model: 'REVOLUTION-CT', softwareVersion: '3.50', serialNumber: 'RCT-1001', udiDi: null, ...over }
}

describe('matching a device to an advisory product', () => {
  it('reads the version text from the full product name when the range branch was not a vers', () => {
    expect(versionTextOf(product({}))).toBe('<=3.64')
    expect(versionTextOf(product({ name: 'GE HealthCare Revolution CT', range: null }))).toBeNull()
    expect(versionTextOf(product({ range: 'vers:generic/<4' }))).toBe('vers:generic/<4')
    expect(versionTextOf(product({ name: 'Revolution CT: versions prior to 2.3' }))).toBe('versions prior to 2.3')
  })

  it('claims known_affected with vendor, product and version range, and explains each step', () => {
    const m = matchAdvisoryProduct(device({}), product({}))
    expect(m).toMatchObject({ status: 'known_affected', confidence: 1, matchedOn: ['vendor', 'product_name', 'version_range'], versionText: '<=3.64' })
    expect(m?.reasons.join(' | ')).toMatch(/General Electric \(GE\).*Revolution CT.*3\.50 is within <=3\.64/)
  })

  it('never claims a device outside the stated range', () => {
    expect(matchAdvisoryProduct(device({ softwareVersion: '3.65' }), product({}))).toBeNull()
    expect(matchAdvisoryProduct(device({ softwareVersion: '4.0' }), product({}))).toBeNull()
    expect(matchAdvisoryProduct(device({ softwareVersion: '4.13' }), product({ name: 'x', range: 'vers:generic/>=4.4|<=4.12' }))).toBeNull()
  })

  it('is no match for another vendor or a similar model', () => {
    expect(matchAdvisoryProduct(device({ manufacturer: 'Philips' }), product({}))).toBeNull()
    expect(matchAdvisoryProduct(device({ model: 'Revolution EVO' }), product({}))).toBeNull()
    expect(matchAdvisoryProduct(device({ manufacturer: null }), product({}))).toBeNull()
  })

  it('is under investigation, with low confidence, when the range text cannot be read or the version is unknown', () => {
    const unread = matchAdvisoryProduct(device({}), product({ name: 'GE HealthCare Revolution CT see vendor notice' }))
    expect(unread).toMatchObject({ status: 'under_investigation', confidence: 0.4 })
    expect(matchAdvisoryProduct(device({ softwareVersion: null }), product({}))).toMatchObject({ status: 'under_investigation', confidence: 0.4 })
    // A fixed or not-affected statement is not claimed on a guess.
    expect(matchAdvisoryProduct(device({ softwareVersion: null }), product({ status: 'fixed' }))).toBeNull()
    expect(matchAdvisoryProduct(device({ softwareVersion: null }), product({ status: 'not_affected' }))).toBeNull()
  })

  it('treats a product family as under investigation only', () => {
    expect(matchAdvisoryProduct(device({ model: 'Revolution CT ES' }), product({}))).toMatchObject({ status: 'under_investigation', matchedOn: ['vendor', 'product_family', 'version_range'] })
  })

  it('states fixed and known_not_affected when the version is inside their statement', () => {
    expect(matchAdvisoryProduct(device({ softwareVersion: '3.70' }), product({ name: 'x', version: '3.70', status: 'fixed' }))).toMatchObject({ status: 'fixed', matchedOn: ['vendor', 'product_name', 'version'] })
    expect(matchAdvisoryProduct(device({}), product({ name: 'x', range: 'vers:all/*', status: 'not_affected' }))).toMatchObject({ status: 'known_not_affected', confidence: 0.9, matchedOn: ['vendor', 'product_name', 'all_versions'] })
  })

  it('limits a product to its serial numbers when the advisory names them', () => {
    const limited = product({ serialNumbers: ['RCT-1*', 'XYZ-00?'] })
    expect(matchAdvisoryProduct(device({}), limited)?.matchedOn).toContain('serial_number')
    expect(matchAdvisoryProduct(device({ serialNumber: 'RCT-2001' }), limited)).toBeNull()
    expect(matchAdvisoryProduct(device({ serialNumber: null }), limited)).toMatchObject({ status: 'under_investigation', confidence: 0.6 })
    expect([serialMatches('CT5-2023-*', 'ct5-2023-0117'), serialMatches('XYZ-00?', 'XYZ-001'), serialMatches('XYZ-00?', 'XYZ-0011'), serialMatches('A.B', 'AxB')]).toEqual([true, true, false, false])
  })

  it('lowers the confidence of a fuzzy vendor and of a product stated without version', () => {
    expect(matchAdvisoryProduct(device({ manufacturer: 'Siemans Healthineers', model: 'MAGNETOM Vida', softwareVersion: 'XA50' }), product({ vendor: 'Siemens Healthineers', product: 'MAGNETOM Vida', name: 'MAGNETOM Vida' }))).toMatchObject({
      status: 'known_affected',
      confidence: 0.52,
    })
  })

  it('picks the decisive status first, exposure before fixed', () => {
    expect(pickMatch([{ status: 'fixed' as const, confidence: 1 }, { status: 'known_affected' as const, confidence: 0.8 }, { status: 'under_investigation' as const, confidence: 1 }])?.status).toBe('known_affected')
    expect(pickMatch([{ status: 'under_investigation' as const, confidence: 0.4 }, { status: 'under_investigation' as const, confidence: 0.6 }])?.confidence).toBe(0.6)
    expect(pickMatch([])).toBeNull()
  })

  it('maps triage decisions to statuses', () => {
    expect(['exploitable', 'not_affected', 'false_positive', 'resolved', 'in_triage', null].map(statusOfDecision)).toEqual(['known_affected', 'known_not_affected', 'known_not_affected', 'fixed', 'under_investigation', 'under_investigation'])
  })
})
