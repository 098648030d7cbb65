import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { as, startHarness, type ApiHarness, type TestSession } from '../../test/support/api-harness.js'
import { testEngines } from '../../test/support/database.js'

describe.each(testEngines)('organization administration on %s', (engine) => {
  let h: ApiHarness
  let orgId: string
  let admin: TestSession
  let analyst: TestSession

  beforeAll(async () => {
    h = await startHarness(engine)
    orgId = await h.orgId('acme-imaging')
    admin = await h.login('admin@acme-imaging.example')
    analyst = await h.login('analyst@acme-imaging.example')
  })
  afterAll(() => h?.close())

  it('creates a token whose secret is shown once and stored only as a hash', async () => {
    const res = await h.app.inject({ method: 'POST', url: `/api/orgs/${orgId}/tokens`, headers: as(admin, true), payload: { name: 'scanner bot', role: 'viewer' } })
    expect(res.statusCode).toBe(201)
    const { secret, token } = res.json<{ secret: string; token: { id: string; prefix: string } }>()
    expect(secret).toMatch(/^msk_/)
    expect(secret.startsWith(token.prefix)).toBe(true)
    const listed = await h.app.inject({ method: 'GET', url: `/api/orgs/${orgId}/tokens`, headers: as(admin) })
    expect(listed.body).not.toContain(secret)
    const stored = await h.database.db.selectFrom('api_tokens').selectAll().where('id', '=', token.id).executeTakeFirstOrThrow()
    expect(stored.token_hash).not.toBe(secret)
    expect(JSON.stringify(stored)).not.toContain(secret)
  })

  it('authenticates with a token within its role, records last use, and refuses it once revoked', async () => {
    const created = await h.app.inject({ method: 'POST', url: `/api/orgs/${orgId}/tokens`, headers: as(admin, true), payload: { name: 'ci', role: 'viewer' } })
    const { secret, token } = created.json<{ secret: string; token: { id: string } }>()
    const bearer = { authorization: `Bearer ${secret}` }
    expect((await h.app.inject({ method: 'GET', url: `/api/orgs/${orgId}/products`, headers: bearer })).statusCode).toBe(200)
    const viewerWrite = await h.app.inject({ method: 'POST', url: `/api/orgs/${orgId}/tokens`, headers: bearer, payload: { name: 'escalate', role: 'admin' } })
    expect(viewerWrite.statusCode).toBe(403)
    expect(viewerWrite.json()).toMatchObject({ error: { code: 'forbidden' } })
    const used = await h.database.db.selectFrom('api_tokens').select('last_used_at').where('id', '=', token.id).executeTakeFirstOrThrow()
    expect(used.last_used_at).not.toBeNull()
    const revoked = await h.app.inject({ method: 'DELETE', url: `/api/orgs/${orgId}/tokens/${token.id}`, headers: as(admin, true) })
    expect(revoked.statusCode).toBe(200)
    const refused = await h.app.inject({ method: 'GET', url: `/api/orgs/${orgId}/products`, headers: bearer })
    expect(refused.statusCode).toBe(401)
    expect(refused.json()).toMatchObject({ error: { code: 'token_revoked' } })
    const again = await h.app.inject({ method: 'DELETE', url: `/api/orgs/${orgId}/tokens/${token.id}`, headers: as(admin, true) })
    expect(again.statusCode).toBe(404)
  })

  it('refuses admin routes to an analyst', async () => {
    for (const url of [`/api/orgs/${orgId}/tokens`, `/api/orgs/${orgId}/audit`]) {
      const res = await h.app.inject({ method: 'GET', url, headers: as(analyst) })
      expect(res.statusCode, url).toBe(403)
    }
    const add = await h.app.inject({ method: 'POST', url: `/api/orgs/${orgId}/members`, headers: as(analyst, true), payload: { email: 'x@y.example', role: 'admin', name: 'X', password: 'long enough password' } })
    expect(add.statusCode).toBe(403)
  })

  it('adds a member, changes the role, removes it, and keeps the last admin', async () => {
    const add = await h.app.inject({
      method: 'POST',
      url: `/api/orgs/${orgId}/members`,
      headers: as(admin, true),
      payload: { email: 'new.engineer@acme-imaging.example', role: 'viewer', name: 'New Engineer', password: 'correct horse battery' },
    })
    expect(add.statusCode).toBe(201)
    const member = add.json<{ id: string; role: string }>()
    expect(member.role).toBe('viewer')
    const duplicate = await h.app.inject({ method: 'POST', url: `/api/orgs/${orgId}/members`, headers: as(admin, true), payload: { email: 'new.engineer@acme-imaging.example', role: 'viewer' } })
    expect(duplicate.statusCode).toBe(409)
    const weak = await h.app.inject({ method: 'POST', url: `/api/orgs/${orgId}/members`, headers: as(admin, true), payload: { email: 'weak@acme-imaging.example', role: 'viewer', name: 'W', password: 'short' } })
    expect(weak.json()).toMatchObject({ error: { code: 'validation_failed' } })
    const promoted = await h.app.inject({ method: 'PATCH', url: `/api/orgs/${orgId}/members/${member.id}`, headers: as(admin, true), payload: { role: 'analyst' } })
    expect(promoted.json()).toMatchObject({ role: 'analyst' })
    const newcomer = await h.login('new.engineer@acme-imaging.example', 'correct horse battery')
    expect(newcomer.orgs).toMatchObject([{ slug: 'acme-imaging', role: 'analyst' }])
    const removed = await h.app.inject({ method: 'DELETE', url: `/api/orgs/${orgId}/members/${member.id}`, headers: as(admin, true) })
    expect(removed.statusCode).toBe(204)
    const me = await h.database.db.selectFrom('users').select('id').where('email', '=', 'admin@acme-imaging.example').executeTakeFirstOrThrow()
    const demote = await h.app.inject({ method: 'PATCH', url: `/api/orgs/${orgId}/members/${me.id}`, headers: as(admin, true), payload: { role: 'viewer' } })
    expect(demote.statusCode).toBe(409)
    expect(demote.json()).toMatchObject({ error: { code: 'last_admin' } })
  })

  it('records every write in the audit log, filterable and paged', async () => {
    const all = await h.app.inject({ method: 'GET', url: `/api/orgs/${orgId}/audit?pageSize=200`, headers: as(admin) })
    const actions = all.json<{ entries: { action: string }[] }>().entries.map((e) => e.action)
    expect(actions).toEqual(expect.arrayContaining(['token.create', 'token.revoke', 'member.add', 'member.role_change', 'member.remove', 'product.create', 'organization.create']))
    const tokens = await h.app.inject({ method: 'GET', url: `/api/orgs/${orgId}/audit?action=token.&pageSize=2&page=1`, headers: as(admin) })
    const page = tokens.json<{ total: number; entries: { action: string; actorLabel: string }[] }>()
    expect(page.entries).toHaveLength(2)
    expect(page.total).toBeGreaterThanOrEqual(3)
    expect(page.entries.every((e) => e.action.startsWith('token.'))).toBe(true)
    const byActor = await h.app.inject({ method: 'GET', url: `/api/orgs/${orgId}/audit?actor=admin@acme`, headers: as(admin) })
    expect(byActor.json<{ entries: { actorLabel: string }[] }>().entries.every((e) => e.actorLabel.includes('admin@acme'))).toBe(true)
    const future = await h.app.inject({ method: 'GET', url: `/api/orgs/${orgId}/audit?from=2999-01-01T00:00:00Z`, headers: as(admin) })
    expect(future.json()).toMatchObject({ total: 0, entries: [] })
  })

  it('creates products for a manufacturer and refuses them to a hospital', async () => {
    const created = await h.app.inject({ method: 'POST', url: `/api/orgs/${orgId}/products`, headers: as(admin, true), payload: { name: 'Acme MR 1', versions: ['1.0'], tlp: 'AMBER' } })
    expect(created.statusCode).toBe(201)
    expect(created.json()).toMatchObject({ name: 'Acme MR 1', tlp: 'AMBER', versions: [{ version: '1.0' }] })
    const badTlp = await h.app.inject({ method: 'POST', url: `/api/orgs/${orgId}/products`, headers: as(admin, true), payload: { name: 'Acme MR 2', tlp: 'PURPLE' } })
    expect(badTlp.statusCode).toBe(400)
    const hospital = await h.login('admin@st-example.example')
    const hospitalId = await h.orgId('st-example-hospital')
    const refused = await h.app.inject({ method: 'POST', url: `/api/orgs/${hospitalId}/products`, headers: as(hospital, true), payload: { name: 'Home-made CT' } })
    expect(refused.statusCode).toBe(403)
  })
})
