import { describe, expect, it } from 'vitest'
import { controlsFactor, deviceRiskScore, exploitFactor, exposureFactor, riskDistribution, type DeviceRiskInput, type DeviceVulnerability } from './device-risk.js'
import { acceptanceState, checkAcceptance, checkRegisterFields, matchesGroup, parseGroupFilter, registerRisk, suggestRegisterLevels } from './risk-register.js'

const vuln = (id: string, cvss: number | null, epss: number | null, kev = false, status: DeviceVulnerability['status'] = 'affected'): DeviceVulnerability => ({ vulnerabilityId: id, cvssBaseScore: cvss, epss, kev, status })
const base: DeviceRiskInput = { vulnerabilities: [], criticality: 'high', internetExposed: false, networked: true, storesPhi: false, supportEnded: false, controls: [] }

describe('device risk score', () => {
  it('scores 0 and level none without open vulnerabilities; fixed and not-affected do not count', () => {
    const r = deviceRiskScore({ ...base, vulnerabilities: [vuln('CVE-1', 9.8, 0.9, true, 'fixed'), vuln('CVE-2', 7, 0.1, false, 'not_affected')] })
    expect(r.score).toBe(0)
    expect(r.level).toBe('none')
    expect(r.technical).toMatchObject({ counted: 0, excluded: 2, driver: null })
  })

  it('takes the worst vulnerability by CVSS x exploit factor as the technical term', () => {
    // 9.8 x (0.5 + 0.5 x 0.01) = 4.949 loses to 7.5 x 1 (KEV) = 7.5
    const r = deviceRiskScore({ ...base, vulnerabilities: [vuln('CVE-A', 9.8, 0.01), vuln('CVE-B', 7.5, null, true), vuln('CVE-C', null, null, false, 'under_investigation')] })
    expect(r.technical.driver?.vulnerabilityId).toBe('CVE-B')
    expect(r.technical.value).toBe(7.5)
    expect(r.technical).toMatchObject({ counted: 3, kev: 1 })
    expect(r.score).toBe(37.5) // 5 x 7.5 x 1 x 1 x 1 x 1
    expect(r.level).toBe('moderate')
    expect(r.formula).toBe('min(100, 5 x 7.5 x 1 x 1 x 1 x 1) = 37.5')
  })

  it('multiplies criticality, exposure, support and controls, and caps at 100', () => {
    const exposed = { ...base, vulnerabilities: [vuln('CVE-1', 8, 0.2)], criticality: 'critical', internetExposed: true, storesPhi: true, supportEnded: true }
    // T = 8 x 0.6 = 4.8; 5 x 4.8 x 1.2 x 1.7 x 1.15 = 56.3
    expect(deviceRiskScore(exposed).score).toBe(56.3)
    const controlled = deviceRiskScore({ ...exposed, controls: ['segmentation', 'monitoring', 'segmentation'] })
    expect(controlled.controls).toEqual({ kinds: ['monitoring', 'segmentation'], factor: 0.553 })
    expect(controlled.score).toBe(31.1)
    expect(deviceRiskScore({ ...exposed, vulnerabilities: [vuln('CVE-K', 10, null, true)] }).score).toBe(100)
  })

  it('treats an unrated device as high criticality and a stand-alone one as less exposed', () => {
    const r = deviceRiskScore({ ...base, criticality: null, networked: false, vulnerabilities: [vuln('CVE-1', 10, 1)] })
    expect(r.criticality).toEqual({ level: 'unrated', factor: 1 })
    expect(r.exposure.factor).toBe(0.6)
    expect(r.score).toBe(30)
  })

  it('has bounded factors', () => {
    expect(exploitFactor(false, null)).toBe(0.5)
    expect(exploitFactor(false, 7)).toBe(1)
    expect(exploitFactor(true, 0)).toBe(1)
    expect(exposureFactor({ networked: false, internetExposed: true, storesPhi: true })).toBe(1.7)
    expect(controlsFactor(['segmentation', 'allow_listing', 'service_disabled', 'monitoring', 'physical', 'other'])).toBe(0.3)
    expect(riskDistribution(['high', 'none', 'high'])).toMatchObject({ high: 2, none: 1, low: 0 })
  })
})

