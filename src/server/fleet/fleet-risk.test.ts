import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { as, startHarness, type ApiHarness, type TestSession } from '../../../test/support/api-harness.js'
import { testEngines } from '../../../test/support/database.js'
import { alertRiskAcceptances } from '../../services/fleet/alert-risk-acceptances.js'
import { today } from '../../services/fleet/get-device.js'
import { formatIsoDate, parseIsoDate } from '../../domain/risk/calendar.js'
import { controlsFactor, type ControlKind } from '../../domain/risk/device-risk.js'

const inDays = (days: number): string => {
  const t = parseIsoDate(today())
  if (!t.ok) throw new Error('today')
  return formatIsoDate(t.value + days)
}

interface Breakdown {
  score: number
  level: string
  technical: { value: number; driver: { vulnerabilityId: string } | null; counted: number }
  criticality: { factor: number }
  exposure: { factor: number }
  support: { factor: number; ended: boolean }
  controls: { kinds: ControlKind[]; factor: number }
  formula: string
}

describe.each(testEngines)('fleet risk, register and lifecycle plan API on %s', (engine) => {
  let h: ApiHarness
  let hospital: TestSession
  let hospitalId: string
  let seh001: string

  beforeAll(async () => {
    h = await startHarness(engine)
    hospital = await h.login('admin@st-example.example')
    hospitalId = await h.orgId('st-example-hospital')
    const db = h.database.db
    seh001 = (await db.selectFrom('devices').select('id').where('org_id', '=', hospitalId).where('asset_tag', '=', 'SEH-001').executeTakeFirstOrThrow()).id
    // A finding on the Acme CT 5000 3.1 SBOM (the version SEH-001 is linked to), as the matching engine stores it.
    const version = await db
      .selectFrom('product_versions')
      .innerJoin('products', 'products.id', 'product_versions.product_id')
      .select(['product_versions.id as id', 'product_versions.org_id as orgId'])
      .where('products.name', '=', 'Acme CT 5000')
      .where('product_versions.version', '=', '3.1')
      .executeTakeFirstOrThrow()
    const revision = await db.selectFrom('sbom_revisions').select('id').where('product_version_id', '=', version.id).orderBy('revision', 'desc').executeTakeFirstOrThrow()
    const component = await db.selectFrom('sbom_components').select(['id', 'bom_ref', 'name', 'version', 'purl']).where('revision_id', '=', revision.id).where('name', '=', 'log4j-core').executeTakeFirstOrThrow()
    const now = new Date()
    const finding = (vulnerabilityId: string, score: number, kev: boolean, epss: number) => ({
      id: crypto.randomUUID(),
      org_id: version.orgId,
      product_version_id: version.id,
      revision_id: revision.id,
      component_id: component.id,
      component_key: component.purl ?? component.name,
      component_ref: component.bom_ref,
      component_name: component.name,
      component_version: component.version,
      component_purl: component.purl,
      component_cpe: null,
      package_id: 'pkg:maven/org.apache.logging.log4j/log4j-core',
      vulnerability_id: vulnerabilityId,
      aliases: JSON.stringify([]),
      source: 'test',
      source_id: vulnerabilityId,
      match_kind: 'purl' as const,
      range: 'vers:maven/<2.15.0',
      source_status: 'affected',
      reason: JSON.stringify([{ source: 'test', sourceId: vulnerabilityId, kind: 'purl', range: 'vers:maven/<2.15.0', confidence: 'high', guards: [], reason: 'test', cvss: { score, severity: 'critical', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H', source: 'test' }, kev: kev ? { dateAdded: '2021-12-10', dueDate: null } : null, epss: { score: epss, percentile: 0.99, date: null } }]),
      confidence: 'high' as const,
      status: 'present' as const,
      first_seen: now,
      last_seen: now,
      resolved_at: null,
    })
    await db.insertInto('findings').values([finding('CVE-2021-44228', 10, true, 0.97), finding('CVE-2021-45046', 9, false, 0.5)]).execute()
  })
  afterAll(() => h?.close())

  const get = async <T>(url: string): Promise<T> => {
    const res = await h.app.inject({ method: 'GET', url, headers: as(hospital) })
    expect(res.statusCode, res.body).toBe(200)
    return res.json<T>()
  }
  const send = (method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown) => h.app.inject({ method, url, headers: as(hospital, true), ...(payload === undefined ? {} : { payload: payload as object }) })

  it('scores a device from its linked version findings and shows every factor', async () => {
    const risk = await get<{ breakdown: Breakdown; vulnerabilities: { vulnerabilityId: string; status: string }[]; endOfSupport: { kind: string; date: string }; support: string; suggestion: unknown }>(`/api/orgs/${hospitalId}/devices/${seh001}/risk`)
    expect(risk.vulnerabilities.map((v) => v.vulnerabilityId)).toEqual(['CVE-2021-44228', 'CVE-2021-45046'])
    const b = risk.breakdown
    expect(b.technical).toMatchObject({ value: 10, counted: 2, driver: { vulnerabilityId: 'CVE-2021-44228' } })
    expect(risk.endOfSupport).toEqual({ kind: 'declared', date: '2026-06-30' })
    expect(b.support).toEqual({ ended: today() > '2026-06-30', factor: today() > '2026-06-30' ? 1.15 : 1 })
    // The demo register's entry on SEH-001 records application allow-listing.
    expect(b.controls.kinds).toEqual(['allow_listing'])
    const expected = Math.round(Math.min(100, 5 * 10 * b.criticality.factor * b.exposure.factor * b.support.factor * b.controls.factor) * 10) / 10
    expect(b.score).toBe(expected)
    expect(b.formula).toContain(`= ${expected}`)
  })

  it('lists devices by score and summarises the fleet on the dashboard', async () => {
    const page = await get<{ total: number; devices: { assetTag: string; score: number; level: string }[] }>(`/api/orgs/${hospitalId}/fleet/risk?limit=5`)
    expect(page.total).toBe(25)
    expect(page.devices).toHaveLength(5)
    expect(page.devices[0]!.score).toBeGreaterThan(0)
    expect(page.devices.map((d) => d.score)).toEqual([...page.devices.map((d) => d.score)].sort((a, b) => b - a))
    expect(page.devices.map((d) => d.assetTag)).toContain('SEH-001')
    const dashboard = await get<{ devices: number; byModality: { modality: string; devices: number }[]; riskDistribution: Record<string, number>; cliff: { years: number[]; modalities: string[] } }>(`/api/orgs/${hospitalId}/fleet/dashboard`)
    expect(dashboard.devices).toBe(25)
    expect(dashboard.byModality.reduce((n, m) => n + m.devices, 0)).toBe(25)
    expect(Object.values(dashboard.riskDistribution).reduce((n, c) => n + c, 0)).toBe(25)
    expect(dashboard.riskDistribution.none).toBeLessThan(25)
    expect(dashboard.cliff.years).toContain(2026)
  })

  it('keeps a register: a group entry with a control lowers the score, acceptance needs an owner and an expiry, and expiry alerts once', async () => {
    const before = (await get<{ breakdown: Breakdown }>(`/api/orgs/${hospitalId}/devices/${seh001}/risk`)).breakdown
    const created = await send('POST', `/api/orgs/${hospitalId}/fleet/risk-register`, { title: 'Log4Shell on CT consoles', group: { modality: 'CT', model: 'acme ct 5000' }, likelihood: 'very-high', impact: 'high', residualLikelihood: 'low' })
    expect(created.statusCode, created.body).toBe(201)
    const entry = created.json<{ id: string; risk: { inherent: string; residual: string }; scope: { kind: string } }>()
    expect(entry.risk).toEqual({ inherent: 'high', residual: 'low' })
    const control = await send('POST', `/api/orgs/${hospitalId}/fleet/risk-register/${entry.id}/controls`, { kind: 'segmentation', description: 'VLAN 40; only PACS reaches port 104' })
    expect(control.statusCode, control.body).toBe(201)
    const after = (await get<{ breakdown: Breakdown; entries: { id: string }[] }>(`/api/orgs/${hospitalId}/devices/${seh001}/risk`))
    expect(after.breakdown.controls.kinds).toEqual([...before.controls.kinds, 'segmentation'].sort())
    expect(after.breakdown.controls.factor).toBe(controlsFactor([...before.controls.kinds, 'segmentation']))
    expect(after.breakdown.score).toBeLessThan(before.score)
    expect(after.breakdown.score).toBe(Math.round(Math.min(100, 5 * before.technical.value * before.criticality.factor * before.exposure.factor * before.support.factor * after.breakdown.controls.factor) * 10) / 10)
    expect(after.entries.map((e) => e.id)).toContain(entry.id)

    const noOwner = await send('POST', `/api/orgs/${hospitalId}/fleet/risk-register/${entry.id}/acceptance`, { owner: ' ', expires: inDays(10), rationale: 'segmented' })
    expect(noOwner.statusCode).toBe(400)
    expect(noOwner.json().error.details.code).toBe('risk_acceptance_invalid')
    const past = await send('POST', `/api/orgs/${hospitalId}/fleet/risk-register/${entry.id}/acceptance`, { owner: 'Head of Radiology', expires: today(), rationale: 'segmented' })
    expect(past.json().error.details.code).toBe('risk_acceptance_expiry_invalid')
    const accepted = await send('POST', `/api/orgs/${hospitalId}/fleet/risk-register/${entry.id}/acceptance`, { owner: 'Head of Radiology', expires: inDays(10), rationale: 'Segmented; replacement budgeted' })
    expect(accepted.statusCode, accepted.body).toBe(200)

    const register = await get<{ entries: { id: string; title: string; acceptance: { state: { kind: string } }; scope: { devices: number }; controls: unknown[] }[]; summary: { expiring: number } }>(`/api/orgs/${hospitalId}/fleet/risk-register`)
    // The demo seeds three entries: PACS viewers (accepted, expiring), the SEH-001 console (mitigating), ultrasound (accepted).
    expect(register.entries.map((e) => e.title)).toContain('PACS viewers past security end of support')
    const listed = register.entries.find((e) => e.id === entry.id)!
    expect(listed.acceptance.state).toEqual({ kind: 'expiring', daysLeft: 10 })
    expect(listed.scope.devices).toBeGreaterThan(0)
    expect(listed.controls).toHaveLength(1)
    expect(register.summary.expiring).toBeGreaterThanOrEqual(1)

    const first = await alertRiskAcceptances(h.database.db)
    const pacs = register.entries.find((e) => e.title === 'PACS viewers past security end of support')!
    expect(first.ok && first.value.alerted.map((a) => a.entryId).sort()).toEqual([entry.id, pacs.id].sort())
    const second = await alertRiskAcceptances(h.database.db)
    expect(second.ok && second.value.alerted.map((a) => a.entryId)).not.toContain(entry.id)
    const notifications = await get<{ items: { title: string; link: string | null }[] }>(`/api/orgs/${hospitalId}/notifications`)
    expect(notifications.items.filter((n) => n.title.includes('Log4Shell on CT consoles'))).toHaveLength(1)
    const audit = await h.database.db.selectFrom('audit_log').select('action').where('org_id', '=', hospitalId).where('target_id', '=', entry.id).orderBy('seq').execute()
    expect(audit.map((a) => a.action)).toEqual(['fleet.risk_entry_create', 'fleet.risk_control_add', 'fleet.risk_accept', 'fleet.risk_acceptance_alert'])

    const closed = await send('PATCH', `/api/orgs/${hospitalId}/fleet/risk-register/${entry.id}`, { status: 'closed' })
    expect(closed.statusCode, closed.body).toBe(200)
    expect((await get<{ breakdown: Breakdown }>(`/api/orgs/${hospitalId}/devices/${seh001}/risk`)).breakdown.controls.kinds).toEqual(before.controls.kinds)
  })

  it('records patch status and refuses unknown ones', async () => {
    const bad = await send('PUT', `/api/orgs/${hospitalId}/devices/${seh001}/patch-status`, { status: 'maybe' })
    expect(bad.statusCode).toBe(400)
    const ok = await send('PUT', `/api/orgs/${hospitalId}/devices/${seh001}/patch-status`, { status: 'update_pending', note: 'vendor visit booked' })
    expect(ok.statusCode, ok.body).toBe(200)
    expect((await get<{ patch: { status: string; note: string } }>(`/api/orgs/${hospitalId}/devices/${seh001}/risk`)).patch).toMatchObject({ status: 'update_pending', note: 'vendor visit booked' })
  })

  it('plans upgrades and replacements per year and exports CSV, XLSX and PDF', async () => {
    await send('PATCH', `/api/orgs/${hospitalId}/devices/${seh001}`, { replacementCost: '1,250,000' })
    const result = await get<{ plan: { items: { assetTag: string; action: string; cost: number | null; endOfSupportBasis: string }[]; years: { year: number }[] }; cliff: { years: number[] }; window: { withWindow: number } }>(`/api/orgs/${hospitalId}/fleet/lifecycle/plan`)
    const item = result.plan.items.find((i) => i.assetTag === 'SEH-001')!
    // CT 3.1 support ends 2026-06-30; version 3.2's SBOM puts its operating system's end of support at 2029-01-09: an upgrade exists.
    expect(item).toMatchObject({ action: 'upgrade', endOfSupportBasis: 'declared', cost: null })
    expect(result.window.withWindow).toBeGreaterThan(0)
    expect(result.cliff.years.length).toBeGreaterThan(0)

    const csv = await h.app.inject({ method: 'GET', url: `/api/orgs/${hospitalId}/fleet/lifecycle/plan/export?format=csv`, headers: as(hospital) })
    expect(csv.statusCode).toBe(200)
    expect(csv.headers['content-type']).toContain('text/csv')
    expect(csv.headers['x-tlp']).toBe('TLP:AMBER+STRICT')
    const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n')
    expect(lines[0]).toBe('Year,Action,Due date,Overdue,Asset tag,Modality,Manufacturer,Model,Software version,Security end of support,End of support basis,Clinical end of life,Replacement cost,Reason')
    expect(lines).toHaveLength(result.plan.items.length + 1)
    const xlsx = await h.app.inject({ method: 'GET', url: `/api/orgs/${hospitalId}/fleet/lifecycle/plan/export?format=xlsx`, headers: as(hospital) })
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer)
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Plan by year', 'Devices', 'End-of-support cliff'])
    expect(workbook.getWorksheet('Devices')!.rowCount).toBe(result.plan.items.length + 1)
    const pdf = await h.app.inject({ method: 'GET', url: `/api/orgs/${hospitalId}/fleet/lifecycle/plan/export?format=pdf`, headers: as(hospital) })
    expect(pdf.headers['content-type']).toBe('application/pdf')
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-')
  })

  it('derives end of support from the SBOM when the manufacturer declared none', async () => {
    const db = h.database.db
    const v32 = await db
      .selectFrom('product_versions')
      .innerJoin('products', 'products.id', 'product_versions.product_id')
      .select('product_versions.id as id')
      .where('products.name', '=', 'Acme CT 5000')
      .where('product_versions.version', '=', '3.2')
      .executeTakeFirstOrThrow()
    const device = await db.selectFrom('devices').select('id').where('org_id', '=', hospitalId).where('asset_tag', '=', 'SEH-002').executeTakeFirstOrThrow()
    await db.updateTable('devices').set({ product_version_id: v32.id, link_source: 'confirmed' }).where('id', '=', device.id).execute()
    const risk = await get<{ endOfSupport: unknown }>(`/api/orgs/${hospitalId}/devices/${device.id}/risk`)
    expect(risk.endOfSupport).toEqual({ kind: 'derived', date: '2029-01-09', component: { type: 'operating-system', name: 'Windows 10 IoT Enterprise LTSC 2019', version: '10.0.17763' } })
    const summary = await get<{ derived: number }>(`/api/orgs/${hospitalId}/fleet/lifecycle`)
    expect(summary.derived).toBeGreaterThanOrEqual(1)
  })
})
