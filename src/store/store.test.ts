import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { OpenDatabase } from './database.js'
import { migrateToLatest } from './migrate.js'
import { auditRepository } from './repositories/audit.js'
import { productRepository } from './repositories/products.js'
import { organizationRepository } from './repositories/organizations.js'
import { userRepository } from './repositories/users.js'
import { scopeFor } from './scope.js'
import { openTestDatabase, testEngines } from '../../test/support/database.js'

describe.each(testEngines)('store on %s', (engine) => {
  let database: OpenDatabase
  beforeAll(async () => {
    database = await openTestDatabase(engine)
  })
  afterAll(() => database?.close())

  const append = (action: string, details: Record<string, unknown> = {}) =>
    database.db.transaction().execute((trx) =>
      auditRepository.append(trx, { orgId: null, actorId: null, actorLabel: 'test', action, targetType: 'thing', targetId: null, details }),
    )

  it('migrates forward only and is idempotent', async () => {
    const again = await migrateToLatest(database.db)
    expect(again.applied).toEqual([])
    expect(again.alreadyApplied).toBeGreaterThanOrEqual(1)
  })

  it('chains audit entries and verifies them', async () => {
    await append('a.one', { n: 1, nested: { b: 2, a: [1, 'x', null] } })
    await append('a.two', { 'ünïcode': 'ß', float: 1.5 })
    await append('a.three')
    const result = await auditRepository.verify(database.db, 2)
    expect(result).toEqual({ ok: true, entries: 3 })
  })

  it('refuses audit entries outside a transaction', async () => {
    await expect(
      auditRepository.append(database.db, { orgId: null, actorId: null, actorLabel: 't', action: 'x', targetType: 't', targetId: null }),
    ).rejects.toThrow(/inside the transaction/)
  })

  it('keeps the chain linear under concurrent appends', async () => {
    await Promise.all(Array.from({ length: 12 }, (_, i) => append(`concurrent.${i}`)))
    const result = await auditRepository.verify(database.db)
    expect(result).toEqual({ ok: true, entries: 15 })
  })

  it('refuses updates and deletes of audit rows in the database itself', async () => {
    await expect(database.db.updateTable('audit_log').set({ action: 'forged' }).where('seq', '=', '2').execute()).rejects.toThrow(/append-only/)
    await expect(database.db.deleteFrom('audit_log').where('seq', '=', '2').execute()).rejects.toThrow(/append-only/)
  })

  it('names the first tampered entry when someone with database access bypasses the guard', async () => {
    await sql`alter table audit_log disable trigger audit_log_no_update`.execute(database.db)
    try {
      await sql`update audit_log set details = '{"n": 2}'::jsonb where seq = 1`.execute(database.db)
      const changed = await auditRepository.verify(database.db)
      expect(changed).toMatchObject({ ok: false, entries: 0, broken: { seq: '1', reason: 'hash_mismatch' } })
      await sql`update audit_log set details = '{"n": 1, "nested": {"b": 2, "a": [1, "x", null]}}'::jsonb where seq = 1`.execute(database.db)
      expect((await auditRepository.verify(database.db)).ok).toBe(true)
      await sql`delete from audit_log where seq = 2`.execute(database.db)
      const removed = await auditRepository.verify(database.db)
      expect(removed).toMatchObject({ ok: false, entries: 1, broken: { seq: '3', reason: 'prev_hash_mismatch' } })
    } finally {
      await sql`alter table audit_log enable trigger audit_log_no_update`.execute(database.db)
    }
  })

  it('scopes tenant queries to the organization', async () => {
    const a = await organizationRepository.create(database.db, { slug: 'org-a', name: 'A', kind: 'manufacturer' })
    const b = await organizationRepository.create(database.db, { slug: 'org-b', name: 'B', kind: 'manufacturer' })
    const product = await productRepository.create(database.db, scopeFor(a.id), { name: 'Scanner', modelNumber: null, udiDi: null, tlp: 'AMBER' })
    expect(await productRepository.list(database.db, scopeFor(a.id))).toHaveLength(1)
    expect(await productRepository.list(database.db, scopeFor(b.id))).toHaveLength(0)
    expect(await productRepository.find(database.db, scopeFor(b.id), product.id)).toBeUndefined()
    expect((await productRepository.findByNames(database.db, scopeFor(a.id), ['Scanner', 'Other'])).map((p) => p.id)).toEqual([product.id])
    expect(await productRepository.findByNames(database.db, scopeFor(b.id), ['Scanner'])).toEqual([])
    await expect(productRepository.create(database.db, scopeFor(a.id), { name: 'Bad', modelNumber: null, udiDi: null, tlp: 'PURPLE' as never })).rejects.toThrow()
  })

  it('names which of some ids are users, ignoring strings that are not UUIDs', async () => {
    const user = await userRepository.create(database.db, { email: 'ids@example.test', name: 'Ids', passwordHash: 'x' })
    const unknown = '00000000-0000-4000-8000-000000000000'
    expect(await userRepository.existingIds(database.db, [user.id, unknown, 'not-a-uuid', '-'.repeat(36)])).toEqual([user.id])
    expect(await userRepository.existingIds(database.db, [])).toEqual([])
  })
})
