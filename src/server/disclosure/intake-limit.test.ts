import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startHarness, type ApiHarness } from '../../../test/support/api-harness.js'
import { testEngines } from '../../../test/support/database.js'
import { clientKeyHash } from '../../services/disclosure/public-limit.js'
import { openDatabase, type OpenDatabase } from '../../store/database.js'
import { buildServer } from '../app.js'

describe.each(testEngines)('the intake rate limit is kept in the database on %s', (engine) => {
  let h: ApiHarness
  let second: { app: FastifyInstance; database?: OpenDatabase } | undefined
  const report = (app: FastifyInstance, remoteAddress: string, title: string) =>
    app.inject({ method: 'POST', url: '/api/public/disclosure/acme-imaging/reports', payload: { title, description: 'Details' }, remoteAddress })

  beforeAll(async () => {
    h = await startHarness(engine)
  })
  afterAll(async () => {
    await second?.app.close()
    await second?.database?.close()
    await h?.close()
  })

  it('limits a flood of reports per address, stores only a hash of the address, and leaves other addresses alone', async () => {
    const flooder = '192.0.2.166'
    const statuses: number[] = []
    for (let i = 0; i < 7; i++) statuses.push((await report(h.app, flooder, `flood ${i}`)).statusCode)
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429, 429])
    const counters = await h.database.db.selectFrom('public_rate_limits').selectAll().where('bucket', '=', 'report').execute()
    expect(counters.find((c) => c.key_hash === clientKeyHash(flooder))).toMatchObject({ hits: 7 })
    expect(JSON.stringify(counters)).not.toContain(flooder)
    expect((await report(h.app, '192.0.2.167', 'someone else')).statusCode).toBe(201)
  })

  it('still limits the address on a new app instance over the same database (a restart, or a second instance)', async () => {
    // On PostgreSQL the second instance has its own connection pool, as another process would.
    const database = h.database.location.kind === 'postgres' ? await openDatabase(h.database.location) : undefined
    const app = await buildServer({ db: database?.db ?? h.database.db, logger: false })
    await app.ready()
    second = { app, ...(database ? { database } : {}) }
    const limited = await report(app, '192.0.2.166', 'after restart')
    expect(limited.statusCode).toBe(429)
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0)
    expect(limited.json()).toMatchObject({ error: { code: 'rate_limited' } })
    expect((await report(app, '192.0.2.168', 'a new reporter')).statusCode).toBe(201)
    // The first instance sees the hits the second one counted.
    expect((await report(h.app, '192.0.2.166', 'back on the first')).statusCode).toBe(429)
  })

  it('counts concurrent hits exactly (one upsert per hit)', async () => {
    const address = '192.0.2.200'
    const statuses = await Promise.all(Array.from({ length: 8 }, (_, i) => report(h.app, address, `burst ${i}`).then((r) => r.statusCode)))
    expect(statuses.filter((s) => s === 201), statuses.join(' ')).toHaveLength(5)
    expect(statuses.filter((s) => s === 429)).toHaveLength(3)
  })
})
