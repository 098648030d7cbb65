import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { as, startHarness, type ApiHarness, type TestSession } from '../../../test/support/api-harness.js'
import { testEngines } from '../../../test/support/database.js'
import { testdataPath } from '../../../test/support/testdata.js'
import { importKb } from '../kb/import-kb.js'
import { backgroundJobsEnabled, JOB_QUEUES, startJobRunner, type JobRunner } from './job-runner.js'
import { listAllJobs, type JobView } from './list-jobs.js'

const OAUTH = 'pkg:maven/org.springframework.security.oauth/spring-security-oauth@2.0.16'

describe('background job switch', () => {
  it('is on by default, off with MEDSEC_REMATCH=off, and under vitest only with MEDSEC_REMATCH=on', () => {
    expect(backgroundJobsEnabled({})).toBe(true)
    expect(backgroundJobsEnabled({ MEDSEC_REMATCH: 'off' })).toBe(false)
    expect(backgroundJobsEnabled({ VITEST: 'true' })).toBe(false)
    expect(backgroundJobsEnabled({ VITEST: 'true', MEDSEC_REMATCH: 'on' })).toBe(true)
  })
})

describe.each(testEngines)('pg-boss job runner on %s', (engine) => {
  let h: ApiHarness
  let runner: JobRunner | undefined
  let orgId: string
  let admin: TestSession
  let analyst: TestSession
  let versionId: string
  const jobsAs = async (session: TestSession) => h.app.inject({ method: 'GET', url: `/api/orgs/${orgId}/jobs`, headers: as(session) })

  beforeAll(async () => {
    h = await startHarness(engine)
    orgId = await h.orgId('acme-imaging')
    admin = await h.login('admin@acme-imaging.example')
    analyst = await h.login('analyst@acme-imaging.example')
  })
  afterAll(async () => {
    await runner?.stop()
    await h?.close()
  })

  it('lists nothing before the job system has ever run (the harness does not start it under vitest)', async () => {
    const res = await jobsAs(admin)
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ available: false, jobs: [] })
  })

  it('starts pg-boss on the application database and backfills the inverted index in a first KB job', async () => {
    runner = await startJobRunner(h.database.db, { checkIntervalMs: 0, pollingIntervalSeconds: 0.5 })
    expect(await runner.idle(120_000)).toBe(true)
    const all = await listAllJobs(h.database.db)
    expect(all.available).toBe(true)
    expect(all.jobs.map((j) => [j.queue, j.state, j.reason])).toContainEqual([JOB_QUEUES.kbRematch, 'completed', 'backfill'])
  }, 180_000)

  it('re-matches a KB import in a targeted job, and matches an uploaded SBOM at once in a job of its own', async () => {
    const imported = await importKb(h.database.db, testdataPath('dependency-track-fixtures/vuln-data-source/osv/src/test/resources/osv-GHSA-77rv-6vfw-x4gc.json'))
    expect(imported.ok).toBe(true)
    await runner!.check()
    expect(await runner!.idle(60_000)).toBe(true)
    const created = await h.app.inject({ method: 'POST', url: `/api/orgs/${orgId}/products`, headers: as(analyst, true), payload: { name: 'Jobs Test CT', versions: ['1.0'] } })
    versionId = created.json<{ versions: { id: string }[] }>().versions[0]!.id
    const bom = { bomFormat: 'CycloneDX', specVersion: '1.5', version: 1, components: [{ type: 'library', 'bom-ref': 'oauth', name: 'spring-security-oauth', version: '2.0.16', purl: OAUTH }] }
    const uploaded = await h.app.inject({ method: 'POST', url: `/api/orgs/${orgId}/product-versions/${versionId}/sboms`, headers: as(analyst, true), payload: { filename: 'bom.cdx.json', contentBase64: Buffer.from(JSON.stringify(bom)).toString('base64') } })
    expect(uploaded.statusCode).toBe(201)
    expect(await runner!.idle(60_000)).toBe(true)
    const findings = await h.app.inject({ method: 'GET', url: `/api/orgs/${orgId}/product-versions/${versionId}/findings`, headers: as(analyst) })
    expect(findings.json<{ findings: { vulnerability: { id: string }; status: string }[] }>().findings.map((f) => [f.vulnerability.id, f.status])).toEqual([['CVE-2019-3778', 'present']])

    const res = await jobsAs(admin)
    expect(res.statusCode).toBe(200)
    const jobs = res.json<{ available: boolean; jobs: JobView[] }>().jobs
    const upload = jobs.find((j) => j.productVersionId === versionId)
    expect(upload).toMatchObject({ queue: JOB_QUEUES.matchVersion, state: 'completed', reason: 'sbom_upload', counts: { components: 1, added: 1, resolved: 0 }, error: null })
    expect(upload?.startedOn && upload.completedOn && upload.startedOn <= upload.completedOn).toBe(true)
    const kb = jobs.find((j) => j.queue === JOB_QUEUES.kbRematch && j.reason === 'kb_change')
    expect(kb).toMatchObject({ state: 'completed', counts: { kind: 'targeted', statements: 1 } })
    // Instance-wide jobs show organization admins nothing about other organizations' products.
    expect(Object.keys(kb?.counts ?? {}).sort()).toEqual(['affectedSetMs', 'keys', 'kind', 'rematchMs', 'statements', 'through'])
  }, 180_000)

  it('shows the jobs to admins only, and another organization sees none of this one', async () => {
    expect((await jobsAs(analyst)).statusCode).toBe(403)
    const hospitalAdmin = await h.login('admin@st-example.example')
    const hospital = await h.app.inject({ method: 'GET', url: `/api/orgs/${await h.orgId('st-example-hospital')}/jobs`, headers: as(hospitalAdmin) })
    const seen = hospital.json<{ jobs: JobView[] }>().jobs
    expect(seen.length).toBeGreaterThan(0)
    expect(seen.every((j) => j.queue === JOB_QUEUES.kbRematch)).toBe(true)
    expect((await h.app.inject({ method: 'GET', url: `/api/orgs/${orgId}/jobs`, headers: as(hospitalAdmin) })).statusCode).toBe(404)
  })

  it('records a failing job with its error', async () => {
    const missing = randomUUID()
    await runner!.enqueueVersionMatch(orgId, missing, 'sweep')
    const deadline = Date.now() + 30_000
    let failed: JobView | undefined
    while (!failed && Date.now() < deadline) {
      failed = (await listAllJobs(h.database.db)).jobs.find((j) => j.productVersionId === missing && j.error !== null)
      if (!failed) await new Promise((resolve) => setTimeout(resolve, 250))
    }
    expect(failed).toMatchObject({ queue: JOB_QUEUES.matchVersion, error: expect.stringContaining('not_found') })
    expect(['retry', 'failed']).toContain(failed?.state)
  }, 60_000)
})
