import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { validateCsaf } from '../../domain/csaf/index.js'
import { as, startHarness, type ApiHarness, type TestSession } from '../../../test/support/api-harness.js'
import { testEngines } from '../../../test/support/database.js'
import { testdataPath } from '../../../test/support/testdata.js'
import { importKb } from '../../services/kb/import-kb.js'

const OAUTH = 'pkg:maven/org.springframework.security.oauth/spring-security-oauth@2.0.16'
const CHROME = 'cpe:2.3:a:google:chrome:116.0.5845.100:*:*:*:*:*:*:*'

interface Generated {
  id: string
  status: string
  version: string
  category: string
  tlp: string
  valid: boolean
  document: { vulnerabilities: { cve: string; product_status: Record<string, string[]> }[] }
  generated: { vulnerabilities: string[]; versions: string[] }
}

describe.each(testEngines)('POST /api/orgs/:orgId/advisories/generate on %s', (engine) => {
  let h: ApiHarness
  let orgId: string
  let analyst: TestSession
  let productId: string
  let versionIds: string[]
  const generate = (payload: Record<string, unknown>, session = analyst) => h.app.inject({ method: 'POST', url: `/api/orgs/${orgId}/advisories/generate`, headers: as(session, true), payload })

  beforeAll(async () => {
    h = await startHarness(engine)
    for (const source of ['osv-dev/vulnfeeds/test_data/nvdcve-2.0', 'dependency-track-fixtures/vuln-data-source/osv/src/test/resources/osv-GHSA-77rv-6vfw-x4gc.json']) {
      const imported = await importKb(h.database.db, testdataPath(source))
      if (!imported.ok) throw new Error(imported.error.message)
    }
    orgId = await h.orgId('acme-imaging')
    analyst = await h.login('analyst@acme-imaging.example')
    const created = await h.app.inject({ method: 'POST', url: `/api/orgs/${orgId}/products`, headers: as(analyst, true), payload: { name: 'Generate Test CT', versions: ['1.0', '2.0'] } })
    expect(created.statusCode).toBe(201)
    productId = created.json<{ id: string }>().id
    versionIds = created.json<{ versions: { id: string }[] }>().versions.map((v) => v.id)
    const bom = Buffer.from(
      JSON.stringify({
        bomFormat: 'CycloneDX',
        specVersion: '1.5',
        version: 1,
        components: [
          { type: 'library', 'bom-ref': 'oauth', name: 'spring-security-oauth', version: '2.0.16', purl: OAUTH },
          { type: 'application', 'bom-ref': 'chrome', name: 'chrome', version: '116.0.5845.100', cpe: CHROME },
        ],
      }),
    ).toString('base64')
    for (const versionId of versionIds) {
      const uploaded = await h.app.inject({ method: 'POST', url: `/api/orgs/${orgId}/product-versions/${versionId}/sboms`, headers: as(analyst, true), payload: { filename: 'bom.cdx.json', contentBase64: bom } })
      expect(uploaded.statusCode).toBe(201)
      const run = await h.app.inject({ method: 'POST', url: `/api/orgs/${orgId}/product-versions/${versionId}/findings/rematch`, headers: as(analyst, true) })
      expect(run.statusCode).toBe(200)
    }
    const findings = await h.app.inject({ method: 'GET', url: `/api/orgs/${orgId}/product-versions/${versionIds[0]}/findings`, headers: as(analyst) })
    const oauth = findings.json<{ findings: { id: string; vulnerability: { id: string } }[] }>().findings.find((f) => f.vulnerability.id === 'CVE-2019-3778')!
    const decided = await h.app.inject({ method: 'PUT', url: `/api/orgs/${orgId}/findings/${oauth.id}/decision`, headers: as(analyst, true), payload: { scope: 'product', state: 'exploitable', responses: ['update'], detail: 'Update to 2.1.' } })
    expect(decided.statusCode).toBe(200)
  })
  afterAll(() => h?.close())

  it('saves a valid draft advisory of the decided vulnerabilities and audits it', async () => {
    const res = await generate({ productId, tlp: 'GREEN' })
    expect(res.statusCode, res.body).toBe(201)
    const body = res.json<Generated>()
    expect(body).toMatchObject({ status: 'draft', version: '0', category: 'csaf_security_advisory', tlp: 'GREEN', valid: true, generated: { vulnerabilities: ['CVE-2019-3778'], versions: ['1.0', '2.0'] } })
    expect(body.document.vulnerabilities.map((v) => [v.cve, Object.keys(v.product_status)])).toEqual([['CVE-2019-3778', ['known_affected']]])
    expect(validateCsaf(body.document).errors).toEqual([])
    const audit = await h.database.db.selectFrom('audit_log').select(['action', 'target_id']).where('org_id', '=', orgId).where('action', '=', 'advisory.create').execute()
    expect(audit.map((a) => a.target_id)).toContain(body.id)
    const editor = await h.app.inject({ method: 'GET', url: `/api/orgs/${orgId}/advisories/${body.id}`, headers: as(analyst) })
    expect(editor.json<{ content: { category: string } }>().content.category).toBe('csaf_security_advisory')
  })

  it('generates a csaf_vex of every finding of one version, untriaged ones under investigation', async () => {
    const res = await generate({ productId, productVersionIds: [versionIds[1]], include: 'all', category: 'csaf_vex', title: 'Generate Test CT 2.0 VEX' })
    expect(res.statusCode, res.body).toBe(201)
    const body = res.json<Generated>()
    const statuses = Object.fromEntries(body.document.vulnerabilities.map((v) => [v.cve, v.product_status]))
    expect(statuses).toEqual({ 'CVE-2019-3778': { known_affected: ['Generate-Test-CT-2.0'] }, 'CVE-2023-4863': { under_investigation: ['Generate-Test-CT-2.0'] } })
    expect(body.valid).toBe(true)
  })

  it('answers 400 for an unknown vulnerability or nothing to state, 404 for an unknown product, 403 for viewers and hospitals', async () => {
    const unknown = await generate({ productId, vulnerabilities: ['CVE-1999-0001'] })
    expect(unknown.statusCode).toBe(400)
    expect(unknown.json()).toMatchObject({ error: { details: { code: 'advisory_vulnerability_unknown' } } })
    const other = await h.app.inject({ method: 'POST', url: `/api/orgs/${orgId}/products`, headers: as(analyst, true), payload: { name: 'Nothing Decided', versions: ['1'] } })
    const nothing = await generate({ productId: other.json<{ id: string }>().id })
    expect(nothing.statusCode).toBe(400)
    expect(nothing.json()).toMatchObject({ error: { details: { code: 'advisory_nothing_to_state' } } })
    expect((await generate({ productId: '6f1d2c1e-8a3b-4c5d-9e7f-0a1b2c3d4e5f' })).statusCode).toBe(404)
    expect((await generate({ productId, productVersionIds: ['6f1d2c1e-8a3b-4c5d-9e7f-0a1b2c3d4e5f'] })).statusCode).toBe(400)
    const admin = await h.login('admin@acme-imaging.example')
    const token = await h.app.inject({ method: 'POST', url: `/api/orgs/${orgId}/tokens`, headers: as(admin, true), payload: { name: 'generate viewer', role: 'viewer' } })
    const viewer = await h.app.inject({ method: 'POST', url: `/api/orgs/${orgId}/advisories/generate`, headers: { authorization: `Bearer ${token.json<{ secret: string }>().secret}` }, payload: { productId } })
    expect(viewer.statusCode).toBe(403)
    const hospital = await h.login('analyst@st-example.example')
    const hospitalOrg = await h.orgId('st-example-hospital')
    const denied = await h.app.inject({ method: 'POST', url: `/api/orgs/${hospitalOrg}/advisories/generate`, headers: as(hospital, true), payload: { productId } })
    expect(denied.statusCode).toBe(403)
  })
})
