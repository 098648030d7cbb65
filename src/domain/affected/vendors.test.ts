import { describe, expect, it } from 'vitest'
import { compareVendors, editDistance, resolveVendor } from './vendors.js'

describe('vendor names', () => {
  const same: readonly [string, string, string, number][] = [
    ['GE Healthcare', 'ge-healthcare', 'alias', 1],
    ['General Electric (GE)', 'ge-healthcare', 'alias', 1],
    ['GE HealthCare', 'ge-healthcare', 'alias', 1],
    ['GE Medical Systems', 'ge-healthcare', 'alias', 1],
    ['GE Medical Systems, LLC', 'ge-healthcare', 'alias', 1],
    ['GE HealthCare Technologies Inc.', 'ge-healthcare', 'alias', 1],
    ['GE Healthcare Finland Oy', 'ge-healthcare', 'prefix', 0.9],
    ['Philips', 'philips', 'alias', 1],
    ['Philips Healthcare', 'philips', 'alias', 1],
    ['Koninklijke Philips N.V.', 'philips', 'alias', 1],
    ['Phillips', 'philips', 'misspelling', 0.95],
    ['Phillips Healthcare', 'philips', 'misspelling', 0.95],
    ['Philips Medical Systems Nederland B.V.', 'philips', 'prefix', 0.9],
    ['Siemens Healthineers', 'siemens-healthineers', 'alias', 1],
    ['Siemens Healthcare GmbH', 'siemens-healthineers', 'alias', 1],
    ['Siemens Medical Solutions USA, Inc.', 'siemens-healthineers', 'alias', 1],
    ['Siemans Healthineers', 'siemens-healthineers', 'fuzzy', 0.75],
    ['Canon Medical Systems Corporation', 'canon-medical', 'alias', 1],
    ['Toshiba Medical Systems', 'canon-medical', 'alias', 1],
    ['FUJIFILM Healthcare', 'fujifilm', 'alias', 1],
    ['Fuji Film', 'fujifilm', 'alias', 1],
    ['Fujifilm Sonosite, Inc.', 'fujifilm', 'alias', 1],
    ['Carestream Health', 'carestream', 'alias', 1],
    ['Agfa HealthCare N.V.', 'agfa', 'alias', 1],
    ['Agfa-Gevaert', 'agfa', 'alias', 1],
    ['Hologic, Inc.', 'hologic', 'alias', 1],
    ['Hollogic', 'hologic', 'misspelling', 0.95],
    ['Change Healthcare', 'change-healthcare', 'alias', 1],
    ['Drägerwerk AG & Co. KGaA', 'draeger', 'prefix', 0.9],
  ]
  it.each(same)('%s is %s (%s, %s)', (name, id, via, confidence) => {
    const v = resolveVendor(name)
    expect([v.id, v.via, v.confidence]).toEqual([id, via, confidence])
    expect(v.explanation).toContain(name)
  })
  expect(same.length).toBe(29)

  it('keeps unknown vendors by their normalised name, legal forms dropped', () => {
    expect(resolveVendor('Acme Imaging, Inc.')).toMatchObject({ id: 'acme-imaging', via: 'name', confidence: 1 })
    expect(compareVendors('Acme Imaging', 'ACME IMAGING INC.')).toMatchObject({ match: true, confidence: 1 })
  })

  it('tells different companies apart (non-hits)', () => {
    const different: readonly [string, string][] = [
      ['GE Healthcare', 'Philips'],
      ['Philips', 'Siemens Healthineers'],
      ['Canon Medical', 'Carestream'],
      ['Agfa HealthCare', 'Fujifilm'],
      ['Hologic', 'Hitachi'],
      ['GE', 'GEA Group'],
      ['Acme Imaging', 'Acme Medical Devices'],
      ['Change Healthcare', 'Carestream Health'],
      ['Mindray', 'Medtronic'],
    ]
    for (const [a, b] of different) expect(compareVendors(a, b), `${a} vs ${b}`).toMatchObject({ match: false, confidence: 0 })
  })

  it('scores a fuzzy match lower and says so', () => {
    const c = compareVendors('Siemans Healthineers', 'Siemens Healthcare')
    expect(c).toMatchObject({ match: true, confidence: 0.75 })
    expect(c.explanation).toMatch(/1 letter/)
  })

  it('never guesses on short names', () => {
    expect(resolveVendor('GEX').via).toBe('name')
    expect(resolveVendor('BDX').id).toBe('bdx')
  })

  it('resolves each distinct name once (the same frozen answer), each spelling to its own answer', () => {
    const first = resolveVendor('Siemans Medical AG')
    expect(resolveVendor('Siemans Medical AG')).toBe(first)
    expect(Object.isFrozen(first)).toBe(true)
    expect(resolveVendor('Siemans')).not.toBe(first)
    expect([first.id, resolveVendor('Siemans').via]).toEqual(['siemens-healthineers', 'misspelling'])
  })

  it('measures edit distance with transpositions', () => {
    expect([editDistance('philips', 'philips'), editDistance('philips', 'phlipis'), editDistance('hologic', 'holgoic'), editDistance('abc', 'xyz')]).toEqual([0, 2, 1, 3])
  })
})
