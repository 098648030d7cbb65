import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { as, startHarness, type ApiHarness, type TestSession } from '../../../test/support/api-harness.js'
import { testEngines } from '../../../test/support/database.js'
import { createProduct } from '../../services/products/create-product.js'
import { regulatorOverview } from '../../services/sharing/regulator-overview.js'
import { ensureOrganization, systemContext } from '../../services/system-admin.js'

interface Relationship {
  id: string
  status: string
  manufacturer: { id: string; name: string }
  recipient: { id: string; name: string }
  productIds: string[]
  artifactKinds: string[]
  acceptances: { orgId: string; version: number; by: string }[]
}

describe.each(testEngines)('sharing between organizations on %s', (engine) => {
  let h: ApiHarness
  let acmeId: string
  let hospitalId: string
  let researchId: string
  let regulatorId: string
  let acme: TestSession
  let hospital: TestSession
  let research: TestSession
  let regulator: TestSession
  let amberProductId: string

  beforeAll(async () => {
    h = await startHarness(engine)
    acmeId = await h.orgId('acme-imaging')
    hospitalId = await h.orgId('st-example-hospital')
    researchId = await h.orgId('open-device-research')
    regulatorId = await h.orgId('device-regulator')
    acme = await h.login('admin@acme-imaging.example')
    hospital = await h.login('admin@st-example.example')
    research = await h.login('admin@odsr.example')
    regulator = await h.login('admin@regulator.example')
    const created = await h.app.inject({ method: 'POST', url: `/api/orgs/${acmeId}/products`, headers: as(acme, true), payload: { name: 'Acme Dose Monitor', tlp: 'AMBER', versions: ['1.0'] } })
    expect(created.statusCode).toBe(201)
    amberProductId = created.json<{ id: string }>().id
  })
  afterAll(() => h?.close())

  const sharedNames = async (session: TestSession, orgId: string) =>
    (await h.app.inject({ method: 'GET', url: `/api/orgs/${orgId}/shared/products`, headers: as(session) })).json<{ name: string }[]>().map((p) => p.name)

  it('seeds an approved relationship between the hospital and Acme for both products, terms accepted by both', async () => {
    const res = await h.app.inject({ method: 'GET', url: `/api/orgs/${hospitalId}/sharing/relationships`, headers: as(hospital) })
    const [seeded] = res.json<Relationship[]>()
    expect(seeded).toMatchObject({ status: 'approved', manufacturer: { name: 'Acme Imaging' }, recipient: { name: 'St. Example Hospital' } })
    expect(seeded!.productIds).toHaveLength(2)
    expect(seeded!.acceptances.map((a) => a.orgId).sort()).toEqual([acmeId, hospitalId].sort())
    expect(await sharedNames(hospital, hospitalId)).toEqual(['Acme CT 5000', 'Acme PACS Viewer'])
  })

  it('runs request, approval with scope, access log and revocation end to end', async () => {
    expect(await sharedNames(research, researchId)).not.toContain('Acme Dose Monitor')
    const agreement = (await h.app.inject({ method: 'GET', url: '/api/sharing/agreement' })).json<{ version: number; body: string }>()
    expect(agreement.body).toContain('Traffic Light Protocol')

    const unaccepted = await h.app.inject({ method: 'POST', url: `/api/orgs/${researchId}/sharing/requests`, headers: as(research, true), payload: { manufacturerOrgId: acmeId } })
    expect(unaccepted.statusCode).toBe(400)
    expect(unaccepted.json()).toMatchObject({ error: { code: 'sharing_agreement_required' } })

    const requested = await h.app.inject({
      method: 'POST',
      url: `/api/orgs/${researchId}/sharing/requests`,
      headers: as(research, true),
      payload: { manufacturerOrgId: acmeId, message: 'coordinated research', acceptAgreementVersion: agreement.version },
    })
    expect(requested.statusCode).toBe(201)
    const relationship = requested.json<Relationship>()
    expect(relationship.status).toBe('requested')
    const again = await h.app.inject({ method: 'POST', url: `/api/orgs/${researchId}/sharing/requests`, headers: as(research, true), payload: { manufacturerOrgId: acmeId, acceptAgreementVersion: agreement.version } })
    expect(again.statusCode).toBe(409)

    const inbox = (await h.app.inject({ method: 'GET', url: `/api/orgs/${acmeId}/notifications`, headers: as(acme) })).json<{ unread: number; items: { title: string; event_type: string }[] }>()
    expect(inbox.items.some((n) => n.event_type === 'sharing.access_requested' && n.title.includes('Open Device Security Research'))).toBe(true)

    // The requester cannot approve its own request; an analyst of the manufacturer cannot either.
    const selfApprove = await h.app.inject({ method: 'POST', url: `/api/orgs/${researchId}/sharing/relationships/${relationship.id}/approve`, headers: as(research, true), payload: { acceptAgreementVersion: agreement.version } })
    expect(selfApprove.statusCode).toBe(409)
    const analyst = await h.login('analyst@acme-imaging.example')
    const analystApprove = await h.app.inject({ method: 'POST', url: `/api/orgs/${acmeId}/sharing/relationships/${relationship.id}/approve`, headers: as(analyst, true), payload: { acceptAgreementVersion: agreement.version } })
    expect(analystApprove.statusCode).toBe(403)

    const approved = await h.app.inject({
      method: 'POST',
      url: `/api/orgs/${acmeId}/sharing/relationships/${relationship.id}/approve`,
      headers: as(acme, true),
      payload: { acceptAgreementVersion: agreement.version, allProducts: false, productIds: [amberProductId], artifactKinds: ['sbom', 'vex'] },
    })
    expect(approved.statusCode).toBe(200)
    expect(approved.json()).toMatchObject({ status: 'approved', productIds: [amberProductId], artifactKinds: ['sbom', 'vex'] })

    expect(await sharedNames(research, researchId)).toContain('Acme Dose Monitor')
    const one = await h.app.inject({ method: 'GET', url: `/api/orgs/${researchId}/shared/products/${amberProductId}`, headers: as(research) })
    expect(one.json()).toMatchObject({ name: 'Acme Dose Monitor', tlp: 'AMBER', versions: [{ version: '1.0' }] })

    const exported = await h.app.inject({ method: 'GET', url: `/api/orgs/${researchId}/shared/products/${amberProductId}/export`, headers: as(research) })
    expect(exported.headers['x-tlp']).toBe('TLP:AMBER')
    expect(exported.json()).toMatchObject({ tlp: { label: 'TLP:AMBER' }, content: { id: amberProductId } })

    const log = (await h.app.inject({ method: 'GET', url: `/api/orgs/${acmeId}/sharing/access-log`, headers: as(acme) })).json<{ total: number; entries: { viewerOrg: { name: string }; action: string; artifactId: string; tlp: string }[] }>()
    const reads = log.entries.filter((e) => e.artifactId === amberProductId)
    expect(reads.map((e) => e.action).sort()).toEqual(['export', 'list', 'read'])
    expect(reads.every((e) => e.viewerOrg.name === 'Open Device Security Research' && e.tlp === 'AMBER')).toBe(true)
    // GREEN reads are not logged.
    expect(log.entries.every((e) => e.tlp !== 'GREEN')).toBe(true)
    const notForOthers = await h.app.inject({ method: 'GET', url: `/api/orgs/${researchId}/sharing/access-log`, headers: as(research) })
    expect(notForOthers.json<{ total: number }>().total).toBe(0)

    const revoked = await h.app.inject({ method: 'POST', url: `/api/orgs/${acmeId}/sharing/relationships/${relationship.id}/revoke`, headers: as(acme, true) })
    expect(revoked.json()).toMatchObject({ status: 'revoked' })
    expect(await sharedNames(research, researchId)).not.toContain('Acme Dose Monitor')
    const gone = await h.app.inject({ method: 'GET', url: `/api/orgs/${researchId}/shared/products/${amberProductId}`, headers: as(research) })
    expect(gone.statusCode).toBe(404)
    const researchInbox = (await h.app.inject({ method: 'GET', url: `/api/orgs/${researchId}/notifications`, headers: as(research) })).json<{ items: { event_type: string }[] }>()
    expect(researchInbox.items.map((n) => n.event_type)).toEqual(expect.arrayContaining(['sharing.relationship_approved', 'sharing.relationship_revoked']))

    const audit = (await h.app.inject({ method: 'GET', url: `/api/orgs/${acmeId}/audit?pageSize=200`, headers: as(acme) })).json<{ entries: { action: string; targetId: string }[] }>()
    expect(audit.entries.filter((e) => e.targetId === relationship.id).map((e) => e.action)).toEqual(expect.arrayContaining(['sharing.approve', 'sharing.revoke']))
  })

  it('lets a manufacturer invite and the recipient accept or decline', async () => {
    const agreement = (await h.app.inject({ method: 'GET', url: '/api/sharing/agreement' })).json<{ version: number }>()
    const invited = await h.app.inject({
      method: 'POST',
      url: `/api/orgs/${acmeId}/sharing/invitations`,
      headers: as(acme, true),
      payload: { recipientOrgId: researchId, productIds: [amberProductId], artifactKinds: ['advisory'], acceptAgreementVersion: agreement.version },
    })
    expect(invited.statusCode).toBe(201)
    const id = invited.json<Relationship>().id
    const wrongSide = await h.app.inject({ method: 'POST', url: `/api/orgs/${acmeId}/sharing/relationships/${id}/approve`, headers: as(acme, true), payload: { acceptAgreementVersion: agreement.version } })
    expect(wrongSide.statusCode).toBe(409)
    const hidden = await h.app.inject({ method: 'POST', url: `/api/orgs/${hospitalId}/sharing/relationships/${id}/approve`, headers: as(hospital, true), payload: { acceptAgreementVersion: agreement.version } })
    expect(hidden.statusCode).toBe(404)
    const accepted = await h.app.inject({ method: 'POST', url: `/api/orgs/${researchId}/sharing/relationships/${id}/approve`, headers: as(research, true), payload: { acceptAgreementVersion: agreement.version } })
    expect(accepted.json()).toMatchObject({ status: 'approved' })
    expect(await sharedNames(research, researchId)).toContain('Acme Dose Monitor')
    const narrowed = await h.app.inject({ method: 'PUT', url: `/api/orgs/${acmeId}/sharing/relationships/${id}/scope`, headers: as(acme, true), payload: { productIds: [], allProducts: false } })
    expect(narrowed.statusCode).toBe(200)
    expect(await sharedNames(research, researchId)).not.toContain('Acme Dose Monitor')
    await h.app.inject({ method: 'POST', url: `/api/orgs/${acmeId}/sharing/relationships/${id}/revoke`, headers: as(acme, true) })
  })

  it('audits a TLP downgrade and hides a product again when it is tightened', async () => {
    const down = await h.app.inject({ method: 'PATCH', url: `/api/orgs/${acmeId}/products/${amberProductId}/tlp`, headers: as(acme, true), payload: { tlp: 'GREEN' } })
    expect(down.json()).toMatchObject({ from: 'AMBER', to: 'GREEN', downgrade: true })
    expect(await sharedNames(research, researchId)).toContain('Acme Dose Monitor')
    const up = await h.app.inject({ method: 'PATCH', url: `/api/orgs/${acmeId}/products/${amberProductId}/tlp`, headers: as(acme, true), payload: { tlp: 'RED' } })
    expect(up.json()).toMatchObject({ downgrade: false })
    expect(await sharedNames(research, researchId)).not.toContain('Acme Dose Monitor')
    expect(await sharedNames(hospital, hospitalId)).not.toContain('Acme Dose Monitor')
    const audit = (await h.app.inject({ method: 'GET', url: `/api/orgs/${acmeId}/audit?pageSize=200`, headers: as(acme) })).json<{ entries: { action: string; details: { from?: string; to?: string } }[] }>()
    expect(audit.entries.find((e) => e.action === 'product.tlp_downgrade')).toMatchObject({ details: { from: 'AMBER', to: 'GREEN' } })
    expect(audit.entries.some((e) => e.action === 'product.tlp_change')).toBe(true)
    const hospitalTry = await h.app.inject({ method: 'PATCH', url: `/api/orgs/${hospitalId}/products/${amberProductId}/tlp`, headers: as(hospital, true), payload: { tlp: 'CLEAR' } })
    expect(hospitalTry.statusCode).toBe(404)
  })

  it('shows TLP:CLEAR products to anyone, without a login', async () => {
    const before = (await h.app.inject({ method: 'GET', url: '/api/public/products' })).json<{ name: string }[]>()
    expect(before.map((p) => p.name)).not.toContain('Acme CT 5000')
    const products = (await h.app.inject({ method: 'GET', url: `/api/orgs/${acmeId}/products`, headers: as(acme) })).json<{ id: string; name: string }[]>()
    const ct = products.find((p) => p.name === 'Acme CT 5000')!
    await h.app.inject({ method: 'PATCH', url: `/api/orgs/${acmeId}/products/${ct.id}/tlp`, headers: as(acme, true), payload: { tlp: 'CLEAR' } })
    const after = (await h.app.inject({ method: 'GET', url: '/api/public/products' })).json<{ name: string; tlp: string }[]>()
    expect(after).toEqual([expect.objectContaining({ name: 'Acme CT 5000', tlp: 'CLEAR' })])
    await h.app.inject({ method: 'PATCH', url: `/api/orgs/${acmeId}/products/${ct.id}/tlp`, headers: as(acme, true), payload: { tlp: 'GREEN' } })
  })

  it('gives regulators de-identified aggregates, suppressing figures with fewer than k organizations, and nobody else', async () => {
    const res = await h.app.inject({ method: 'GET', url: `/api/orgs/${regulatorId}/regulator/overview`, headers: as(regulator) })
    expect(res.statusCode).toBe(200)
    type Cell = { kind: 'value'; value: number } | { kind: 'suppressed' }
    type Overview = { minContributors: number; organizations: Record<string, Cell>; relationships: Record<string, Cell>; products: { total: Cell; byTlp: Record<string, Cell> }; devices: { total: Cell }; recipientsWithAccess: Cell }
    // The demo has one organization of each kind: with the default k = 3 every figure is suppressed.
    const overview = res.json<Overview>()
    const suppressed = { kind: 'suppressed' }
    expect(overview.minContributors).toBe(3)
    expect(overview.organizations).toEqual({ manufacturer: suppressed, hdo: suppressed, researcher: suppressed, regulator: suppressed })
    expect(overview.products.total).toEqual(suppressed)
    expect(overview.devices.total).toEqual(suppressed)
    expect(overview.recipientsWithAccess).toEqual(suppressed)
    expect(Object.values(overview.relationships).every((c) => c.kind === 'suppressed')).toBe(true)
    for (const name of ['Acme', 'St. Example', 'Open Device', 'Dose Monitor']) expect(res.body, name).not.toContain(name)

    // Three more manufacturers with a product each: the product total and the GREEN cell now have enough contributors.
    for (const n of [1, 2, 3]) {
      await ensureOrganization(h.database.db, { slug: `k-maker-${n}`, name: `K Maker ${n}`, kind: 'manufacturer' })
      const ctx = await systemContext(h.database.db, `k-maker-${n}`)
      if (!ctx.ok) throw new Error(ctx.error.message)
      await createProduct(ctx.value, { name: `K product ${n}`, tlp: 'GREEN' })
    }
    const regulatorCtx = await systemContext(h.database.db, 'device-regulator')
    if (!regulatorCtx.ok) throw new Error(regulatorCtx.error.message)
    const k3 = await regulatorOverview(regulatorCtx.value)
    if (!k3.ok) throw new Error(k3.error.message)
    expect(k3.value.organizations.manufacturer).toEqual({ kind: 'value', value: 4 })
    expect(k3.value.products.total).toMatchObject({ kind: 'value' })
    // With the total published, a label held by fewer than 3 manufacturers never hides alone (complementary suppression).
    const hidden = Object.values(k3.value.products.byTlp).filter((c) => c.kind === 'suppressed').length
    expect(hidden).not.toBe(1)
    // k = 1 (configurable) publishes every figure.
    const k1 = await regulatorOverview(regulatorCtx.value, new Date(), 1)
    if (!k1.ok) throw new Error(k1.error.message)
    expect(k1.value.organizations).toMatchObject({ hdo: { kind: 'value', value: 1 }, researcher: { kind: 'value', value: 1 } })
    expect(k1.value.devices.total).toEqual({ kind: 'value', value: 25 })

    const hospitalTry = await h.app.inject({ method: 'GET', url: `/api/orgs/${hospitalId}/regulator/overview`, headers: as(hospital) })
    expect(hospitalTry.statusCode).toBe(403)
  })

  it('keeps a notification center with unread count, mark read and per-user preferences', async () => {
    const analyst = await h.login('analyst@acme-imaging.example')
    const count = (await h.app.inject({ method: 'GET', url: `/api/orgs/${acmeId}/notifications/unread-count`, headers: as(analyst) })).json<{ unread: number }>()
    expect(count.unread).toBeGreaterThan(0)
    const marked = await h.app.inject({ method: 'POST', url: `/api/orgs/${acmeId}/notifications/read`, headers: as(analyst, true), payload: {} })
    expect(marked.json<{ marked: number }>().marked).toBe(count.unread)
    expect((await h.app.inject({ method: 'GET', url: `/api/orgs/${acmeId}/notifications/unread-count`, headers: as(analyst) })).json()).toEqual({ unread: 0 })

    const prefs = await h.app.inject({ method: 'PUT', url: `/api/orgs/${acmeId}/notifications/preferences`, headers: as(analyst, true), payload: { preferences: [{ eventType: 'sharing.access_requested', channel: 'in_app', enabled: false }] } })
    expect(prefs.json<{ eventType: string; channel: string; enabled: boolean }[]>().find((p) => p.eventType === 'sharing.access_requested' && p.channel === 'in_app')?.enabled).toBe(false)
    const agreement = (await h.app.inject({ method: 'GET', url: '/api/sharing/agreement' })).json<{ version: number }>()
    const requested = await h.app.inject({ method: 'POST', url: `/api/orgs/${researchId}/sharing/requests`, headers: as(research, true), payload: { manufacturerOrgId: acmeId, acceptAgreementVersion: agreement.version } })
    expect(requested.statusCode).toBe(201)
    expect((await h.app.inject({ method: 'GET', url: `/api/orgs/${acmeId}/notifications/unread-count`, headers: as(analyst) })).json()).toEqual({ unread: 0 })
    expect((await h.app.inject({ method: 'GET', url: `/api/orgs/${acmeId}/notifications/unread-count`, headers: as(acme) })).json<{ unread: number }>().unread).toBeGreaterThan(0)
    const declined = await h.app.inject({ method: 'POST', url: `/api/orgs/${acmeId}/sharing/relationships/${requested.json<Relationship>().id}/decline`, headers: as(acme, true) })
    expect(declined.json()).toMatchObject({ status: 'declined' })
  })
})
