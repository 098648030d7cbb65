import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { validateCsaf } from '../../domain/csaf/index.js'
import { openTestDatabase } from '../../../test/support/database.js'
import { seedDemo } from '../demo/seed-demo.js'
import { systemContext } from '../system-admin.js'
import { listAdvisories, getAdvisory } from './get-advisory.js'
import { seedAdvisoriesDemo } from './seed-advisories.js'

describe('demo advisory seed', () => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>
  beforeAll(async () => {
    // With an https base URL the canonical self reference (optional test 6.2.11) is satisfied too.
    vi.stubEnv('MEDSEC_PUBLIC_URL', 'https://medsec.example')
    database = await openTestDatabase('pglite')
    await seedDemo(database.db)
  })
  afterAll(async () => {
    vi.unstubAllEnvs()
    await database.close()
  })

  it('publishes one valid TLP:CLEAR advisory for Acme CT 5000 once', async () => {
    // seedDemo has run it; a second run must not add another.
    await seedAdvisoriesDemo(database.db)
    const ctx = await systemContext(database.db, 'acme-imaging')
    if (!ctx.ok) throw new Error(ctx.error.message)
    const list = await listAdvisories(ctx.value)
    if (!list.ok) throw new Error(list.error.message)
    expect(list.value).toHaveLength(1)
    const [summary] = list.value
    expect(summary).toMatchObject({ trackingId: 'ACME-SA-2026-001', tlp: 'CLEAR', status: 'final', version: '1', valid: true })
    expect(summary?.published?.path).toMatch(/^white\/\d{4}\/acme-sa-2026-001\.json$/)
    const full = await getAdvisory(ctx.value, summary!.id)
    if (!full.ok) throw new Error(full.error.message)
    const report = validateCsaf(full.value.document)
    expect(report.errors).toEqual([])
    expect(report.warnings, JSON.stringify(report.warnings)).toEqual([])
  })
})
