import { describe, expect, it } from 'vitest'
import type { Mds2Document, RequirementProfile } from './index.js'
import { answerableIds, compareVendors, defaultProfile, evaluateProfile, parseProfile, sampleDocument, withAnswer } from './index.js'

const profile: RequirementProfile = {
  id: 't', name: 'test', description: '',
  requirements: [
    { id: 'unique', title: 'Unique accounts', questionId: 'PAUT-1', acceptable: ['Yes'], weight: 3, mandatory: true, rationale: '' },
    { id: 'malware', title: 'Malware', questionId: 'MLDP-2', acceptable: ['Yes'], alternatives: [{ questionId: 'MLDP-4', acceptable: ['Yes'] }], weight: 2, mandatory: false, rationale: '' },
    { id: 'sbom', title: 'SBOM', questionId: 'SBOM-1', acceptable: ['Yes'], weight: 1, mandatory: false, rationale: '' },
  ],
}

function answered(pairs: Record<string, 'Yes' | 'No' | 'N/A' | 'See Notes'>): Mds2Document {
  let doc: Mds2Document = { ...sampleDocument(), answers: {} }
  for (const [id, answer] of Object.entries(pairs)) doc = withAnswer(doc, id, { answer, note: '' })
  return doc
}

describe('requirement profiles', () => {
  it('ships a valid default profile naming only answerable questions', () => {
    expect(parseProfile(JSON.parse(JSON.stringify(defaultProfile)))).toEqual({ ok: true, value: defaultProfile })
    expect(defaultProfile.requirements.flatMap((r) => [r.questionId, ...(r.alternatives ?? []).map((a) => a.questionId)]).filter((id) => !answerableIds.has(id))).toEqual([])
    expect(defaultProfile.requirements.filter((r) => r.mandatory).map((r) => r.id)).toEqual([
      'unique-user-accounts', 'changeable-passwords', 'encrypted-transmission', 'malware-protection', 'vendor-validated-patching', 'audit-logging',
    ])
  })

  it('rejects malformed profiles with stable codes', () => {
    const codes = [
      {},
      { ...profile, requirements: [{ ...profile.requirements[0], questionId: 'ZZZZ-1' }] },
      { ...profile, requirements: [profile.requirements[0], profile.requirements[0]] },
      { ...profile, requirements: [{ ...profile.requirements[0], acceptable: ['Perhaps'] }] },
    ].map((p) => { const r = parseProfile(p); return r.ok ? 'ok' : r.error.code })
    expect(codes).toEqual(['mds2_profile_invalid', 'mds2_profile_unknown_question', 'mds2_profile_duplicate_requirement', 'mds2_profile_invalid'])
  })

  it('marks requirements met, unmet or unknown and scores by weight', () => {
    const result = evaluateProfile(profile, answered({ 'PAUT-1': 'Yes', 'MLDP-2': 'No', 'MLDP-4': 'No', 'SBOM-1': 'See Notes' }))
    expect(result.results.map((r) => r.status)).toEqual(['met', 'unmet', 'unknown'])
    expect([result.score, result.passes, result.met, result.unmet, result.unknown]).toEqual([50, true, 1, 1, 1])
  })

  it('meets a requirement through an alternative', () => {
    expect(evaluateProfile(profile, answered({ 'MLDP-2': 'No', 'MLDP-4': 'Yes' })).results[1]?.status).toBe('met')
  })

  it('fails when a mandatory requirement is unmet, not when it is unknown', () => {
    expect(evaluateProfile(profile, answered({ 'PAUT-1': 'No' })).mandatoryUnmet).toEqual(['unique'])
    const unknown = evaluateProfile(profile, answered({}))
    expect([unknown.passes, unknown.mandatoryUnknown]).toEqual([true, ['unique']])
  })

  it('compares vendors side by side and ranks passing vendors first', () => {
    const comparison = compareVendors(profile, [
      { label: 'A', document: answered({ 'PAUT-1': 'No', 'MLDP-2': 'Yes', 'SBOM-1': 'Yes' }) },
      { label: 'B', document: answered({ 'PAUT-1': 'Yes' }) },
    ])
    expect(comparison.rows.map((r) => r.cells.map((c) => c.status))).toEqual([['unmet', 'met'], ['met', 'unknown'], ['met', 'unknown']])
    expect(comparison.vendors.map((v) => [v.label, v.score, v.passes])).toEqual([['A', 50, false], ['B', 50, true]])
    expect(comparison.ranking).toEqual(['B', 'A'])
  })
})
