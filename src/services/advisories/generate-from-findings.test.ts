import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { validateCsaf } from '../../domain/csaf/index.js'
import type { DecisionInput } from '../../domain/findings/index.js'
import { parseVex } from '../../domain/vex/index.js'
import { openTestDatabase } from '../../../test/support/database.js'
import { testdataPath } from '../../../test/support/testdata.js'
import type { OrgContext } from '../context.js'
import { seedDemo } from '../demo/seed-demo.js'
import { decideFinding } from '../findings/decide.js'
import { exportVex } from '../findings/export-vex.js'
import { listFindings } from '../findings/list-findings.js'
import { rematchVersion } from '../findings/match-product-version.js'
import { importKb } from '../kb/import-kb.js'
import { createProduct } from '../products/create-product.js'
import { uploadSbom } from '../sbom/upload-sbom.js'
import { systemContext } from '../system-admin.js'
import { testEngines } from '../../../test/support/database.js'
import { generateAdvisory, generateCsafDocument, productVersionsByName } from './generate-from-findings.js'

type Document = { document: { category: string; tracking: { status: string; version: string } }; product_tree: unknown; vulnerabilities: { cve?: string; product_status: Record<string, string[]>; flags?: { label: string; product_ids: string[] }[]; threats?: unknown[]; remediations?: { category: string; product_ids: string[] }[]; scores?: unknown[] }[] }

const OAUTH = 'pkg:maven/org.springframework.security.oauth/spring-security-oauth@2.0.16'
const CHROME = 'cpe:2.3:a:google:chrome:116.0.5845.100:*:*:*:*:*:*:*'
const SQLITE = 'cpe:2.3:a:sqlite:sqlite:3.31.1:*:*:*:*:*:*:*'