describe('risk register', () => {
  it('computes inherent and residual risk per SP 800-30 Table I-2', () => {
    expect(registerRisk('very-high', 'high', 'low')).toEqual({ inherent: 'high', residual: 'low' })
    expect(registerRisk('moderate', 'very-high', null)).toEqual({ inherent: 'high', residual: 'high' })
  })

  it('tracks acceptance: active, expiring within 30 days, expired', () => {
    expect(acceptanceState('open', '2027-01-01', '2026-11-28')).toEqual({ kind: 'none' })
    expect(acceptanceState('accepted', '2027-06-01', '2026-11-28').kind).toBe('active')
    expect(acceptanceState('accepted', '2026-12-28', '2026-11-28')).toEqual({ kind: 'expiring', daysLeft: 30 })
    expect(acceptanceState('accepted', '2026-11-27', '2026-11-28')).toEqual({ kind: 'expired', daysAgo: 1 })
  })

  it('checks acceptances and fields with stable codes', () => {
    expect(checkAcceptance({ owner: 'CISO', rationale: 'segmented', expires: '2027-03-01' }, '2026-11-28').ok).toBe(true)
    const codes = [
      checkAcceptance({ owner: '', rationale: 'x', expires: '2027-03-01' }, '2026-11-28'),
      checkAcceptance({ owner: 'CISO', rationale: 'x', expires: '2026-11-28' }, '2026-11-28'),
      checkAcceptance({ owner: 'CISO', rationale: 'x', expires: '2031-01-01' }, '2026-11-28'),
      checkAcceptance({ owner: 'CISO', rationale: 'x', expires: '2027-02-30' }, '2026-11-28'),
      checkRegisterFields({ title: 'x', likelihood: 'huge', impact: 'low' }, true),
      checkRegisterFields({ likelihood: 'low', impact: 'low' }, true),
      checkRegisterFields({ status: 'accepted' }, false),
    ].map((r) => (r.ok ? 'ok' : r.error.code))
    expect(codes).toEqual(['risk_acceptance_invalid', 'risk_acceptance_expiry_invalid', 'risk_acceptance_expiry_invalid', 'risk_acceptance_expiry_invalid', 'risk_level_invalid', 'risk_title_invalid', 'risk_status_invalid'])
    expect(checkRegisterFields({ title: ' T ', likelihood: 'H', impact: 'very high', residualLikelihood: '' }, true)).toEqual({ ok: true, value: { title: 'T', likelihood: 'high', impact: 'very-high', residualLikelihood: null } })
  })

  it('matches device groups case-insensitively on every given field', () => {
    const group = parseGroupFilter({ modality: 'ct', model: ' Acme  CT 5000 ', department: '' })
    expect(group).toEqual({ ok: true, value: { modality: 'ct', model: 'Acme CT 5000' } })
    if (!group.ok) return
    const device = { modality: 'CT', manufacturer: 'Acme', model: 'acme ct 5000', softwareVersion: '3.1', department: null, location: null }
    expect(matchesGroup(group.value, device)).toBe(true)
    expect(matchesGroup(group.value, { ...device, modality: 'MR' })).toBe(false)
    expect(matchesGroup({ department: 'Radiology' }, device)).toBe(false)
    expect(parseGroupFilter({}).ok).toBe(false)
    expect(parseGroupFilter({ colour: 'red' }).ok).toBe(false)
  })

  it('suggests levels from the score breakdown', () => {
    const r = deviceRiskScore({ ...base, vulnerabilities: [vuln('CVE-1', 9.8, null, true)], internetExposed: true, storesPhi: true, criticality: 'critical' })
    expect(suggestRegisterLevels(r)).toEqual({ likelihood: 'very-high', impact: 'very-high' })
    expect(suggestRegisterLevels(deviceRiskScore({ ...base, criticality: 'low' }))).toEqual({ likelihood: 'very-low', impact: 'low' })
  })
})
