import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { as, startHarness, type ApiHarness, type TestSession } from '../../../test/support/api-harness.js'
import { testEngines } from '../../../test/support/database.js'

const CSV = [
  'Asset Tag,Serial Number,Manufacturer,Model,Software Version,Modality,IP Address,AE Title,Location,Install Date,Expected EOL,Stores PHI',
  'NEW-001,SN-A1,Acme Imaging,Acme CT 5000,3.2,CT,10.9.0.1,CTNEW1,CT 3,2022-01-10,2034-12-31,yes',
  'NEW-002,SN-A2,Acme Imaging,Acme CT 5000,3.2,CT,10.9.0.2,CTNEW2,CT 4,2022-01-10,2034-12-31,yes',
  'NEW-003,SN-A3,Contoso,RadiView DR,5.0.2,XRAY,10.9.0.999,DX3,X-ray 3,2022-01-10,,no',
  'NEW-004,SN-A4,Contoso,RadiView DR,5.0.2,DX,10.9.0.4,DX4,X-ray 4,31/12/2030,,no',
  ',SN-A5,Contoso,RadiView DR,5.0.2,DX,10.9.0.5,DX5,X-ray 5,,,no',
].join('\n')

function upload(text: string | Uint8Array, filename = 'inventory.csv', extra: Record<string, unknown> = {}) {
  return { filename, contentBase64: Buffer.from(text).toString('base64'), ...extra }
}

