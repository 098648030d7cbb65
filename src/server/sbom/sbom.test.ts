import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { diffComponents, parseSbom, qualityReport, type Component, type Sbom } from '../../domain/sbom/index.js'
import { as, startHarness, type ApiHarness, type TestSession } from '../../../test/support/api-harness.js'
import { testEngines } from '../../../test/support/database.js'
import { testdataPath } from '../../../test/support/testdata.js'

const fixtures = {
  cdxOld: testdataPath('cyclonedx-bom-examples/SBOM/proton-bridge/proton-bridge-v1.6.3.bom.json'),
  cdxNew: testdataPath('cyclonedx-bom-examples/SBOM/proton-bridge/proton-bridge-v1.8.0.bom.json'),
  cdxXml: testdataPath('cyclonedx-specification/tools/src/test/resources/1.6/valid-metadata-lifecycle-1.6.xml'),
  spdx: testdataPath('spdx-examples/software/example8/spdx2.3/examplemaven-0.0.1.spdx.json'),
  spdxEnriched: testdataPath('spdx-examples/software/example14/spdx2.3/examplemaven-0.0.1-enriched.spdx.json'),
}

function parsed(path: string): Sbom {
  const result = parseSbom(readFileSync(path))
  if (!result.ok) throw new Error(`${path}: ${result.error.message}`)
  return result.value
}

/** What a component is, without its document-local ref: what must survive storage and export. */
function identity(c: Component): string {
  return JSON.stringify([c.type, c.group ?? '', c.name, c.version ?? '', c.purl ?? '', c.cpe ?? '', c.supplier ?? ''])
}

