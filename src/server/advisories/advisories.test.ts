import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AdvisoryCatalogueEntry, AdvisoryContent } from '../../domain/csaf/advisory-content.js'
import { validateCsaf } from '../../domain/csaf/index.js'
import { validateAggregator, validateProviderMetadata } from '../../services/csaf-provider/schema-validation.js'
import { verifyDetached } from '../../services/csaf-provider/openpgp.js'
import { as, startHarness, type ApiHarness, type TestSession } from '../../../test/support/api-harness.js'
import { testEngines } from '../../../test/support/database.js'

interface View {
  id: string
  trackingId: string
  version: string
  status: string
  revisions: { number: string; summary: string }[]
  validation: { valid: boolean; errors: { test: string; path: string; message: string }[] }
  published: { path: string; url: string; sha256: string } | null
  document: Record<string, unknown> | null
}

function contentFor(catalogue: readonly AdvisoryCatalogueEntry[], tlp: AdvisoryContent['tlp'], title: string, cve = 'CVE-2022-3602'): AdvisoryContent {
  const affected = catalogue.find((e) => e.productName === 'Acme CT 5000' && e.version === '3.1')!.csafProductId
  const fixed = catalogue.find((e) => e.productName === 'Acme CT 5000' && e.version === '3.2')!.csafProductId
  return {
    category: 'csaf_security_advisory',
    title,
    tlp,
    notes: [{ category: 'summary', title: 'Summary', text: 'OpenSSL 3.0.6 in the reconstruction server.' }],
    references: [],
    productIds: [affected, fixed],
    vulnerabilities: [
      {
        cve,
        notes: [{ category: 'description', text: 'X.509 email address buffer overflow.' }],
        scores: [{ vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H', productIds: [affected] }],
        productStatus: { known_affected: [affected], fixed: [fixed] },
        remediations: [{ category: 'vendor_fix', details: 'Update to 3.2.', productIds: [affected] }],
      },
    ],
  }
}

describe.each(testEngines)('advisories and the CSAF provider (%s)', (engine) => {
  let h: ApiHarness
  let acmeId: string
  let analyst: TestSession
  let admin: TestSession
  let hospital: TestSession
  let researcher: TestSession
  let catalogue: AdvisoryCatalogueEntry[]
  const provider = '/orgs/acme-imaging/.well-known/csaf'

  beforeAll(async () => {
    h = await startHarness(engine)
    acmeId = await h.orgId('acme-imaging')
    analyst = await h.login('analyst@acme-imaging.example')
    admin = await h.login('admin@acme-imaging.example')
    hospital = await h.login('analyst@st-example.example')
    researcher = await h.login('analyst@odsr.example')
    catalogue = (await h.app.inject({ method: 'GET', url: `/api/orgs/${acmeId}/advisories/catalogue`, headers: as(analyst) })).json()
  })
  afterAll(() => h?.close())

  const create = async (content: AdvisoryContent) => {
    const res = await h.app.inject({ method: 'POST', url: `/api/orgs/${acmeId}/advisories`, headers: as(analyst, true), payload: { content } })
    expect(res.statusCode, res.body).toBe(201)
    return res.json<View>()
  }
  const publish = (id: string, payload: { status: 'final' | 'interim'; summary?: string }) =>
    h.app.inject({ method: 'POST', url: `/api/orgs/${acmeId}/advisories/${id}/publish`, headers: as(analyst, true), payload })

  it('names every product version of the manufacturer in the catalogue', () => {
    expect(catalogue.map((e) => e.csafProductId)).toEqual(expect.arrayContaining(['ACT-5000-3.1', 'ACT-5000-3.2', 'APV-7-7.4']))
  })

  it('authors a draft, validates it on every save and returns the findings with test id, path and message', async () => {
    const draft = await create(contentFor(catalogue, 'CLEAR', 'OpenSSL X.509 overflow'))
    expect(draft).toMatchObject({ status: 'draft', version: '0', published: null })
    expect(draft.validation.errors).toEqual([])
    expect(draft.document).toMatchObject({ document: { tracking: { status: 'draft', version: '0' } } })

    const broken = { ...contentFor(catalogue, 'CLEAR', 'OpenSSL X.509 overflow', 'CVE-22-1'), lang: 'not a language tag' }
    const saved = await h.app.inject({ method: 'PUT', url: `/api/orgs/${acmeId}/advisories/${draft.id}`, headers: as(analyst, true), payload: { content: broken } })
    expect(saved.statusCode).toBe(200)
    const report = saved.json<View>().validation
    expect(report.valid).toBe(false)
    expect(report.errors.map((e) => e.path)).toEqual(expect.arrayContaining(['/document/lang', '/vulnerabilities/0/cve']))
    for (const finding of report.errors) expect(Object.keys(finding).sort()).toEqual(['message', 'path', 'test'])

    const preview = await h.app.inject({ method: 'POST', url: `/api/orgs/${acmeId}/advisories/${draft.id}/validate`, headers: as(analyst, true), payload: { content: contentFor(catalogue, 'CLEAR', 'Previewed only') } })
    expect(preview.json()).toMatchObject({ report: { valid: true }, document: { document: { title: 'Previewed only' } } })

    const refused = await publish(draft.id, { status: 'final' })
    expect(refused.statusCode).toBe(400)
    expect(refused.json().error.details.errors.length).toBeGreaterThan(0)

    const audit = await h.database.db.selectFrom('audit_log').select('action').where('target_id', '=', draft.id).execute()
    expect(audit.map((a) => a.action)).toEqual(['advisory.create', 'advisory.update'])
    const viewer = await h.app.inject({ method: 'GET', url: `/api/orgs/${acmeId}/advisories/${draft.id}`, headers: as(analyst) })
    expect(viewer.json()).toMatchObject({ trackingId: draft.trackingId, catalogue: expect.any(Array), meta: { tracking: { status: 'draft' } } })
  })

  it('publishes with a version bump and a revision per change, hashes and a signature that verifies with the public key', async () => {
    const draft = await create(contentFor(catalogue, 'CLEAR', 'OpenSSL punycode overflow'))
    const first = await publish(draft.id, { status: 'final' })
    expect(first.statusCode, first.body).toBe(200)
    const v1 = first.json<View>()
    expect(v1).toMatchObject({ status: 'final', version: '1', revisions: [{ number: '1', summary: 'Initial version.' }] })
    expect(v1.published?.path).toMatch(/^white\/\d{4}\/acme-imaging-\d{4}-\d{3}\.json$/)

    expect((await publish(draft.id, { status: 'final' })).statusCode).toBe(409)
    const edited = { ...contentFor(catalogue, 'CLEAR', 'OpenSSL punycode overflow (updated)') }
    await h.app.inject({ method: 'PUT', url: `/api/orgs/${acmeId}/advisories/${draft.id}`, headers: as(analyst, true), payload: { content: edited } })
    const second = await publish(draft.id, { status: 'final', summary: 'Clarified the title.' })
    const v2 = second.json<View>()
    expect(v2).toMatchObject({ version: '2', revisions: [{ number: '1' }, { number: '2', summary: 'Clarified the title.' }] })

    const json = await h.app.inject({ method: 'GET', url: `${provider}/${v2.published!.path}` })
    expect(json.statusCode).toBe(200)
    expect(json.headers['content-type']).toContain('application/json')
    const doc = JSON.parse(json.body) as { document: { tracking: { version: string; revision_history: unknown[] } } }
    expect(doc.document.tracking.version).toBe('2')
    expect(doc.document.tracking.revision_history).toHaveLength(2)
    expect(validateCsaf(doc).errors).toEqual([])
    const sha256 = (await h.app.inject({ method: 'GET', url: `${provider}/${v2.published!.path}.sha256` })).body
    const sha512 = (await h.app.inject({ method: 'GET', url: `${provider}/${v2.published!.path}.sha512` })).body
    expect(sha256.split(' ')[0]).toBe(createHash('sha256').update(json.rawPayload).digest('hex'))
    expect(sha512.split(' ')[0]).toBe(createHash('sha512').update(json.rawPayload).digest('hex'))
    expect(sha256.trim().endsWith(v2.published!.path.split('/')[2]!)).toBe(true)

    const metadata = (await h.app.inject({ method: 'GET', url: `${provider}/provider-metadata.json` })).json<{ role: string; public_openpgp_keys: { fingerprint: string; url: string }[] }>()
    expect(validateProviderMetadata(metadata)).toEqual([])
    expect(metadata.role).toBe('csaf_trusted_provider')
    const keyUrl = new URL(metadata.public_openpgp_keys[0]!.url).pathname
    const publicKey = (await h.app.inject({ method: 'GET', url: keyUrl })).body
    const signature = (await h.app.inject({ method: 'GET', url: `${provider}/${v2.published!.path}.asc` })).body
    expect(await verifyDetached([publicKey], json.rawPayload, signature)).toBe(true)
    expect(await verifyDetached([publicKey], Buffer.from(json.body.replace('updated', 'tampered')), signature)).toBe(false)

    const index = (await h.app.inject({ method: 'GET', url: `${provider}/white/index.txt` })).body
    expect(index.split('\n')).toContain(v2.published!.path.slice('white/'.length))
    const changes = (await h.app.inject({ method: 'GET', url: `${provider}/white/changes.csv` })).body
    expect(changes.split('\n')[0]).toMatch(new RegExp(`^"${v2.published!.path.slice('white/'.length)}","\\d{4}-`))
    const feed = (await h.app.inject({ method: 'GET', url: `${provider}/feed-tlp-white.json` })).json<{ feed: { entry: { id: string; link: { rel: string }[] }[] } }>()
    expect(feed.feed.entry.map((e) => e.id)).toContain(v2.trackingId)
    const audit = await h.database.db.selectFrom('audit_log').select('action').where('target_id', '=', draft.id).execute()
    expect(audit.map((a) => a.action)).toEqual(['advisory.create', 'advisory.publish', 'advisory.update', 'advisory.publish'])

    const html = await h.app.inject({ method: 'GET', url: `/orgs/acme-imaging/advisories/${v2.published!.path.replace(/\.json$/, '.html')}` })
    expect(html.body).toContain('TLP:CLEAR')
    expect(html.body).toContain('OpenSSL punycode overflow (updated)')
    const pdf = await h.app.inject({ method: 'GET', url: `/api/orgs/${acmeId}/advisories/${draft.id}/advisory.pdf`, headers: as(analyst) })
    expect(pdf.headers['content-type']).toBe('application/pdf')
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-')
  })

  it('gives TLP:CLEAR to anyone and AMBER only to entitled organizations', async () => {
    const amber = await create(contentFor(catalogue, 'AMBER', 'Service credentials in the CT 5000 field service tool', 'CVE-2026-0001'))
    const published = (await publish(amber.id, { status: 'final' })).json<View>()
    const path = published.published!.path
    expect(path.startsWith('amber/')).toBe(true)

    expect((await h.app.inject({ method: 'GET', url: `${provider}/${path}` })).statusCode).toBe(401)
    expect((await h.app.inject({ method: 'GET', url: `${provider}/amber/index.txt` })).statusCode).toBe(401)
    expect((await h.app.inject({ method: 'GET', url: `${provider}/feed-tlp-amber.json` })).statusCode).toBe(401)
    const whiteFeed = (await h.app.inject({ method: 'GET', url: `${provider}/feed-tlp-white.json` })).body
    expect(whiteFeed).not.toContain(published.trackingId)
    expect((await h.app.inject({ method: 'GET', url: `${provider}/${path}`, headers: { authorization: 'Bearer msk_not_a_token' } })).statusCode).toBe(401)

    // The researcher has no sharing relationship with Acme: it sees nothing, and the document "does not exist".
    expect((await h.app.inject({ method: 'GET', url: `${provider}/amber/index.txt`, headers: as(researcher) })).body).toBe('')
    expect((await h.app.inject({ method: 'GET', url: `${provider}/${path}`, headers: as(researcher) })).statusCode).toBe(404)

    // The hospital's approved relationship covers Acme's products: it reads the document, and the read is logged.
    const hospitalIndex = (await h.app.inject({ method: 'GET', url: `${provider}/amber/index.txt`, headers: as(hospital) })).body
    expect(hospitalIndex).toContain(path.slice('amber/'.length))
    expect((await h.app.inject({ method: 'GET', url: `${provider}/${path}`, headers: as(hospital) })).statusCode).toBe(200)
    const logged = await h.database.db.selectFrom('access_log').select(['action', 'artifact_kind']).where('artifact_id', '=', amber.id).execute()
    expect(logged).toContainEqual({ action: 'csaf_download', artifact_kind: 'advisory' })

    // An API token of the hospital works too (automated consumers).
    const token = await h.app.inject({ method: 'POST', url: `/api/orgs/${await h.orgId('st-example-hospital')}/tokens`, headers: as(await h.login('admin@st-example.example'), true), payload: { name: 'csaf consumer', role: 'viewer' } })
    const secret = token.json<{ secret: string }>().secret
    expect((await h.app.inject({ method: 'GET', url: `${provider}/${path}`, headers: { authorization: `Bearer ${secret}` } })).statusCode).toBe(200)
  })

  it('lists the manufacturer in the aggregator and serves single-publisher metadata only when configured', async () => {
    const aggregator = (await h.app.inject({ method: 'GET', url: '/.well-known/csaf-aggregator/aggregator.json' })).json<{ csaf_providers: { metadata: { url: string } }[] }>()
    expect(validateAggregator(aggregator)).toEqual([])
    expect(aggregator.csaf_providers.map((p) => new URL(p.metadata.url).pathname)).toEqual([`${provider}/provider-metadata.json`])
    expect((await h.app.inject({ method: 'GET', url: '/.well-known/csaf/provider-metadata.json' })).statusCode).toBe(404)
    process.env.MEDSEC_CSAF_SINGLE_PUBLISHER = 'acme-imaging'
    try {
      const single = (await h.app.inject({ method: 'GET', url: '/.well-known/csaf/provider-metadata.json' })).json<{ canonical_url: string }>()
      expect(validateProviderMetadata(single)).toEqual([])
      expect(new URL(single.canonical_url).pathname).toBe('/.well-known/csaf/provider-metadata.json')
    } finally {
      delete process.env.MEDSEC_CSAF_SINGLE_PUBLISHER
    }
  })

  it('deletes only unpublished drafts, refuses viewers and hospitals, and rotates the key re-signing every file (admins)', async () => {
    const draft = await create(contentFor(catalogue, 'CLEAR', 'To be deleted'))
    expect((await h.app.inject({ method: 'DELETE', url: `/api/orgs/${acmeId}/advisories/${draft.id}`, headers: as(analyst, true) })).statusCode).toBe(204)
    const list = (await h.app.inject({ method: 'GET', url: `/api/orgs/${acmeId}/advisories`, headers: as(analyst) })).json<View[]>()
    expect(list.map((a) => a.id)).not.toContain(draft.id)
    const published = (list as (View & { tlp: string })[]).find((a) => a.published && a.tlp === 'CLEAR')!
    expect((await h.app.inject({ method: 'DELETE', url: `/api/orgs/${acmeId}/advisories/${published.id}`, headers: as(analyst, true) })).statusCode).toBe(409)

    const hospitalId = await h.orgId('st-example-hospital')
    const notManufacturer = await h.app.inject({ method: 'POST', url: `/api/orgs/${hospitalId}/advisories`, headers: as(hospital, true), payload: { content: contentFor(catalogue, 'CLEAR', 'x') } })
    expect(notManufacturer.statusCode).toBe(403)

    expect((await h.app.inject({ method: 'POST', url: `/api/orgs/${acmeId}/csaf/signing-key`, headers: as(analyst, true) })).statusCode).toBe(403)
    const before = (await h.app.inject({ method: 'GET', url: `/api/orgs/${acmeId}/csaf/signing-key`, headers: as(analyst) })).json<{ fingerprint: string }>()
    const rotated = await h.app.inject({ method: 'POST', url: `/api/orgs/${acmeId}/csaf/signing-key`, headers: as(admin, true) })
    expect(rotated.statusCode).toBe(201)
    const key = rotated.json<{ fingerprint: string; publicKey: string }>()
    expect(key.fingerprint).not.toBe(before.fingerprint)
    const stored = await h.database.db.selectFrom('csaf_signing_keys').select('private_key_encrypted').where('fingerprint', '=', key.fingerprint).executeTakeFirstOrThrow()
    expect(stored.private_key_encrypted).toMatch(/^v1:/)
    expect(stored.private_key_encrypted).not.toContain('PRIVATE KEY')
    const path = published.published!.path
    const json = await h.app.inject({ method: 'GET', url: `${provider}/${path}` })
    const signature = (await h.app.inject({ method: 'GET', url: `${provider}/${path}.asc` })).body
    expect(await verifyDetached([key.publicKey], json.rawPayload, signature)).toBe(true)
  })
})
