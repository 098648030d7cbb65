import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { as, startHarness, type ApiHarness, type TestSession } from '../../../test/support/api-harness.js'
import { testEngines } from '../../../test/support/database.js'
import { routeTable } from '../../../test/support/route-table.js'
import { ROLES, type OrganizationKind, type Role } from '../../domain/tenancy/tenancy.js'
import { TLP_LABELS, type TlpLabel } from '../../domain/tlp/tlp.js'
import { createUserInOrganization } from '../../services/system-admin.js'
import { DEMO_PASSWORD } from '../../services/demo/seed-demo.js'
import { buildServer } from '../app.js'
import { MATRIX_UNKNOWN_ID, ROUTE_RULES, type MatrixPrincipal, type OrgRelation } from './route-rules.js'

const ORGS: readonly { slug: string; kind: OrganizationKind; domain: string }[] = [
  { slug: 'acme-imaging', kind: 'manufacturer', domain: 'acme-imaging.example' },
  { slug: 'st-example-hospital', kind: 'hdo', domain: 'st-example.example' },
  { slug: 'open-device-research', kind: 'researcher', domain: 'odsr.example' },
  { slug: 'device-regulator', kind: 'regulator', domain: 'regulator.example' },
]

interface Caller {
  readonly label: string
  readonly principal: MatrixPrincipal
  readonly orgSlug: string | null
  readonly headers: (write: boolean) => Record<string, string>
  readonly userId: string | null
}

type Outcome = 'allowed' | 'denied' | 'unchecked'

/** Set MEDSEC_MATRIX_DISCOVER=1 to print what routes without a rule allow today (to help write their rule lines). */
const DISCOVER = process.env.MEDSEC_MATRIX_DISCOVER === '1'

async function callers(h: ApiHarness): Promise<Caller[]> {
  const found: Caller[] = [{ label: 'anonymous', principal: { kind: 'anonymous' }, orgSlug: null, headers: () => ({}), userId: null }]
  for (const org of ORGS) {
    const orgId = await h.orgId(org.slug)
    const created = await createUserInOrganization(h.database.db, { email: `viewer@${org.domain}`, name: `${org.slug} viewer`, password: DEMO_PASSWORD, orgSlug: org.slug, role: 'viewer' })
    if (!created.ok) throw new Error(created.error.message)
    let admin: TestSession | undefined
    for (const role of ROLES) {
      const session = await h.login(`${role}@${org.domain}`)
      if (role === 'admin') admin = session
      const user = await h.database.db.selectFrom('users').select('id').where('email', '=', `${role}@${org.domain}`).executeTakeFirstOrThrow()
      found.push({ label: `${org.slug} ${role} user`, principal: { kind: 'user', orgKind: org.kind, role }, orgSlug: org.slug, headers: (write) => as(session, write), userId: user.id })
    }
    for (const role of ['admin', 'viewer'] as const satisfies readonly Role[]) {
      const res = await h.app.inject({ method: 'POST', url: `/api/orgs/${orgId}/tokens`, headers: as(admin!, true), payload: { name: `matrix ${role}`, role } })
      const secret = res.json<{ secret: string }>().secret
      found.push({ label: `${org.slug} ${role} token`, principal: { kind: 'token', orgKind: org.kind, role }, orgSlug: org.slug, headers: () => ({ authorization: `Bearer ${secret}` }), userId: null })
    }
  }
  return found
}

/** Records, per request, whether it got past the organization guard (withOrg sets the context). */
function watchGuards(app: FastifyInstance): Map<string, boolean> {
  const passed = new Map<string, boolean>()
  app.addHook('onSend', async (request, reply, payload) => {
    const id = request.headers['x-matrix-id']
    if (typeof id === 'string') passed.set(id, request.orgContext !== undefined)
    return payload
  })
  return passed
}

