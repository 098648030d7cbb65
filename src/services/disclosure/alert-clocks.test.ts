import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { OpenDatabase } from '../../store/database.js'
import { openTestDatabase, testEngines } from '../../../test/support/database.js'
import { seedDemo } from '../demo/seed-demo.js'
import { alertDisclosureClocks } from './alert-clocks.js'
import { submitReport } from './submit-report.js'

describe.each(testEngines)('disclosure clock alerts on %s', (engine) => {
  let database: OpenDatabase
  let reference: string
  const received = new Date('2026-03-02T09:00:00Z')

  beforeAll(async () => {
    database = await openTestDatabase(engine)
    await seedDemo(database.db)
    const report = await submitReport(database.db, 'acme-imaging', { title: 'Default credentials on the service port', description: 'The service port accepts a documented default password.', encrypted: false, wantsCredit: false }, received)
    if (!report.ok) throw new Error(report.error.message)
    reference = report.value.reference
  }, 120_000)
  afterAll(() => database?.close())

  const notifications = (status: string) =>
    database.db
      .selectFrom('notifications as n')
      .innerJoin('organizations as o', 'o.id', 'n.org_id')
      .select(['o.slug', 'n.title'])
      .where('n.event_type', '=', 'sla.clock_approaching')
      .where('n.title', 'like', `${reference}:%${status}%`)
      .execute()

  it('warns the manufacturer once when the acknowledgement clock comes close, and once more when it is breached', async () => {
    // Received on Monday 2 March: five business days to acknowledge make Monday 9 March the due date.
    const nothingYet = await alertDisclosureClocks(database.db, new Date('2026-03-02T12:00:00Z'))
    expect(nothingYet.ok && nothingYet.value.filter((a) => a.reference === reference)).toEqual([])

    const soon = await alertDisclosureClocks(database.db, new Date('2026-03-06T12:00:00Z'))
    if (!soon.ok) throw new Error(soon.error.message)
    const mine = soon.value.filter((a) => a.reference === reference)
    expect(mine.map((a) => [a.clock, a.status])).toContainEqual(['acknowledge', 'due_soon'])
    const again = await alertDisclosureClocks(database.db, new Date('2026-03-06T18:00:00Z'))
    expect(again.ok && again.value.filter((a) => a.reference === reference)).toEqual([])

    const late = await alertDisclosureClocks(database.db, new Date('2026-03-12T12:00:00Z'))
    if (!late.ok) throw new Error(late.error.message)
    expect(late.value.filter((a) => a.reference === reference).map((a) => [a.clock, a.status])).toContainEqual(['acknowledge', 'breached'])

    const dueSoon = await notifications('is due')
    const breached = await notifications('was due')
    expect(new Set(dueSoon.map((n) => n.slug))).toEqual(new Set(['acme-imaging']))
    expect(breached.length).toBeGreaterThan(0)
    expect(breached.every((n) => n.slug === 'acme-imaging')).toBe(true)
  })
})
