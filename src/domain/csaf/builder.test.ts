import { describe, expect, it } from 'vitest'
import { buildCsafAdvisory } from './builder.js'
import type { AdvisoryInput } from './builder.js'
import { validateCsaf } from './validate.js'

const now = '2025-03-01T10:00:00.000Z'

const input: AdvisoryInput = {
  category: 'csaf_security_advisory',
  title: 'Scanner firmware: OpenSSL vulnerability',
  publisher: { name: 'Example Imaging', namespace: 'https://imaging.example.com' },
  tracking: {
    id: 'EXI-2025-001',
    status: 'final',
    revisions: [
      { date: '2025-02-01T10:00:00.000Z', number: '1', summary: 'Initial version.' },
      { date: now, number: '2', summary: 'Fix released.' },
    ],
  },
  tlp: 'CLEAR',
  publishedAt: 'https://imaging.example.com/.well-known/csaf/white/2025',
  products: [
    {
      vendor: 'Example Imaging',
      name: 'CT Scanner X',
      versions: [
        { id: 'CT-4.1', version: '4.1', purl: 'pkg:generic/example/ct-scanner-x@4.1', modelNumbers: ['CTX-100'], serialNumbers: ['CTX-2023-*'] },
        { id: 'CT-4.2', version: '4.2', cpe: 'cpe:2.3:h:example:ct_scanner_x:4.2:*:*:*:*:*:*:*' },
        { id: 'CT-OLD', range: 'vers:generic/<4.0' },
      ],
    },
  ],
  vulnerabilities: [
    {
      cve: 'CVE-2022-0778',
      cwe: { id: 'CWE-835', name: "Loop with Unreachable Exit Condition ('Infinite Loop')" },
      notes: [{ category: 'description', text: 'Infinite loop in BN_mod_sqrt().' }],
      references: [{ url: 'https://www.cve.org/CVERecord?id=CVE-2022-0778', summary: 'CVE record' }],
      scores: [{ vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H', productIds: ['CT-4.1', 'CT-OLD'] }],
      productStatus: { known_affected: ['CT-4.1', 'CT-OLD'], fixed: ['CT-4.2'] },
      remediations: [
        { category: 'vendor_fix', details: 'Update to 4.2.', productIds: ['CT-4.1'] },
        { category: 'no_fix_planned', details: 'End of support; isolate the device.', productIds: ['CT-OLD'] },
      ],
    },
  ],
}

describe('buildCsafAdvisory', () => {
  it('builds a security advisory that passes the validator without warnings of its own making', () => {
    const built = buildCsafAdvisory(input, now)
    if (!built.ok) throw new Error(built.error.message)
    const report = validateCsaf(built.value)
    expect(report.errors).toEqual([])
    expect(report.valid).toBe(true)
    // 6.2.16: the version range has no identification helper; nothing else should warn.
    expect(report.warnings.map((w) => w.test)).toEqual(['6.2.16'])
    const doc = built.value as { document: { tracking: { version: string }; distribution: { tlp: { label: string } } } }
    expect(doc.document.tracking.version).toBe('2')
    expect(doc.document.distribution.tlp.label).toBe('WHITE')
  })

  it('builds a valid csaf_vex document with impact and action statements', () => {
    const vex: AdvisoryInput = {
      ...input,
      category: 'csaf_vex',
      tracking: { id: 'EXI-VEX-1', status: 'draft', revisions: [] },
      vulnerabilities: [
        {
          cve: 'CVE-2021-44228',
          notes: [{ category: 'description', text: 'Log4Shell.' }],
          productStatus: { known_not_affected: ['CT-4.2'], known_affected: ['CT-4.1'], under_investigation: ['CT-OLD'] },
          flags: [{ label: 'component_not_present', productIds: ['CT-4.2'] }],
          remediations: [{ category: 'mitigation', details: 'Block outbound LDAP.', productIds: ['CT-4.1'] }],
        },
      ],
    }
    const built = buildCsafAdvisory(vex, now)
    if (!built.ok) throw new Error(built.error.message)
    const report = validateCsaf(built.value, { level: 'basic' })
    expect(report.errors).toEqual([])
    expect((built.value as { document: { tracking: { version: string; status: string } } }).document.tracking).toMatchObject({ version: '0', status: 'draft' })
  })

  it('refuses unknown product ids, bad vectors and unreleased revisions of a final document', () => {
    const unknown = buildCsafAdvisory({ ...input, vulnerabilities: [{ ...input.vulnerabilities[0]!, productStatus: { fixed: ['NOPE'] } }] }, now)
    expect(unknown.ok ? 'ok' : unknown.error.code).toBe('advisory_product_unknown')
    const vector = buildCsafAdvisory({ ...input, vulnerabilities: [{ ...input.vulnerabilities[0]!, scores: [{ vector: 'CVSS:3.1/AV:X', productIds: ['CT-4.1'] }] }] }, now)
    expect(vector.ok ? 'ok' : vector.error.code).toBe('cvss_vector_invalid')
    const draftRevision = buildCsafAdvisory({ ...input, tracking: { ...input.tracking, revisions: [{ date: now, number: '0.1.0', summary: 'x' }] } }, now)
    expect(draftRevision.ok ? 'ok' : draftRevision.error.code).toBe('advisory_version_unreleased')
  })
})
