import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AffectedEntry } from '../../domain/affected/index.js'
import type { OpenDatabase } from '../../store/database.js'
import { openTestDatabase, testEngines } from '../../../test/support/database.js'
import type { OrgContext } from '../context.js'
import { importDevices } from '../fleet/import-devices.js'
import { updateDevice } from '../fleet/update-device.js'
import { importKb } from '../kb/import-kb.js'
import { ensureOrganization, systemContext } from '../system-admin.js'
import { deviceVulnerabilities } from './device-vulnerabilities.js'
import { listAffected } from './list-affected.js'

const testdata = join(import.meta.dirname, 'testdata')

// Our own CSAF 2.0 fixtures in the style of CISA's ICSMA advisories (vendor name variants, ranges in free text,
// vers ranges, a not-affected product, serial numbers), and a CMMS export naming the vendors differently.
const EXPECTED: readonly string[] = [
  'HX-001 ICSMA-26-064-01 CVE-2026-10001 known_affected 1 vendor,product_name,version_range',
  'HX-002 ICSMA-26-064-01 CVE-2026-10001 known_affected 1 vendor,product_name,version_range',
  'HX-006 ICSMA-26-064-01 CVE-2026-10001 known_affected 1 vendor,product_name,version_range',
  'HX-009 ICSMA-26-071-02 CVE-2026-20002 known_affected 0.81 vendor,short_name,all_versions',
  'HX-010 ICSMA-26-071-02 CVE-2026-20002 known_affected 1 vendor,product_name,version_range',
  'HX-009 ICSMA-26-071-02 CVE-2026-20003 known_affected 0.81 vendor,short_name,all_versions',
  'HX-014 ICSMA-26-080-03 CVE-2026-30004 known_affected 1 vendor,product_name,version_range',
  'HX-016 ICSMA-26-080-03 CVE-2026-30004 known_affected 0.9 vendor,product_name,serial_number,all_versions',
  'HX-020 ICSMA-26-064-01 CVE-2026-10001 under_investigation 0.4 vendor,product_name',
  'HX-013 ICSMA-26-071-02 CVE-2026-20002 under_investigation 0.4 vendor,product_name',
  'HX-003 ICSMA-26-064-01 CVE-2026-10001 fixed 1 vendor,product_name,version',
]

function line(e: AffectedEntry): string {
  return `${e.device.assetTag} ${e.advisory} ${e.vulnerability} ${e.status} ${e.confidence} ${e.matchedOn.join(',')}`
}