describe.each(testEngines)('authorization matrix on %s', (engine) => {
  let h: ApiHarness
  let all: Caller[]
  let orgIds: Map<string, string>
  let guardPassed: Map<string, boolean>
  // A second server over the same database, with a hook (added before it is ready) that sees the guard's result.
  let app: FastifyInstance

  beforeAll(async () => {
    h = await startHarness(engine)
    all = await callers(h)
    orgIds = new Map(await Promise.all(ORGS.map(async (o) => [o.slug, await h.orgId(o.slug)] as const)))
    app = await buildServer({ db: h.database.db, logger: false })
    guardPassed = watchGuards(app)
    await app.ready()
  })
  afterAll(async () => {
    await app?.close()
    await h?.close()
  })

  it('has a rule for every route, and every rule names a route that exists', () => {
    const routes = routeTable(app).map((r) => `${r.method} ${r.url}`)
    expect(routes.length).toBeGreaterThan(40)
    const missing = routes.filter((r) => !ROUTE_RULES[r])
    expect(missing, `add a line for each of these routes to ROUTE_RULES in src/server/sharing/route-rules.ts:\n${missing.join('\n')}`).toEqual([])
    const stale = Object.keys(ROUTE_RULES).filter((r) => !routes.includes(r))
    expect(stale, 'rules for routes that no longer exist').toEqual([])
  })

  it('shows each TLP label to exactly its audience, by list (SQL) and by id (policy), and forgets a revoked relationship at once', async () => {
    const acme = orgIds.get('acme-imaging')!
    const hospital = orgIds.get('st-example-hospital')!
    const acmeAdmin = all.find((c) => c.label === 'acme-imaging admin user')!
    const hospitalAnalyst = all.find((c) => c.label === 'st-example-hospital analyst user')!
    const products = new Map<TlpLabel, string>()
    for (const tlp of TLP_LABELS) {
      const created = await h.app.inject({ method: 'POST', url: `/api/orgs/${acme}/products`, headers: acmeAdmin.headers(true), payload: { name: `Matrix ${tlp}`, tlp, versions: ['1'] } })
      products.set(tlp, created.json<{ id: string }>().id)
    }
    const red = await h.app.inject({ method: 'PATCH', url: `/api/orgs/${acme}/products/${products.get('RED')}/tlp`, headers: acmeAdmin.headers(true), payload: { tlp: 'RED', namedRecipients: [hospitalAnalyst.userId] } })
    expect(red.statusCode).toBe(200)
    const relationships = (await h.app.inject({ method: 'GET', url: `/api/orgs/${acme}/sharing/relationships`, headers: acmeAdmin.headers(false) })).json<{ id: string; recipient: { id: string }; status: string }[]>()
    const seeded = relationships.find((r) => r.recipient.id === hospital && r.status === 'approved')!
    const widened = await h.app.inject({ method: 'PUT', url: `/api/orgs/${acme}/sharing/relationships/${seeded.id}/scope`, headers: acmeAdmin.headers(true), payload: { allProducts: true } })
    expect(widened.statusCode).toBe(200)

    // The audience of each label, written out by hand (not computed by the policy under test).
    const audience = (caller: Caller, tlp: TlpLabel, relationshipLive: boolean): boolean => {
      if (tlp === 'CLEAR') return true
      if (caller.orgSlug === null) return false
      if (caller.orgSlug === 'acme-imaging') return true
      if (tlp === 'GREEN') return true
      const recipient = caller.orgSlug === 'st-example-hospital' && relationshipLive
      if (tlp === 'AMBER') return recipient
      if (tlp === 'AMBER+STRICT') return recipient && caller.principal.kind === 'user'
      return recipient && caller === hospitalAnalyst
    }
    const check = async (relationshipLive: boolean) => {
      const wrong: string[] = []
      for (const caller of all) {
        const own = caller.orgSlug ? orgIds.get(caller.orgSlug)! : null
        const listed = own
          ? (await h.app.inject({ method: 'GET', url: `/api/orgs/${own}/shared/products?manufacturerOrgId=${acme}`, headers: caller.headers(false) })).json<{ id: string }[]>().map((p) => p.id)
          : (await h.app.inject({ method: 'GET', url: '/api/public/products' })).json<{ id: string }[]>().map((p) => p.id)
        for (const tlp of TLP_LABELS) {
          const productId = products.get(tlp)!
          const expected = audience(caller, tlp, relationshipLive)
          if (listed.includes(productId) !== expected) wrong.push(`list: ${caller.label} ${tlp} expected ${expected}`)
          if (own) {
            const one = await h.app.inject({ method: 'GET', url: `/api/orgs/${own}/shared/products/${productId}`, headers: caller.headers(false) })
            if ((one.statusCode === 200) !== expected) wrong.push(`read: ${caller.label} ${tlp} expected ${expected}, got ${one.statusCode}`)
          }
        }
      }
      return wrong
    }
    expect(await check(true)).toEqual([])
    const logged = await h.database.db.selectFrom('access_log').select(['tlp', 'viewer_org_id']).where('org_id', '=', acme).execute()
    expect(new Set(logged.map((l) => l.tlp))).toEqual(new Set(['AMBER', 'AMBER+STRICT', 'RED']))
    expect(logged.every((l) => l.viewer_org_id === hospital)).toBe(true)

    const revoked = await h.app.inject({ method: 'POST', url: `/api/orgs/${acme}/sharing/relationships/${seeded.id}/revoke`, headers: acmeAdmin.headers(true) })
    expect(revoked.statusCode).toBe(200)
    expect(await check(false)).toEqual([])

    // Restore an approved relationship, so the matrix below has a related organization.
    const hospitalAdmin = all.find((c) => c.label === 'st-example-hospital admin user')!
    const asked = await h.app.inject({ method: 'POST', url: `/api/orgs/${hospital}/sharing/requests`, headers: hospitalAdmin.headers(true), payload: { manufacturerOrgId: acme, acceptAgreementVersion: 1 } })
    const approved = await h.app.inject({ method: 'POST', url: `/api/orgs/${acme}/sharing/relationships/${asked.json<{ id: string }>().id}/approve`, headers: acmeAdmin.headers(true), payload: { acceptAgreementVersion: 1 } })
    expect(approved.json()).toMatchObject({ status: 'approved' })
  })
  it('allows exactly the rule set on every route x principal x own/related/foreign organization (0 leaks)', async () => {
    const acme = orgIds.get('acme-imaging')!
    const relatedOf = new Map([
      ['acme-imaging', 'st-example-hospital'],
      ['st-example-hospital', 'acme-imaging'],
    ])
    const mismatches: string[] = []
    let counter = 0
    let cells = 0
    const routes = routeTable(app)
    const discovered = new Map<string, string[]>()
    for (const route of routes) {
      const key = `${route.method} ${route.url}`
      const rule = ROUTE_RULES[key] ?? (DISCOVER ? { allow: () => false, sample: undefined } : undefined)
      if (!rule) continue
      const isOrgRoute = route.url.includes(':orgId')
      for (const caller of all) {
        const targets: { relation: OrgRelation; slug: string | null }[] = !isOrgRoute
          ? [{ relation: 'own', slug: null }]
          : caller.orgSlug === null
            ? [{ relation: 'foreign', slug: 'acme-imaging' }]
            : ORGS.map((o) => ({ relation: o.slug === caller.orgSlug ? 'own' : relatedOf.get(caller.orgSlug!) === o.slug ? 'related' : 'foreign', slug: o.slug }))
        for (const target of targets) {
          counter++
          cells++
          const params: Record<string, string> = { ...rule.sample?.params }
          const url = route.url.replace(/:(\w+)/g, (_m, name: string) => (name === 'orgId' ? orgIds.get(target.slug!)! : (params[name] ?? MATRIX_UNKNOWN_ID)))
          const rawBody = typeof rule.sample?.body === 'function' ? (rule.sample.body as (n: number) => unknown)(counter) : rule.sample?.body
          const body = rawBody === undefined ? undefined : JSON.parse(JSON.stringify(rawBody).replaceAll('"MANUFACTURER"', JSON.stringify(acme)).replaceAll('"RECIPIENT"', JSON.stringify(orgIds.get('open-device-research'))))
          const write = route.method !== 'GET'
          const id = String(counter)
          const res = await app.inject({ method: route.method as 'GET', url, headers: { ...caller.headers(write), 'x-matrix-id': id }, ...(body === undefined ? {} : { payload: body as object }) })
          const passedGuard = isOrgRoute ? guardPassed.get(id) === true : true
          let outcome: Outcome
          const code = res.statusCode >= 400 ? (res.json<{ error?: { code?: string } }>().error?.code ?? '') : ''
          // A 401 for wrong credentials (login) is the handler's answer, not a refusal by a guard.
          if ((res.statusCode === 401 && code !== 'invalid_credentials') || res.statusCode === 403) outcome = 'denied'
          else if (!passedGuard) outcome = res.statusCode === 404 ? 'denied' : 'unchecked'
          else outcome = res.statusCode >= 500 ? 'unchecked' : 'allowed'
          const expected = rule.allow(caller.principal, target.relation)
          if (DISCOVER && !ROUTE_RULES[key]) {
            discovered.set(key, [...(discovered.get(key) ?? []), `${caller.label}/${target.relation}:${outcome}:${res.statusCode}`])
            continue
          }
          const label = `${key} as ${caller.label} on ${target.relation} org -> ${res.statusCode}`
          if (outcome === 'unchecked' && (expected || res.statusCode >= 500)) mismatches.push(`${label}: the guard was not reached (give the rule a valid sample body)`)
          else if (outcome === 'allowed' && !expected) mismatches.push(`${label}: LEAK, allowed but the rule denies`)
          else if (outcome === 'denied' && expected) mismatches.push(`${label}: denied but the rule allows`)
          if (isOrgRoute && target.relation !== 'own' && outcome === 'allowed') mismatches.push(`${label}: LEAK into another organization`)
        }
      }
    }
    if (DISCOVER) for (const [key, seen] of discovered) console.log(key, '\n  allowed:', seen.filter((x) => x.includes(':allowed:')).join(' '), '\n  unchecked:', seen.filter((x) => x.includes(':unchecked:')).join(' '))
    expect(cells).toBeGreaterThan(1000)
    expect(mismatches, mismatches.join('\n')).toEqual([])
  }, 900_000)

})
