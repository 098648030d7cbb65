import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { as, startHarness, type ApiHarness, type TestSession } from '../../../test/support/api-harness.js'
import { testEngines } from '../../../test/support/database.js'

interface Entry {
  device: { id: string; assetTag: string; serialNumber: string | null }
  advisory: string | null
  vulnerability: string
  status: string
  source: string
  confidence: number
  matchedOn: string[]
  justification: string | null
  remediations: { category: string; details: string }[]
}

describe.each(testEngines)('affected devices API on %s', (engine) => {
  let h: ApiHarness
  let hospital: TestSession
  let hospitalId: string

  beforeAll(async () => {
    h = await startHarness(engine)
    hospital = await h.login('admin@st-example.example')
    hospitalId = await h.orgId('st-example-hospital')
  })
  afterAll(() => h?.close())

  const get = (url: string) => h.app.inject({ method: 'GET', url: `/api/orgs/${hospitalId}${url}`, headers: as(hospital) })

  it("lists the hospital's devices affected by Acme's published demo advisory, by serial number", async () => {
    const res = await get('/fleet/affected?advisory=ACME-SA-2026-001')
    expect(res.statusCode, res.body).toBe(200)
    const body = res.json() as { entries: Entry[]; groups: { advisory: string; vulnerability: string; counts: Record<string, number>; serials: Record<string, string[]> }[] }
    expect(body.entries.map((e) => [e.device.assetTag, e.status, e.source, e.matchedOn.join(',')])).toEqual([
      ['SEH-001', 'known_affected', 'published_advisory', 'vendor,product_name,serial_number,version'],
      ['SEH-025', 'known_affected', 'published_advisory', 'vendor,product_name,serial_number,version'],
      ['SEH-002', 'fixed', 'published_advisory', 'vendor,product_name,version'],
      ['SEH-003', 'fixed', 'published_advisory', 'vendor,product_name,version'],
    ])
    expect(body.groups).toHaveLength(1)
    expect(body.groups[0]).toMatchObject({ advisory: 'ACME-SA-2026-001', vulnerability: 'CVE-2021-44228', counts: { known_affected: 2, fixed: 2, under_investigation: 0 } })
    expect(body.groups[0]?.serials.known_affected).toEqual(['CT5-2023-0117', 'CT5-2023-0342'])
  })

  it('filters by status and refuses an unknown one', async () => {
    const res = await get('/fleet/affected?advisory=acme-sa-2026-001&status=fixed')
    expect((res.json() as { entries: Entry[] }).entries.map((e) => e.device.assetTag)).toEqual(['SEH-002', 'SEH-003'])
    const bad = await get('/fleet/affected?status=maybe')
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error.code).toBe('validation_failed')
  })

  it("shows a device's vulnerabilities from the advisory and from its linked product's findings with the manufacturer's decisions", async () => {
    const db = h.database.db
    const device = await db.selectFrom('devices').select(['id', 'product_version_id']).where('org_id', '=', hospitalId).where('asset_tag', '=', 'SEH-001').executeTakeFirstOrThrow()
    expect(device.product_version_id).not.toBeNull()
    const component = await db
      .selectFrom('sbom_components as c')
      .innerJoin('sbom_revisions as r', 'r.id', 'c.revision_id')
      .select(['c.id', 'c.revision_id', 'c.bom_ref', 'c.name', 'c.version', 'c.purl', 'r.org_id'])
      .where('r.product_version_id', '=', device.product_version_id!)
      .where('c.purl', 'is not', null)
      .executeTakeFirstOrThrow()
    const version = await db.selectFrom('product_versions').select('product_id').where('id', '=', device.product_version_id!).executeTakeFirstOrThrow()
    // Two findings of the manufacturer's product version: one untriaged, one the manufacturer decided is not affected.
    for (const vulnerability of ['CVE-2099-0001', 'CVE-2099-0002']) {
      await db
        .insertInto('findings')
        .values({
          id: randomUUID(), org_id: component.org_id, product_version_id: device.product_version_id!, revision_id: component.revision_id, component_id: component.id,
          component_key: component.purl!, component_ref: component.bom_ref, component_name: component.name, component_version: component.version, component_purl: component.purl,
          component_cpe: null, package_id: null, vulnerability_id: vulnerability, aliases: '[]', source: 'osv', source_id: vulnerability, match_kind: 'purl', range: 'vers:generic/*',
          source_status: 'affected', reason: '[]', confidence: 'high', status: 'present', first_seen: new Date(), last_seen: new Date(), resolved_at: null,
        })
        .execute()
    }
    await db
      .insertInto('triage_decisions')
      .values({
        id: randomUUID(), org_id: component.org_id, scope_kind: 'product', scope_key: `product:${version.product_id}`, product_version_id: null, product_id: version.product_id, package_id: null,
        vulnerability_id: 'CVE-2099-0002', state: 'not_affected', justification: 'vulnerable_code_not_in_execute_path', responses: '[]', detail: 'The console never loads this module.',
        decided_by: null, decided_by_label: 'Acme PSIRT', decided_at: new Date(), origin: 'manual',
      })
      .execute()

    const res = await get(`/devices/${device.id}/vulnerabilities`)
    expect(res.statusCode, res.body).toBe(200)
    const entries = res.json() as Entry[]
    expect(entries.map((e) => [e.vulnerability, e.status, e.source])).toEqual([
      ['CVE-2021-44228', 'known_affected', 'published_advisory'],
      ['CVE-2099-0001', 'under_investigation', 'manufacturer_findings'],
    ])
    expect(entries[0]?.remediations.map((r) => r.category)).toEqual(['vendor_fix', 'workaround'])
    const all = (await get(`/devices/${device.id}/vulnerabilities?includeNotAffected=true`)).json() as Entry[]
    expect(all.find((e) => e.vulnerability === 'CVE-2099-0002')).toMatchObject({ status: 'known_not_affected', justification: 'vulnerable_code_not_in_execute_path', source: 'manufacturer_findings' })
    expect((await get(`/devices/${randomUUID()}/vulnerabilities`)).statusCode).toBe(404)
  })
})
