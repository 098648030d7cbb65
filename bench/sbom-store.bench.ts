// Upload + store of a generated 50,000-component CycloneDX SBOM, and the component table API, on PGlite and
// (when MEDSEC_BENCH_DATABASE_URL is set) PostgreSQL. Run: npx tsx bench/run.ts sbom-store
import { randomBytes } from 'node:crypto'
import type { Kysely } from 'kysely'
import { buildServer } from '../src/server/app.js'
import { seedDemo } from '../src/services/demo/seed-demo.js'
import { systemContext } from '../src/services/system-admin.js'
import { loadSbom } from '../src/services/sbom-files/read-sbom-file.js'
import { uploadSbom, MAX_SBOM_UPLOAD_BYTES } from '../src/services/sbom/upload-sbom.js'
import { openDatabase, type OpenDatabase } from '../src/store/database.js'
import { migrateToLatest } from '../src/store/migrate.js'
import type { Database } from '../src/store/schema.js'
import { openScratchPostgres } from './scratch-postgres.js'

const COMPONENTS = 50_000

/** A CycloneDX 1.6 document with n library components, each with purl, CPE, supplier, license, hash and FDA fields, in a chain of dependencies. */
function generated(n: number): Uint8Array {
  const components = Array.from({ length: n }, (_, i) => ({
    type: 'library',
    'bom-ref': `pkg-${i}`,
    supplier: { name: `Supplier ${i % 97}` },
    name: `component-${i}`,
    version: `${i % 7}.${i % 13}.${i % 29}`,
    licenses: [{ license: { id: 'MIT' } }],
    hashes: [{ alg: 'SHA-256', content: randomBytes(32).toString('hex') }],
    cpe: `cpe:2.3:a:vendor${i % 97}:component-${i}:${i % 7}.${i % 13}.${i % 29}:*:*:*:*:*:*:*`,
    purl: `pkg:npm/component-${i}@${i % 7}.${i % 13}.${i % 29}`,
    properties: [
      { name: 'fda:lifecycle:support_level', value: i % 3 === 0 ? 'no longer maintained' : 'actively maintained' },
      { name: 'cdx:lifecycle:milestone:endOfSupport', value: '2030-12-31' },
    ],
  }))
  const dependencies = components.map((c, i) => ({ ref: c['bom-ref'], dependsOn: i + 1 < n ? [`pkg-${i + 1}`] : [] }))
  const document = { bomFormat: 'CycloneDX', specVersion: '1.6', serialNumber: 'urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79', version: 1, metadata: { timestamp: '2025-01-01T00:00:00Z' }, components, dependencies }
  return new TextEncoder().encode(JSON.stringify(document))
}

async function time<T>(run: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const start = performance.now()
  const value = await run()
  return { ms: performance.now() - start, value }
}

async function run(engine: string, database: OpenDatabase, bytes: Uint8Array): Promise<string[]> {
  const db: Kysely<Database> = database.db
  await seedDemo(db)
  const ctx = await systemContext(db, 'acme-imaging')
  if (!ctx.ok) throw new Error(ctx.error.message)
  const version = await db.selectFrom('product_versions').select('id').executeTakeFirstOrThrow()
  const upload = await time(() => uploadSbom(ctx.value, { versionId: version.id, bytes, filename: 'bench.cdx.json' }))
  if (!upload.value.ok) throw new Error(upload.value.error.message)
  const revisionId = upload.value.value.revision.id

  const app = await buildServer({ db, logger: false })
  const admin = await systemContext(db, 'acme-imaging')
  if (!admin.ok) throw new Error('no org')
  // An API token of the organization, as a CLI or CI would use.
  const { createToken } = await import('../src/services/tokens/create-token.js')
  const token = await createToken(admin.value, { name: 'bench', role: 'viewer' })
  if (!token.ok) throw new Error(token.error.message)
  const headers = { authorization: `Bearer ${token.value.secret}` }
  const orgId = admin.value.org.id
  const get = async (query: string) => {
    const res = await app.inject({ method: 'GET', url: `/api/orgs/${orgId}/sboms/${revisionId}/components?${query}`, headers })
    if (res.statusCode !== 200) throw new Error(`${res.statusCode} ${res.body.slice(0, 200)}`)
    return res.body.length
  }
  const median = async (query: string) => {
    const times: number[] = []
    let size = 0
    for (let i = 0; i < 5; i++) {
      const t = await time(() => get(query))
      times.push(t.ms)
      size = t.value
    }
    times.sort((a, b) => a - b)
    return { ms: times[2]!, size }
  }
  const page = await median('limit=100')
  const search = await median('q=component-4999&limit=100')
  const sorted = await median('sort=supplier&order=desc&limit=100')
  const all = await median('limit=100000')
  const quality = await time(async () => (await app.inject({ method: 'GET', url: `/api/orgs/${orgId}/sboms/${revisionId}/quality`, headers })).statusCode)
  const exported = await time(async () => (await app.inject({ method: 'GET', url: `/api/orgs/${orgId}/sboms/${revisionId}/export?format=cyclonedx-json`, headers })).body.length)
  await app.close()
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`
  return [
    `| ${engine} | upload + store (parse, schema, ${COMPONENTS} rows, ${COMPONENTS - 1} edges, one transaction) | ${(upload.ms / 1000).toFixed(1)} s | peak RSS so far ${mb(process.resourceUsage().maxRSS * 1024)} |`,
    `| ${engine} | GET components, first page of 100 | ${page.ms.toFixed(0)} ms | ${mb(page.size)} |`,
    `| ${engine} | GET components, search q=component-4999 | ${search.ms.toFixed(0)} ms | ${mb(search.size)} |`,
    `| ${engine} | GET components, sort by supplier desc, 100 | ${sorted.ms.toFixed(0)} ms | ${mb(sorted.size)} |`,
    `| ${engine} | GET all ${COMPONENTS} components (what the UI loads) | ${all.ms.toFixed(0)} ms | ${mb(all.size)} |`,
    `| ${engine} | GET quality report (rebuild model + report) | ${quality.ms.toFixed(0)} ms | |`,
    `| ${engine} | GET export CycloneDX 1.6 JSON | ${exported.ms.toFixed(0)} ms | ${mb(exported.value)} |`,
  ]
}

const bytes = generated(COMPONENTS)
console.log(`generated SBOM: ${COMPONENTS} components, ${(bytes.length / 1024 / 1024).toFixed(1)} MB (limit ${MAX_SBOM_UPLOAD_BYTES / 1024 / 1024} MB)`)
const parseOnly = await time(() => loadSbom(bytes, { maxBytes: MAX_SBOM_UPLOAD_BYTES }))
if (!parseOnly.value.ok) throw new Error(parseOnly.value.error.message)
const lines = ['| engine | step | time | size / memory |', '|---|---|---|---|', `| (none) | read + schema check (one pass) + normalise | ${(parseOnly.ms / 1000).toFixed(1)} s | |`]
const pglite = await openDatabase({ kind: 'memory' })
await migrateToLatest(pglite.db)
try {
  lines.push(...(await run('PGlite', pglite, bytes)))
} finally {
  await pglite.close()
}
const url = process.env.MEDSEC_BENCH_DATABASE_URL
if (url) {
  const postgres = await openScratchPostgres(url)
  try {
    lines.push(...(await run('PostgreSQL', postgres, bytes)))
  } finally {
    await postgres.close()
  }
} else lines.push('| PostgreSQL | skipped: MEDSEC_BENCH_DATABASE_URL is not set | | |')
console.log(lines.join('\n'))
