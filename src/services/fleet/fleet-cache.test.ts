import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openTestDatabase, testEngines } from '../../../test/support/database.js'
import type { OpenDatabase } from '../../store/database.js'
import { kbRepository } from '../../store/repositories/kb.js'
import { fleetRiskRepository } from '../../store/repositories/fleet-risk.js'
import { listAffected } from '../affected/list-affected.js'
import type { OrgContext } from '../context.js'
import { seedDemo } from '../demo/seed-demo.js'
import { decideFinding } from '../findings/decide.js'
import { ensureOrganization, systemContext } from '../system-admin.js'
import { fleetDashboard } from './fleet-dashboard.js'
import { getDeviceRisk } from './get-device-risk.js'
import { importDevices } from './import-devices.js'
import { lifecyclePlan } from './lifecycle-plan.js'
import { listDeviceRisks } from './list-device-risks.js'
import { addRiskControl } from './risk-controls.js'
import { updateDevice } from './update-device.js'

async function contextOf(database: OpenDatabase, slug: string): Promise<OrgContext> {
  const opened = await systemContext(database.db, slug)
  if (!opened.ok) throw new Error(opened.error.message)
  return opened.value
}

// The cached fleet views (ADR 0095) against what an uncached computation says: the device page (getDeviceRisk with
// a device id) assesses one device from scratch on every call, so it is the oracle for the cached listing.
describe.each(testEngines)('fleet view cache and its invalidation on %s', (engine) => {
  let database: OpenDatabase
  let hospital: OrgContext
  let manufacturer: OrgContext
  let other: OrgContext
  let seh001: string

  /** SEH-001's score in the cached listing, checked against the uncached device page. */
  const cachedScore = async (): Promise<number> => {
    const page = await listDeviceRisks(hospital, { limit: 1000 })
    if (!page.ok) throw new Error(page.error.message)
    const row = page.value.devices.find((d) => d.id === seh001)
    const fresh = await getDeviceRisk(hospital, seh001)
    if (!fresh.ok) throw new Error(fresh.error.message)
    expect(row?.score, 'cached listing vs uncached device page').toBe(fresh.value.breakdown.score)
    return row!.score
  }
  const dashboardOf = async (ctx: OrgContext) => {
    const result = await fleetDashboard(ctx)
    if (!result.ok) throw new Error(result.error.message)
    return result.value
  }

  beforeAll(async () => {
    database = await openTestDatabase(engine)
    await seedDemo(database.db)
    hospital = await contextOf(database, 'st-example-hospital')
    manufacturer = await contextOf(database, 'acme-imaging')
    await ensureOrganization(database.db, { name: 'Other Hospital', kind: 'hdo', slug: 'other-hospital' })
    other = await contextOf(database, 'other-hospital')
    seh001 = (await database.db.selectFrom('devices').select('id').where('org_id', '=', hospital.org.id).where('asset_tag', '=', 'SEH-001').executeTakeFirstOrThrow()).id
    // The other hospital has a device with the same asset tag, model and a serial in the demo advisory's range.
    const csv = 'Asset Tag,Serial Number,Manufacturer,Model,Software Version,Modality\nSEH-001,CT5-2023-9999,Acme Imaging,Acme CT 5000,3.1,CT\nOTH-002,X1,Fabrikam Imaging,SonoLite 8,8.1.0,US\n'
    const imported = await importDevices(other, { filename: 'other.csv', bytes: new TextEncoder().encode(csv) })
    if (!imported.ok) throw new Error(imported.error.message)
  })
  afterAll(() => database?.close())

  it('answers from the cache while nothing changed (the same computed dashboard)', async () => {
    const first = await dashboardOf(hospital)
    expect(await dashboardOf(hospital)).toBe(first)
    const plan = await lifecyclePlan(hospital)
    const again = await lifecyclePlan(hospital)
    expect(plan.ok && again.ok && again.value === plan.value).toBe(true)
  })

  it('changes the score when a finding arrives and when the manufacturer triages it', async () => {
    const before = await cachedScore()
    const version = await database.db
      .selectFrom('devices')
      .innerJoin('product_versions', 'product_versions.id', 'devices.product_version_id')
      .select(['product_versions.id as id'])
      .where('devices.id', '=', seh001)
      .executeTakeFirstOrThrow()
    const revision = await database.db.selectFrom('sbom_revisions').select('id').where('product_version_id', '=', version.id).orderBy('revision', 'desc').executeTakeFirstOrThrow()
    const component = await database.db.selectFrom('sbom_components').select(['id', 'bom_ref', 'name', 'version', 'purl']).where('revision_id', '=', revision.id).limit(1).executeTakeFirstOrThrow()
    const findingId = randomUUID()
    const now = new Date()
    // Written as the matching engine writes it, straight into the table: the triggers, not the services, invalidate.
    await database.db
      .insertInto('findings')
      .values({
        id: findingId, org_id: manufacturer.org.id, product_version_id: version.id, revision_id: revision.id, component_id: component.id, component_key: component.purl ?? component.name,
        component_ref: component.bom_ref, component_name: component.name, component_version: component.version, component_purl: component.purl, component_cpe: null, package_id: null,
        vulnerability_id: 'CVE-2099-4242', aliases: '[]', source: 'test', source_id: 'CVE-2099-4242', match_kind: 'purl', range: 'vers:generic/*', source_status: 'affected',
        reason: JSON.stringify([{ source: 'test', sourceId: 'CVE-2099-4242', kind: 'purl', range: '', confidence: 'high', guards: [], reason: 'test', cvss: { score: 10, severity: 'critical', vector: '', source: 'test' }, kev: { dateAdded: '2026-01-01', dueDate: null }, epss: null }]),
        confidence: 'high', status: 'present', first_seen: now, last_seen: now, resolved_at: null,
      })
      .execute()
    const withFinding = await cachedScore()
    expect(withFinding).toBeGreaterThan(before)
    const decided = await decideFinding(manufacturer, findingId, 'product_version', { state: 'not_affected', justification: 'vulnerable_code_not_in_execute_path' })
    expect(decided.ok, JSON.stringify(decided)).toBe(true)
    expect(await cachedScore()).toBe(before)
  })

  it('changes the score when the device is edited and when a control is added', async () => {
    const before = await cachedScore()
    const edited = await updateDevice(hospital, seh001, { criticality: 'low' })
    expect(edited.ok, JSON.stringify(edited)).toBe(true)
    const lower = await cachedScore()
    expect(lower).toBeLessThan(before)
    const entry = (await fleetRiskRepository.listEntries(database.db, hospital.scope)).find((e) => e.device_id === seh001)
    expect(entry, 'the demo register has an entry on SEH-001').toBeDefined()
    const control = await addRiskControl(hospital, entry!.id, { kind: 'segmentation', description: 'CT consoles on their own VLAN' })
    expect(control.ok, JSON.stringify(control)).toBe(true)
    expect(await cachedScore()).toBeLessThan(lower)
  })

  it('changes the score when a KEV entry arrives for a vulnerability of the device', async () => {
    const risk = await getDeviceRisk(hospital, seh001)
    if (!risk.ok) throw new Error(risk.error.message)
    expect(risk.value.vulnerabilities.find((v) => v.vulnerabilityId === 'CVE-2021-44228')).toMatchObject({ kev: false })
    const before = await cachedScore()
    await kbRepository.storeKev(database.db, [{ kind: 'kev', cveId: 'CVE-2021-44228', vendorProject: 'Apache', product: 'Log4j2', name: 'Log4Shell', dateAdded: '2021-12-10', dueDate: '2021-12-24', requiredAction: 'Apply updates.', knownRansomwareCampaignUse: 'Known', notes: null }], 'test', new Date())
    expect(await cachedScore()).toBeGreaterThan(before)
  })

  it('keeps organizations apart: each sees only its devices, and one organization\'s write leaves the other\'s cache alone', async () => {
    const mine = await listDeviceRisks(hospital, { limit: 1000 })
    const theirs = await listDeviceRisks(other, { limit: 1000 })
    if (!mine.ok || !theirs.ok) throw new Error('listing failed')
    const ids = async (ctx: OrgContext) => new Set((await database.db.selectFrom('devices').select('id').where('org_id', '=', ctx.org.id).execute()).map((r) => r.id))
    const [mineIds, theirIds] = [await ids(hospital), await ids(other)]
    expect(mine.value.total).toBe(25)
    expect(mine.value.devices.every((d) => mineIds.has(d.id))).toBe(true)
    expect(theirs.value.total).toBe(2)
    expect(theirs.value.devices.every((d) => theirIds.has(d.id))).toBe(true)
    const theirAffected = await listAffected(other)
    const myAffected = await listAffected(hospital)
    if (!theirAffected.ok || !myAffected.ok) throw new Error('affected failed')
    expect(theirAffected.value.map((e) => `${e.device.assetTag} ${e.advisory} ${e.status}`)).toEqual(['SEH-001 ACME-SA-2026-001 known_affected'])
    expect(theirAffected.value.every((e) => theirIds.has(e.device.id))).toBe(true)
    expect(myAffected.value.every((e) => mineIds.has(e.device.id))).toBe(true)

    const myDashboard = await dashboardOf(hospital)
    const theirDashboard = await dashboardOf(other)
    expect(theirDashboard.devices).toBe(2)
    const theirSeh = theirs.value.devices.find((d) => d.assetTag === 'SEH-001')!
    const edited = await updateDevice(other, theirSeh.id, { status: 'retired' })
    expect(edited.ok, JSON.stringify(edited)).toBe(true)
    expect(await dashboardOf(hospital), 'another organization\'s device edit keeps this cache').toBe(myDashboard)
    const after = await dashboardOf(other)
    expect(after).not.toBe(theirDashboard)
    expect(after.devices).toBe(1)
  })

  it('pages, filters and orders the cached listing exactly as the whole listing', async () => {
    const all = await listDeviceRisks(hospital, { limit: 1000 })
    if (!all.ok) throw new Error(all.error.message)
    const rows = all.value.devices
    for (let i = 1; i < rows.length; i++) {
      const [a, b] = [rows[i - 1]!, rows[i]!]
      expect(a.score > b.score || (a.score === b.score && a.assetTag.localeCompare(b.assetTag) < 0), `${a.assetTag} before ${b.assetTag}`).toBe(true)
    }
    const pages: string[] = []
    for (let offset = 0; offset < all.value.total; offset += 7) {
      const page = await listDeviceRisks(hospital, { limit: 7, offset })
      if (!page.ok) throw new Error(page.error.message)
      expect(page.value.total).toBe(all.value.total)
      pages.push(...page.value.devices.map((d) => d.id))
    }
    expect(pages).toEqual(rows.map((d) => d.id))
    const level = rows[0]!.level
    const byLevel = await listDeviceRisks(hospital, { level, limit: 1000 })
    const ct = await listDeviceRisks(hospital, { modality: 'CT', limit: 1000 })
    if (!byLevel.ok || !ct.ok) throw new Error('filtered listing failed')
    expect(byLevel.value.devices.map((d) => d.id)).toEqual(rows.filter((d) => d.level === level).map((d) => d.id))
    expect(ct.value.devices.map((d) => d.id)).toEqual(rows.filter((d) => d.modality === 'CT').map((d) => d.id))
    expect(ct.value.total).toBeGreaterThan(0)
  })
})