describe.each(testEngines)('SBOM storage on %s', (engine) => {
  let h: ApiHarness
  let orgId: string
  let analyst: TestSession
  let productId: string
  let v1: string
  let v2: string
  let revisions: { id: string; revision: number }[] = []
  let counts: () => Promise<{ revisions: number; components: number; edges: number }>

  const upload = (versionId: string, path: string, session = analyst) =>
    h.app.inject({
      method: 'POST',
      url: `/api/orgs/${orgId}/product-versions/${versionId}/sboms`,
      headers: as(session, true),
      payload: { filename: path.split('/').pop(), contentBase64: readFileSync(path).toString('base64') },
    })

  beforeAll(async () => {
    h = await startHarness(engine)
    orgId = await h.orgId('acme-imaging')
    analyst = await h.login('analyst@acme-imaging.example')
    const created = await h.app.inject({ method: 'POST', url: `/api/orgs/${orgId}/products`, headers: as(analyst, true), payload: { name: 'Proton Test Gateway', modelNumber: 'PTG-1', versions: ['1.6'] } })
    expect(created.statusCode).toBe(201)
    productId = created.json<{ id: string; versions: { id: string }[] }>().id
    v1 = created.json<{ versions: { id: string }[] }>().versions[0]!.id
    counts = async () => {
      const one = async (table: 'sbom_revisions' | 'sbom_components' | 'sbom_dependencies') =>
        Number((await h.database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
      return { revisions: await one('sbom_revisions'), components: await one('sbom_components'), edges: await one('sbom_dependencies') }
    }
  })
  afterAll(() => h?.close())

  it('adds a version, edits the product and shows it with its versions', async () => {
    const added = await h.app.inject({ method: 'POST', url: `/api/orgs/${orgId}/products/${productId}/versions`, headers: as(analyst, true), payload: { version: '1.8' } })
    expect(added.statusCode).toBe(201)
    v2 = added.json<{ id: string }>().id
    const again = await h.app.inject({ method: 'POST', url: `/api/orgs/${orgId}/products/${productId}/versions`, headers: as(analyst, true), payload: { version: '1.8' } })
    expect(again.json()).toMatchObject({ error: { code: 'conflict' } })
    const edited = await h.app.inject({ method: 'PATCH', url: `/api/orgs/${orgId}/products/${productId}`, headers: as(analyst, true), payload: { udiDi: '00812345000099', modelNumber: '' } })
    expect(edited.statusCode).toBe(200)
    expect(edited.json()).toMatchObject({ udi_di: '00812345000099', model_number: null })
    const clash = await h.app.inject({ method: 'PATCH', url: `/api/orgs/${orgId}/products/${productId}`, headers: as(analyst, true), payload: { name: 'Acme CT 5000' } })
    expect(clash.statusCode).toBe(409)
    const shown = await h.app.inject({ method: 'GET', url: `/api/orgs/${orgId}/products/${productId}`, headers: as(analyst) })
    expect(shown.json<{ versions: { version: string; sbom: unknown }[] }>().versions.map((v) => [v.version, v.sbom])).toEqual([
      ['1.6', null],
      ['1.8', null],
    ])
  })

  it('stores an uploaded CycloneDX file: original bytes, SHA-256, every component and dependency edge', async () => {
    const before = await counts()
    const res = await upload(v1, fixtures.cdxOld)
    expect(res.statusCode, res.body).toBe(201)
    const body = res.json<{ revision: { id: string; revision: number; sha256: string; components: number; format: string; specVersion: string } }>()
    const bytes = readFileSync(fixtures.cdxOld)
    const model = parsed(fixtures.cdxOld)
    expect(body.revision).toMatchObject({ revision: 1, sha256: createHash('sha256').update(bytes).digest('hex'), components: model.components.length, format: 'cyclonedx', specVersion: '1.2' })
    revisions.push(body.revision)
    const after = await counts()
    expect(after.revisions - before.revisions).toBe(1)
    expect(after.components - before.components).toBe(model.components.length)
    const edgeRows = model.dependencies.reduce((n, d) => n + Math.max(1, d.dependsOn.length), 0)
    expect(after.edges - before.edges).toBe(edgeRows)

    const original = await h.app.inject({ method: 'GET', url: `/api/orgs/${orgId}/sboms/${body.revision.id}/original`, headers: as(analyst) })
    expect(original.rawPayload.equals(bytes)).toBe(true)
    expect(original.headers['x-content-sha256']).toBe(body.revision.sha256)
  })

  it('makes a re-upload the next revision and diffs two revisions as the domain diff of the files does', async () => {
    const res = await upload(v1, fixtures.cdxNew)
    expect(res.statusCode, res.body).toBe(201)
    const second = res.json<{ revision: { id: string; revision: number } }>().revision
    expect(second.revision).toBe(2)
    revisions.push(second)
    const diff = await h.app.inject({ method: 'GET', url: `/api/orgs/${orgId}/sboms/diff?from=${revisions[0]!.id}&to=${second.id}`, headers: as(analyst) })
    expect(diff.statusCode, diff.body).toBe(200)
    const expected = diffComponents(parsed(fixtures.cdxOld).components, parsed(fixtures.cdxNew).components)
    const got = diff.json<{ added: { name: string }[]; removed: { name: string }[]; changed: { key: string; fields: { field: string }[] }[] }>()
    expect([got.added.length, got.removed.length, got.changed.length]).toEqual([expected.added.length, expected.removed.length, expected.changed.length])
    expect(got.added.length + got.removed.length + got.changed.length).toBeGreaterThan(0)
    expect(got.changed.map((c) => c.key).sort()).toEqual(expected.changed.map((c) => c.key).sort())

    const page = await h.app.inject({ method: 'GET', url: `/api/orgs/${orgId}/product-versions/${v1}/sboms`, headers: as(analyst) })
    expect(page.json<{ revisions: { revision: number }[] }>().revisions.map((r) => r.revision)).toEqual([2, 1])
  })

  it('stores SPDX sent as a raw body and diffs the latest SBOMs of two versions', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: `/api/orgs/${orgId}/product-versions/${v2}/sboms?filename=examplemaven.spdx.json`,
      headers: { ...as(analyst, true), 'content-type': 'application/spdx+json' },
      payload: readFileSync(fixtures.spdx),
    })
    expect(res.statusCode, res.body).toBe(201)
    expect(res.json()).toMatchObject({ revision: { format: 'spdx', specVersion: '2.3', components: parsed(fixtures.spdx).components.length, mediaType: 'application/spdx+json' } })
    const enriched = await upload(v2, fixtures.spdxEnriched)
    expect(enriched.statusCode, enriched.body).toBe(201)
    const diff = await h.app.inject({ method: 'GET', url: `/api/orgs/${orgId}/sboms/diff?fromVersion=${v1}&toVersion=${v2}`, headers: as(analyst) })
    expect(diff.statusCode, diff.body).toBe(200)
    const body = diff.json<{ from: { version: string; revision: number }; to: { version: string; revision: number }; added: unknown[]; removed: unknown[] }>()
    expect([body.from.version, body.from.revision, body.to.version, body.to.revision]).toEqual(['1.6', 2, '1.8', 2])
    const expected = diffComponents(parsed(fixtures.cdxNew).components, parsed(fixtures.spdxEnriched).components)
    expect([body.added.length, body.removed.length]).toEqual([expected.added.length, expected.removed.length])
    const xml = await upload(v2, fixtures.cdxXml)
    expect(xml.statusCode, xml.body).toBe(201)
    expect(xml.json()).toMatchObject({ revision: { revision: 3, format: 'cyclonedx', encoding: 'xml' } })
  })

  it('lists components searched, filtered and sorted', async () => {
    const id = revisions[1]!.id
    const model = parsed(fixtures.cdxNew)
    const get = async (query: string) => {
      const res = await h.app.inject({ method: 'GET', url: `/api/orgs/${orgId}/sboms/${id}/components?${query}`, headers: as(analyst) })
      expect(res.statusCode, res.body).toBe(200)
      return res.json<{ total: number; components: { name: string; type: string; purl: string | null; supportLevel: string | null }[] }>()
    }
    const all = await get('limit=100000')
    expect(all.total).toBe(model.components.length)
    expect(all.components.map((c) => c.name)).toEqual(model.components.map((c) => c.name))
    const term = 'golang.org'
    const searched = await get(`q=${encodeURIComponent(term)}`)
    expect(searched.total).toBe(model.components.filter((c) => [c.name, c.group, c.version, c.supplier, c.purl, c.cpe].some((v) => v?.toLowerCase().includes(term))).length)
    expect(searched.total).toBeGreaterThan(0)
    const libraries = await get('type=library&limit=5')
    expect(libraries.total).toBe(model.components.filter((c) => c.type === 'library').length)
    expect(libraries.components).toHaveLength(5)
    const noSupport = await get('supportLevel=none&limit=1')
    expect(noSupport.total).toBe(model.components.filter((c) => c.supportLevel === undefined).length)
    const sorted = await get('sort=name&order=desc&limit=100000')
    const names = sorted.components.map((c) => c.name)
    expect(names[0]! >= names[names.length - 1]!).toBe(true)
    expect(new Set(names).size).toBe(new Set(model.components.map((c) => c.name)).size)
    // LIKE wildcards in the search are taken literally.
    expect((await get('q=%25')).total).toBe(0)
  })

  it('reports quality as the domain report of the file does', async () => {
    const res = await h.app.inject({ method: 'GET', url: `/api/orgs/${orgId}/sboms/${revisions[0]!.id}/quality`, headers: as(analyst) })
    expect(res.statusCode, res.body).toBe(200)
    const expected = qualityReport(parsed(fixtures.cdxOld))
    const body = res.json<{ score: number; components: number; fda: unknown; ntia: unknown; gapCounts: Record<string, number>; componentsWithGaps: unknown[] }>()
    expect(body.score).toBe(expected.score)
    expect(body.components).toBe(expected.components)
    expect(body.ntia).toEqual(expected.ntia)
    expect(body.fda).toEqual(expected.fda)
    expect(body.gapCounts.supportLevel).toBe(expected.components - expected.fda.supportLevel)
    expect(body.componentsWithGaps.length).toBe(Math.min(500, expected.perComponent.filter((c) => c.gaps.length > 0).length))
  })

  it('exports a stored revision in every format so that it parses back with the same components', async () => {
    const failures: string[] = []
    for (const [revisionId, path] of [
      [revisions[1]!.id, fixtures.cdxNew],
      [(await latestOf(v2)).id, fixtures.cdxXml],
    ] as const) {
      const source = parsed(path)
      const expected = source.components.map(identity).sort()
      for (const format of ['cyclonedx-json', 'cyclonedx-xml', 'spdx-json'] as const) {
        const res = await h.app.inject({ method: 'GET', url: `/api/orgs/${orgId}/sboms/${revisionId}/export?format=${format}`, headers: as(analyst) })
        if (res.statusCode !== 200) {
          failures.push(`${format}: ${res.statusCode} ${res.body}`)
          continue
        }
        const back = parseSbom(res.rawPayload)
        if (!back.ok) failures.push(`${format} of ${path}: ${back.error.message}`)
        else if (format !== 'spdx-json' && JSON.stringify(back.value.components.map(identity).sort()) !== JSON.stringify(expected)) failures.push(`${format} of ${path}: components differ`)
        else if (format === 'spdx-json' && back.value.components.length < source.components.length) failures.push(`${format} of ${path}: ${back.value.components.length} packages`)
      }
    }
    expect(failures).toEqual([])
    const csv = await h.app.inject({ method: 'GET', url: `/api/orgs/${orgId}/sboms/${revisions[1]!.id}/export?format=fda-csv`, headers: as(analyst) })
    expect(csv.headers['content-type']).toContain('text/csv')
    expect(csv.body.split('\r\n')[0]).toBe('Component,Version,Supplier,Level of support,End-of-support date,Known vulnerabilities')
    expect(csv.body.trim().split('\r\n').length).toBeGreaterThan(parsed(fixtures.cdxNew).components.length)
    const xlsx = await h.app.inject({ method: 'GET', url: `/api/orgs/${orgId}/sboms/${revisions[1]!.id}/export?format=fda-xlsx`, headers: as(analyst) })
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK')
  })

  it('edits the FDA fields of a component (audited) and exports carry the edit', async () => {
    const id = revisions[1]!.id
    const list = await h.app.inject({ method: 'GET', url: `/api/orgs/${orgId}/sboms/${id}/components?limit=1`, headers: as(analyst) })
    const component = list.json<{ components: { id: string; name: string; ref: string }[] }>().components[0]!
    const url = `/api/orgs/${orgId}/sboms/${id}/components/${component.id}`
    const bad = await h.app.inject({ method: 'PATCH', url, headers: as(analyst, true), payload: { endOfSupport: '31/12/2027' } })
    expect(bad.json()).toMatchObject({ error: { code: 'validation_failed' } })
    const badLevel = await h.app.inject({ method: 'PATCH', url, headers: as(analyst, true), payload: { supportLevel: 'forever' } })
    expect(badLevel.statusCode).toBe(400)
    const res = await h.app.inject({ method: 'PATCH', url, headers: as(analyst, true), payload: { supportLevel: 'no_longer_maintained', endOfSupport: '2027-12-31' } })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toMatchObject({ supportLevel: 'no_longer_maintained', endOfSupport: '2027-12-31', editedBy: 'analyst@acme-imaging.example' })
    const exported = await h.app.inject({ method: 'GET', url: `/api/orgs/${orgId}/sboms/${id}/export?format=cyclonedx-json`, headers: as(analyst) })
    const back = parseSbom(exported.body)
    if (!back.ok) throw new Error(back.error.message)
    expect(back.value.components.find((c) => c.ref === component.ref)).toMatchObject({ supportLevel: 'no_longer_maintained', endOfSupport: '2027-12-31' })
    const csv = await h.app.inject({ method: 'GET', url: `/api/orgs/${orgId}/sboms/${id}/export?format=fda-csv`, headers: as(analyst) })
    expect(csv.body).toContain('no longer maintained,2027-12-31')
    const audit = await h.database.db.selectFrom('audit_log').select(['action', 'details']).where('target_id', '=', component.id).execute()
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ action: 'sbom.component_support_edit', details: { before: { supportLevel: null }, after: { supportLevel: 'no_longer_maintained', endOfSupport: '2027-12-31' } } })
    const cleared = await h.app.inject({ method: 'PATCH', url, headers: as(analyst, true), payload: { endOfSupport: null } })
    expect(cleared.json()).toMatchObject({ supportLevel: 'no_longer_maintained', endOfSupport: null })

    const admin = await h.login('admin@acme-imaging.example')
    const token = await h.app.inject({ method: 'POST', url: `/api/orgs/${orgId}/tokens`, headers: as(admin, true), payload: { name: 'viewer', role: 'viewer' } })
    const viewer = { authorization: `Bearer ${token.json<{ secret: string }>().secret}` }
    expect((await h.app.inject({ method: 'PATCH', url, headers: viewer, payload: { supportLevel: 'abandoned' } })).statusCode).toBe(403)
    expect((await h.app.inject({ method: 'GET', url: `/api/orgs/${orgId}/sboms/${id}/quality`, headers: viewer })).statusCode).toBe(200)
  })

  it('refuses bad files with the parser code and stores nothing', async () => {
    const before = await counts()
    const auditBefore = Number((await h.database.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
    const good = readFileSync(fixtures.cdxOld)
    const wrongVersion = JSON.stringify({ ...(JSON.parse(good.toString('utf8')) as object), specVersion: '9.9' })
    const invalid = JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', version: 1, components: [{ type: 'not-a-type', name: 'x' }] })
    const cases: { name: string; bytes: Buffer; code: string; status: number }[] = [
      { name: 'truncated JSON', bytes: good.subarray(0, Math.floor(good.length / 2)), code: 'sbom_json_malformed', status: 400 },
      { name: 'binary', bytes: Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0, 0xff, 0xfe, 0x00, 0x01]), code: 'sbom_binary_content', status: 400 },
      { name: 'wrong spec version', bytes: Buffer.from(wrongVersion), code: 'sbom_unsupported_spec_version', status: 400 },
      { name: 'schema violation', bytes: Buffer.from(invalid), code: 'sbom_schema_invalid', status: 400 },
      { name: 'not an SBOM', bytes: Buffer.from('{"hello":"world"}'), code: 'sbom_unknown_format', status: 400 },
      { name: 'empty', bytes: Buffer.alloc(0), code: 'sbom_empty', status: 400 },
      { name: 'oversized raw body', bytes: Buffer.alloc(50 * 1024 * 1024 + 1, 0x20), code: 'sbom_too_large', status: 413 },
    ]
    const failures: string[] = []
    for (const c of cases) {
      const res = await h.app.inject({ method: 'POST', url: `/api/orgs/${orgId}/product-versions/${v1}/sboms?filename=bad.json`, headers: { ...as(analyst, true), 'content-type': 'application/octet-stream' }, payload: c.bytes })
      const code = res.json<{ error?: { code: string } }>().error?.code
      if (res.statusCode !== c.status || code !== c.code) failures.push(`${c.name}: ${res.statusCode} ${code} (expected ${c.status} ${c.code})`)
    }
    // Above 50 MB but under the JSON envelope's limit: refused by the service.
    const big = await h.app.inject({
      method: 'POST',
      url: `/api/orgs/${orgId}/product-versions/${v1}/sboms`,
      headers: as(analyst, true),
      payload: { filename: 'big.json', contentBase64: Buffer.alloc(50 * 1024 * 1024 + 10, 0x20).toString('base64') },
    })
    if (big.statusCode !== 413 || big.json<{ error: { code: string } }>().error.code !== 'sbom_too_large') failures.push(`oversized base64: ${big.statusCode} ${big.body.slice(0, 200)}`)
    const unknownVersion = await upload('00000000-0000-4000-8000-000000000000', fixtures.cdxOld)
    if (unknownVersion.statusCode !== 404) failures.push(`unknown version: ${unknownVersion.statusCode}`)
    expect(failures).toEqual([])
    const problems = await h.app.inject({
      method: 'POST',
      url: `/api/orgs/${orgId}/product-versions/${v1}/sboms?filename=bad.json`,
      headers: { ...as(analyst, true), 'content-type': 'application/vnd.cyclonedx+json' },
      payload: invalid,
    })
    expect(problems.json<{ error: { details: { problems: { details: { path: string } }[] } } }>().error.details.problems[0]?.details.path).toBe('/components/0/type')
    expect(await counts()).toEqual(before)
    expect(Number((await h.database.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)).toBe(auditBefore)
  })

  it('rolls the whole upload back when the database fails half way through the components', async () => {
    const db = h.database.db
    await sql`create function medsec_test_refuse() returns trigger language plpgsql as $$ begin if new.name = 'explode' then raise exception 'refused'; end if; return new; end $$`.execute(db)
    await sql`create trigger medsec_test_refuse before insert on sbom_components for each row execute function medsec_test_refuse()`.execute(db)
    try {
      const components = Array.from({ length: 3000 }, (_, i) => ({ type: 'library', 'bom-ref': `c${i}`, name: i === 2500 ? 'explode' : `lib-${i}`, version: '1.0.0' }))
      const document = JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', version: 1, components })
      const before = await counts()
      const res = await h.app.inject({ method: 'POST', url: `/api/orgs/${orgId}/product-versions/${v1}/sboms?filename=explode.json`, headers: { ...as(analyst, true), 'content-type': 'application/vnd.cyclonedx+json' }, payload: document })
      expect(res.statusCode).toBe(500)
      expect(await counts()).toEqual(before)
    } finally {
      await sql`drop trigger medsec_test_refuse on sbom_components`.execute(db)
      await sql`drop function medsec_test_refuse()`.execute(db)
    }
  })

  it('answers 404 for revisions and components that do not exist', async () => {
    const missing = '00000000-0000-4000-8000-000000000000'
    for (const url of [`/api/orgs/${orgId}/sboms/${missing}/components`, `/api/orgs/${orgId}/sboms/${missing}/quality`, `/api/orgs/${orgId}/sboms/${missing}/export?format=cyclonedx-json`, `/api/orgs/${orgId}/product-versions/${missing}/sboms`]) {
      expect((await h.app.inject({ method: 'GET', url, headers: as(analyst) })).statusCode, url).toBe(404)
    }
    const patch = await h.app.inject({ method: 'PATCH', url: `/api/orgs/${orgId}/sboms/${revisions[0]!.id}/components/${missing}`, headers: as(analyst, true), payload: { supportLevel: 'unknown' } })
    expect(patch.statusCode).toBe(404)
  })

  it('seeds the demo products with SBOMs', async () => {
    const products = await h.app.inject({ method: 'GET', url: `/api/orgs/${orgId}/products`, headers: as(analyst) })
    const ct = products.json<{ id: string; name: string }[]>().find((p) => p.name === 'Acme CT 5000')!
    const detail = await h.app.inject({ method: 'GET', url: `/api/orgs/${orgId}/products/${ct.id}`, headers: as(analyst) })
    const versions = detail.json<{ version: string; sbom: { components: number } | null }[] & { versions: { version: string; sbom: { components: number } | null }[] }>().versions
    expect(versions.map((v) => [v.version, (v.sbom?.components ?? 0) > 15])).toEqual([
      ['3.1', true],
      ['3.2', true],
    ])
  })

  async function latestOf(versionId: string): Promise<{ id: string }> {
    const page = await h.app.inject({ method: 'GET', url: `/api/orgs/${orgId}/product-versions/${versionId}/sboms`, headers: as(analyst) })
    return page.json<{ revisions: { id: string }[] }>().revisions[0]!
  }
})
