import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openTestDatabase, testEngines } from '../../../test/support/database.js'
import type { OpenDatabase } from '../../store/database.js'
import type { OrgContext } from '../context.js'
import { ensureOrganization, systemContext } from '../system-admin.js'
import { importDevices } from './import-devices.js'
import { updateDevice } from './update-device.js'

// Devices the import updates before it reaches the one the user edits: the window in which the edit runs.
const DEVICES = 4_000

const csvOf = (location: string) =>
  'Asset Tag,Manufacturer,Model,Software Version,Location\n' +
  Array.from({ length: DEVICES }, (_, i) => `CW-${String(i).padStart(5, '0')},Acme Imaging,Acme CT 5000,3.1,${location}`).join('\n') +
  '\n'

// ADR 0095: the organization counters are bumped AFTER each statement, so an import holding the counter while it
// updates device after device, and a user's edit of a device the import updates later, used to deadlock on
// PostgreSQL (the edit locks the device, then waits for the counter; the import then waits for the device). Every
// writer now takes the organization's counters first, so the two queue. PGlite has one session and serializes them.
describe.each(testEngines)('concurrent writes of one hospital on %s', (engine) => {
  let database: OpenDatabase
  let hospital: OrgContext

  beforeAll(async () => {
    database = await openTestDatabase(engine)
    await ensureOrganization(database.db, { name: 'Busy Hospital', kind: 'hdo', slug: 'busy-hospital' })
    const opened = await systemContext(database.db, 'busy-hospital')
    if (!opened.ok) throw new Error(opened.error.message)
    hospital = opened.value
    const seeded = await importDevices(hospital, { filename: 'first.csv', bytes: new TextEncoder().encode(csvOf('Ward 1')) })
    if (!seeded.ok) throw new Error(seeded.error.message)
    expect(seeded.value.created).toBe(DEVICES)
  }, 120_000)
  afterAll(() => database?.close())

  /** Resolves once another transaction holds the hospital's device counter (PostgreSQL), polling without waiting for it. */
  const counterTaken = async () => {
    if (engine === 'pglite') return
    for (let attempt = 0; attempt < 2_000; attempt++) {
      const held = await database.db
        .transaction()
        .execute(async (trx) => {
          await sql`select 1 from fleet_generations where scope = ${`devices:${hospital.org.id}`} for update nowait`.execute(trx)
          return false
        })
        .catch((error: { code?: string }) => {
          if (error.code === '55P03') return true // lock_not_available
          throw error
        })
      if (held) return
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
    throw new Error('the import never took the device counter')
  }

  it('lets an import and an edit of a device it updates later both succeed (no deadlock)', async () => {
    const last = `CW-${String(DEVICES - 1).padStart(5, '0')}`
    const target = (await database.db.selectFrom('devices').select('id').where('org_id', '=', hospital.org.id).where('asset_tag', '=', last).executeTakeFirstOrThrow()).id
    const importing = importDevices(hospital, { filename: 'second.csv', bytes: new TextEncoder().encode(csvOf('Ward 2')) })
    await counterTaken()
    const editing = updateDevice(hospital, target, { hostname: 'edited-while-importing' })
    const [imported, edited] = await Promise.allSettled([importing, editing])
    const failures = [imported, edited].filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason))
    expect(failures, 'no transaction aborted (e.g. "deadlock detected")').toEqual([])
    expect(imported.status === 'fulfilled' && imported.value.ok && imported.value.value.updated).toBe(DEVICES)
    expect(edited.status === 'fulfilled' && edited.value.ok).toBe(true)
    const stored = await database.db.selectFrom('devices').select(['location', 'hostname']).where('id', '=', target).executeTakeFirstOrThrow()
    expect(stored).toEqual({ location: 'Ward 2', hostname: 'edited-while-importing' })
  }, 120_000)
})
