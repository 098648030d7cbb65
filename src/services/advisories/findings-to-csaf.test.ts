import { describe, expect, it } from 'vitest'
import { advisoryInputOf, type AdvisoryCatalogueEntry, type AdvisoryContent } from '../../domain/csaf/advisory-content.js'
import { buildCsafAdvisory, validateCsaf } from '../../domain/csaf/index.js'
import type { TriageDecision, TriageState } from '../../domain/findings/index.js'
import type { VexJustification, VexResponse } from '../../domain/vex/index.js'
import { vulnerabilitiesFromFindings, type GenerationFinding, type GenerationVersion, type VulnerabilityKnowledge } from './findings-to-csaf.js'

const versions: GenerationVersion[] = ['1.0', '2.0', '3.0'].map((version, i) => ({ csafProductId: `SYN-${version}`, productVersionId: `v${i + 1}`, productName: 'Synthetic CT', version }))
const catalogue: AdvisoryCatalogueEntry[] = versions.map((v) => ({ csafProductId: v.csafProductId, productId: 'p1', productVersionId: v.productVersionId, productName: v.productName, version: v.version, modelNumber: 'SYN' }))
const component = { name: 'libfoo', version: '1.2.3', purl: 'pkg:generic/libfoo@1.2.3', cpe: null }

function decision(state: TriageState, extra: { justification?: VexJustification; responses?: VexResponse[]; detail?: string } = {}): TriageDecision {
  return {
    id: `d-${state}`,
    scope: { kind: 'product_version', productVersionId: 'v1' },
    vulnerabilityId: 'x',
    state,
    justification: extra.justification ?? null,
    responses: extra.responses ?? [],
    detail: extra.detail ?? null,
    decidedBy: 'analyst',
    decidedAt: '2026-01-01T00:00:00.000Z',
    origin: 'manual',
  }
}

