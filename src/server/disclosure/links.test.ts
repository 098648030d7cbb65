import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { as, startHarness, type ApiHarness, type TestSession } from '../../../test/support/api-harness.js'
import { testEngines } from '../../../test/support/database.js'
import { testdataPath } from '../../../test/support/testdata.js'
import { openDatabase } from '../../store/database.js'
import { migrations } from '../../store/migrations/index.js'
import { importKb } from '../../services/kb/import-kb.js'
import { matchProductVersion } from '../../services/findings/match-product-version.js'
import { resolveProductVersion } from '../../services/sbom/resolve-version.js'
import { uploadSbom } from '../../services/sbom/upload-sbom.js'
import { ensureOrganization, systemContext } from '../../services/system-admin.js'
import type { OrgContext } from '../../services/context.js'
import type { Kysely } from 'kysely'
import type { Database } from '../../store/schema.js'

const OAUTH = 'pkg:maven/org.springframework.security.oauth/spring-security-oauth@2.0.16'

/** A product version of the organization with an SBOM whose one component matches a KB advisory: one finding. */
async function versionWithFinding(ctx: OrgContext, product: string): Promise<{ versionId: string; findingId: string }> {
  const version = await resolveProductVersion(ctx, { product, version: '1.0', create: true })
  if (!version.ok) throw new Error(version.error.message)
  const sbom = { bomFormat: 'CycloneDX', specVersion: '1.5', version: 1, components: [{ type: 'library', 'bom-ref': 'oauth', name: 'spring-security-oauth', version: '2.0.16', purl: OAUTH }] }
  const uploaded = await uploadSbom(ctx, { versionId: version.value.versionId, bytes: new TextEncoder().encode(JSON.stringify(sbom)), filename: 'bom.cdx.json' })
  if (!uploaded.ok) throw new Error(uploaded.error.message)
  const matched = await matchProductVersion(ctx, version.value.versionId)
  if (!matched.ok) throw new Error(matched.error.message)
  const finding = await ctx.db.selectFrom('findings').select('id').where('product_version_id', '=', version.value.versionId).executeTakeFirstOrThrow()
  return { versionId: version.value.versionId, findingId: finding.id }
}

async function importOsvFixture(db: Kysely<Database>): Promise<void> {
  const imported = await importKb(db, testdataPath('dependency-track-fixtures/vuln-data-source/osv/src/test/resources/osv-GHSA-77rv-6vfw-x4gc.json'))
  if (!imported.ok) throw new Error(imported.error.message)
}

interface Detail {
  findings: { id: string; vulnerabilityId: string; componentName: string; productVersionId: string }[]
  advisories: { id: string | null; trackingId: string; published: boolean }[]
  unlinkedRefs: { findings: string[]; advisories: string[] }
  events: { kind: string; summary: string }[]
}

