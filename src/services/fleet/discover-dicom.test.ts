import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { projectRoot } from '../../../test/support/testdata.js'
import { runCli } from '../../../test/support/cli.js'
import { openTestDatabase } from '../../../test/support/database.js'
import { seedDemo } from '../demo/seed-demo.js'
import { systemContext } from '../system-admin.js'
import { discoverDicom } from './discover-dicom.js'
import { acceptDiscovery, listDiscoveries } from './discoveries.js'
import { recordDiscoveries } from './record-discoveries.js'

// Every probe in this file goes to 127.0.0.1 only: the SCP child listens there and nothing else is ever addressed.
const LOOPBACK = '127.0.0.1'

/** A port on 127.0.0.1 that nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, LOOPBACK, resolve))
  const address = server.address()
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return typeof address === 'object' && address ? address.port : 1
}

describe('DICOM discovery against an SCP on 127.0.0.1', () => {
  let scp: ChildProcessWithoutNullStreams
  let port: number

  beforeAll(async () => {
    scp = spawn(process.execPath, ['--import', 'tsx', join(projectRoot, 'src/services/fleet/dicom-echo-scp.fixture.ts'), 'CT_RAD1'], { cwd: projectRoot })
    const line = await new Promise<string>((resolve, reject) => {
      createInterface({ input: scp.stdout }).once('line', resolve)
      scp.once('exit', (code) => reject(new Error(`the SCP exited with ${code}`)))
    })
    port = (JSON.parse(line) as { port: number }).port
  }, 30_000)
  afterAll(() => {
    scp?.stdin.end()
  })

  it("records the answering AE with the SCP's implementation class UID and version name, and counts silent ports", async () => {
    const silentPort = await closedPort()
    const run = await discoverDicom({ hosts: LOOPBACK, ports: `${port},${silentPort}`, calledAe: 'CT_RAD1', timeoutMs: 1000 })
    expect(run.ok).toBe(true)
    if (!run.ok) return
    expect(run.value).toMatchObject({ probed: 2, silent: 1 })
    expect(run.value.found).toEqual([
      { host: LOOPBACK, port, calledAe: 'CT_RAD1', callingAe: 'MEDSEC', outcome: 'echo_ok', echoStatus: 0, implementationClassUid: '2.25.329800735698586629295641978511506172918', implementationVersion: 'MEDSEC_TEST_SCP' },
    ])
  })

  it('reports an association the SCP rejects for a wrong called AE title', async () => {
    const run = await discoverDicom({ hosts: LOOPBACK, ports: String(port), calledAe: 'WRONG', timeoutMs: 1000 })
    expect(run.ok && run.value.found.map((f) => f.outcome)).toEqual(['association_rejected'])
  })

  it('refuses a run larger than a /24 before opening any socket', async () => {
    const run = await discoverDicom({ hosts: '10.0.0.0/16', ports: '104' })
    expect(run).toMatchObject({ ok: false, error: { code: 'discovery_too_many_hosts' } })
  })

  it('proposes the answer as an inventory entry that a person accepts into the inventory', async () => {
    const database = await openTestDatabase('pglite')
    try {
      await seedDemo(database.db)
      const ctx = await systemContext(database.db, 'st-example-hospital')
      if (!ctx.ok) throw new Error(ctx.error.message)
      const run = await discoverDicom({ hosts: LOOPBACK, ports: String(port), calledAe: 'CT_RAD1', timeoutMs: 1000 })
      if (!run.ok) throw new Error(run.error.message)
      const recorded = await recordDiscoveries(ctx.value, run.value.found, { probed: run.value.probed, hosts: LOOPBACK, ports: String(port) })
      expect(recorded.ok && recorded.value).toHaveLength(1)
      const proposals = await listDiscoveries(ctx.value, 'proposed')
      expect(proposals.ok && proposals.value.map((p) => [p.proposedAssetTag, p.matchingDevice])).toEqual([[`DICOM-127.0.0.1-${port}`, null]])
      const accepted = await acceptDiscovery(ctx.value, proposals.ok ? proposals.value[0]!.id : '', { assetTag: 'RAD-NEW-CT' })
      expect(accepted.ok && accepted.value.device).toMatchObject({ asset_tag: 'RAD-NEW-CT', ip_address: LOOPBACK, ae_title: 'CT_RAD1', dicom_port: port })
      const again = await acceptDiscovery(ctx.value, proposals.ok ? proposals.value[0]!.id : '')
      expect(again).toMatchObject({ ok: false, error: { code: 'conflict' } })
    } finally {
      await database.close()
    }
  })

  it('prints one JSON line per answering AE from the CLI', () => {
    const run = runCli(['discover', 'dicom', '--host', LOOPBACK, '--port', String(port), '--called-ae', 'CT_RAD1', '--timeout', '1000'])
    expect(run.status, run.stderr).toBe(0)
    const lines = run.stdout.trim().split('\n').map((l) => JSON.parse(l))
    expect(lines).toEqual([expect.objectContaining({ host: LOOPBACK, port, outcome: 'echo_ok', implementationVersion: 'MEDSEC_TEST_SCP' })])
    const refused = runCli(['discover', 'dicom', '--host', '10.0.0.0/8', '--port', '104'])
    expect(refused.status).toBe(2)
    expect(JSON.parse(refused.stderr).error.code).toBe('discovery_too_many_hosts')
  })
})
