import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { as, startHarness, type ApiHarness, type TestSession } from '../../test/support/api-harness.js'
import { testEngines } from '../../test/support/database.js'

// A well-formed id for routes that name a resource; the organization guard answers before any lookup.
const SOME_UUID = '6f1d2c1e-8a3b-4c5d-9e7f-0a1b2c3d4e5f'

/** Acme's own product, version, SBOM revision and component: the SBOM routes are tried on rows that exist. */
interface SbomIds {
  readonly productId: string
  readonly versionId: string
  readonly revisionId: string
  readonly componentId: string
}

/** Every organization route, as a request against a given organization id. */
function orgRoutes(orgId: string, ids: { userId: string; tokenId: string; assessmentId: string; sbom: SbomIds }) {
  return [
    { method: 'GET', url: `/api/orgs/${orgId}` },
    { method: 'GET', url: `/api/orgs/${orgId}/dashboard` },
    { method: 'GET', url: `/api/orgs/${orgId}/members` },
    { method: 'POST', url: `/api/orgs/${orgId}/members`, payload: { email: 'intruder@evil.example', role: 'admin', name: 'I', password: 'long enough password' } },
    { method: 'PATCH', url: `/api/orgs/${orgId}/members/${ids.userId}`, payload: { role: 'viewer' } },
    { method: 'DELETE', url: `/api/orgs/${orgId}/members/${ids.userId}` },
    { method: 'GET', url: `/api/orgs/${orgId}/tokens` },
    { method: 'POST', url: `/api/orgs/${orgId}/tokens`, payload: { name: 'stolen', role: 'admin' } },
    { method: 'DELETE', url: `/api/orgs/${orgId}/tokens/${ids.tokenId}` },
    { method: 'GET', url: `/api/orgs/${orgId}/audit` },
    { method: 'GET', url: `/api/orgs/${orgId}/products` },
    { method: 'POST', url: `/api/orgs/${orgId}/products`, payload: { name: 'Fake CT' } },
    { method: 'GET', url: `/api/orgs/${orgId}/devices` },
    { method: 'GET', url: `/api/orgs/${orgId}/sharing/relationships` },
    { method: 'GET', url: `/api/orgs/${orgId}/sharing/access-log` },
    { method: 'POST', url: `/api/orgs/${orgId}/sharing/invitations`, payload: { recipientOrgId: orgId, allProducts: true, acceptAgreementVersion: 1 } },
    { method: 'GET', url: `/api/orgs/${orgId}/shared/products` },
    { method: 'GET', url: `/api/orgs/${orgId}/shared/mds2` },
    { method: 'GET', url: `/api/orgs/${orgId}/shared/products/${SOME_UUID}/versions/${SOME_UUID}/sbom` },
    { method: 'GET', url: `/api/orgs/${orgId}/shared/products/${SOME_UUID}/versions/${SOME_UUID}/sbom/components` },
    { method: 'GET', url: `/api/orgs/${orgId}/shared/products/${SOME_UUID}/versions/${SOME_UUID}/sbom/original` },
    { method: 'GET', url: `/api/orgs/${orgId}/shared/products/${SOME_UUID}/versions/${SOME_UUID}/mds2` },
    { method: 'GET', url: `/api/orgs/${orgId}/shared/products/${SOME_UUID}/versions/${SOME_UUID}/mds2/export` },
    { method: 'GET', url: `/api/orgs/${orgId}/shared/products/${SOME_UUID}/versions/${SOME_UUID}/vex` },
    { method: 'GET', url: `/api/orgs/${orgId}/shared/products/${SOME_UUID}/versions/${SOME_UUID}/vex/export` },
    { method: 'GET', url: `/api/orgs/${orgId}/notifications` },
    { method: 'GET', url: `/api/orgs/${orgId}/webhooks` },
    { method: 'POST', url: `/api/orgs/${orgId}/webhooks`, payload: { url: 'http://127.0.0.1:9/stolen' } },
    { method: 'GET', url: `/api/orgs/${orgId}/devices/export?format=csv` },
    { method: 'GET', url: `/api/orgs/${orgId}/devices/${SOME_UUID}` },
    { method: 'PATCH', url: `/api/orgs/${orgId}/devices/${SOME_UUID}`, payload: { location: 'Basement' } },
    { method: 'GET', url: `/api/orgs/${orgId}/devices/${SOME_UUID}/link-candidates` },
    { method: 'PUT', url: `/api/orgs/${orgId}/devices/${SOME_UUID}/link`, payload: { productVersionId: SOME_UUID } },
    { method: 'DELETE', url: `/api/orgs/${orgId}/devices/${SOME_UUID}/link` },
    { method: 'POST', url: `/api/orgs/${orgId}/fleet/imports/preview`, payload: { filename: 'x.csv', contentBase64: 'QXNzZXQgVGFnCkEx' } },
    { method: 'POST', url: `/api/orgs/${orgId}/fleet/imports`, payload: { filename: 'x.csv', contentBase64: 'QXNzZXQgVGFnCkEx' } },
    { method: 'GET', url: `/api/orgs/${orgId}/fleet/imports` },
    { method: 'GET', url: `/api/orgs/${orgId}/fleet/mappings` },
    { method: 'PUT', url: `/api/orgs/${orgId}/fleet/mappings`, payload: { name: 'stolen', mapping: { A: 'assetTag' } } },
    { method: 'GET', url: `/api/orgs/${orgId}/fleet/discoveries` },
    { method: 'GET', url: `/api/orgs/${orgId}/fleet/discovery-settings` },
    { method: 'POST', url: `/api/orgs/${orgId}/fleet/discoveries/run`, payload: { hosts: '127.0.0.1', ports: '104' } },
    { method: 'POST', url: `/api/orgs/${orgId}/fleet/discoveries/${SOME_UUID}/accept`, payload: {} },
    { method: 'POST', url: `/api/orgs/${orgId}/fleet/discoveries/${SOME_UUID}/dismiss` },
    { method: 'GET', url: `/api/orgs/${orgId}/fleet/lifecycle` },
    { method: 'GET', url: `/api/orgs/${orgId}/fleet/affected` },
    { method: 'GET', url: `/api/orgs/${orgId}/devices/${SOME_UUID}/vulnerabilities` },
    { method: 'GET', url: `/api/orgs/${orgId}/fleet/dashboard` },
    { method: 'GET', url: `/api/orgs/${orgId}/fleet/risk` },
    { method: 'GET', url: `/api/orgs/${orgId}/devices/${SOME_UUID}/risk` },
    { method: 'PUT', url: `/api/orgs/${orgId}/devices/${SOME_UUID}/patch-status`, payload: { status: 'current' } },
    { method: 'GET', url: `/api/orgs/${orgId}/fleet/risk-register` },
    { method: 'POST', url: `/api/orgs/${orgId}/fleet/risk-register`, payload: { title: 'stolen', group: { modality: 'CT' }, likelihood: 'low', impact: 'low' } },
    { method: 'PATCH', url: `/api/orgs/${orgId}/fleet/risk-register/${SOME_UUID}`, payload: { title: 'stolen' } },
    { method: 'POST', url: `/api/orgs/${orgId}/fleet/risk-register/${SOME_UUID}/acceptance`, payload: { owner: 'x', expires: '2027-06-30', rationale: 'x' } },
    { method: 'POST', url: `/api/orgs/${orgId}/fleet/risk-register/${SOME_UUID}/controls`, payload: { kind: 'other', description: 'x' } },
    { method: 'DELETE', url: `/api/orgs/${orgId}/fleet/risk-register/${SOME_UUID}/controls/${SOME_UUID}` },
    { method: 'GET', url: `/api/orgs/${orgId}/fleet/lifecycle/plan` },
    { method: 'GET', url: `/api/orgs/${orgId}/fleet/lifecycle/plan/export?format=csv` },
    { method: 'PUT', url: `/api/orgs/${orgId}/product-versions/${SOME_UUID}/security-end-of-support`, payload: { date: '2030-01-01' } },
    { method: 'GET', url: `/api/orgs/${orgId}/mds2/documents` },
    { method: 'GET', url: `/api/orgs/${orgId}/mds2/versions/${SOME_UUID}` },
    { method: 'PUT', url: `/api/orgs/${orgId}/mds2/versions/${SOME_UUID}`, payload: { document: { header: {}, answers: {} } } },
    { method: 'GET', url: `/api/orgs/${orgId}/mds2/versions/${SOME_UUID}/revisions` },
    { method: 'GET', url: `/api/orgs/${orgId}/mds2/versions/${SOME_UUID}/suggestions` },
    { method: 'GET', url: `/api/orgs/${orgId}/mds2/versions/${SOME_UUID}/diff` },
    { method: 'GET', url: `/api/orgs/${orgId}/mds2/versions/${SOME_UUID}/export?format=json` },
    { method: 'GET', url: `/api/orgs/${orgId}/mds2/diff/${SOME_UUID}/${SOME_UUID}` },
    { method: 'POST', url: `/api/orgs/${orgId}/mds2/uploads`, payload: { filename: 'x.json', contentBase64: 'e30=' } },
    { method: 'GET', url: `/api/orgs/${orgId}/mds2/uploads` },
    { method: 'GET', url: `/api/orgs/${orgId}/mds2/uploads/${SOME_UUID}` },
    { method: 'GET', url: `/api/orgs/${orgId}/mds2/uploads/${SOME_UUID}/original` },
    { method: 'DELETE', url: `/api/orgs/${orgId}/mds2/uploads/${SOME_UUID}` },
    { method: 'GET', url: `/api/orgs/${orgId}/mds2/profile` },
    { method: 'GET', url: `/api/orgs/${orgId}/mds2/profile/default` },
    { method: 'PUT', url: `/api/orgs/${orgId}/mds2/profile`, payload: { id: 'p', name: 'P', requirements: [{ id: 'r', questionId: 'ALOF-1', acceptable: ['Yes'], weight: 1, mandatory: true }] } },
    { method: 'POST', url: `/api/orgs/${orgId}/mds2/comparisons`, payload: { ids: [SOME_UUID] } },
    { method: 'POST', url: `/api/orgs/${orgId}/mds2/comparisons/export?format=xlsx`, payload: { ids: [SOME_UUID] } },
    { method: 'GET', url: `/api/orgs/${orgId}/assessments` },
    { method: 'GET', url: `/api/orgs/${orgId}/assessments/${ids.assessmentId}` },
    { method: 'POST', url: `/api/orgs/${orgId}/assessments`, payload: { vulnerabilityId: 'CVE-2026-9999', cvssVector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' } },
    { method: 'POST', url: `/api/orgs/${orgId}/assessments/${ids.assessmentId}/transitions`, payload: { kind: 'start_remediation' } },
    { method: 'GET', url: `/api/orgs/${orgId}/advisories` },
    { method: 'GET', url: `/api/orgs/${orgId}/advisories/catalogue` },
    { method: 'POST', url: `/api/orgs/${orgId}/advisories/generate`, payload: { productId: SOME_UUID } },
    { method: 'POST', url: `/api/orgs/${orgId}/advisories`, payload: { content: { category: 'csaf_security_advisory', title: 'Stolen', tlp: 'CLEAR', notes: [], references: [], productIds: [], vulnerabilities: [] } } },
    { method: 'GET', url: `/api/orgs/${orgId}/advisories/${SOME_UUID}` },
    { method: 'PUT', url: `/api/orgs/${orgId}/advisories/${SOME_UUID}`, payload: { content: { category: 'csaf_security_advisory', title: 'Stolen', tlp: 'CLEAR', notes: [], references: [], productIds: [], vulnerabilities: [] } } },
    { method: 'POST', url: `/api/orgs/${orgId}/advisories/${SOME_UUID}/validate`, payload: { content: { category: 'csaf_security_advisory', title: 'Stolen', tlp: 'CLEAR', notes: [], references: [], productIds: [], vulnerabilities: [] } } },
    { method: 'POST', url: `/api/orgs/${orgId}/advisories/${SOME_UUID}/publish`, payload: { status: 'final' } },
    { method: 'DELETE', url: `/api/orgs/${orgId}/advisories/${SOME_UUID}` },
    { method: 'GET', url: `/api/orgs/${orgId}/advisories/${SOME_UUID}/advisory.html` },
    { method: 'GET', url: `/api/orgs/${orgId}/advisories/${SOME_UUID}/advisory.pdf` },
    { method: 'GET', url: `/api/orgs/${orgId}/csaf/signing-key` },
    { method: 'POST', url: `/api/orgs/${orgId}/csaf/signing-key` },
    { method: 'GET', url: `/api/orgs/${orgId}/products/${ids.sbom.productId}` },
    { method: 'PATCH', url: `/api/orgs/${orgId}/products/${ids.sbom.productId}`, payload: { name: 'Stolen CT' } },
    { method: 'POST', url: `/api/orgs/${orgId}/products/${ids.sbom.productId}/versions`, payload: { version: '9.9' } },
    { method: 'GET', url: `/api/orgs/${orgId}/product-versions/${ids.sbom.versionId}/sboms` },
    { method: 'POST', url: `/api/orgs/${orgId}/product-versions/${ids.sbom.versionId}/sboms`, payload: { filename: 'x.json', contentBase64: 'e30=' } },
    { method: 'GET', url: `/api/orgs/${orgId}/sboms/${ids.sbom.revisionId}/components` },
    { method: 'PATCH', url: `/api/orgs/${orgId}/sboms/${ids.sbom.revisionId}/components/${ids.sbom.componentId}`, payload: { supportLevel: 'abandoned' } },
    { method: 'GET', url: `/api/orgs/${orgId}/sboms/${ids.sbom.revisionId}/quality` },
    { method: 'GET', url: `/api/orgs/${orgId}/sboms/${ids.sbom.revisionId}/export?format=cyclonedx-json` },
    { method: 'GET', url: `/api/orgs/${orgId}/sboms/${ids.sbom.revisionId}/original` },
    { method: 'GET', url: `/api/orgs/${orgId}/sboms/diff?from=${ids.sbom.revisionId}&to=${ids.sbom.revisionId}` },
    { method: 'GET', url: `/api/orgs/${orgId}/product-versions/${ids.sbom.versionId}/findings` },
    { method: 'POST', url: `/api/orgs/${orgId}/product-versions/${ids.sbom.versionId}/findings/rematch` },
    { method: 'PUT', url: `/api/orgs/${orgId}/findings/${SOME_UUID}/decision`, payload: { scope: 'product', state: 'in_triage' } },
    { method: 'DELETE', url: `/api/orgs/${orgId}/findings/${SOME_UUID}/decision?scope=product` },
    { method: 'GET', url: `/api/orgs/${orgId}/product-versions/${ids.sbom.versionId}/vex?format=openvex` },
    { method: 'POST', url: `/api/orgs/${orgId}/vex/import`, payload: { document: { '@context': 'https://openvex.dev/ns/v0.2.0', statements: [] } } },
    { method: 'GET', url: `/api/orgs/${orgId}/jobs` },
    { method: 'GET', url: `/api/orgs/${orgId}/disclosure/programme` },
    { method: 'PUT', url: `/api/orgs/${orgId}/disclosure/programme`, payload: { intakeOpen: false, contactEmail: null, websiteUrl: null, policyUrl: null, acknowledgmentsUrl: null, hiringUrl: null, preferredLanguages: ['en'], clockPolicy: { acknowledgeBusinessDays: 5, triageBusinessDays: 14, remediateCalendarDays: 90, uncontrolledCommunicateCalendarDays: 30, uncontrolledRemediateCalendarDays: 60, warnBusinessDays: 2, holidays: [] } } },
    { method: 'PUT', url: `/api/orgs/${orgId}/disclosure/programme/pgp-key`, payload: { armoredKey: null } },
    { method: 'GET', url: `/api/orgs/${orgId}/disclosure/security-txt` },
    { method: 'GET', url: `/api/orgs/${orgId}/disclosure/dashboard` },
    { method: 'GET', url: `/api/orgs/${orgId}/disclosure/cases` },
    { method: 'GET', url: `/api/orgs/${orgId}/disclosure/cases/${SOME_UUID}` },
    { method: 'POST', url: `/api/orgs/${orgId}/disclosure/cases/${SOME_UUID}/transitions`, payload: { command: 'acknowledge' } },
    { method: 'PATCH', url: `/api/orgs/${orgId}/disclosure/cases/${SOME_UUID}`, payload: { findingIds: [] } },
    { method: 'PUT', url: `/api/orgs/${orgId}/disclosure/cases/${SOME_UUID}/versions/${SOME_UUID}` },
    { method: 'DELETE', url: `/api/orgs/${orgId}/disclosure/cases/${SOME_UUID}/versions/${SOME_UUID}` },
    { method: 'POST', url: `/api/orgs/${orgId}/disclosure/cases/${SOME_UUID}/messages`, payload: { thread: 'internal', body: 'hi' } },
    { method: 'GET', url: `/api/orgs/${orgId}/disclosure/cases/${SOME_UUID}/attachments/${SOME_UUID}` },
    { method: 'GET', url: `/api/orgs/${orgId}/disclosure/cases/${SOME_UUID}/parties` },
    { method: 'POST', url: `/api/orgs/${orgId}/disclosure/cases/${SOME_UUID}/parties`, payload: { partySlug: 'st-example-hospital', role: 'other' } },
    { method: 'GET', url: `/api/orgs/${orgId}/disclosure/cases/${SOME_UUID}/export` },
    { method: 'GET', url: `/api/orgs/${orgId}/disclosure/shared` },
    { method: 'GET', url: `/api/orgs/${orgId}/disclosure/shared/${SOME_UUID}` },
    { method: 'POST', url: `/api/orgs/${orgId}/disclosure/shared/${SOME_UUID}/messages`, payload: { body: 'hi' } },
    { method: 'GET', url: `/api/orgs/${orgId}/disclosure/shared/${SOME_UUID}/attachments/${SOME_UUID}` },
  ] as const
}

describe.each(testEngines)('tenant isolation on %s', (engine) => {
  let h: ApiHarness
  let acmeId: string
  let hospitalAdmin: TestSession
  let hospitalToken: string
  let acmeIds: { userId: string; tokenId: string; assessmentId: string; sbom: SbomIds }
  let snapshot: () => Promise<string>

  beforeAll(async () => {
    h = await startHarness(engine)
    acmeId = await h.orgId('acme-imaging')
    const acmeAdmin = await h.login('admin@acme-imaging.example')
    const token = await h.app.inject({ method: 'POST', url: `/api/orgs/${acmeId}/tokens`, headers: as(acmeAdmin, true), payload: { name: 'acme ci', role: 'admin' } })
    const analyst = await h.database.db.selectFrom('users').select('id').where('email', '=', 'analyst@acme-imaging.example').executeTakeFirstOrThrow()
    const assessment = await h.database.db.selectFrom('vulnerability_assessments').select('id').where('org_id', '=', acmeId).executeTakeFirstOrThrow()
    const component = await h.database.db
      .selectFrom('sbom_components as c')
      .innerJoin('sbom_revisions as r', 'r.id', 'c.revision_id')
      .innerJoin('product_versions as v', 'v.id', 'r.product_version_id')
      .select(['c.id as componentId', 'r.id as revisionId', 'v.id as versionId', 'v.product_id as productId'])
      .where('c.org_id', '=', acmeId)
      .executeTakeFirstOrThrow()
    acmeIds = { userId: analyst.id, tokenId: token.json<{ token: { id: string } }>().token.id, assessmentId: assessment.id, sbom: component }
    hospitalAdmin = await h.login('admin@st-example.example')
    const hospitalId = await h.orgId('st-example-hospital')
    const created = await h.app.inject({ method: 'POST', url: `/api/orgs/${hospitalId}/tokens`, headers: as(hospitalAdmin, true), payload: { name: 'hospital ci', role: 'admin' } })
    hospitalToken = created.json<{ secret: string }>().secret
    snapshot = async () => {
      const db = h.database.db
      const [members, tokens, products, assessments] = await Promise.all([
        db.selectFrom('memberships').select(['user_id', 'role']).where('org_id', '=', acmeId).orderBy('user_id').execute(),
        db.selectFrom('api_tokens').select(['id', 'revoked_at']).where('org_id', '=', acmeId).orderBy('id').execute(),
        db.selectFrom('products').select(['name', 'model_number', 'udi_di']).where('org_id', '=', acmeId).orderBy('name').execute(),
        db.selectFrom('vulnerability_assessments').select(['id', 'case_state', 'updated_at']).where('org_id', '=', acmeId).orderBy('id').execute(),
      ])
      const sboms = await db.selectFrom('sbom_components').select(['id', 'support_level', 'end_of_support']).where('org_id', '=', acmeId).orderBy('id').execute()
      const versions = await db.selectFrom('product_versions').select('id').where('org_id', '=', acmeId).orderBy('id').execute()
      return JSON.stringify({ members, tokens, products, assessments, sboms, versions })
    }
  })
  afterAll(() => h?.close())

  it('answers 404 on every organization route to a user of another organization, and changes nothing', async () => {
    const before = await snapshot()
    for (const route of orgRoutes(acmeId, acmeIds)) {
      const res = await h.app.inject({ ...route, headers: as(hospitalAdmin, route.method !== 'GET') })
      expect(res.statusCode, `${route.method} ${route.url}`).toBe(404)
      expect(res.json(), `${route.method} ${route.url}`).toMatchObject({ error: { code: 'not_found' } })
    }
    expect(await snapshot()).toBe(before)
  })

  it("answers 404 on every organization route to another organization's API token, and changes nothing", async () => {
    const before = await snapshot()
    for (const route of orgRoutes(acmeId, acmeIds)) {
      const res = await h.app.inject({ ...route, headers: { authorization: `Bearer ${hospitalToken}` } })
      expect(res.statusCode, `${route.method} ${route.url}`).toBe(404)
    }
    expect(await snapshot()).toBe(before)
  })

  it('answers 401 on every organization route without credentials', async () => {
    for (const route of orgRoutes(acmeId, acmeIds)) {
      const res = await h.app.inject(route)
      expect(res.statusCode, `${route.method} ${route.url}`).toBe(401)
    }
  })

  it('treats a malformed or unknown organization id as not found', async () => {
    for (const id of ['not-a-uuid', '00000000-0000-0000-0000-000000000000', "'; drop table users; --"]) {
      const res = await h.app.inject({ method: 'GET', url: `/api/orgs/${encodeURIComponent(id)}/products`, headers: as(hospitalAdmin) })
      expect(res.statusCode).toBe(404)
    }
  })

  it('shows each organization only its own rows', async () => {
    const hospitalId = await h.orgId('st-example-hospital')
    const devices = await h.app.inject({ method: 'GET', url: `/api/orgs/${hospitalId}/devices`, headers: as(hospitalAdmin) })
    expect(devices.json()).toHaveLength(25)
    const products = await h.app.inject({ method: 'GET', url: `/api/orgs/${hospitalId}/products`, headers: as(hospitalAdmin) })
    expect(products.json()).toHaveLength(0)
    const audit = await h.app.inject({ method: 'GET', url: `/api/orgs/${hospitalId}/audit?pageSize=200`, headers: as(hospitalAdmin) })
    const entries = audit.json<{ entries: { orgId: string }[] }>().entries
    expect(entries.length).toBeGreaterThan(0)
    expect(entries.every((e) => e.orgId === hospitalId)).toBe(true)
  })
})
