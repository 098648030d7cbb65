import { describe, expect, it } from 'vitest'
import { checkAdvisoryContent } from './advisory-check.js'
import { advisoryInputOf } from './advisory-content.js'
import type { AdvisoryCatalogueEntry, AdvisoryContent, AdvisoryMeta } from './advisory-content.js'
import { buildCsafAdvisory } from './builder.js'
import { validateCsaf } from './validate.js'

const now = '2026-03-01T10:00:00.000Z'
const catalogue: AdvisoryCatalogueEntry[] = [
  { csafProductId: 'ACT-5000-3.1', productId: 'p1', productVersionId: 'v1', productName: 'Acme CT 5000', version: '3.1', modelNumber: 'ACT-5000' },
  { csafProductId: 'ACT-5000-3.2', productId: 'p1', productVersionId: 'v2', productName: 'Acme CT 5000', version: '3.2', modelNumber: 'ACT-5000' },
]
const meta: AdvisoryMeta = {
  vendor: 'Acme Imaging',
  publisher: { name: 'Acme Imaging', namespace: 'https://medsec.example/orgs/acme', category: 'vendor' },
  tracking: { id: 'ACME-2026-001', status: 'draft', revisions: [], generator: { name: 'medsec', version: '0.1.0' } },
  publishedAt: 'https://medsec.example/orgs/acme/.well-known/csaf/white/2026',
}
const content: AdvisoryContent = {
  category: 'csaf_security_advisory',
  title: 'Acme CT 5000: OpenSSL buffer overflow',
  tlp: 'CLEAR',
  notes: [{ category: 'summary', title: 'Summary', text: 'Update to 3.2.' }],
  references: [],
  productIds: ['ACT-5000-3.1', 'ACT-5000-3.2'],
  vulnerabilities: [
    {
      cve: 'CVE-2022-3602',
      notes: [{ category: 'description', title: 'Description', text: 'A buffer overrun in X.509 certificate verification.' }],
      productStatus: { known_affected: ['ACT-5000-3.1'], fixed: ['ACT-5000-3.2'] },
      scores: [{ vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H', productIds: ['ACT-5000-3.1'] }],
      remediations: [{ category: 'vendor_fix', details: 'Update to 3.2.', productIds: ['ACT-5000-3.1'] }],
    },
  ],
}

describe('checkAdvisoryContent (the editor check the browser runs)', () => {
  it('gives the report of the full validator on the built document', () => {
    const built = buildCsafAdvisory(advisoryInputOf(content, catalogue, meta), now)
    if (!built.ok) throw new Error(built.error.message)
    const report = checkAdvisoryContent(content, catalogue, meta, now)
    expect(report).toEqual(validateCsaf(built.value))
    expect(report.valid).toBe(true)
  })

  it('reports an invalid value with its test, path and message', () => {
    const report = checkAdvisoryContent({ ...content, vulnerabilities: [{ ...content.vulnerabilities[0]!, cve: 'CVE-2022-360' }] }, catalogue, meta, now)
    expect(report.valid).toBe(false)
    expect(report.errors).toContainEqual(expect.objectContaining({ test: 'schema', path: '/vulnerabilities/0/cve' }))
  })

  it('refuses products outside the catalogue before building', () => {
    const report = checkAdvisoryContent({ ...content, productIds: ['ACT-9999-1.0'] }, catalogue, meta, now)
    expect(report.errors).toEqual([{ test: 'advisory_product_unknown', path: '/product_tree', message: 'not a product version of this organization: ACT-9999-1.0' }])
  })
})
