import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseVex } from '../../domain/vex/index.js'
import { as, startHarness, type ApiHarness, type TestSession } from '../../../test/support/api-harness.js'
import { testEngines } from '../../../test/support/database.js'
import { testdataPath } from '../../../test/support/testdata.js'
import { importKb } from '../../services/kb/import-kb.js'
import { matchPending } from '../../services/findings/match-pending.js'

const OAUTH = 'pkg:maven/org.springframework.security.oauth/spring-security-oauth@2.0.16'
const CHROME = 'cpe:2.3:a:google:chrome:116.0.5845.100:*:*:*:*:*:*:*'

function cycloneDx(components: Record<string, unknown>[]): string {
  return Buffer.from(JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.5', version: 1, metadata: { component: { type: 'device', name: 'Findings Test CT' } }, components })).toString('base64')
}

interface FindingBody {
  id: string
  status: string
  component: { name: string; purl: string | null }
  vulnerability: { id: string; aliases: string[] }
  matchedBy: string
  reasons: { reason: string }[]
  kev: unknown
  decision: { state: string; scope: { kind: string }; inherited: boolean; origin: string } | null
  overrides: { scope: { kind: string } }[]
}

describe.each(testEngines)('findings, triage and VEX on %s', (engine) => {
  let h: ApiHarness
  let orgId: string
  let analyst: TestSession
  let viewer: Record<string, string>
  let v1: string
  let v2: string
  const findingsOf = async (versionId: string) => {
    const res = await h.app.inject({ method: 'GET', url: `/api/orgs/${orgId}/product-versions/${versionId}/findings`, headers: viewer })
    expect(res.statusCode).toBe(200)
    return res.json<{ counts: { present: number; resolved: number; untriaged: number }; findings: FindingBody[] }>()
  }
  const upload = (versionId: string, components: Record<string, unknown>[]) =>
    h.app.inject({ method: 'POST', url: `/api/orgs/${orgId}/product-versions/${versionId}/sboms`, headers: as(analyst, true), payload: { filename: 'bom.cdx.json', contentBase64: cycloneDx(components) } })

  beforeAll(async () => {
    h = await startHarness(engine)
    for (const source of ['osv-dev/vulnfeeds/test_data/nvdcve-2.0', 'dependency-track-fixtures/vuln-data-source/osv/src/test/resources/osv-GHSA-77rv-6vfw-x4gc.json', 'cisa-kev/known_exploited_vulnerabilities.json']) {
      const imported = await importKb(h.database.db, testdataPath(source))
      if (!imported.ok) throw new Error(imported.error.message)
    }
    orgId = await h.orgId('acme-imaging')
    analyst = await h.login('analyst@acme-imaging.example')
    const admin = await h.login('admin@acme-imaging.example')
    const token = await h.app.inject({ method: 'POST', url: `/api/orgs/${orgId}/tokens`, headers: as(admin, true), payload: { name: 'findings viewer', role: 'viewer' } })
    viewer = { authorization: `Bearer ${token.json<{ secret: string }>().secret}` }
    const created = await h.app.inject({ method: 'POST', url: `/api/orgs/${orgId}/products`, headers: as(analyst, true), payload: { name: 'Findings Test CT', versions: ['1.0', '2.0'] } })
    expect(created.statusCode).toBe(201)
    const versions = created.json<{ versions: { id: string }[] }>().versions
    v1 = versions[0]!.id
    v2 = versions[1]!.id
    const components = [
      { type: 'library', 'bom-ref': 'oauth', name: 'spring-security-oauth', version: '2.0.16', purl: OAUTH },
      { type: 'application', 'bom-ref': 'chrome', name: 'chrome', version: '116.0.5845.100', cpe: CHROME },
      { type: 'library', 'bom-ref': 'in-house', name: 'in-house', version: '1' },
    ]
    expect((await upload(v1, components)).statusCode).toBe(201)
    expect((await upload(v2, components.slice(0, 1))).statusCode).toBe(201)
  })
  afterAll(() => h?.close())

  it('matches the latest revision, stores findings with reasons, and lets only analysts re-match', async () => {
    const denied = await h.app.inject({ method: 'POST', url: `/api/orgs/${orgId}/product-versions/${v1}/findings/rematch`, headers: viewer })
    expect(denied.statusCode).toBe(403)
    const run = await h.app.inject({ method: 'POST', url: `/api/orgs/${orgId}/product-versions/${v1}/findings/rematch`, headers: as(analyst, true) })
    expect(run.statusCode).toBe(200)
    expect(run.json()).toMatchObject({ components: 3, unmatchedComponents: 1, added: 2, resolved: 0, present: 2 })
    const body = await findingsOf(v1)
    const pairs = body.findings.map((f) => [f.component.name, f.vulnerability.id, f.matchedBy, f.status]).sort()
    expect(pairs).toEqual([
      ['chrome', 'CVE-2023-4863', 'cpe', 'present'],
      ['spring-security-oauth', 'CVE-2019-3778', 'purl', 'present'],
    ])
    const chrome = body.findings.find((f) => f.component.name === 'chrome')!
    expect(chrome.kev).toMatchObject({ dateAdded: '2023-09-13' })
    expect(chrome.reasons.length).toBeGreaterThan(0)
    expect(body.counts).toEqual({ present: 2, resolved: 0, untriaged: 2 })
    const again = await h.app.inject({ method: 'POST', url: `/api/orgs/${orgId}/product-versions/${v1}/findings/rematch`, headers: as(analyst, true) })
    expect(again.json()).toMatchObject({ added: 0, resolved: 0, present: 2 })
  })

  it('re-matches stale versions in the background and marks vanished findings resolved, not deleted', async () => {
    expect((await matchPending(h.database.db)).versions).toBeGreaterThanOrEqual(1)
    expect((await findingsOf(v2)).counts).toEqual({ present: 1, resolved: 0, untriaged: 1 })
    expect((await matchPending(h.database.db)).versions).toBe(0)
    expect((await upload(v2, [{ type: 'library', 'bom-ref': 'x', name: 'left-pad', version: '1.0.0', purl: 'pkg:npm/left-pad@1.0.0' }])).statusCode).toBe(201)
    expect((await matchPending(h.database.db)).versions).toBeGreaterThanOrEqual(1)
    const after = await findingsOf(v2)
    expect(after.counts).toEqual({ present: 0, resolved: 1, untriaged: 0 })
    expect(after.findings[0]).toMatchObject({ status: 'resolved', vulnerability: { id: 'CVE-2019-3778' } })
  })

  it('applies the most specific decision, shows where an inherited one came from, and audits every change', async () => {
    const oauth = (await findingsOf(v1)).findings.find((f) => f.component.name === 'spring-security-oauth')!
    const decide = (payload: Record<string, unknown>, headers = as(analyst, true)) =>
      h.app.inject({ method: 'PUT', url: `/api/orgs/${orgId}/findings/${oauth.id}/decision`, headers, payload })
    expect((await decide({ scope: 'component', state: 'in_triage' }, viewer)).statusCode).toBe(403)
    const missing = await decide({ scope: 'component', state: 'not_affected' })
    expect(missing.statusCode).toBe(400)
    expect(missing.json()).toMatchObject({ error: { details: { code: 'triage_justification_missing' } } })
    expect((await decide({ scope: 'component', state: 'exploitable', justification: 'vulnerable_code_not_present' })).statusCode).toBe(400)
    expect((await decide({ scope: 'component', state: 'not_affected', justification: 'vulnerable_code_not_in_execute_path', detail: 'the OAuth client is never started' })).statusCode).toBe(200)
    let shown = (await findingsOf(v1)).findings.find((f) => f.id === oauth.id)!
    expect(shown.decision).toMatchObject({ state: 'not_affected', scope: { kind: 'component' }, inherited: true, origin: 'manual' })
    expect((await decide({ scope: 'product', state: 'in_triage' })).statusCode).toBe(200)
    expect((await decide({ scope: 'product_version', state: 'exploitable', responses: ['update'], detail: 'update to 2.3.5' })).statusCode).toBe(200)
    shown = (await findingsOf(v1)).findings.find((f) => f.id === oauth.id)!
    expect(shown.decision).toMatchObject({ state: 'exploitable', scope: { kind: 'product_version' }, inherited: false })
    expect(shown.overrides.map((o) => o.scope.kind)).toEqual(['product', 'component'])
    // The product-wide decision reaches the other version (and future ones) too.
    const other = (await findingsOf(v2)).findings[0]!
    expect(other.decision).toMatchObject({ state: 'in_triage', scope: { kind: 'product' }, inherited: true })
    const removed = await h.app.inject({ method: 'DELETE', url: `/api/orgs/${orgId}/findings/${oauth.id}/decision?scope=product_version`, headers: as(analyst, true) })
    expect(removed.statusCode).toBe(200)
    shown = (await findingsOf(v1)).findings.find((f) => f.id === oauth.id)!
    expect(shown.decision).toMatchObject({ state: 'in_triage', scope: { kind: 'product' } })
    const audit = await h.database.db.selectFrom('audit_log').select('action').where('org_id', '=', orgId).where('action', 'like', 'triage.%').orderBy('seq').execute()
    expect(audit.map((a) => a.action)).toEqual(['triage.decide', 'triage.decide', 'triage.decide', 'triage.remove'])
  })

  it('exports findings with effective decisions in the three VEX formats, each parsing back', async () => {
    for (const format of ['openvex', 'cyclonedx', 'csaf'] as const) {
      const res = await h.app.inject({ method: 'GET', url: `/api/orgs/${orgId}/product-versions/${v1}/vex?format=${format}`, headers: viewer })
      expect(res.statusCode, format).toBe(200)
      expect(res.headers['x-tlp']).toBeTruthy()
      const parsed = parseVex(res.json())
      expect(parsed.ok, format).toBe(true)
      if (!parsed.ok) continue
      const byVulnerability = Object.fromEntries(parsed.value.statements.map((s) => [s.vulnerability.id, s.status]))
      expect(byVulnerability, format).toEqual({ 'CVE-2019-3778': 'under_investigation', 'CVE-2023-4863': 'under_investigation' })
    }
  })

  it('imports VEX statements by identity (product, purl, CPE) and by alias, reporting what did not match', async () => {
    const document = {
      '@context': 'https://openvex.dev/ns/v0.2.0',
      '@id': 'https://example.com/vex/1',
      author: 'Acme PSIRT',
      timestamp: '2026-01-01T00:00:00Z',
      version: 1,
      statements: [
        { vulnerability: { name: 'GHSA-77rv-6vfw-x4gc' }, products: [{ '@id': OAUTH }], status: 'fixed' },
        { vulnerability: { name: 'CVE-2023-4863' }, products: [{ '@id': CHROME, identifiers: { cpe23: CHROME } }], status: 'not_affected', justification: 'vulnerable_code_not_in_execute_path' },
        { vulnerability: { name: 'CVE-2000-0001' }, products: [{ '@id': 'pkg:npm/unknown@1.0.0' }], status: 'affected', action_statement: 'none' },
      ],
    }
    const res = await h.app.inject({ method: 'POST', url: `/api/orgs/${orgId}/vex/import`, headers: as(analyst, true), payload: { document } })
    expect(res.statusCode, res.body).toBe(200)
    const report = res.json<{ applied: { vulnerabilityId: string; scope: string; state: string; matchedBy: string }[]; unmatched: { vulnerabilityId: string }[] }>()
    expect(report.applied.map((a) => [a.vulnerabilityId, a.scope.split(':')[0], a.state, a.matchedBy]).sort()).toEqual([
      ['CVE-2019-3778', 'product_version', 'resolved', 'purl'],
      ['CVE-2023-4863', 'product_version', 'not_affected', 'cpe'],
    ].sort())
    expect(report.unmatched.map((u) => u.vulnerabilityId)).toEqual(['CVE-2000-0001'])
    const shown = (await findingsOf(v1)).findings
    expect(shown.find((f) => f.component.name === 'chrome')?.decision).toMatchObject({ state: 'not_affected', origin: 'vex:openvex:https://example.com/vex/1' })
    const exported = await h.app.inject({ method: 'GET', url: `/api/orgs/${orgId}/product-versions/${v1}/vex?format=openvex`, headers: viewer })
    const parsed = parseVex(exported.json())
    expect(parsed.ok && Object.fromEntries(parsed.value.statements.map((s) => [s.vulnerability.id, s.status]))).toEqual({ 'CVE-2019-3778': 'fixed', 'CVE-2023-4863': 'not_affected' })
    const bad = await h.app.inject({ method: 'POST', url: `/api/orgs/${orgId}/vex/import`, headers: as(analyst, true), payload: { document: { hello: 'world' } } })
    expect(bad.statusCode).toBe(400)
  })
})
