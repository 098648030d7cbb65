import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { applyCascade, defaultProfile, sampleDocument, withAnswer } from '../../domain/mds2/index.js'
import type { Mds2Document, ProcurementComparison } from '../../domain/mds2/index.js'
import { readMds2File, writeMds2 } from '../../services/mds2-files/index.js'
import { as, startHarness, type ApiHarness, type TestSession } from '../../../test/support/api-harness.js'
import { testEngines } from '../../../test/support/database.js'

async function bytesOf(doc: Mds2Document, format: 'xlsx' | 'csv' | 'json'): Promise<Uint8Array> {
  const written = await writeMds2(doc, format)
  if (!written.ok) throw new Error(written.error.message)
  return written.value
}

function base64(bytes: Uint8Array | string): string {
  return Buffer.from(bytes).toString('base64')
}

// A ZIP that claims 5000 entries: the reader refuses it as a zip bomb before inflating anything (real bombs, with
// sizes declared or hidden, are covered by the reader's own tests).
function zipClaimingManyEntries(): Uint8Array {
  const bytes = Buffer.alloc(64)
  bytes.writeUInt32LE(0x04034b50, 0)
  const eocd = bytes.length - 22
  bytes.writeUInt32LE(0x06054b50, eocd)
  bytes.writeUInt16LE(5000, eocd + 8)
  bytes.writeUInt16LE(5000, eocd + 10)
  return bytes
}

interface DocumentView {
  documentId: string | null
  revision: number | null
  currentRevision: number | null
  tlp: string
  document: Mds2Document
  issues: { code: string; severity: string; questionId?: string }[]
  completeness: { percent: number; sections: unknown[] }
}