describe.each(testEngines)('affected devices from imported CSAF advisories on %s', (engine) => {
  let database: OpenDatabase
  let ctx: OrgContext

  beforeAll(async () => {
    database = await openTestDatabase(engine)
    await ensureOrganization(database.db, { name: 'Harbour Hospital', kind: 'hdo', slug: 'harbour' })
    const opened = await systemContext(database.db, 'harbour')
    if (!opened.ok) throw new Error(opened.error.message)
    ctx = opened.value
    const imported = await importDevices(ctx, { filename: 'devices.csv', bytes: new Uint8Array(readFileSync(join(testdata, 'devices.csv'))) })
    if (!imported.ok) throw new Error(imported.error.message)
    expect(imported.value).toMatchObject({ created: 20, rejected: [] })
    const kb = await importKb(database.db, join(testdata, 'csaf'))
    if (!kb.ok) throw new Error(kb.error.message)
    expect(kb.value).toMatchObject({ documents: 3, records: 4 })
  })
  afterAll(() => database?.close())

  it('lists exactly the expected (device, vulnerability) lines, most urgent first; not-affected hidden', async () => {
    const result = await listAffected(ctx)
    if (!result.ok) throw new Error(result.error.message)
    expect(result.value.map(line)).toEqual(EXPECTED)
  })

  it('never names the non-hits: outside-range versions, other vendors, similar models, other serials', async () => {
    const result = await listAffected(ctx, { includeNotAffected: true })
    if (!result.ok) throw new Error(result.error.message)
    const named = new Set(result.value.map((e) => e.device.assetTag))
    const nonHits = ['HX-004', 'HX-005', 'HX-007', 'HX-008', 'HX-011', 'HX-015', 'HX-017', 'HX-018', 'HX-019']
    expect(nonHits.filter((tag) => named.has(tag))).toEqual([])
    expect(result.value.length).toBe(EXPECTED.length + 1)
  })

  it('shows the not-affected product with its status when asked', async () => {
    const result = await listAffected(ctx, { includeNotAffected: true, advisory: 'icsma-26-071-02' })
    if (!result.ok) throw new Error(result.error.message)
    expect(result.value.map(line)).toEqual([
      'HX-009 ICSMA-26-071-02 CVE-2026-20002 known_affected 0.81 vendor,short_name,all_versions',
      'HX-010 ICSMA-26-071-02 CVE-2026-20002 known_affected 1 vendor,product_name,version_range',
      'HX-009 ICSMA-26-071-02 CVE-2026-20003 known_affected 0.81 vendor,short_name,all_versions',
      'HX-013 ICSMA-26-071-02 CVE-2026-20002 under_investigation 0.4 vendor,product_name',
      'HX-012 ICSMA-26-071-02 CVE-2026-20002 known_not_affected 0.9 vendor,product_name,all_versions',
    ])
  })

  it('filters by vulnerability, status and confidence', async () => {
    const byCve = await listAffected(ctx, { vulnerability: 'cve-2026-30004' })
    expect(byCve.ok && byCve.value.map((e) => e.device.assetTag)).toEqual(['HX-014', 'HX-016'])
    const sure = await listAffected(ctx, { minConfidence: 0.9, statuses: ['known_affected'] })
    expect(sure.ok && sure.value.map((e) => e.device.assetTag)).toEqual(['HX-001', 'HX-002', 'HX-006', 'HX-010', 'HX-014', 'HX-016'])
    const unknown = await listAffected(ctx, { advisory: 'ICSMA-00-000-00' })
    expect(unknown.ok ? 'ok' : unknown.error.code).toBe('not_found')
  })

  it("gives each device its vulnerabilities with the manufacturer's remediations and guidance", async () => {
    const device = await database.db.selectFrom('devices').select('id').where('asset_tag', '=', 'HX-001').executeTakeFirstOrThrow()
    const result = await deviceVulnerabilities(ctx, device.id)
    if (!result.ok) throw new Error(result.error.message)
    expect(result.value).toHaveLength(1)
    const [entry] = result.value
    expect(entry).toMatchObject({
      device: { assetTag: 'HX-001', serialNumber: 'GE-RCT-1001', manufacturer: 'General Electric (GE)', model: 'REVOLUTION-CT', softwareVersion: '3.50' },
      advisoryTitle: 'Use of Hard-coded Credentials',
      source: 'csaf_advisory',
      guidance: 'The service interface uses a hard-coded password.',
      cvss: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
      remediations: [
        { category: 'vendor_fix', details: 'Update Revolution CT to software 3.70 or later.', url: 'https://example.org/ge/revolution-ct' },
        { category: 'mitigation', details: 'Restrict network access to the scanner to the imaging VLAN.', url: null },
      ],
    })
    expect(entry?.reasons.join(' | ')).toMatch(/General Electric \(GE\).*3\.50 is within <=3\.64/)
    const fixedDevice = await database.db.selectFrom('devices').select('id').where('asset_tag', '=', 'HX-003').executeTakeFirstOrThrow()
    const fixed = await deviceVulnerabilities(ctx, fixedDevice.id)
    expect(fixed.ok && fixed.value.map((e) => [e.status, e.remediations.length])).toEqual([['fixed', 0]])
    expect((await deviceVulnerabilities(ctx, '00000000-0000-0000-0000-000000000000')).ok).toBe(false)
    expect((await deviceVulnerabilities(ctx, 'not-a-uuid')).ok).toBe(false)
  })

  it('follows a device edit and a new advisory: the cached lines are replaced, not served stale', async () => {
    const lines = async (filter: Parameters<typeof listAffected>[1] = {}) => {
      const result = await listAffected(ctx, filter)
      if (!result.ok) throw new Error(result.error.message)
      return result.value.map(line)
    }
    expect(await lines()).toEqual(EXPECTED)
    const device = await database.db.selectFrom('devices').select('id').where('asset_tag', '=', 'HX-001').executeTakeFirstOrThrow()
    // 3.65 lies outside the advisory's <=3.64: the line must go, then come back with the old version.
    expect((await updateDevice(ctx, device.id, { softwareVersion: '3.65' })).ok).toBe(true)
    expect(await lines()).toEqual(EXPECTED.filter((l) => !l.startsWith('HX-001 ')))
    expect(await lines({ advisory: 'ICSMA-26-064-01' })).not.toContain(EXPECTED[0])
    expect((await updateDevice(ctx, device.id, { softwareVersion: '3.50' })).ok).toBe(true)
    expect(await lines()).toEqual(EXPECTED)
    // A KB import of another advisory naming the same product adds its line at once.
    const document = JSON.parse(readFileSync(join(testdata, 'csaf', 'icsma-26-064-01.json'), 'utf8')) as { document: { tracking: { id: string } }; vulnerabilities: { cve: string }[] }
    document.document.tracking.id = 'ICSMA-26-999-09'
    document.vulnerabilities[0]!.cve = 'CVE-2026-99999'
    const folder = mkdtempSync(join(tmpdir(), 'medsec-affected-'))
    writeFileSync(join(folder, 'icsma-26-999-09.json'), JSON.stringify(document))
    const imported = await importKb(database.db, folder)
    rmSync(folder, { recursive: true, force: true })
    if (!imported.ok) throw new Error(imported.error.message)
    expect(await lines({ advisory: 'ICSMA-26-999-09' })).toContain('HX-001 ICSMA-26-999-09 CVE-2026-99999 known_affected 1 vendor,product_name,version_range')
  })
})
