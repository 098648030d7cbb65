import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openTestDatabase } from '../../../test/support/database.js'
import { testdataPath } from '../../../test/support/testdata.js'
import type { OpenDatabase } from '../../store/database.js'
import type { OrgContext } from '../context.js'
import { seedDemo } from '../demo/seed-demo.js'
import { decideFinding } from '../findings/decide.js'
import { matchProductVersion } from '../findings/match-product-version.js'
import { importKb } from '../kb/import-kb.js'
import { systemContext } from '../system-admin.js'
import { exportSbom } from './export-sbom.js'
import { resolveProductVersion } from './resolve-version.js'
import { uploadSbom } from './upload-sbom.js'

const KB_FIXTURES = ['osv-dev/vulnfeeds/test_data/nvdcve-2.0', 'dependency-track-fixtures/vuln-data-source/osv/src/test/resources/osv-GHSA-77rv-6vfw-x4gc.json']

// An SBOM whose components match the KB fixtures above: a purl match (CVE-2019-3778) and a CPE match (CVE-2023-4863).
const SBOM = {
  bomFormat: 'CycloneDX',
  specVersion: '1.5',
  version: 1,
  metadata: { component: { type: 'device', 'bom-ref': 'device', name: 'FDA Table CT', version: '4.0' } },
  components: [
    { type: 'library', 'bom-ref': 'oauth', name: 'spring-security-oauth', version: '2.0.16', purl: 'pkg:maven/org.springframework.security.oauth/spring-security-oauth@2.0.16' },
    { type: 'application', 'bom-ref': 'chrome', name: 'chrome', version: '116.0.5845.100', cpe: 'cpe:2.3:a:google:chrome:116.0.5845.100:*:*:*:*:*:*:*' },
    { type: 'library', 'bom-ref': 'in-house', name: 'in-house', version: '1' },
  ],
}

describe('the FDA premarket SBOM table lists known vulnerabilities from the findings', () => {
  let database: OpenDatabase
  let ctx: OrgContext
  let revisionId: string
  let versionId: string

  const csvCells = async (): Promise<Record<string, string>> => {
    const exported = await exportSbom(ctx, revisionId, 'fda-csv')
    if (!exported.ok) throw new Error(exported.error.message)
    const lines = new TextDecoder().decode(exported.value.bytes).trim().split('\r\n')
    expect(lines[0]).toBe('Component,Version,Supplier,Level of support,End-of-support date,Known vulnerabilities')
    // Cells here hold no quotes; a quoted cell is one with a comma (the id list).
    return Object.fromEntries(lines.slice(1).map((line) => {
      const name = line.split(',')[0]!
      const quoted = /"([^"]*)"$/.exec(line)
      return [name, quoted ? quoted[1]! : line.split(',').at(-1)!]
    }))
  }

  beforeAll(async () => {
    database = await openTestDatabase('pglite')
    await seedDemo(database.db)
    for (const source of KB_FIXTURES) {
      const imported = await importKb(database.db, testdataPath(source))
      if (!imported.ok) throw new Error(imported.error.message)
    }
    const opened = await systemContext(database.db, 'acme-imaging')
    if (!opened.ok) throw new Error(opened.error.message)
    ctx = opened.value
    const version = await resolveProductVersion(ctx, { product: 'FDA Table CT', version: '4.0', create: true })
    if (!version.ok) throw new Error(version.error.message)
    versionId = version.value.versionId
    const uploaded = await uploadSbom(ctx, { versionId, bytes: new TextEncoder().encode(JSON.stringify(SBOM)), filename: 'bom.cdx.json' })
    if (!uploaded.ok) throw new Error(uploaded.error.message)
    revisionId = uploaded.value.revision.id
  }, 300_000)
  afterAll(() => database?.close())

  it('leaves the column empty before the version was matched', async () => {
    const cells = await csvCells()
    expect(Object.values(cells)).toEqual(['', '', '', ''])
  })

  it('lists the ids and their count per component once matched, "None known" for the others', async () => {
    const matched = await matchProductVersion(ctx, versionId)
    if (!matched.ok) throw new Error(matched.error.message)
    expect(matched.value).toMatchObject({ added: 2 })
    expect(await csvCells()).toEqual({ 'FDA Table CT': 'None known', 'spring-security-oauth': 'CVE-2019-3778 (1)', chrome: 'CVE-2023-4863 (1)', 'in-house': 'None known' })
  })

  it('leaves out a finding triaged not_affected (and false_positive), keeping one under triage', async () => {
    const findings = await database.db.selectFrom('findings').select(['id', 'component_name']).where('product_version_id', '=', versionId).execute()
    const chrome = findings.find((f) => f.component_name === 'chrome')!
    const oauth = findings.find((f) => f.component_name === 'spring-security-oauth')!
    const notAffected = await decideFinding(ctx, chrome.id, 'product_version', { state: 'not_affected', justification: 'vulnerable_code_not_in_execute_path', detail: 'the renderer is not shipped' })
    expect(notAffected.ok, JSON.stringify(notAffected)).toBe(true)
    const inTriage = await decideFinding(ctx, oauth.id, 'product_version', { state: 'in_triage' })
    expect(inTriage.ok, JSON.stringify(inTriage)).toBe(true)
    const cells = await csvCells()
    expect(cells).toMatchObject({ chrome: 'None known', 'spring-security-oauth': 'CVE-2019-3778 (1)' })
    const falsePositive = await decideFinding(ctx, oauth.id, 'product_version', { state: 'false_positive' })
    expect(falsePositive.ok, JSON.stringify(falsePositive)).toBe(true)
    expect((await csvCells())['spring-security-oauth']).toBe('None known')
  })

  it('writes the same column into the XLSX table', async () => {
    await decideFinding(ctx, (await database.db.selectFrom('findings').select('id').where('component_name', '=', 'spring-security-oauth').executeTakeFirstOrThrow()).id, 'product_version', { state: 'exploitable' })
    const exported = await exportSbom(ctx, revisionId, 'fda-xlsx')
    if (!exported.ok) throw new Error(exported.error.message)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(Buffer.from(exported.value.bytes) as unknown as ArrayBuffer)
    const sheet = workbook.getWorksheet('SBOM')!
    const rows: Record<string, string> = {}
    sheet.eachRow((row, n) => {
      if (n > 1) rows[String(row.getCell(1).value)] = String(row.getCell(6).value ?? '')
    })
    expect(sheet.getRow(1).getCell(6).value).toBe('Known vulnerabilities')
    expect(rows).toEqual({ 'FDA Table CT': 'None known', 'spring-security-oauth': 'CVE-2019-3778 (1)', chrome: 'None known', 'in-house': 'None known' })
  })
})
