import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { as, startHarness, type ApiHarness, type TestSession } from '../../../test/support/api-harness.js'
import { testEngines } from '../../../test/support/database.js'
import { testdataPath } from '../../../test/support/testdata.js'
import { importKb } from '../../services/kb/import-kb.js'

describe.each(testEngines)('knowledge base API on %s', (engine) => {
  let h: ApiHarness
  let viewer: TestSession

  beforeAll(async () => {
    h = await startHarness(engine)
    for (const source of ['osv-dev/vulnfeeds/test_data/nvdcve-2.0', 'dependency-track-fixtures/vuln-data-source/osv/src/test/resources/osv-GHSA-77rv-6vfw-x4gc.json', 'cisa-kev/known_exploited_vulnerabilities.json']) {
      const imported = await importKb(h.database.db, testdataPath(source))
      if (!imported.ok) throw new Error(imported.error.message)
    }
    viewer = await h.login('analyst@acme-imaging.example')
  })
  afterAll(() => h?.close())

  it('refuses anonymous requests', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/api/kb/vulnerabilities?q=CVE-2023-4863' })
    expect(res.statusCode).toBe(401)
  })

  it('searches by id, alias and package, paged', async () => {
    const byAlias = await h.app.inject({ method: 'GET', url: '/api/kb/vulnerabilities?q=GHSA-77rv', headers: as(viewer) })
    expect(byAlias.statusCode).toBe(200)
    expect(byAlias.json<{ items: { id: string; aliases: string[] }[] }>().items).toMatchObject([{ id: 'CVE-2019-3778', aliases: ['GHSA-77rv-6vfw-x4gc'] }])
    const page = await h.app.inject({ method: 'GET', url: '/api/kb/vulnerabilities?limit=10&offset=20', headers: as(viewer) })
    expect(page.json<{ total: number; items: unknown[] }>()).toMatchObject({ total: 24 })
    expect(page.json<{ items: unknown[] }>().items.length).toBe(4)
    const bad = await h.app.inject({ method: 'GET', url: '/api/kb/vulnerabilities?limit=1000', headers: as(viewer) })
    expect(bad.statusCode).toBe(400)
  })

  it('shows every statement with its origin, the KEV flag and recomputed CVSS', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/api/kb/vulnerabilities/CVE-2023-4863', headers: as(viewer) })
    expect(res.statusCode).toBe(200)
    const body = res.json<{ id: string; statements: { source: string; origin: string; affected: unknown[] }[]; kev: { dateAdded: string } | null; cvss: { baseScore: number; severity: string }[] }>()
    expect(body.statements.map((s) => s.source)).toEqual(['nvd'])
    expect(body.statements[0]?.origin).toContain('CVE-2023-4863.json')
    expect(body.statements[0]?.affected.length).toBe(6)
    expect(body.kev?.dateAdded).toBe('2023-09-13')
    expect(body.cvss[0]).toMatchObject({ baseScore: 8.8, severity: 'High' })
    const missing = await h.app.inject({ method: 'GET', url: '/api/kb/vulnerabilities/CVE-1999-0001', headers: as(viewer) })
    expect(missing.statusCode).toBe(404)
  })

  it('matches posted components and explains each finding', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/kb/match',
      headers: as(viewer, true),
      payload: {
        components: [
          { ref: 'chrome', name: 'chrome', cpe: 'cpe:2.3:a:google:chrome:116.0.5845.100:*:*:*:*:*:*:*' },
          { ref: 'oauth', name: 'spring-security-oauth', purl: 'pkg:maven/org.springframework.security.oauth/spring-security-oauth@2.0.17' },
          { ref: 'noid', name: 'in-house' },
        ],
      },
    })
    expect(res.statusCode).toBe(200)
    const body = res.json<{ findings: { component: { ref: string }; vulnerabilityId: string; confidence: string; reason: string }[]; unmatchedComponents: { ref: string }[]; stats: { components: number } }>()
    expect(body.findings.map((f) => [f.component.ref, f.vulnerabilityId, f.confidence])).toEqual([['chrome', 'CVE-2023-4863', 'high']])
    expect(body.findings[0]?.reason).toContain('vers:generic/<116.0.5845.187')
    expect(body.unmatchedComponents).toEqual([{ ref: 'noid', name: 'in-house' }])
    const invalid = await h.app.inject({ method: 'POST', url: '/api/kb/match', headers: as(viewer, true), payload: { components: [{ name: 'no ref' }] } })
    expect(invalid.statusCode).toBe(400)
  })

  it('reports knowledge-base counts', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/api/kb/stats', headers: as(viewer) })
    expect(res.json()).toMatchObject({ vulnerabilities: 24, statements: { nvd: 23, osv: 1 }, kev: 1404 })
  })
})
