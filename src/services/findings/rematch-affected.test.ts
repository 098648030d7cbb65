import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { OpenDatabase } from '../../store/database.js'
import { auditRepository } from '../../store/repositories/audit.js'
import { findingKeysRepository } from '../../store/repositories/finding-keys.js'
import { openTestDatabase, testEngines } from '../../../test/support/database.js'
import { testdataPath } from '../../../test/support/testdata.js'
import type { OrgContext } from '../context.js'
import { importKb } from '../kb/import-kb.js'
import { createProduct } from '../products/create-product.js'
import { uploadSbom } from '../sbom/upload-sbom.js'
import { ensureOrganization, systemContext } from '../system-admin.js'
import { componentMatchKeys, statementMatchKeys } from './match-keys.js'
import { matchPending } from './match-pending.js'
import { rematchVersion } from './match-product-version.js'
import { affectedSet } from './rematch-affected.js'

const OAUTH = 'pkg:maven/org.springframework.security.oauth/spring-security-oauth@2.0.16'
const CHROME = 'cpe:2.3:a:google:chrome:116.0.5845.100:*:*:*:*:*:*:*'
const ghsaFile = testdataPath('dependency-track-fixtures/vuln-data-source/osv/src/test/resources/osv-GHSA-77rv-6vfw-x4gc.json')

