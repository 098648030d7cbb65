import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { as, startHarness, type ApiHarness, type TestSession } from '../../test/support/api-harness.js'
import { testEngines } from '../../test/support/database.js'

/** Every organization route, as a request against a given organization id. */
function orgRoutes(orgId: string, ids: { userId: string; tokenId: string }) {
  return [
    { method: 'GET', url: `/api/orgs/${orgId}` },
    { method: 'GET', url: `/api/orgs/${orgId}/dashboard` },
    { method: 'GET', url: `/api/orgs/${orgId}/members` },
    { method: 'POST', url: `/api/orgs/${orgId}/members`, payload: { email: 'intruder@evil.example', role: 'admin', name: 'I', password: 'long enough password' } },
    { method: 'PATCH', url: `/api/orgs/${orgId}/members/${ids.userId}`, payload: { role: 'viewer' } },
    { method: 'DELETE', url: `/api/orgs/${orgId}/members/${ids.userId}` },
    { method: 'GET', url: `/api/orgs/${orgId}/tokens` },
    { method: 'POST', url: `/api/orgs/${orgId}/tokens`, payload: { name: 'stolen', role: 'admin' } },
    { method: 'DELETE', url: `/api/orgs/${orgId}/tokens/${ids.tokenId}` },
    { method: 'GET', url: `/api/orgs/${orgId}/audit` },
    { method: 'GET', url: `/api/orgs/${orgId}/products` },
    { method: 'POST', url: `/api/orgs/${orgId}/products`, payload: { name: 'Fake CT' } },
    { method: 'GET', url: `/api/orgs/${orgId}/devices` },
  ] as const
}

describe.each(testEngines)('tenant isolation on %s', (engine) => {
  let h: ApiHarness
  let acmeId: string
  let hospitalAdmin: TestSession
  let hospitalToken: string
  let acmeIds: { userId: string; tokenId: string }
  let snapshot: () => Promise<string>

  beforeAll(async () => {
    h = await startHarness(engine)
    acmeId = await h.orgId('acme-imaging')
    const acmeAdmin = await h.login('admin@acme-imaging.example')
    const token = await h.app.inject({ method: 'POST', url: `/api/orgs/${acmeId}/tokens`, headers: as(acmeAdmin, true), payload: { name: 'acme ci', role: 'admin' } })
    const analyst = await h.database.db.selectFrom('users').select('id').where('email', '=', 'analyst@acme-imaging.example').executeTakeFirstOrThrow()
    acmeIds = { userId: analyst.id, tokenId: token.json<{ token: { id: string } }>().token.id }
    hospitalAdmin = await h.login('admin@st-example.example')
    const hospitalId = await h.orgId('st-example-hospital')
    const created = await h.app.inject({ method: 'POST', url: `/api/orgs/${hospitalId}/tokens`, headers: as(hospitalAdmin, true), payload: { name: 'hospital ci', role: 'admin' } })
    hospitalToken = created.json<{ secret: string }>().secret
    snapshot = async () => {
      const db = h.database.db
      const [members, tokens, products] = await Promise.all([
        db.selectFrom('memberships').select(['user_id', 'role']).where('org_id', '=', acmeId).orderBy('user_id').execute(),
        db.selectFrom('api_tokens').select(['id', 'revoked_at']).where('org_id', '=', acmeId).orderBy('id').execute(),
        db.selectFrom('products').select('name').where('org_id', '=', acmeId).orderBy('name').execute(),
      ])
      return JSON.stringify({ members, tokens, products })
    }
  })
  afterAll(() => h?.close())

  it('answers 404 on every organization route to a user of another organization, and changes nothing', async () => {
    const before = await snapshot()
    for (const route of orgRoutes(acmeId, acmeIds)) {
      const res = await h.app.inject({ ...route, headers: as(hospitalAdmin, route.method !== 'GET') })
      expect(res.statusCode, `${route.method} ${route.url}`).toBe(404)
      expect(res.json(), `${route.method} ${route.url}`).toMatchObject({ error: { code: 'not_found' } })
    }
    expect(await snapshot()).toBe(before)
  })

  it("answers 404 on every organization route to another organization's API token, and changes nothing", async () => {
    const before = await snapshot()
    for (const route of orgRoutes(acmeId, acmeIds)) {
      const res = await h.app.inject({ ...route, headers: { authorization: `Bearer ${hospitalToken}` } })
      expect(res.statusCode, `${route.method} ${route.url}`).toBe(404)
    }
    expect(await snapshot()).toBe(before)
  })

  it('answers 401 on every organization route without credentials', async () => {
    for (const route of orgRoutes(acmeId, acmeIds)) {
      const res = await h.app.inject(route)
      expect(res.statusCode, `${route.method} ${route.url}`).toBe(401)
    }
  })

  it('treats a malformed or unknown organization id as not found', async () => {
    for (const id of ['not-a-uuid', '00000000-0000-0000-0000-000000000000', "'; drop table users; --"]) {
      const res = await h.app.inject({ method: 'GET', url: `/api/orgs/${encodeURIComponent(id)}/products`, headers: as(hospitalAdmin) })
      expect(res.statusCode).toBe(404)
    }
  })

  it('shows each organization only its own rows', async () => {
    const hospitalId = await h.orgId('st-example-hospital')
    const devices = await h.app.inject({ method: 'GET', url: `/api/orgs/${hospitalId}/devices`, headers: as(hospitalAdmin) })
    expect(devices.json()).toHaveLength(25)
    const products = await h.app.inject({ method: 'GET', url: `/api/orgs/${hospitalId}/products`, headers: as(hospitalAdmin) })
    expect(products.json()).toHaveLength(0)
    const audit = await h.app.inject({ method: 'GET', url: `/api/orgs/${hospitalId}/audit?pageSize=200`, headers: as(hospitalAdmin) })
    const entries = audit.json<{ entries: { orgId: string }[] }>().entries
    expect(entries.length).toBeGreaterThan(0)
    expect(entries.every((e) => e.orgId === hospitalId)).toBe(true)
  })
})
