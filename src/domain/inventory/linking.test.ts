import { describe, expect, it } from 'vitest'
import { identityKey, normalizeManufacturer, normalizeModel, normalizeVersion, rankCandidates, scoreCandidate, type ProductVersionCandidate } from './linking.js'

const candidate = (over: Partial<ProductVersionCandidate>): ProductVersionCandidate => ({
  productVersionId: 'pv',
  productId: 'p',
  manufacturer: 'Acme Imaging',
  productName: 'Acme CT 5000',
  modelNumber: 'ACT-5000',
  udiDi: '00812345000016',
  version: '3.2',
  ...over,
})

describe('name normalisation', () => {
  it('brings vendor spelling variants together', () => {
    expect(['GE Healthcare', 'General Electric (GE)', 'GE HealthCare', 'GE Medical Systems, Inc.'].map(normalizeManufacturer)).toEqual(['ge', 'ge', 'ge', 'ge'])
    expect(['Philips', 'Philips Medical Systems', 'Phillips', 'Koninklijke Philips N.V.'].map(normalizeManufacturer)).toEqual(['philips', 'philips', 'philips', 'philips'])
    expect(normalizeManufacturer('Siemens Healthineers AG')).toBe('siemens')
    expect(normalizeManufacturer('Acme Imaging')).not.toBe(normalizeManufacturer('Contoso Health'))
  })

  it('drops the vendor from model names and ignores punctuation; versions lose a "v" and trailing zeros', () => {
    expect(normalizeModel('Acme CT-5000', 'Acme Imaging')).toBe('ct5000')
    expect(normalizeModel('ACT 5000')).toBe('act5000')
    expect(['V3.2', 'version 3.2.0', '3.2'].map(normalizeVersion)).toEqual(['3.2', '3.2', '3.2'])
    expect(identityKey({ manufacturer: 'ACME IMAGING Inc.', model: 'Acme CT 5000', softwareVersion: 'v3.2.0' })).toBe(identityKey({ manufacturer: 'Acme Imaging', model: 'CT-5000', softwareVersion: '3.2' }))
    expect(identityKey({ manufacturer: 'Acme', model: 'CT 5000' })).toBeNull()
  })
})

describe('link confidence', () => {
  it('is high for UDI-DI, or manufacturer and model, with the exact version', () => {
    const byUdi = scoreCandidate({ manufacturer: 'Acme', model: 'Scanner', softwareVersion: '3.2', udiDi: '(01)00812345000016' }, candidate({}))
    expect(byUdi).toMatchObject({ confidence: 0.95, level: 'high' })
    expect(byUdi.reasons.map((r) => r.code)).toContain('udi_di_match')
    const byName = scoreCandidate({ manufacturer: 'ACME Imaging GmbH', model: 'ACT-5000', softwareVersion: '3.2' }, candidate({}))
    expect(byName).toMatchObject({ confidence: 0.9, level: 'high' })
    expect(byName.reasons.map((r) => r.code)).toEqual(['manufacturer_match', 'model_exact', 'version_exact'])
  })

  it('drops with an equivalent, missing or different version, and with another manufacturer', () => {
    expect(scoreCandidate({ manufacturer: 'Acme', model: 'Acme CT 5000', softwareVersion: 'v3.2.0' }, candidate({})).confidence).toBe(0.86)
    expect(scoreCandidate({ manufacturer: 'Acme', model: 'Acme CT 5000' }, candidate({})).confidence).toBe(0.45)
    expect(scoreCandidate({ manufacturer: 'Acme', model: 'Acme CT 5000', softwareVersion: '3.1' }, candidate({})).level).toBe('low')
    const other = scoreCandidate({ manufacturer: 'Contoso', model: 'CT 5000', softwareVersion: '3.2' }, candidate({}))
    expect(other.confidence).toBe(0.4)
    expect(other.reasons.map((r) => r.code)).toContain('manufacturer_differs')
  })

  it('ranks the matching version first and leaves unrelated products out', () => {
    const ranked = rankCandidates({ manufacturer: 'Acme Imaging', model: 'Acme CT 5000', softwareVersion: '3.1' }, [
      candidate({ productVersionId: 'v32', version: '3.2' }),
      candidate({ productVersionId: 'v31', version: '3.1' }),
      candidate({ productVersionId: 'pacs', productName: 'Acme PACS Viewer', modelNumber: 'APV-7', udiDi: null, version: '7.4' }),
    ])
    expect(ranked.map((c) => [c.productVersionId, c.confidence])).toEqual([
      ['v31', 0.9],
      ['v32', 0.27],
    ])
  })
})
