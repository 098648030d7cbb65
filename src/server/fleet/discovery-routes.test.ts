import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { as, startHarness, type ApiHarness, type TestSession } from '../../../test/support/api-harness.js'
import { testEngines } from '../../../test/support/database.js'
import { projectRoot } from '../../../test/support/testdata.js'

// Every probe goes to 127.0.0.1 only: the SCP child listens there, and the allowed network is that one address.
describe.each(testEngines)('server-side DICOM discovery on %s', (engine) => {
  let h: ApiHarness
  let scp: ChildProcessWithoutNullStreams
  let scpPort: number
  let hospital: TestSession
  let analyst: TestSession
  let hospitalId: string
  const previous = process.env.MEDSEC_DISCOVERY_NETWORKS

  beforeAll(async () => {
    scp = spawn(process.execPath, ['--import', 'tsx', join(projectRoot, 'src/services/fleet/dicom-echo-scp.fixture.ts'), 'MR_ROUTE1'], { cwd: projectRoot })
    const line = await new Promise<string>((resolve, reject) => {
      createInterface({ input: scp.stdout }).once('line', resolve)
      scp.once('exit', (code) => reject(new Error(`the SCP exited with ${code}`)))
    })
    scpPort = (JSON.parse(line) as { port: number }).port
    h = await startHarness(engine)
    hospital = await h.login('admin@st-example.example')
    analyst = await h.login('analyst@st-example.example')
    hospitalId = await h.orgId('st-example-hospital')
  }, 60_000)
  afterAll(async () => {
    if (previous === undefined) delete process.env.MEDSEC_DISCOVERY_NETWORKS
    else process.env.MEDSEC_DISCOVERY_NETWORKS = previous
    scp?.stdin.end()
    scp?.kill()
    await h?.close()
  })

  const run = (session: TestSession, body: Record<string, unknown>) =>
    h.app.inject({ method: 'POST', url: `/api/orgs/${hospitalId}/fleet/discoveries/run`, headers: as(session, true), payload: body })

  it('is off until the operator lists networks, and says how to turn it on', async () => {
    delete process.env.MEDSEC_DISCOVERY_NETWORKS
    const settings = await h.app.inject({ method: 'GET', url: `/api/orgs/${hospitalId}/fleet/discovery-settings`, headers: as(analyst, false) })
    expect(settings.json()).toEqual({ enabled: false, networks: [] })
    const res = await run(hospital, { hosts: '127.0.0.1', ports: String(scpPort) })
    expect(res.statusCode).toBe(400)
    expect(res.json().error.message).toContain('MEDSEC_DISCOVERY_NETWORKS')
  })

  it('probes only inside the allowed networks, and only for administrators', async () => {
    process.env.MEDSEC_DISCOVERY_NETWORKS = '127.0.0.1/32'
    const settings = await h.app.inject({ method: 'GET', url: `/api/orgs/${hospitalId}/fleet/discovery-settings`, headers: as(analyst, false) })
    expect(settings.json()).toEqual({ enabled: true, networks: ['127.0.0.1/32'] })
    expect((await run(analyst, { hosts: '127.0.0.1', ports: String(scpPort) })).statusCode).toBe(403)
    const outside = await run(hospital, { hosts: '127.0.0.0/30', ports: String(scpPort) })
    expect(outside.statusCode).toBe(400)
    expect(outside.json().error.message).toContain('127.0.0.2 lie outside')
    const badTimeout = await run(hospital, { hosts: '127.0.0.1', ports: String(scpPort), timeoutMs: 60_000 })
    expect(badTimeout.statusCode).toBe(400)
  })

  it('records the answering application entity as a proposal the discovery page lists', async () => {
    process.env.MEDSEC_DISCOVERY_NETWORKS = '127.0.0.1/32'
    const res = await run(hospital, { hosts: '127.0.0.1', ports: String(scpPort), calledAe: 'MR_ROUTE1' })
    expect(res.statusCode, res.body).toBe(200)
    const body = res.json<{ probed: number; silent: number; proposals: { host: string; port: number; called_ae: string; outcome: string; status: string }[] }>()
    expect(body.probed).toBe(1)
    expect(body.proposals).toMatchObject([{ host: '127.0.0.1', port: scpPort, called_ae: 'MR_ROUTE1', outcome: 'echo_ok', status: 'proposed' }])
    const listed = await h.app.inject({ method: 'GET', url: `/api/orgs/${hospitalId}/fleet/discoveries?status=proposed`, headers: as(analyst, false) })
    expect(listed.json<{ port: number }[]>().some((p) => p.port === scpPort)).toBe(true)
  }, 30_000)
})