function cycloneDx(components: Record<string, unknown>[]): Uint8Array {
  return Buffer.from(JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.5', version: 1, components }))
}

describe('match keys', () => {
  it('keys a component by package key, declared or guessed CPE and name, lower-cased', () => {
    expect(componentMatchKeys({ name: 'spring-security-oauth', purl: OAUTH, cpe: null, supplier: null }).sort()).toEqual(['name:spring-security-oauth', 'purl:maven/org.springframework.security.oauth/spring-security-oauth'])
    expect(componentMatchKeys({ name: 'Chrome', purl: null, cpe: CHROME, supplier: null }).sort()).toEqual(['cpe:google:chrome', 'name:chrome'])
    // No package identity: the CPEs the engine guesses from name and supplier.
    expect(componentMatchKeys({ name: 'Image Viewer', purl: null, cpe: null, supplier: 'Acme Inc.' }).sort()).toEqual(['cpe:acme:image_viewer', 'cpe:image_viewer:image_viewer', 'name:image viewer'])
    // A purl package gets no guessed CPE (the engine does not guess for it either).
    expect(componentMatchKeys({ name: 'left-pad', purl: 'pkg:npm/left-pad@1.0.0', cpe: null, supplier: 'x' })).toEqual(['purl:npm//left-pad', 'name:left-pad'])
  })

  it('keys a statement by package, CPE vendor:product (or a pattern with wildcards), product names and model numbers', () => {
    const touched = statementMatchKeys([
      {
        kind: 'statement', source: 'nvd', sourceId: 'CVE-1', ids: ['CVE-1'], related: [], origin: 'x', title: null, description: null, published: null, modified: null, withdrawn: null, severities: [], references: [], problems: [],
        affected: [
          { kind: 'package', ecosystem: 'PyPI', purlType: 'pypi', namespace: null, name: 'Django_Rest', ranges: [], versions: [], fixed: [], release: null, status: 'affected' },
          { kind: 'cpe', operator: 'AND', status: 'affected', nodes: [{ operator: 'OR', negate: false, matches: [{ criteria: 'cpe:2.3:a:google:chrome:*:*:*:*:*:*:*:*', vulnerable: true, range: 'vers:generic/*' }, { criteria: 'cpe:2.3:a:*:viewer:*:*:*:*:*:*:*:*', vulnerable: true, range: 'vers:generic/*' }] }, { operator: 'OR', negate: false, matches: [{ criteria: 'cpe:2.3:o:microsoft:windows:*:*:*:*:*:*:*:*', vulnerable: false, range: 'vers:generic/*' }] }] },
          { kind: 'product', productId: 'P1', name: 'CT 5000', vendor: 'Acme', product: 'CT 5000', version: null, range: null, purl: null, cpe: null, modelNumbers: ['CT-5K'], serialNumbers: [], status: 'affected' },
        ],
      },
    ])
    expect([...touched.keys].sort()).toEqual(['cpe:google:chrome', 'name:ct 5000', 'name:ct-5k', 'purl:pypi//django-rest'])
    expect(touched.cpePatterns).toEqual([{ vendor: null, product: 'viewer' }])
    expect(touched.needsPlatforms).toBe(true)
  })
})

describe.each(testEngines)('targeted re-match through the inverted index (%s)', (engine) => {
  let database: OpenDatabase
  let ctx: OrgContext
  let v1: string
  let v2: string
  const present = async (versionId: string) =>
    (await database.db.selectFrom('findings').select(['component_name', 'vulnerability_id', 'status', 'first_seen', 'resolved_at']).where('product_version_id', '=', versionId).orderBy('vulnerability_id').execute())
  // The organization's audit entries of matching, oldest first: one per re-match run, never one per product version.
  const matchAudit = async () =>
    (await auditRepository.list(database.db, ctx.scope, { action: 'findings.', limit: 1000, offset: 0 })).entries.reverse().map((e) => ({ action: e.action, targetType: e.targetType, targetId: e.targetId, details: e.details }))

  beforeAll(async () => {
    database = await openTestDatabase(engine)
    await ensureOrganization(database.db, { name: 'Keyed Imaging', kind: 'manufacturer', slug: 'keyed-imaging' })
    const opened = await systemContext(database.db, 'keyed-imaging')
    if (!opened.ok) throw new Error(opened.error.message)
    ctx = opened.value
    const product = await createProduct(ctx, { name: 'Keyed CT', tlp: 'AMBER', versions: ['1.0', '2.0'] })
    if (!product.ok) throw new Error(product.error.message)
    ;[v1, v2] = product.value.versions.map((v) => v.id) as [string, string]
    for (const source of ['osv-dev/vulnfeeds/test_data/nvdcve-2.0', 'cisa-kev/known_exploited_vulnerabilities.json']) {
      const imported = await importKb(database.db, testdataPath(source))
      if (!imported.ok) throw new Error(imported.error.message)
    }
    const first = await uploadSbom(ctx, {
      versionId: v1,
      filename: 'v1.cdx.json',
      bytes: cycloneDx([
        { type: 'library', 'bom-ref': 'oauth', name: 'spring-security-oauth', version: '2.0.16', purl: OAUTH },
        { type: 'application', 'bom-ref': 'chrome', name: 'chrome', version: '116.0.5845.100', cpe: CHROME },
        { type: 'library', 'bom-ref': 'in-house', name: 'in-house', version: '1' },
      ]),
    })
    const second = await uploadSbom(ctx, { versionId: v2, filename: 'v2.cdx.json', bytes: cycloneDx([{ type: 'library', 'bom-ref': 'pad', name: 'left-pad', version: '1.0.0', purl: 'pkg:npm/left-pad@1.0.0' }]) })
    if (!first.ok || !second.ok) throw new Error('upload failed')
  })
  afterAll(async () => {
    await database?.close()
  })

  it('backfills the index on the first pass, matching every product version in full', async () => {
    const pass = await matchPending(database.db)
    expect(pass.kb).toMatchObject({ kind: 'backfill', fullMatches: 2 })
    expect(pass.versions).toBe(2)
    expect((await present(v1)).map((f) => [f.component_name, f.vulnerability_id, f.status])).toEqual([['chrome', 'CVE-2023-4863', 'present']])
    expect(await findingKeysRepository.size(database.db)).toEqual({ keys: 8, components: 4, versions: 2 })
    expect(await matchPending(database.db)).toEqual({ versions: 0, kb: null })
    expect(await matchAudit()).toEqual([
      { action: 'findings.kb_rematch', targetType: 'organization', targetId: ctx.scope.orgId, details: { kind: 'backfill', productVersions: 2, components: 4, added: 1, reopened: 0, resolved: 0, present: 1, fullMatches: 2 } },
    ])
  })

  it('re-matches only the components an import touches and records the new finding with its time', async () => {
    const cursor = await findingKeysRepository.cursor(database.db)
    const before = new Date()
    const imported = await importKb(database.db, ghsaFile)
    expect(imported.ok && imported.value.inserted).toBe(1)
    const changed = await findingKeysRepository.changedStatements(database.db, cursor?.through ?? null)
    expect(changed.map((s) => s.statement.sourceId)).toEqual(['GHSA-77rv-6vfw-x4gc'])
    const set = await affectedSet(database.db, changed)
    // Only the OAuth component of 1.0: not Chrome, not the unrelated npm package of 2.0.
    expect(set.components.map((c) => [c.productVersionId, c.componentId]).length).toBe(1)
    expect(set.components[0]?.productVersionId).toBe(v1)
    const audited = (await matchAudit()).length
    const pass = await matchPending(database.db)
    expect(pass.kb).toMatchObject({ kind: 'targeted', statements: 1, productVersions: 1, components: 1, added: 1, resolved: 0, fullMatches: 0 })
    expect((await matchAudit()).slice(audited)).toEqual([
      { action: 'findings.kb_rematch', targetType: 'organization', targetId: ctx.scope.orgId, details: { kind: 'targeted', productVersions: 1, components: 1, added: 1, reopened: 0, resolved: 0, present: 1, fullMatches: 0 } },
    ])
    const findings = await present(v1)
    expect(findings.map((f) => [f.component_name, f.vulnerability_id, f.status])).toEqual([
      ['spring-security-oauth', 'CVE-2019-3778', 'present'],
      ['chrome', 'CVE-2023-4863', 'present'],
    ])
    expect(findings[0]?.first_seen.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000)
    // A full match of the version finds exactly what the targeted pass stored.
    const full = await rematchVersion(database.db, ctx.scope, ctx.actor, v1)
    expect(full.ok && full.value).toMatchObject({ added: 0, reopened: 0, resolved: 0, present: 2 })
  })

  it('resolves a finding when an updated record no longer covers the version, keeping it with resolved_at', async () => {
    const narrowed = JSON.parse(readFileSync(ghsaFile, 'utf8')) as { modified: string; affected: { ranges: { events: Record<string, string>[] }[]; versions: string[] }[] }
    narrowed.modified = '2030-01-01T00:00:00Z'
    narrowed.affected[0]!.ranges[0]!.events = [{ introduced: '0' }, { fixed: '2.0.10' }]
    const dir = mkdtempSync(join(tmpdir(), 'medsec-rematch-'))
    writeFileSync(join(dir, 'osv-GHSA-77rv-6vfw-x4gc.json'), JSON.stringify(narrowed))
    const imported = await importKb(database.db, join(dir, 'osv-GHSA-77rv-6vfw-x4gc.json'))
    expect(imported.ok && imported.value.updated).toBe(1)
    const audited = (await matchAudit()).length
    const pass = await matchPending(database.db)
    expect(pass.kb).toMatchObject({ kind: 'targeted', productVersions: 1, components: 1, added: 0, resolved: 1 })
    expect((await matchAudit()).slice(audited)).toMatchObject([{ action: 'findings.kb_rematch', details: { kind: 'targeted', productVersions: 1, added: 0, resolved: 1 } }])
    const oauth = (await present(v1)).find((f) => f.component_name === 'spring-security-oauth')
    expect(oauth).toMatchObject({ status: 'resolved' })
    expect(oauth?.resolved_at).toBeInstanceOf(Date)
  })

  it('leaves the index to the newest matched revision when an SBOM changes', async () => {
    const upload = await uploadSbom(ctx, { versionId: v2, filename: 'v2b.cdx.json', bytes: cycloneDx([{ type: 'library', 'bom-ref': 'oauth', name: 'spring-security-oauth', version: '2.0.5', purl: OAUTH.replace('2.0.16', '2.0.5') }]) })
    expect(upload.ok).toBe(true)
    expect((await matchPending(database.db)).versions).toBe(1)
    const keys = await database.db.selectFrom('finding_component_keys').select('match_key').where('product_version_id', '=', v2).orderBy('match_key').execute()
    expect(keys.map((k) => k.match_key)).toEqual(['name:spring-security-oauth', 'purl:maven/org.springframework.security.oauth/spring-security-oauth'])
  })
})