describe.each(testEngines)('MDS2 API on %s', (engine) => {
  let h: ApiHarness
  let acmeId: string
  let hospitalId: string
  let acme: TestSession
  let hospital: TestSession
  let hospitalAnalyst: TestSession
  let ct31: string
  let ct32: string
  let viewer: string
  let pacs: string

  beforeAll(async () => {
    h = await startHarness(engine)
    acmeId = await h.orgId('acme-imaging')
    hospitalId = await h.orgId('st-example-hospital')
    acme = await h.login('admin@acme-imaging.example')
    hospital = await h.login('admin@st-example.example')
    hospitalAnalyst = await h.login('analyst@st-example.example')
    const versions = await h.database.db
      .selectFrom('product_versions')
      .innerJoin('products', 'products.id', 'product_versions.product_id')
      .select(['product_versions.id', 'products.name', 'product_versions.version'])
      .execute()
    const idOf = (name: string, version: string) => versions.find((v) => v.name === name && v.version === version)!.id
    ct31 = idOf('Acme CT 5000', '3.1')
    ct32 = idOf('Acme CT 5000', '3.2')
    pacs = idOf('Acme PACS Viewer', '7.4')
    const token = await h.app.inject({ method: 'POST', url: `/api/orgs/${hospitalId}/tokens`, headers: as(hospital, true), payload: { name: 'reader', role: 'viewer' } })
    viewer = token.json<{ secret: string }>().secret
  })
  afterAll(() => h?.close())

  it('documents every MDS2 route in the OpenAPI description, the upload with both body forms', async () => {
    const spec = (await h.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{ paths: Record<string, Record<string, { requestBody?: { content: Record<string, unknown> } }>> }>()
    // Shared MDS2 (read from another organization through the TLP policy) are documented with the sharing routes.
    const mds2Paths = Object.keys(spec.paths).filter((p) => p.includes('/mds2') && !p.includes('/shared/'))
    // 14 with the SBOM suggestions of a version's MDS2 (ADR 0053).
    expect(mds2Paths.length).toBe(14)
    expect(Object.keys(spec.paths['/api/orgs/{orgId}/mds2/uploads']?.post?.requestBody?.content ?? {})).toEqual([
      'application/json',
      'application/octet-stream',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'application/vnd.ms-excel',
      'text/csv',
    ])
  })

  describe('manufacturer documents', () => {
    it('lists product versions with the seeded MDS2 of Acme CT 5000 3.1 and 3.2', async () => {
      const res = await h.app.inject({ method: 'GET', url: `/api/orgs/${acmeId}/mds2/documents`, headers: as(acme) })
      expect(res.statusCode).toBe(200)
      const rows = res.json<{ productName: string; version: string; currentRevision: number | null; completenessPercent: number | null; documentTlp: string | null }[]>()
      expect(rows.map((r) => [r.productName, r.version, r.currentRevision, r.completenessPercent, r.documentTlp])).toEqual([
        ['Acme CT 5000', '3.1', 1, 100, 'GREEN'],
        ['Acme CT 5000', '3.2', 1, 100, 'GREEN'],
        ['Acme PACS Viewer', '7.4', null, null, null],
      ])
    })

    it('shows an empty document before the first save, then saves revisions with issues and completeness', async () => {
      const empty = await h.app.inject({ method: 'GET', url: `/api/orgs/${acmeId}/mds2/versions/${pacs}`, headers: as(acme) })
      expect(empty.statusCode).toBe(200)
      const view = empty.json<DocumentView>()
      expect([view.revision, view.documentId, view.completeness.percent, view.tlp]).toEqual([null, null, 0, 'AMBER'])
      expect(view.issues.filter((i) => i.code === 'mds2_header_missing')).toHaveLength(7)

      // A first draft with a cascade violation: CSUP-1 is No, but CSUP-2 answered Yes. Saving still works.
      const consistent = applyCascade(withAnswer(sampleDocument('Acme Imaging'), 'CSUP-1', { answer: 'No', note: '' })).document
      const draft = withAnswer(consistent, 'CSUP-2', { answer: 'Yes', note: '' })
      const first = await h.app.inject({ method: 'PUT', url: `/api/orgs/${acmeId}/mds2/versions/${pacs}`, headers: as(acme, true), payload: { document: draft, note: 'first draft', baseRevision: 0 } })
      expect(first.statusCode, first.body).toBe(200)
      const saved = first.json<DocumentView>()
      expect([saved.revision, saved.currentRevision, saved.tlp]).toEqual([1, 1, 'AMBER'])
      expect(saved.issues).toContainEqual(expect.objectContaining({ code: 'mds2_cascade_violation', severity: 'error', questionId: 'CSUP-2' }))

      const fixed = consistent
      const second = await h.app.inject({ method: 'PUT', url: `/api/orgs/${acmeId}/mds2/versions/${pacs}`, headers: as(acme, true), payload: { document: fixed, note: 'cascade fixed', tlp: 'GREEN', baseRevision: 1 } })
      expect(second.json<DocumentView>()).toMatchObject({ revision: 2, tlp: 'GREEN' })
      expect(second.json<DocumentView>().issues.filter((i) => i.code === 'mds2_cascade_violation')).toEqual([])

      const stale = await h.app.inject({ method: 'PUT', url: `/api/orgs/${acmeId}/mds2/versions/${pacs}`, headers: as(acme, true), payload: { document: fixed, baseRevision: 1 } })
      expect(stale.statusCode).toBe(409)
      expect(stale.json()).toMatchObject({ error: { code: 'conflict', details: { currentRevision: 2 } } })

      const revisions = await h.app.inject({ method: 'GET', url: `/api/orgs/${acmeId}/mds2/versions/${pacs}/revisions`, headers: as(acme) })
      expect(revisions.json<{ revision: number; note: string; createdByLabel: string }[]>().map((r) => [r.revision, r.note, r.createdByLabel])).toEqual([
        [2, 'cascade fixed', 'admin@acme-imaging.example'],
        [1, 'first draft', 'admin@acme-imaging.example'],
      ])
      const old = await h.app.inject({ method: 'GET', url: `/api/orgs/${acmeId}/mds2/versions/${pacs}?revision=1`, headers: as(acme) })
      expect(old.json<DocumentView>().document.answers['CSUP-2']).toEqual({ answer: 'Yes', note: '' })

      const changes = await h.app.inject({ method: 'GET', url: `/api/orgs/${acmeId}/mds2/versions/${pacs}/diff`, headers: as(acme) })
      expect(changes.json()).toEqual({ from: 1, to: 2, changes: [{ kind: 'answer', questionId: 'CSUP-2', before: 'Yes', after: 'N/A' }], counts: { header: 0, answer: 1, note: 0 }, identical: false })
      const missing = await h.app.inject({ method: 'GET', url: `/api/orgs/${acmeId}/mds2/versions/${pacs}/diff?from=1&to=9`, headers: as(acme) })
      expect(missing.statusCode).toBe(404)

      const audit = await h.database.db.selectFrom('audit_log').select(['action', 'details']).where('org_id', '=', acmeId).where('action', '=', 'mds2.revision_create').execute()
      expect(audit.map((a) => (a.details as { revision: number; version: string }).revision + '@' + (a.details as { version: string }).version).sort()).toEqual(['1@3.1', '1@3.2', '1@7.4', '2@7.4'])
    })

    it('refuses documents that are not MDS2 or name unknown questions, and writes nothing', async () => {
      const before = await h.database.db.selectFrom('mds2_revisions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
      const bad = [
        { header: {}, answers: { 'ALOF-1': { answer: 'Maybe' } } },
        { header: {}, answers: { 'ZZZZ-1': { answer: 'Yes', note: '' } } },
        { header: {}, answers: { 'DOC-1': { answer: 'Yes', note: '' } } },
        { answers: {} },
      ]
      for (const document of bad) {
        const res = await h.app.inject({ method: 'PUT', url: `/api/orgs/${acmeId}/mds2/versions/${ct32}`, headers: as(acme, true), payload: { document } })
        expect(res.statusCode, JSON.stringify(document)).toBe(400)
        expect(res.json(), JSON.stringify(document)).toMatchObject({ error: { code: 'validation_failed' } })
      }
      const after = await h.database.db.selectFrom('mds2_revisions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
      expect(Number(after.n)).toBe(Number(before.n))
    })

    it('diffs the current MDS2 of two product versions', async () => {
      const res = await h.app.inject({ method: 'GET', url: `/api/orgs/${acmeId}/mds2/diff/${ct31}/${ct32}`, headers: as(acme) })
      expect(res.statusCode).toBe(200)
      const body = res.json<{ before: { version: string; revision: number }; after: { version: string }; changes: { kind: string; questionId?: string; field?: string }[] }>()
      expect([body.before.version, body.before.revision, body.after.version]).toEqual(['3.1', 1, '3.2'])
      expect(body.changes.filter((c) => c.kind === 'answer').map((c) => c.questionId)).toEqual(['AUDT-4.1.1', 'SBOM-1', 'SBOM-4', 'TXCF-2'])
      expect(body.changes.filter((c) => c.kind === 'header').map((c) => c.field)).toEqual(['documentId', 'releaseDate'])
    })

    it('exports the stored document as xlsx, csv, json and pdf downloads that read back to the same document', async () => {
      const stored = (await h.app.inject({ method: 'GET', url: `/api/orgs/${acmeId}/mds2/versions/${ct32}`, headers: as(acme) })).json<DocumentView>().document
      const expected = {
        xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        csv: 'text/csv; charset=utf-8',
        json: 'application/json; charset=utf-8',
        pdf: 'application/pdf',
      }
      for (const [format, type] of Object.entries(expected)) {
        const res = await h.app.inject({ method: 'GET', url: `/api/orgs/${acmeId}/mds2/versions/${ct32}/export?format=${format}`, headers: as(acme) })
        expect(res.statusCode, format).toBe(200)
        expect(res.headers['content-type'], format).toBe(type)
        expect(res.headers['content-disposition'], format).toBe(`attachment; filename="MDS2-Acme-CT-5000-3.2-r1.${format}"`)
        if (format === 'pdf') {
          expect(res.rawPayload.subarray(0, 5).toString(), format).toBe('%PDF-')
          continue
        }
        const read = await readMds2File(new Uint8Array(res.rawPayload), `back.${format}`)
        expect(read.ok && read.value.document, format).toEqual(stored)
      }
      const unknown = await h.app.inject({ method: 'GET', url: `/api/orgs/${acmeId}/mds2/versions/${ct32}/export?format=docx`, headers: as(acme) })
      expect(unknown.statusCode).toBe(400)
    })

    it("answers 404 for another organization's product versions and refuses writes to viewers", async () => {
      for (const url of [`/api/orgs/${hospitalId}/mds2/versions/${ct32}`, `/api/orgs/${hospitalId}/mds2/versions/${ct32}/revisions`, `/api/orgs/${hospitalId}/mds2/versions/${ct32}/export?format=json`]) {
        const res = await h.app.inject({ method: 'GET', url, headers: as(hospital) })
        expect(res.statusCode, url).toBe(404)
      }
      const put = await h.app.inject({ method: 'PUT', url: `/api/orgs/${hospitalId}/mds2/versions/${ct32}`, headers: as(hospital, true), payload: { document: sampleDocument() } })
      expect(put.statusCode).toBe(404)
      const viewerPut = await h.app.inject({ method: 'PUT', url: `/api/orgs/${hospitalId}/mds2/versions/${ct32}`, headers: { authorization: `Bearer ${viewer}` }, payload: { document: sampleDocument() } })
      expect(viewerPut.statusCode).toBe(403)
    })
  })

  describe('hospital uploads, profile and comparison', () => {
    let xlsxUpload: string
    let csvUpload: string

    it('stores an uploaded XLSX (JSON with base64) with its original bytes, SHA-256, document and unmapped list', async () => {
      const bytes = await bytesOf(sampleDocument('Contoso Health'), 'xlsx')
      const res = await h.app.inject({
        method: 'POST',
        url: `/api/orgs/${hospitalId}/mds2/uploads`,
        headers: as(hospitalAnalyst, true),
        payload: { filename: 'C:\\Users\\buyer\\contoso-mds2.xlsx', contentBase64: base64(bytes), modelName: 'RadiView DR' },
      })
      expect(res.statusCode, res.body).toBe(201)
      const upload = res.json<{ id: string; filename: string; sha256: string; sizeBytes: number; vendorName: string; modelName: string; tlp: string; unmapped: unknown[]; completenessPercent: number }>()
      xlsxUpload = upload.id
      expect(upload).toMatchObject({ filename: 'contoso-mds2.xlsx', vendorName: 'Contoso Health', modelName: 'RadiView DR', tlp: 'AMBER', unmapped: [], completenessPercent: 100, sizeBytes: bytes.length })
      expect(upload.sha256).toBe(createHash('sha256').update(bytes).digest('hex'))
      const original = await h.app.inject({ method: 'GET', url: `/api/orgs/${hospitalId}/mds2/uploads/${upload.id}/original`, headers: as(hospital) })
      expect(original.statusCode).toBe(200)
      expect(Buffer.compare(original.rawPayload, Buffer.from(bytes))).toBe(0)
      expect(original.headers['x-content-sha256']).toBe(upload.sha256)
      expect(original.headers['content-disposition']).toBe('attachment; filename="contoso-mds2.xlsx"')
      const view = await h.app.inject({ method: 'GET', url: `/api/orgs/${hospitalId}/mds2/uploads/${upload.id}`, headers: as(hospital) })
      expect(view.json<{ document: Mds2Document }>().document).toEqual(sampleDocument('Contoso Health'))
    })

    it('stores a raw CSV body named by ?filename=, and reports ids it could not map', async () => {
      const csv = new TextDecoder().decode(await bytesOf(sampleDocument('Fabrikam Imaging'), 'csv')) + 'ZZZZ-9,Made-up question,Yes,\n'
      const res = await h.app.inject({
        method: 'POST',
        url: `/api/orgs/${hospitalId}/mds2/uploads?filename=fabrikam.csv&tlp=AMBER%2BSTRICT`,
        headers: { ...as(hospital, true), 'content-type': 'text/csv' },
        payload: csv,
      })
      expect(res.statusCode, res.body).toBe(201)
      const upload = res.json<{ id: string; vendorName: string; tlp: string; unmapped: { code: string; value?: string }[] }>()
      csvUpload = upload.id
      expect([upload.vendorName, upload.tlp]).toEqual(['Fabrikam Imaging', 'AMBER+STRICT'])
      expect(upload.unmapped.length).toBeGreaterThan(0)
      const list = await h.app.inject({ method: 'GET', url: `/api/orgs/${hospitalId}/mds2/uploads`, headers: { authorization: `Bearer ${viewer}` } })
      expect(list.json<{ id: string; unmappedCount: number }[]>().map((u) => [u.id, u.unmappedCount > 0])).toEqual([
        [csvUpload, true],
        [xlsxUpload, false],
      ])
    })

    it('refuses bad files with the reader’s code and stores nothing', async () => {
      const count = async () => Number((await h.database.db.selectFrom('mds2_uploads').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
      const before = await count()
      const json = (filename: string, content: Uint8Array | string) => ({ filename, contentBase64: base64(content) })
      const cases: [string, Record<string, unknown>, number, string][] = [
        ['text named .xlsx', json('vendor.xlsx', 'this is not a workbook, just text'), 400, 'xlsx_not_zip'],
        ['zip bomb', json('bomb.xlsx', zipClaimingManyEntries()), 400, 'xlsx_zip_bomb'],
        ['legacy xls', json('old.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0])), 400, 'xlsx_legacy_xls'],
        ['broken JSON', json('vendor.json', '{"header": '), 400, 'mds2_json_invalid'],
        ['JSON that is not MDS2', json('vendor.json', '{"hello": "world"}'), 400, 'mds2_json_schema'],
        ['CSV without question ids', json('vendor.csv', 'a,b,c\n1,2,3\n'), 400, 'mds2_no_questions_found'],
        ['unknown format', json('vendor.docx', 'plain words'), 400, 'mds2_unsupported_format'],
        ['padding only', { filename: 'empty.xlsx', contentBase64: '====' }, 400, 'invalid_base64'],
        ['not base64', { filename: 'vendor.xlsx', contentBase64: 'not base64 at all!' }, 400, 'invalid_base64'],
        ['no content', { filename: 'vendor.xlsx', contentBase64: '' }, 400, 'validation_failed'],
        ['decoded file over 10 MB', json('huge.csv', Buffer.alloc(10 * 1024 * 1024 + 1, 0x61)), 413, 'mds2_file_too_large'],
      ]
      const failures: string[] = []
      for (const [name, payload, status, code] of cases) {
        const res = await h.app.inject({ method: 'POST', url: `/api/orgs/${hospitalId}/mds2/uploads`, headers: as(hospital, true), payload })
        const got = res.json<{ error?: { code: string } }>().error?.code
        if (res.statusCode !== status || got !== code) failures.push(`${name}: ${res.statusCode} ${got} (expected ${status} ${code})`)
      }
      const raw = [
        ['raw body without ?filename=', '', 'application/octet-stream', Buffer.from('x'), 400, 'mds2_filename_missing'],
        ['raw empty body', '?filename=a.csv', 'application/octet-stream', Buffer.alloc(0), 400, 'mds2_file_empty'],
        ['raw body over 10 MB', '?filename=big.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', Buffer.alloc(10 * 1024 * 1024 + 1), 413, 'mds2_file_too_large'],
        ['unsupported media type', '?filename=a.pdf', 'application/pdf', Buffer.from('%PDF-1.4'), 415, 'unsupported_media_type'],
      ] as const
      const bare = await h.app.inject({ method: 'POST', url: `/api/orgs/${hospitalId}/mds2/uploads`, headers: as(hospital, true) })
      if (bare.statusCode !== 400 || bare.json<{ error?: { code: string } }>().error?.code !== 'mds2_file_missing') failures.push(`no body at all: ${bare.statusCode} ${bare.body}`)
      for (const [name, query, type, payload, status, code] of raw) {
        const res = await h.app.inject({ method: 'POST', url: `/api/orgs/${hospitalId}/mds2/uploads${query}`, headers: { ...as(hospital, true), 'content-type': type }, payload })
        const got = res.json<{ error?: { code: string } }>().error?.code
        if (res.statusCode !== status || got !== code) failures.push(`${name}: ${res.statusCode} ${got} (expected ${status} ${code})`)
      }
      expect(failures).toEqual([])
      expect(cases.length + raw.length).toBe(15)
      expect(await count()).toBe(before)
    })

    it('serves the default profile until the organization saves its own, and refuses an invalid one', async () => {
      const first = await h.app.inject({ method: 'GET', url: `/api/orgs/${hospitalId}/mds2/profile`, headers: as(hospital) })
      expect(first.json()).toMatchObject({ source: 'default', profile: { id: defaultProfile.id }, updatedAt: null })
      const edited = { ...defaultProfile, name: 'St. Example procurement profile', requirements: defaultProfile.requirements.map((r) => (r.id === 'multi-factor-authentication' ? { ...r, weight: 5, mandatory: true } : r)) }
      const saved = await h.app.inject({ method: 'PUT', url: `/api/orgs/${hospitalId}/mds2/profile`, headers: as(hospitalAnalyst, true), payload: edited })
      expect(saved.statusCode, saved.body).toBe(200)
      expect(saved.json()).toMatchObject({ source: 'organization', updatedBy: 'analyst@st-example.example', profile: { name: 'St. Example procurement profile' } })
      const again = await h.app.inject({ method: 'GET', url: `/api/orgs/${hospitalId}/mds2/profile`, headers: as(hospital) })
      expect(again.json()).toMatchObject({ source: 'organization', profile: edited })
      const unknownQuestion = { ...edited, requirements: [{ id: 'x', questionId: 'ZZZZ-1', acceptable: ['Yes'], weight: 1, mandatory: false }] }
      const badAnswer = { ...edited, requirements: [{ id: 'x', questionId: 'ALOF-1', acceptable: ['Maybe'], weight: 1, mandatory: false }] }
      for (const payload of [unknownQuestion, badAnswer, { id: 'p' }]) {
        const res = await h.app.inject({ method: 'PUT', url: `/api/orgs/${hospitalId}/mds2/profile`, headers: as(hospital, true), payload })
        expect(res.statusCode).toBe(400)
      }
      const viewerPut = await h.app.inject({ method: 'PUT', url: `/api/orgs/${hospitalId}/mds2/profile`, headers: { authorization: `Bearer ${viewer}` }, payload: defaultProfile })
      expect(viewerPut.statusCode).toBe(403)
      const shipped = await h.app.inject({ method: 'GET', url: `/api/orgs/${hospitalId}/mds2/profile/default`, headers: as(hospital) })
      expect(shipped.json()).toEqual(JSON.parse(JSON.stringify(defaultProfile)))
      const acmeProfile = await h.app.inject({ method: 'GET', url: `/api/orgs/${acmeId}/mds2/profile`, headers: as(acme) })
      expect(acmeProfile.json()).toMatchObject({ source: 'default' })
    })

    it('compares vendors side by side against the organization profile, or a profile given with the request', async () => {
      const res = await h.app.inject({ method: 'POST', url: `/api/orgs/${hospitalId}/mds2/comparisons`, headers: as(hospital, true), payload: { ids: [xlsxUpload, csvUpload] } })
      expect(res.statusCode, res.body).toBe(200)
      const { comparison, items } = res.json<{ comparison: ProcurementComparison; items: { id: string; kind: string; label: string }[] }>()
      expect(items).toEqual([
        { id: xlsxUpload, kind: 'upload', label: 'Contoso Health RadiView DR', tlp: 'AMBER' },
        { id: csvUpload, kind: 'upload', label: 'Fabrikam Imaging DR-1000, DR-1000 Plus', tlp: 'AMBER+STRICT' },
      ])
      expect(comparison.profile.name).toBe('St. Example procurement profile')
      expect(comparison.rows).toHaveLength(defaultProfile.requirements.length)
      expect(comparison.rows.every((r) => r.cells.length === 2 && r.cells.every((c) => ['met', 'unmet', 'unknown'].includes(c.status)))).toBe(true)
      expect(comparison.vendors.map((v) => v.label)).toEqual(items.map((i) => i.label))
      for (const v of comparison.vendors) expect(v.met + v.unmet + v.unknown).toBe(defaultProfile.requirements.length)

      const strict = { id: 'one', name: 'Only MFA', requirements: [{ id: 'mfa', questionId: 'PAUT-8', acceptable: ['Yes', 'No', 'N/A', 'See Notes'], weight: 1, mandatory: true }] }
      const custom = await h.app.inject({ method: 'POST', url: `/api/orgs/${hospitalId}/mds2/comparisons`, headers: as(hospital, true), payload: { ids: [xlsxUpload], profile: strict } })
      expect(custom.json<{ comparison: ProcurementComparison }>().comparison.vendors).toMatchObject([{ score: 100, passes: true }])
    })

    it('exports a comparison as xlsx and pdf', async () => {
      for (const [format, type, magic] of [['xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'PK'], ['pdf', 'application/pdf', '%PDF']] as const) {
        const res = await h.app.inject({ method: 'POST', url: `/api/orgs/${hospitalId}/mds2/comparisons/export?format=${format}`, headers: as(hospital, true), payload: { ids: [xlsxUpload, csvUpload] } })
        expect(res.statusCode, format).toBe(200)
        expect(res.headers['content-type']).toBe(type)
        expect(res.headers['content-disposition']).toMatch(new RegExp(`^attachment; filename="MDS2-comparison-st-example-hospital-\\d{4}-\\d{2}-\\d{2}\\.${format}"$`))
        expect(res.rawPayload.subarray(0, magic.length).toString()).toBe(magic)
      }
    })

    it('lets a manufacturer hold its own documents against a profile, but never another organization’s upload', async () => {
      const documents = await h.app.inject({ method: 'GET', url: `/api/orgs/${acmeId}/mds2/documents`, headers: as(acme) })
      const ids = documents.json<{ documentId: string | null; version: string }[]>().filter((d) => d.documentId && d.version.startsWith('3.')).map((d) => d.documentId!)
      const own = await h.app.inject({ method: 'POST', url: `/api/orgs/${acmeId}/mds2/comparisons`, headers: as(acme, true), payload: { ids } })
      expect(own.statusCode, own.body).toBe(200)
      const scores = own.json<{ comparison: ProcurementComparison }>().comparison.vendors.map((v) => [v.label, v.passes])
      expect(scores).toEqual([
        ['Acme Imaging Acme CT 5000 3.1', false],
        ['Acme Imaging Acme CT 5000 3.2', true],
      ])
      const theirs = await h.app.inject({ method: 'POST', url: `/api/orgs/${acmeId}/mds2/comparisons`, headers: as(acme, true), payload: { ids: [xlsxUpload] } })
      expect(theirs.statusCode).toBe(404)
      // The hospital receives Acme's MDS2 through its sharing relationship (issue 8 part 6; the TLP policy decides,
      // and src/server/sharing/shared-artifacts.test.ts proves the refusals).
      const reverse = await h.app.inject({ method: 'POST', url: `/api/orgs/${hospitalId}/mds2/comparisons`, headers: as(hospital, true), payload: { ids: [ids[0], xlsxUpload] } })
      expect(reverse.statusCode).toBe(200)
      expect(reverse.json<{ items: { kind: string }[] }>().items.map((i) => i.kind)).toEqual(['shared', 'upload'])
      for (const [method, url] of [['GET', `/api/orgs/${acmeId}/mds2/uploads/${xlsxUpload}`], ['GET', `/api/orgs/${acmeId}/mds2/uploads/${xlsxUpload}/original`], ['DELETE', `/api/orgs/${acmeId}/mds2/uploads/${xlsxUpload}`]] as const) {
        const res = await h.app.inject({ method, url, headers: as(acme, method !== 'GET') })
        expect(res.statusCode, `${method} ${url}`).toBe(404)
      }
      const acmeUploads = await h.app.inject({ method: 'GET', url: `/api/orgs/${acmeId}/mds2/uploads`, headers: as(acme) })
      expect(acmeUploads.json()).toEqual([])
    })

    it('removes an upload from lists and comparisons but keeps its original bytes and hash', async () => {
      const removed = await h.app.inject({ method: 'DELETE', url: `/api/orgs/${hospitalId}/mds2/uploads/${csvUpload}`, headers: as(hospital, true) })
      expect(removed.statusCode).toBe(204)
      const again = await h.app.inject({ method: 'DELETE', url: `/api/orgs/${hospitalId}/mds2/uploads/${csvUpload}`, headers: as(hospital, true) })
      expect(again.statusCode).toBe(404)
      expect((await h.app.inject({ method: 'GET', url: `/api/orgs/${hospitalId}/mds2/uploads/${csvUpload}`, headers: as(hospital) })).statusCode).toBe(404)
      const list = await h.app.inject({ method: 'GET', url: `/api/orgs/${hospitalId}/mds2/uploads`, headers: as(hospital) })
      expect(list.json<{ id: string }[]>().map((u) => u.id)).toEqual([xlsxUpload])
      const compare = await h.app.inject({ method: 'POST', url: `/api/orgs/${hospitalId}/mds2/comparisons`, headers: as(hospital, true), payload: { ids: [csvUpload] } })
      expect(compare.statusCode).toBe(404)
      const row = await h.database.db.selectFrom('mds2_uploads').select(['original', 'sha256', 'deleted_at', 'deleted_by_label']).where('id', '=', csvUpload).executeTakeFirstOrThrow()
      expect(createHash('sha256').update(row.original).digest('hex')).toBe(row.sha256)
      expect(row.deleted_at).not.toBeNull()
      expect(row.deleted_by_label).toBe('admin@st-example.example')
    })

    it('audits every write once, in the organization that made it', async () => {
      const rows = await h.database.db.selectFrom('audit_log').select(['action', 'target_id', 'actor_label']).where('org_id', '=', hospitalId).where('action', 'like', 'mds2.%').orderBy('seq').execute()
      expect(rows.map((r) => [r.action, r.actor_label])).toEqual([
        ['mds2.upload_create', 'analyst@st-example.example'],
        ['mds2.upload_create', 'admin@st-example.example'],
        ['mds2.profile_update', 'analyst@st-example.example'],
        ['mds2.upload_remove', 'admin@st-example.example'],
      ])
      expect(rows[3]?.target_id).toBe(csvUpload)
    })
  })
})
