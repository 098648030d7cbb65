import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openTestDatabase } from '../../../test/support/database.js'
import type { OpenDatabase } from '../../store/database.js'
import type { OrgContext } from '../context.js'
import { seedDemo } from '../demo/seed-demo.js'
import { resolveProductVersion } from '../sbom/resolve-version.js'
import { uploadSbom } from '../sbom/upload-sbom.js'
import { systemContext } from '../system-admin.js'
import { suggestMds2FromSbom } from './suggest-from-sbom.js'

const SBOM = {
  bomFormat: 'CycloneDX',
  specVersion: '1.6',
  version: 1,
  metadata: { component: { type: 'device', 'bom-ref': 'device', name: 'Suggest CT', supplier: { name: 'Acme Imaging' } } },
  components: [
    { type: 'operating-system', 'bom-ref': 'os', name: 'debian', version: '12', supplier: { name: 'Debian' }, properties: [{ name: 'cdx:lifecycle:milestone:endOfSupport', value: '2028-06-30' }] },
    { type: 'library', 'bom-ref': 'ssl', name: 'openssl', version: '3.0.13', supplier: { name: 'OpenSSL Foundation' }, purl: 'pkg:generic/openssl@3.0.13' },
  ],
}

describe('MDS2 suggestions from the latest SBOM of a product version', () => {
  let database: OpenDatabase
  let ctx: OrgContext
  let withSbom: string
  let withoutSbom: string

  beforeAll(async () => {
    database = await openTestDatabase('pglite')
    await seedDemo(database.db)
    const opened = await systemContext(database.db, 'acme-imaging')
    if (!opened.ok) throw new Error(opened.error.message)
    ctx = opened.value
    const version = await resolveProductVersion(ctx, { product: 'Suggest CT', version: '1.0', create: true })
    const bare = await resolveProductVersion(ctx, { product: 'Suggest CT', version: '2.0', create: true })
    if (!version.ok || !bare.ok) throw new Error('no version')
    withSbom = version.value.versionId
    withoutSbom = bare.value.versionId
    const uploaded = await uploadSbom(ctx, { versionId: withSbom, bytes: new TextEncoder().encode(JSON.stringify(SBOM)), filename: 'bom.cdx.json' })
    if (!uploaded.ok) throw new Error(uploaded.error.message)
  }, 300_000)
  afterAll(() => database?.close())

  it('suggests from the stored SBOM, naming the revision and the components behind each suggestion', async () => {
    const result = await suggestMds2FromSbom(ctx, withSbom)
    if (!result.ok) throw new Error(result.error.message)
    expect(result.value.source).toMatchObject({ revision: 1, format: 'cyclonedx', specVersion: '1.6', components: 2 })
    const byId = new Map(result.value.suggestions.map((s) => [s.questionId, s]))
    expect(byId.get('SBOM-1')).toMatchObject({ answer: 'Yes', note: 'CycloneDX 1.6 SBOM with 2 components.' })
    expect(byId.get('SBOM-1')!.reason).toContain('revision 1 of the SBOM of Suggest CT 1.0')
    expect(byId.get('CSUP-2')).toMatchObject({ answer: 'Yes', note: 'Operating system: debian 12 (end of support 2028-06-30).', components: ['debian 12'] })
    expect(byId.get('CSUP-5')).toMatchObject({ answer: 'Yes', components: ['openssl 3.0.13'] })
    expect(byId.get('TXCF-2')).toMatchObject({ answer: null })
  })

  it('has nothing to suggest for a version without an SBOM, and answers not_found for an unknown version', async () => {
    expect(await suggestMds2FromSbom(ctx, withoutSbom)).toEqual({ ok: true, value: { source: null, suggestions: [] } })
    const missing = await suggestMds2FromSbom(ctx, '00000000-0000-4000-8000-000000000000')
    expect(missing.ok ? null : missing.error.code).toBe('not_found')
  })
})
