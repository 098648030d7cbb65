import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { as, startHarness, type ApiHarness, type TestSession } from '../../../test/support/api-harness.js'
import { testEngines } from '../../../test/support/database.js'
import { DEMO_PASSWORD } from '../../services/demo/seed-demo.js'
import { createUserInOrganization, ensureOrganization } from '../../services/system-admin.js'

describe.each(testEngines)("a manufacturer's SBOM, MDS2 and VEX read by hospitals through the TLP policy on %s", (engine) => {
  let h: ApiHarness
  let acmeId: string
  let hospitalId: string
  let otherId: string
  let researchId: string
  let acme: TestSession
  let hospital: TestSession
  let other: TestSession
  let research: TestSession
  let ctId: string
  let pacsId: string
  let v31: string
  let v32: string

  const paths = (orgId: string, productId = ctId, versionId = v31) => {
    const base = `/api/orgs/${orgId}/shared/products/${productId}/versions/${versionId}`
    return [`${base}/sbom`, `${base}/sbom/components`, `${base}/sbom/original`, `${base}/mds2`, `${base}/mds2/export`, `${base}/vex`, `${base}/vex/export?format=openvex`]
  }
  const statuses = async (session: TestSession, urls: readonly string[]) => Promise.all(urls.map(async (url) => (await h.app.inject({ method: 'GET', url, headers: as(session) })).statusCode))

  beforeAll(async () => {
    h = await startHarness(engine)
    acmeId = await h.orgId('acme-imaging')
    hospitalId = await h.orgId('st-example-hospital')
    researchId = await h.orgId('open-device-research')
    await ensureOrganization(h.database.db, { slug: 'other-hospital', name: 'Other Hospital', kind: 'hdo' })
    const created = await createUserInOrganization(h.database.db, { email: 'admin@other-hospital.example', name: 'Other admin', password: DEMO_PASSWORD, orgSlug: 'other-hospital', role: 'admin' })
    if (!created.ok) throw new Error(created.error.message)
    otherId = await h.orgId('other-hospital')
    acme = await h.login('admin@acme-imaging.example')
    hospital = await h.login('admin@st-example.example')
    other = await h.login('admin@other-hospital.example')
    research = await h.login('admin@odsr.example')
    const products = await h.database.db.selectFrom('products').select(['id', 'name']).where('org_id', '=', acmeId).execute()
    ctId = products.find((p) => p.name === 'Acme CT 5000')!.id
    pacsId = products.find((p) => p.name === 'Acme PACS Viewer')!.id
    const versions = await h.database.db.selectFrom('product_versions').select(['id', 'version']).where('product_id', '=', ctId).execute()
    v31 = versions.find((v) => v.version === '3.1')!.id
    v32 = versions.find((v) => v.version === '3.2')!.id
    // AMBER: only organizations with a relationship covering the product and kind may read (the artifacts are GREEN
    // themselves; an artifact is never more visible than its version).
    const labelled = await h.app.inject({ method: 'PATCH', url: `/api/orgs/${acmeId}/products/${ctId}/tlp`, headers: as(acme, true), payload: { tlp: 'AMBER' } })
    expect(labelled.statusCode).toBe(200)
  })
  afterAll(() => h?.close())

  it('serves the related hospital the SBOM (components, quality, download), the MDS2 and the VEX, marked and not cached', async () => {
    const [sbomUrl, componentsUrl, originalUrl, mds2Url, mds2ExportUrl, vexUrl, vexExportUrl] = paths(hospitalId)
    const sbom = await h.app.inject({ method: 'GET', url: sbomUrl!, headers: as(hospital) })
    expect(sbom.statusCode).toBe(200)
    expect(sbom.headers['x-tlp']).toBe('TLP:AMBER')
    expect(sbom.headers['cache-control']).toBe('no-store')
    expect(sbom.json()).toMatchObject({ manufacturer: { name: 'Acme Imaging' }, product: { name: 'Acme CT 5000' }, version: { version: '3.1' }, tlp: 'AMBER', revision: { format: 'cyclonedx' }, quality: {} })
    const components = (await h.app.inject({ method: 'GET', url: `${componentsUrl}?q=log4j`, headers: as(hospital) })).json<{ total: number; components: { name: string; version: string }[] }>()
    expect(components.components.map((c) => `${c.name}@${c.version}`).sort()).toEqual(['log4j-api@2.14.1', 'log4j-core@2.14.1'])
    const original = await h.app.inject({ method: 'GET', url: originalUrl!, headers: as(hospital) })
    expect(original.statusCode).toBe(200)
    expect(original.headers['x-content-sha256']).toMatch(/^[0-9a-f]{64}$/)
    expect(original.headers['content-disposition']).toContain('attachment')
    const mds2 = await h.app.inject({ method: 'GET', url: mds2Url!, headers: as(hospital) })
    expect(mds2.statusCode).toBe(200)
    expect(mds2.json()).toMatchObject({ tlp: 'AMBER', document: { productVersion: { version: '3.1' }, revision: 1 } })
    const mds2Export = await h.app.inject({ method: 'GET', url: mds2ExportUrl!, headers: as(hospital) })
    expect(mds2Export.json()).toMatchObject({ tlp: { label: 'TLP:AMBER' }, kind: 'medsec.mds2' })
    const vex = await h.app.inject({ method: 'GET', url: vexUrl!, headers: as(hospital) })
    expect(vex.statusCode).toBe(200)
    expect(vex.json()).toMatchObject({ tlp: 'AMBER', counts: {}, statements: expect.any(Array) })
    expect(vex.body).not.toContain('@acme-imaging.example')
    const vexExport = await h.app.inject({ method: 'GET', url: vexExportUrl!, headers: as(hospital) })
    expect(vexExport.statusCode).toBe(200)
    expect(vexExport.json()).toMatchObject({ '@context': expect.stringContaining('openvex') })

    // Every restricted read is in the manufacturer's access log, by kind.
    const log = (await h.app.inject({ method: 'GET', url: `/api/orgs/${acmeId}/sharing/access-log?limit=500`, headers: as(acme) })).json<{ entries: { artifactKind: string; action: string; viewerOrg: { id: string } }[] }>()
    const kinds = new Set(log.entries.filter((e) => e.viewerOrg.id === hospitalId).map((e) => `${e.artifactKind}:${e.action}`))
    expect([...kinds].sort()).toEqual(expect.arrayContaining(['mds2:export', 'mds2:read', 'sbom:export', 'sbom:read', 'vex:export', 'vex:read']))
  })

  it('answers 404 to an unrelated hospital, a researcher without relationship, and for a version of another product', async () => {
    expect(await statuses(other, paths(otherId))).toEqual([404, 404, 404, 404, 404, 404, 404])
    expect(await statuses(research, paths(researchId))).toEqual([404, 404, 404, 404, 404, 404, 404])
    expect(await statuses(hospital, paths(hospitalId, pacsId, v31))).toEqual([404, 404, 404, 404, 404, 404, 404])
    // The hospital's own organization only: another organization's path is refused by the guard.
    expect(await statuses(other, paths(hospitalId))).toEqual([404, 404, 404, 404, 404, 404, 404])
    // The manufacturer reads its own through the same routes.
    expect((await statuses(acme, paths(acmeId))).every((s) => s === 200)).toBe(true)
  })

  it('lets the hospital hold shared MDS2 against its profile next to its own uploads', async () => {
    const listed = (await h.app.inject({ method: 'GET', url: `/api/orgs/${hospitalId}/shared/mds2`, headers: as(hospital) })).json<{ versionId: string; documentId: string; label: string; tlp: string }[]>()
    expect(listed.map((d) => [d.versionId, d.label, d.tlp])).toEqual([
      [v31, 'Acme Imaging Acme CT 5000 3.1', 'AMBER'],
      [v32, 'Acme Imaging Acme CT 5000 3.2', 'AMBER'],
    ])
    expect((await h.app.inject({ method: 'GET', url: `/api/orgs/${otherId}/shared/mds2`, headers: as(other) })).json()).toEqual([])
    const compared = await h.app.inject({ method: 'POST', url: `/api/orgs/${hospitalId}/mds2/comparisons`, headers: as(hospital, true), payload: { ids: listed.map((d) => d.documentId) } })
    expect(compared.statusCode).toBe(200)
    expect(compared.json<{ items: { kind: string; label: string }[] }>().items).toEqual([
      expect.objectContaining({ kind: 'shared', label: 'Acme Imaging Acme CT 5000 3.1' }),
      expect.objectContaining({ kind: 'shared', label: 'Acme Imaging Acme CT 5000 3.2' }),
    ])
    const stolen = await h.app.inject({ method: 'POST', url: `/api/orgs/${otherId}/mds2/comparisons`, headers: as(other, true), payload: { ids: [listed[0]!.documentId] } })
    expect(stolen.statusCode).toBe(404)
  })

  it('follows the scope of artifact kinds, and a revocation removes access on the next request', async () => {
    const [relationship] = (await h.app.inject({ method: 'GET', url: `/api/orgs/${acmeId}/sharing/relationships`, headers: as(acme) })).json<{ id: string; recipient: { id: string } }[]>().filter((r) => r.recipient.id === hospitalId)
    const scoped = await h.app.inject({ method: 'PUT', url: `/api/orgs/${acmeId}/sharing/relationships/${relationship!.id}/scope`, headers: as(acme, true), payload: { artifactKinds: ['sbom'] } })
    expect(scoped.statusCode).toBe(200)
    expect(await statuses(hospital, paths(hospitalId))).toEqual([200, 200, 200, 404, 404, 404, 404])
    const documentId = (await h.database.db.selectFrom('mds2_documents').select('id').where('product_version_id', '=', v31).executeTakeFirstOrThrow()).id
    expect((await h.app.inject({ method: 'POST', url: `/api/orgs/${hospitalId}/mds2/comparisons`, headers: as(hospital, true), payload: { ids: [documentId] } })).statusCode).toBe(404)

    const revoked = await h.app.inject({ method: 'POST', url: `/api/orgs/${acmeId}/sharing/relationships/${relationship!.id}/revoke`, headers: as(acme, true) })
    expect(revoked.statusCode).toBe(200)
    expect(await statuses(hospital, paths(hospitalId))).toEqual([404, 404, 404, 404, 404, 404, 404])
    expect((await h.app.inject({ method: 'GET', url: `/api/orgs/${hospitalId}/shared/mds2`, headers: as(hospital) })).json()).toEqual([])
  })
})