describe.each(testEngines)('disclosure case links to findings and advisories on %s', (engine) => {
  let h: ApiHarness
  let acmeId: string
  let analyst: TestSession
  let caseUrl: string
  let own: { versionId: string; findingId: string }
  let foreign: { findingId: string }
  let ownAdvisoryId: string
  let foreignAdvisoryId: string
  const patch = (payload: Record<string, unknown>) => h.app.inject({ method: 'PATCH', url: caseUrl, headers: as(analyst, true), payload })

  beforeAll(async () => {
    h = await startHarness(engine)
    await importOsvFixture(h.database.db)
    acmeId = await h.orgId('acme-imaging')
    analyst = await h.login('analyst@acme-imaging.example')
    const acme = await systemContext(h.database.db, 'acme-imaging')
    await ensureOrganization(h.database.db, { name: 'Globex Devices', kind: 'manufacturer', slug: 'globex-devices' })
    const globex = await systemContext(h.database.db, 'globex-devices')
    if (!acme.ok || !globex.ok) throw new Error('no context')
    own = await versionWithFinding(acme.value, 'Links Test CT')
    foreign = await versionWithFinding(globex.value, 'Globex Scanner')
    ownAdvisoryId = (await h.database.db.selectFrom('advisories').select('id').where('org_id', '=', acmeId).executeTakeFirstOrThrow()).id
    const globexAdvisory = await h.database.db
      .insertInto('advisories')
      .values({
        id: '00000000-0000-4000-8000-00000000a001', org_id: globex.value.org.id, tracking_id: 'GLOBEX-SA-1', title: 'Globex', category: 'csaf_security_advisory', tlp: 'CLEAR', status: 'draft', version: '1',
        revisions: '[]', initial_release_date: null, current_release_date: null, content: '{}', document: '{}', validation: '{}', product_ids: '[]', changed_since_publish: false, created_by_label: 'test', created_at: new Date(), updated_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    foreignAdvisoryId = globexAdvisory.id
    const report = await h.app.inject({ method: 'POST', url: '/api/public/disclosure/acme-imaging/reports', payload: { title: 'OAuth bypass', description: 'details' }, remoteAddress: '203.0.113.200' })
    expect(report.statusCode, report.body).toBe(201)
    caseUrl = `/api/orgs/${acmeId}/disclosure/cases/${report.json<{ caseId: string }>().caseId}`
  })
  afterAll(() => h?.close())

  it("links the organization's own finding and advisory and shows them on the case", async () => {
    const res = await patch({ findingIds: [own.findingId], advisoryIds: [ownAdvisoryId] })
    expect(res.statusCode, res.body).toBe(200)
    const detail = res.json<Detail>()
    expect(detail.findings).toEqual([expect.objectContaining({ id: own.findingId, vulnerabilityId: expect.any(String), componentName: 'spring-security-oauth', productVersionId: own.versionId })])
    expect(detail.advisories).toEqual([expect.objectContaining({ id: ownAdvisoryId, trackingId: 'ACME-SA-2026-001' })])
    const stored = await h.database.db.selectFrom('disclosure_case_findings').select('finding_id').execute()
    expect(stored.map((r) => r.finding_id)).toEqual([own.findingId])
  })

  it("refuses another organization's finding or advisory, an id that is no uuid and an unknown id, changing nothing", async () => {
    const failures: string[] = []
    for (const payload of [
      { findingIds: [foreign.findingId] },
      { findingIds: ['finding:acme-ct-dicom-001'] },
      { findingIds: ['00000000-0000-4000-8000-000000000000'] },
      { advisoryIds: [foreignAdvisoryId] },
      { advisoryIds: ['ACME-SA-2026-001'] },
      { findingIds: [own.findingId, foreign.findingId] },
    ]) {
      const res = await patch(payload)
      const code = res.json<{ error?: { details?: { code?: string } } }>().error?.details?.code
      if (res.statusCode !== 400 || !code?.startsWith('disclosure_unknown_')) failures.push(`${JSON.stringify(payload)}: ${res.statusCode} ${res.body}`)
    }
    expect(failures).toEqual([])
    const detail = (await h.app.inject({ method: 'GET', url: caseUrl, headers: as(analyst) })).json<Detail>()
    expect(detail.findings.map((f) => f.id)).toEqual([own.findingId])
    expect(detail.advisories.map((a) => a.id)).toEqual([ownAdvisoryId])
  })

  it('unlinks by giving the new set, and links the advisory given when publishing', async () => {
    const cleared = await patch({ findingIds: [], advisoryIds: [] })
    expect(cleared.json<Detail>()).toMatchObject({ findings: [], advisories: [] })
    const transition = (payload: Record<string, unknown>) => h.app.inject({ method: 'POST', url: `${caseUrl}/transitions`, headers: as(analyst, true), payload })
    for (const step of [{ command: 'acknowledge' }, { command: 'triage', outcome: 'valid' }, { command: 'start_remediation' }]) expect((await transition(step)).statusCode).toBe(200)
    const foreignPublish = await transition({ command: 'publish', advisoryId: foreignAdvisoryId })
    expect(foreignPublish.statusCode).toBe(400)
    const published = await transition({ command: 'publish', advisoryId: ownAdvisoryId })
    expect(published.statusCode, published.body).toBe(200)
    expect(published.json<Detail & { state: string }>()).toMatchObject({ state: 'published', advisories: [{ id: ownAdvisoryId, trackingId: 'ACME-SA-2026-001' }] })
  })

  it('keeps a linked finding from being deleted (on delete restrict)', async () => {
    await patch({ findingIds: [own.findingId] })
    await expect(h.database.db.deleteFrom('findings').where('id', '=', own.findingId).execute()).rejects.toThrow(/foreign key/)
  })
})

describe('migration 0017 turns stored text ids into links', () => {
  it('links the ids that name a finding or advisory of the same organization and reports the rest on the case', async () => {
    const database = await openDatabase({ kind: 'memory' })
    try {
      const db = database.db
      // Every migration but 17 (later ones are independent of it and today's seed needs them), then 17 over old-shape rows.
      for (const m of migrations.filter((m) => m.id !== 17)) await m.up(db as Kysely<unknown>)
      const { seedDemo } = await import('../../services/demo/seed-demo.js')
      await seedDemo(db)
      await importOsvFixture(db)
      const acme = await systemContext(db, 'acme-imaging')
      await ensureOrganization(db, { name: 'Globex Devices', kind: 'manufacturer', slug: 'globex-devices' })
      const globex = await systemContext(db, 'globex-devices')
      if (!acme.ok || !globex.ok) throw new Error('no context')
      const own = await versionWithFinding(acme.value, 'Migration CT')
      const foreign = await versionWithFinding(globex.value, 'Globex Scanner')
      const advisory = await db.selectFrom('advisories').select(['id', 'tracking_id']).where('org_id', '=', acme.value.org.id).executeTakeFirstOrThrow()
      const caseRow = (id: string, findingRefs: unknown[], advisoryRefs: unknown[]) => ({
        id, org_id: acme.value.org.id, reference: `CVD-2026-${id.slice(-4)}`, title: 't', body: 'b', body_encrypted: false, credit_wanted: false, portal_token_hash: id, state: 'received', cve_ids: '[]',
        finding_refs: JSON.stringify(findingRefs), advisory_refs: JSON.stringify(advisoryRefs), received_at: new Date(), updated_at: new Date(), tlp: 'AMBER+STRICT',
      })
      const withRefs = '00000000-0000-4000-8000-00000000c001'
      const clean = '00000000-0000-4000-8000-00000000c002'
      // The case table is typed after the migration; these rows are written in the shape before it.
      await (db as unknown as Kysely<{ disclosure_cases: ReturnType<typeof caseRow> }>)
        .insertInto('disclosure_cases')
        .values([
          caseRow(withRefs, [own.findingId.toUpperCase(), foreign.findingId, 'finding:acme-ct-dicom-001', own.findingId], [advisory.tracking_id, 'ACME-SA-1999-999']),
          caseRow(clean, [own.findingId], [advisory.id]),
        ])
        .execute()
      const migration = migrations.find((m) => m.id === 17)!
      await migration.up(db as Kysely<unknown>)

      const links = await db.selectFrom('disclosure_case_findings').select(['case_id', 'finding_id']).orderBy('case_id').execute()
      expect(links).toEqual([{ case_id: withRefs, finding_id: own.findingId }, { case_id: clean, finding_id: own.findingId }])
      const advisoryLinks = await db.selectFrom('disclosure_case_advisories').select(['case_id', 'advisory_id', 'tracking_id']).orderBy('case_id').execute()
      expect(advisoryLinks).toEqual([
        { case_id: withRefs, advisory_id: advisory.id, tracking_id: advisory.tracking_id },
        { case_id: clean, advisory_id: advisory.id, tracking_id: advisory.tracking_id },
      ])
      const cases = await db.selectFrom('disclosure_cases').select(['id', 'unlinked_finding_refs', 'unlinked_advisory_refs', 'reporter_email_updates']).orderBy('id').execute()
      expect(cases).toEqual([
        { id: withRefs, unlinked_finding_refs: [foreign.findingId, 'finding:acme-ct-dicom-001'], unlinked_advisory_refs: ['ACME-SA-1999-999'], reporter_email_updates: true },
        { id: clean, unlinked_finding_refs: [], unlinked_advisory_refs: [], reporter_email_updates: true },
      ])
      const events = await db.selectFrom('disclosure_events').select(['case_id', 'kind', 'summary', 'visible_to_reporter']).where('kind', '=', 'links_unresolved').execute()
      expect(events).toHaveLength(1)
      expect(events[0]).toMatchObject({ case_id: withRefs, visible_to_reporter: false })
      expect(events[0]!.summary).toContain(`findings ${foreign.findingId}, finding:acme-ct-dicom-001; advisories ACME-SA-1999-999`)
    } finally {
      await database.close()
    }
  }, 300_000)
})