function finding(productVersionId: string, vulnerabilityId: string, d: TriageDecision | null, extra: Partial<GenerationFinding> = {}): GenerationFinding {
  return { productVersionId, status: 'present', component, vulnerabilityId, aliases: [vulnerabilityId], sourceStatus: 'affected', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', decision: d, ...extra }
}

// One vulnerability per decision state and response, plus the untriaged, resolved and mixed-component cases.
const findings: GenerationFinding[] = [
  finding('v1', 'CVE-2026-0001', decision('exploitable', { responses: ['update'], detail: 'Install 3.0.' })),
  finding('v2', 'CVE-2026-0001', decision('exploitable', { responses: ['workaround_available', 'will_not_fix'] })),
  finding('v3', 'CVE-2026-0001', decision('resolved')),
  finding('v1', 'CVE-2026-0002', decision('not_affected', { justification: 'vulnerable_code_not_in_execute_path', detail: 'never called' })),
  finding('v2', 'CVE-2026-0002', decision('not_affected', { detail: 'protected by the device firewall' })),
  finding('v3', 'CVE-2026-0002', decision('false_positive')),
  finding('v1', 'CVE-2026-0003', decision('in_triage')),
  finding('v2', 'CVE-2026-0003', null),
  finding('v3', 'CVE-2026-0003', null, { status: 'resolved' }),
  finding('v1', 'CVE-2026-0004', decision('exploitable', { responses: ['can_not_fix', 'rollback'] })),
  // Two components of one version: the affected one decides the version's status.
  finding('v1', 'GHSA-aaaa-bbbb-cccc', decision('not_affected', { justification: 'component_not_present' }), { aliases: ['GHSA-aaaa-bbbb-cccc'], vector: null }),
  finding('v1', 'GHSA-aaaa-bbbb-cccc', decision('exploitable'), { aliases: ['GHSA-aaaa-bbbb-cccc'], vector: null, component: { name: 'libbar', version: '2', purl: null, cpe: null } }),
  finding('v2', 'CVE-2026-0005', null),
]
const knowledge = new Map<string, VulnerabilityKnowledge>([
  ['CVE-2026-0001', { title: 'Overflow in libfoo', description: 'A heap overflow.', references: ['https://example.com/advisory'], vectors: [] }],
  ['GHSA-aaaa-bbbb-cccc', { title: null, description: null, references: [], vectors: ['CVSS:3.0/AV:L/AC:L/PR:L/UI:N/S:U/C:L/I:L/A:N'] }],
])

function documentOf(category: AdvisoryContent['category'], content: Pick<AdvisoryContent, 'vulnerabilities'>) {
  const full: AdvisoryContent = {
    category,
    title: 'Synthetic',
    tlp: 'CLEAR',
    notes: [{ category: 'summary', text: 'Synthetic test.' }],
    references: [{ url: 'https://example.com/psirt', summary: 'PSIRT', category: 'external' }],
    productIds: versions.map((v) => v.csafProductId),
    vulnerabilities: content.vulnerabilities,
  }
  const meta = {
    vendor: 'Synthetic Vendor',
    publisher: { name: 'Synthetic Vendor', namespace: 'https://example.com', category: 'vendor' as const },
    tracking: { id: 'SYN-2026-001', status: 'draft' as const, revisions: [], generator: { name: 'medsec' } },
  }
  const built = buildCsafAdvisory(advisoryInputOf(full, catalogue, meta), '2026-01-02T00:00:00.000Z')
  if (!built.ok) throw new Error(built.error.message)
  return built.value as { vulnerabilities: Record<string, unknown>[] }
}

describe('vulnerabilities from findings and decisions', () => {
  const all = vulnerabilitiesFromFindings(versions, findings, knowledge, { kind: 'all' })
  const byId = (id: string) => all.vulnerabilities.find((v) => v.cve === id || v.ids?.some((i) => i.text === id))!

  it('maps every decision state to its product status, flags, impacts and remediations', () => {
    expect(all.stated).toEqual(['CVE-2026-0001', 'CVE-2026-0002', 'CVE-2026-0003', 'CVE-2026-0004', 'CVE-2026-0005', 'GHSA-aaaa-bbbb-cccc'])
    const one = byId('CVE-2026-0001')
    expect(one.productStatus).toEqual({ known_affected: ['SYN-1.0', 'SYN-2.0'], fixed: ['SYN-3.0'] })
    expect(one.remediations).toEqual([
      { category: 'vendor_fix', details: 'Install 3.0.', productIds: ['SYN-1.0'] },
      { category: 'workaround', details: 'Apply the workaround the manufacturer describes.', productIds: ['SYN-2.0'] },
      { category: 'no_fix_planned', details: 'No fix is planned.', productIds: ['SYN-2.0'] },
    ])
    expect(one.scores).toEqual([{ vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', productIds: ['SYN-1.0', 'SYN-2.0'] }])
    expect(one.notes[0]).toMatchObject({ category: 'description', text: 'A heap overflow.' })
    expect(one.title).toBe('Overflow in libfoo')
    expect(one.references?.map((r) => r.url)).toEqual(['https://nvd.nist.gov/vuln/detail/CVE-2026-0001', 'https://example.com/advisory'])

    const two = byId('CVE-2026-0002')
    expect(two.productStatus).toEqual({ known_not_affected: ['SYN-1.0', 'SYN-2.0', 'SYN-3.0'] })
    expect(two.flags).toEqual([
      { label: 'vulnerable_code_not_in_execute_path', productIds: ['SYN-1.0'] },
      { label: 'component_not_present', productIds: ['SYN-3.0'] },
    ])
    expect(two.impacts?.map((i) => i.productIds)).toEqual([['SYN-1.0'], ['SYN-2.0'], ['SYN-3.0']])
    expect(two.impacts?.[1]?.details).toContain('protected by the device firewall')
    expect(two.remediations).toEqual([])
    expect(two.scores).toEqual([])

    expect(byId('CVE-2026-0003').productStatus).toEqual({ under_investigation: ['SYN-1.0', 'SYN-2.0'], fixed: ['SYN-3.0'] })
    expect(byId('CVE-2026-0004').remediations?.map((r) => [r.category, r.details])).toEqual([
      ['none_available', 'No remediation is available yet.'],
      ['vendor_fix', 'Update to a fixed version.'],
    ])
    const ghsa = byId('GHSA-aaaa-bbbb-cccc')
    expect(ghsa.cve).toBeUndefined()
    expect(ghsa.ids).toEqual([{ systemName: 'GitHub Security Advisory', text: 'GHSA-aaaa-bbbb-cccc' }])
    expect(ghsa.productStatus).toEqual({ known_affected: ['SYN-1.0'] })
    expect(ghsa.remediations).toEqual([{ category: 'none_available', details: 'No remediation is available yet.', productIds: ['SYN-1.0'] }])
    expect(ghsa.scores).toEqual([{ vector: 'CVSS:3.0/AV:L/AC:L/PR:L/UI:N/S:U/C:L/I:L/A:N', productIds: ['SYN-1.0'] }])
    expect(byId('CVE-2026-0005').notes[0]).toMatchObject({ category: 'general' })
  })

  it('states only decided vulnerabilities by default and reports listed ids it cannot find', () => {
    const decided = vulnerabilitiesFromFindings(versions, findings, knowledge, { kind: 'decided' })
    expect(decided.stated).toEqual(['CVE-2026-0001', 'CVE-2026-0002', 'CVE-2026-0003', 'CVE-2026-0004', 'GHSA-aaaa-bbbb-cccc'])
    const listed = vulnerabilitiesFromFindings(versions, findings, knowledge, { kind: 'listed', ids: ['cve-2026-0002', 'CVE-1999-0001'] })
    expect(listed.stated).toEqual(['CVE-2026-0002'])
    expect(listed.unknown).toEqual(['CVE-1999-0001'])
    const oneVersion = vulnerabilitiesFromFindings(versions.slice(2), findings, knowledge, { kind: 'all' })
    expect(oneVersion.vulnerabilities.every((v) => Object.values(v.productStatus).flat().every((id) => id === 'SYN-3.0'))).toBe(true)
  })

  for (const category of ['csaf_security_advisory', 'csaf_vex'] as const) {
    it(`builds a ${category} without mandatory errors from decisions of every state`, () => {
      const document = documentOf(category, all)
      const report = validateCsaf(document)
      expect(report.errors, JSON.stringify(report.errors, null, 1)).toEqual([])
      expect(document.vulnerabilities).toHaveLength(6)
      expect(document.vulnerabilities.every((v) => v.product_status !== undefined)).toBe(true)
    })
  }
})