function bom(subjectPurl: string, components: Record<string, unknown>[]): Uint8Array {
  return new TextEncoder().encode(JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.5', version: 1, metadata: { component: { type: 'device', name: 'Synthetic MR', purl: subjectPurl } }, components }))
}

describe.each(testEngines)('advisories generated from findings and decisions on %s', (engine) => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>
  let ctx: OrgContext

  const decideAll = async (versionId: string, decide: (vulnerabilityId: string, index: number) => DecisionInput | null) => {
    const listed = await listFindings(ctx, versionId)
    if (!listed.ok) throw new Error(listed.error.message)
    for (const [index, f] of listed.value.findings.filter((f) => f.status === 'present').entries()) {
      const input = decide(f.vulnerability.id, index)
      if (!input) continue
      const decided = await decideFinding(ctx, f.id, 'product_version', input)
      if (!decided.ok) throw new Error(`${f.vulnerability.id}: ${decided.error.message}`)
    }
    return listed.value.findings.length
  }

  beforeAll(async () => {
    vi.stubEnv('MEDSEC_PUBLIC_URL', 'https://medsec.example')
    database = await openTestDatabase(engine)
    await seedDemo(database.db)
    for (const source of ['osv-dev/vulnfeeds/test_data/nvdcve-1.1-test-data.json', 'osv-dev/vulnfeeds/test_data/nvdcve-2.0', 'dependency-track-fixtures/vuln-data-source/osv/src/test/resources/osv-GHSA-77rv-6vfw-x4gc.json']) {
      const imported = await importKb(database.db, testdataPath(source))
      if (!imported.ok) throw new Error(imported.error.message)
    }
    const acme = await systemContext(database.db, 'acme-imaging')
    if (!acme.ok) throw new Error(acme.error.message)
    ctx = acme.value
  }, 240_000)
  afterAll(async () => {
    vi.unstubAllEnvs()
    await database?.close()
  })

  it('generates valid documents of both categories for every demo product after triage', async () => {
    const states: DecisionInput[] = [
      { state: 'exploitable', responses: ['update'], detail: 'Install the next service pack.' },
      { state: 'not_affected', justification: 'vulnerable_code_not_in_execute_path' },
      { state: 'in_triage' },
      { state: 'false_positive', detail: 'different product' },
      { state: 'resolved' },
    ]
    let stated = 0
    for (const name of ['Acme CT 5000', 'Acme PACS Viewer']) {
      const target = await productVersionsByName(ctx, name, [])
      if (!target.ok) throw new Error(target.error.message)
      const product = await database.db.selectFrom('product_versions').select('id').where('product_id', '=', target.value.productId).execute()
      for (const { id } of product) {
        const run = await rematchVersion(database.db, ctx.scope, ctx.actor, id)
        if (!run.ok) throw new Error(run.error.message)
        await decideAll(id, (_, index) => states[index % states.length]!)
      }
      for (const category of ['csaf_security_advisory', 'csaf_vex'] as const) {
        const built = await generateCsafDocument(ctx, { productId: target.value.productId, category, allowEmpty: true })
        if (!built.ok) throw new Error(built.error.message)
        const document = built.value.document as Document
        if (document.vulnerabilities.length === 0) continue
        stated += document.vulnerabilities.length
        expect(document.document).toMatchObject({ category, tracking: { status: 'draft', version: '0' } })
        const report = validateCsaf(document)
        expect(report.errors, `${name} ${category}: ${JSON.stringify(report.errors)}`).toEqual([])
      }
    }
    // The demo SBOMs match the NVD test feed (SQLite, Linux kernel, OpenJPEG): something must have been stated.
    expect(stated).toBeGreaterThan(0)
  }, 120_000)

  it('maps a synthetic product with decisions of every state, saves the draft and agrees with the VEX export', async () => {
    const created = await createProduct(ctx, { name: 'Synthetic MR', modelNumber: 'SMR-1', udiDi: null, tlp: 'AMBER+STRICT', versions: ['1.0', '2.0', '3.0'] })
    if (!created.ok) throw new Error(created.error.message)
    const [v1, v2, v3] = created.value.versions.map((v) => v.id) as [string, string, string]
    const components = [
      { type: 'library', 'bom-ref': 'oauth', name: 'spring-security-oauth', version: '2.0.16', purl: OAUTH },
      { type: 'application', 'bom-ref': 'chrome', name: 'chrome', version: '116.0.5845.100', cpe: CHROME },
      { type: 'library', 'bom-ref': 'sqlite', name: 'SQLite', version: '3.31.1', cpe: SQLITE },
    ]
    for (const [id, version] of [[v1, '1.0'], [v2, '2.0'], [v3, '3.0']] as const) {
      const uploaded = await uploadSbom(ctx, { versionId: id, bytes: bom(`pkg:generic/synthetic/smr@${version}`, version === '3.0' ? components.slice(0, 2) : components), filename: 'bom.cdx.json' })
      if (!uploaded.ok) throw new Error(uploaded.error.message)
      const run = await rematchVersion(database.db, ctx.scope, ctx.actor, id)
      if (!run.ok) throw new Error(run.error.message)
    }
    const plan: Record<string, Record<string, DecisionInput | null>> = {
      [v1]: {
        'CVE-2019-3778': { state: 'exploitable', responses: ['update'], detail: 'Update to Synthetic MR 3.0.' },
        'CVE-2023-4863': { state: 'not_affected', justification: 'vulnerable_code_not_in_execute_path', detail: 'images are never decoded' },
        'CVE-2021-20223': { state: 'in_triage' },
      },
      [v2]: {
        'CVE-2019-3778': { state: 'false_positive' },
        'CVE-2023-4863': { state: 'resolved', detail: 'patched build' },
        'CVE-2021-20223': { state: 'exploitable' },
      },
      [v3]: {
        'CVE-2019-3778': { state: 'not_affected', detail: 'the OAuth client is disabled in this release' },
        'CVE-2023-4863': { state: 'exploitable', responses: ['workaround_available', 'will_not_fix'], detail: 'Block the viewer port.' },
      },
    }
    for (const id of [v1, v2, v3]) {
      const count = await decideAll(id, (vulnerabilityId) => plan[id]?.[vulnerabilityId] ?? null)
      expect(count, `findings of ${id}`).toBe(Object.keys(plan[id]!).length)
    }

    for (const category of ['csaf_security_advisory', 'csaf_vex'] as const) {
      const built = await generateCsafDocument(ctx, { productId: created.value.id, category })
      if (!built.ok) throw new Error(built.error.message)
      const report = validateCsaf(built.value.document)
      expect(report.errors, JSON.stringify(report.errors)).toEqual([])
      // With an https base URL the generated document passes the optional tests too.
      expect(report.warnings, JSON.stringify(report.warnings)).toEqual([])
      const document = built.value.document as Document
      const byCve: Record<string, Document['vulnerabilities'][number]> = Object.fromEntries(document.vulnerabilities.map((v) => [v.cve ?? '', v]))
      expect(Object.keys(byCve).sort()).toEqual(['CVE-2019-3778', 'CVE-2021-20223', 'CVE-2023-4863'])
      expect(byCve['CVE-2019-3778']?.product_status).toEqual({ known_affected: ['SMR-1-1.0'], known_not_affected: ['SMR-1-2.0', 'SMR-1-3.0'] })
      expect(byCve['CVE-2019-3778']?.flags).toEqual([{ label: 'component_not_present', product_ids: ['SMR-1-2.0'] }])
      expect(byCve['CVE-2019-3778']?.remediations?.map((r) => [r.category, r.product_ids])).toEqual([['vendor_fix', ['SMR-1-1.0']]])
      expect(byCve['CVE-2023-4863']?.product_status).toEqual({ known_affected: ['SMR-1-3.0'], fixed: ['SMR-1-2.0'], known_not_affected: ['SMR-1-1.0'] })
      expect(byCve['CVE-2023-4863']?.remediations?.map((r) => r.category).sort()).toEqual(['no_fix_planned', 'workaround'])
      expect(byCve['CVE-2021-20223']?.product_status).toEqual({ known_affected: ['SMR-1-2.0'], under_investigation: ['SMR-1-1.0'] })
      expect(byCve['CVE-2021-20223']?.remediations?.map((r) => r.category)).toEqual(['none_available'])
      // The product tree carries the SBOM subject's purl and the model number.
      expect(JSON.stringify(document.product_tree)).toContain('pkg:generic/synthetic/smr@1.0')
      expect(JSON.stringify(document.product_tree)).toContain('"model_numbers":["SMR-1"]')
    }

    // Only some versions and a listed vulnerability; an unknown one is refused.
    const listed = await generateCsafDocument(ctx, { productId: created.value.id, productVersionIds: [v3], selection: { kind: 'listed', ids: ['GHSA-77rv-6vfw-x4gc'] } })
    expect(listed.ok && validateCsaf(listed.value.document).warnings).toEqual([])
    expect(listed.ok && (listed.value.document as Document).vulnerabilities.map((v) => [v.cve, v.product_status])).toEqual([['CVE-2019-3778', { known_not_affected: ['SMR-1-3.0'] }]])
    const unknown = await generateCsafDocument(ctx, { productId: created.value.id, selection: { kind: 'listed', ids: ['CVE-1999-0001'] } })
    expect(!unknown.ok && unknown.error.details).toMatchObject({ code: 'advisory_vulnerability_unknown', unknown: ['CVE-1999-0001'] })

    // Saved as a draft through the save service: valid, version 0, AMBER+STRICT became RED.
    const saved = await generateAdvisory(ctx, { productId: created.value.id, category: 'csaf_vex' })
    if (!saved.ok) throw new Error(saved.error.message)
    expect(saved.value).toMatchObject({ status: 'draft', version: '0', category: 'csaf_vex', tlp: 'RED', valid: true })
    expect(saved.value.generated).toEqual({ vulnerabilities: ['CVE-2019-3778', 'CVE-2021-20223', 'CVE-2023-4863'], versions: ['1.0', '2.0', '3.0'] })
    expect(saved.value.validation.errors).toEqual([])

    // The CSAF VEX export of a version states exactly what the generator states for it.
    const exported = await exportVex(ctx, v1, 'csaf')
    const generated = await generateCsafDocument(ctx, { productId: created.value.id, productVersionIds: [v1], selection: { kind: 'all' }, category: 'csaf_vex' })
    if (!exported.ok || !generated.ok) throw new Error('export or generation failed')
    const exportedDocument = exported.value.document as Document
    expect(exportedDocument.vulnerabilities).toEqual((generated.value.document as Document).vulnerabilities)
    expect(exportedDocument.product_tree).toEqual((generated.value.document as Document).product_tree)
    expect(exportedDocument.document.tracking).toMatchObject({ status: 'final', version: '1' })
    expect(validateCsaf(exportedDocument).errors).toEqual([])
    const parsed = parseVex(exportedDocument)
    expect(parsed.ok && Object.fromEntries(parsed.value.statements.map((s) => [s.vulnerability.id, s.status]))).toEqual({ 'CVE-2019-3778': 'affected', 'CVE-2021-20223': 'under_investigation', 'CVE-2023-4863': 'not_affected' })
  }, 120_000)

  it('refuses viewers, other organization kinds and products without decisions', async () => {
    const target = await productVersionsByName(ctx, 'Acme CT 5000', [])
    if (!target.ok) throw new Error(target.error.message)
    const denied = await generateAdvisory({ ...ctx, role: 'viewer' }, { productId: target.value.productId })
    expect(!denied.ok && denied.error.code).toBe('forbidden')
    const hospital = await systemContext(database.db, 'st-example-hospital')
    if (!hospital.ok) throw new Error(hospital.error.message)
    const wrongKind = await generateAdvisory(hospital.value, { productId: target.value.productId })
    expect(!wrongKind.ok && wrongKind.error.code).toBe('forbidden')
    const empty = await createProduct(ctx, { name: 'No Findings', modelNumber: null, udiDi: null, tlp: 'GREEN', versions: ['1'] })
    if (!empty.ok) throw new Error(empty.error.message)
    const nothing = await generateAdvisory(ctx, { productId: empty.value.id })
    expect(!nothing.ok && nothing.error.details).toMatchObject({ code: 'advisory_nothing_to_state' })
    const missing = await productVersionsByName(ctx, 'Acme CT 5000', ['9.9'])
    expect(!missing.ok && missing.error.code).toBe('not_found')
  })
})