describe.each(testEngines)('fleet inventory API on %s', (engine) => {
  let h: ApiHarness
  let hospital: TestSession
  let hospitalId: string
  let acmeId: string
  let acme: TestSession

  beforeAll(async () => {
    h = await startHarness(engine)
    hospital = await h.login('admin@st-example.example')
    hospitalId = await h.orgId('st-example-hospital')
    acmeId = await h.orgId('acme-imaging')
    acme = await h.login('admin@acme-imaging.example')
  })
  afterAll(() => h?.close())

  const deviceCount = async (orgId: string) => Number((await h.database.db.selectFrom('devices').select((eb) => eb.fn.countAll().as('n')).where('org_id', '=', orgId).executeTakeFirstOrThrow()).n)

  it('previews a CSV with a suggested mapping, the counts and the bad rows, writing nothing', async () => {
    const before = await deviceCount(hospitalId)
    const res = await h.app.inject({ method: 'POST', url: `/api/orgs/${hospitalId}/fleet/imports/preview`, headers: as(hospital, true), payload: upload(CSV) })
    expect(res.statusCode, res.body).toBe(200)
    const body = res.json()
    expect(body).toMatchObject({ format: 'csv', mappingSource: 'suggested', mappingHasKey: true, totalRows: 5, created: 3, updated: 0, unchanged: 0, rejectedCount: 2 })
    expect(body.mapping['Expected EOL']).toBe('clinicalEndOfLife')
    expect(body.sample[0]['Asset Tag']).toBe('NEW-001')
    expect(await deviceCount(hospitalId)).toBe(before)
  })

  it('imports good rows, reports bad rows with row, column and code, keeps the file and its SHA-256, and audits', async () => {
    const before = await deviceCount(hospitalId)
    const res = await h.app.inject({ method: 'POST', url: `/api/orgs/${hospitalId}/fleet/imports`, headers: as(hospital, true), payload: upload(CSV, 'inventory.csv', { saveMappingAs: 'CMMS export' }) })
    expect(res.statusCode, res.body).toBe(201)
    const report = res.json()
    expect(report).toMatchObject({ created: 3, updated: 0, unchanged: 0 })
    expect(report.rejected.map((r: { row: number; problems: { column: string; code: string }[] }) => [r.row, r.problems.map((p) => [p.column, p.code])])).toEqual([
      [4, [['IP Address', 'device_ip_invalid']]],
      [5, [['Install Date', 'device_date_invalid']]],
    ])
    expect(await deviceCount(hospitalId)).toBe(before + 3)
    const stored = await h.database.db.selectFrom('fleet_imports').select(['sha256', 'original', 'created_count']).where('id', '=', report.importId).executeTakeFirstOrThrow()
    expect(Buffer.from(stored.original).toString()).toBe(CSV)
    expect(stored.sha256).toBe(report.sha256)
    const derived = await h.app.inject({ method: 'GET', url: `/api/orgs/${hospitalId}/devices`, headers: as(hospital) })
    const devices = derived.json<{ asset_tag: string; clinical_end_of_life: string | null; stores_phi: boolean }[]>()
    expect(devices.find((d) => d.asset_tag === 'SN-SN-A5')).toBeTruthy()
    expect(devices.find((d) => d.asset_tag === 'NEW-001')).toMatchObject({ clinical_end_of_life: '2034-12-31', stores_phi: true })
    const audit = await h.database.db.selectFrom('audit_log').select(['action', 'details']).where('org_id', '=', hospitalId).where('action', '=', 'device.import').where('target_id', '=', report.importId).execute()
    expect(audit).toHaveLength(1)
    const mappings = await h.app.inject({ method: 'GET', url: `/api/orgs/${hospitalId}/fleet/mappings`, headers: as(hospital) })
    expect(mappings.json().map((m: { name: string }) => m.name)).toContain('CMMS export')
  })

  it('changes nothing when the same file is imported again', async () => {
    const res = await h.app.inject({ method: 'POST', url: `/api/orgs/${hospitalId}/fleet/imports`, headers: as(hospital, true), payload: upload(CSV, 'again.csv', { mappingName: 'CMMS export' }) })
    expect(res.statusCode, res.body).toBe(201)
    expect(res.json()).toMatchObject({ created: 0, updated: 0, unchanged: 3 })
    expect(res.json().rejected).toHaveLength(2)
  })

  it('exports CSV, XLSX and FHIR that import back unchanged', async () => {
    const total = await deviceCount(hospitalId)
    for (const format of ['csv', 'xlsx', 'fhir'] as const) {
      const exported = await h.app.inject({ method: 'GET', url: `/api/orgs/${hospitalId}/devices/export?format=${format}`, headers: as(hospital) })
      expect(exported.statusCode, format).toBe(200)
      expect(exported.headers['content-disposition']).toContain('st-example-hospital-devices-')
      const filename = format === 'fhir' ? 'back.json' : `back.${format}`
      const back = await h.app.inject({ method: 'POST', url: `/api/orgs/${hospitalId}/fleet/imports`, headers: as(hospital, true), payload: { filename, contentBase64: exported.rawPayload.toString('base64') } })
      expect(back.statusCode, back.body).toBe(201)
      expect(back.json(), format).toMatchObject({ created: 0, updated: 0, unchanged: total, rejected: [] })
    }
  })

  it('imports an XLSX workbook with date cells', async () => {
    const workbook = new ExcelJS.Workbook()
    const sheet = workbook.addWorksheet('Geräte')
    sheet.addRow(['Inventory No', 'Serial', 'Vendor', 'Model', 'Firmware', 'Modality', 'Installation Date'])
    sheet.addRow(['XL-1', 'XLS-1', 'Fabrikam Imaging', 'SonoLite 8', '8.1.0', 'US', new Date(Date.UTC(2021, 4, 17))])
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer())
    const res = await h.app.inject({ method: 'POST', url: `/api/orgs/${hospitalId}/fleet/imports`, headers: as(hospital, true), payload: upload(bytes, 'cmms.xlsx') })
    expect(res.statusCode, res.body).toBe(201)
    expect(res.json()).toMatchObject({ format: 'xlsx', created: 1, rejected: [] })
    const device = await h.database.db.selectFrom('devices').select(['install_date', 'software_version']).where('org_id', '=', hospitalId).where('asset_tag', '=', 'XL-1').executeTakeFirstOrThrow()
    expect(device).toEqual({ install_date: '2021-05-17', software_version: '8.1.0' })
  })

  it('refuses a file it cannot read, a mapping without a key, and a viewer, writing nothing', async () => {
    const before = await deviceCount(hospitalId)
    const broken = await h.app.inject({ method: 'POST', url: `/api/orgs/${hospitalId}/fleet/imports`, headers: as(hospital, true), payload: upload('a,b\n"unclosed') })
    expect(broken.statusCode).toBe(400)
    expect(broken.json().error.details.code).toBe('csv_unterminated_quote')
    const keyless = await h.app.inject({ method: 'POST', url: `/api/orgs/${hospitalId}/fleet/imports`, headers: as(hospital, true), payload: upload(CSV, 'x.csv', { mapping: { Model: 'model' } }) })
    expect(keyless.json().error.details.code).toBe('mapping_key_missing')
    const bomb = await h.app.inject({ method: 'POST', url: `/api/orgs/${hospitalId}/fleet/imports`, headers: as(hospital, true), payload: upload('PK\u0003\u0004 not a zip', 'x.xlsx') })
    expect(bomb.statusCode).toBe(400)
    expect(await deviceCount(hospitalId)).toBe(before)
  })

  it('edits a device with checked values and an audited diff', async () => {
    const list = (await h.app.inject({ method: 'GET', url: `/api/orgs/${hospitalId}/devices`, headers: as(hospital) })).json<{ id: string; asset_tag: string }[]>()
    const device = list.find((d) => d.asset_tag === 'NEW-001')!
    const bad = await h.app.inject({ method: 'PATCH', url: `/api/orgs/${hospitalId}/devices/${device.id}`, headers: as(hospital, true), payload: { vlan: '5000' } })
    expect(bad.statusCode).toBe(400)
    const good = await h.app.inject({ method: 'PATCH', url: `/api/orgs/${hospitalId}/devices/${device.id}`, headers: as(hospital, true), payload: { vlan: '120', internetExposed: 'yes', location: null } })
    expect(good.statusCode, good.body).toBe(200)
    expect(good.json()).toMatchObject({ vlan: 120, internet_exposed: true, location: null })
    const audit = await h.database.db.selectFrom('audit_log').select('details').where('action', '=', 'device.update').where('target_id', '=', device.id).executeTakeFirstOrThrow()
    expect(audit.details).toMatchObject({ changes: { vlan: { from: null, to: 120 }, location: { from: 'CT 3', to: null } } })
  })

  it('suggests product versions, confirms a link, reuses it for identical devices and shows the support gap', async () => {
    const products = (await h.app.inject({ method: 'GET', url: `/api/orgs/${acmeId}/products`, headers: as(acme) })).json<{ name: string; versions: { id: string; version: string }[] }[]>()
    const ct32 = products.find((p) => p.name === 'Acme CT 5000')!.versions.find((v) => v.version === '3.2')!
    const eos = await h.app.inject({ method: 'PUT', url: `/api/orgs/${acmeId}/product-versions/${ct32.id}/security-end-of-support`, headers: as(acme, true), payload: { date: '2029-12-31' } })
    expect(eos.statusCode, eos.body).toBe(200)
    const notMine = await h.app.inject({ method: 'PUT', url: `/api/orgs/${hospitalId}/product-versions/${ct32.id}/security-end-of-support`, headers: as(hospital, true), payload: { date: '2040-01-01' } })
    expect(notMine.statusCode).toBe(403)

    const list = (await h.app.inject({ method: 'GET', url: `/api/orgs/${hospitalId}/devices`, headers: as(hospital) })).json<{ id: string; asset_tag: string }[]>()
    const device = list.find((d) => d.asset_tag === 'NEW-001')!
    const candidates = (await h.app.inject({ method: 'GET', url: `/api/orgs/${hospitalId}/devices/${device.id}/link-candidates`, headers: as(hospital) })).json()
    expect(candidates[0]).toMatchObject({ productVersionId: ct32.id, confidence: 0.9, level: 'high' })
    const linked = await h.app.inject({ method: 'PUT', url: `/api/orgs/${hospitalId}/devices/${device.id}/link`, headers: as(hospital, true), payload: { productVersionId: ct32.id } })
    expect(linked.statusCode, linked.body).toBe(200)
    expect(linked.json().reusedFor).toEqual(expect.arrayContaining(['NEW-002', 'SEH-002', 'SEH-003']))

    const detail = (await h.app.inject({ method: 'GET', url: `/api/orgs/${hospitalId}/devices/${device.id}`, headers: as(hospital) })).json()
    expect(detail.linkedProduct).toMatchObject({ productName: 'Acme CT 5000', version: '3.2', securityEndOfSupport: '2029-12-31' })
    expect(detail.gap).toMatchObject({ kind: 'gap', gapYears: 5 })

    // A device imported later with the same manufacturer, model and version reuses the confirmed link.
    const later = await h.app.inject({ method: 'POST', url: `/api/orgs/${hospitalId}/fleet/imports`, headers: as(hospital, true), payload: upload('Asset Tag,Manufacturer,Model,Software Version\nNEW-009,ACME IMAGING,Acme CT-5000,v3.2.0\n') })
    expect(later.json()).toMatchObject({ created: 1, linksReused: 1 })

    const summary = (await h.app.inject({ method: 'GET', url: `/api/orgs/${hospitalId}/fleet/lifecycle`, headers: as(hospital) })).json()
    // The demo seed links five devices (two confirmed, three reused) and gives them clinical end-of-life dates.
    expect(summary.linked).toBe(10)
    expect(summary.withGap).toBe(7)
    expect(summary.bySupport.ended).toBeGreaterThanOrEqual(3)
  })

  it('does not offer products that are not TLP:CLEAR or GREEN', async () => {
    const secret = await h.app.inject({ method: 'POST', url: `/api/orgs/${acmeId}/products`, headers: as(acme, true), payload: { name: 'Acme CT 5000 Secret', modelNumber: 'ACT-5000', tlp: 'AMBER', versions: ['3.2'] } })
    expect(secret.statusCode).toBe(201)
    const list = (await h.app.inject({ method: 'GET', url: `/api/orgs/${hospitalId}/devices`, headers: as(hospital) })).json<{ id: string; asset_tag: string }[]>()
    const device = list.find((d) => d.asset_tag === 'NEW-001')!
    const candidates = (await h.app.inject({ method: 'GET', url: `/api/orgs/${hospitalId}/devices/${device.id}/link-candidates`, headers: as(hospital) })).json<{ productName: string }[]>()
    expect(candidates.map((c) => c.productName)).not.toContain('Acme CT 5000 Secret')
    const version = secret.json<{ versions: { id: string }[] }>().versions[0]!.id
    const link = await h.app.inject({ method: 'PUT', url: `/api/orgs/${hospitalId}/devices/${device.id}/link`, headers: as(hospital, true), payload: { productVersionId: version } })
    expect(link.statusCode).toBe(404)
  })
})
