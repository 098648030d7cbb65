// Targeted re-match through the inverted index: 10,000 stored SBOMs (small, synthetic) and one new advisory. Times
// the affected set (goal <= 100 ms) and the re-match of it, beside the full re-match the watermark loop did before.
// PGlite, and PostgreSQL when MEDSEC_BENCH_DATABASE_URL is set. Run: npx tsx bench/run.ts findings
import { randomUUID } from 'node:crypto'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql, type Kysely } from 'kysely'
import { componentMatchKeys } from '../src/services/findings/match-keys.js'
import { rematchVersion } from '../src/services/findings/match-product-version.js'
import { affectedSet, rematchAffected } from '../src/services/findings/rematch-affected.js'
import { importKb } from '../src/services/kb/import-kb.js'
import { currentMatchIndex } from '../src/services/kb/match-index.js'
import { SYSTEM_ACTOR } from '../src/services/system-admin.js'
import { openDatabase, type OpenDatabase } from '../src/store/database.js'
import { migrateToLatest } from '../src/store/migrate.js'
import { findingKeysRepository } from '../src/store/repositories/finding-keys.js'
import { kbRepository } from '../src/store/repositories/kb.js'
import type { Database } from '../src/store/schema.js'
import { scopeFor } from '../src/store/scope.js'
import { openScratchPostgres } from './scratch-postgres.js'

const SBOMS = 10_000
const COMPONENTS_PER_SBOM = 20
const ORGS = 10
const PACKAGES = 2_000
const BASE_ADVISORIES = 2_000
const FULL_SAMPLE = 100

// Deterministic pseudo-random numbers, so that every run stores the same SBOMs.
let seed = 42
const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31)

async function time<T>(run: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const start = performance.now()
  const value = await run()
  return { ms: performance.now() - start, value }
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

/** A component of a synthetic SBOM: an npm package of the pool (some with a CPE instead), at one of five versions. */
function component(): { name: string; version: string; purl: string | null; cpe: string | null } {
  const p = Math.floor(random() ** 2 * PACKAGES)
  const version = `1.${Math.floor(random() * 5)}.0`
  if (p % 50 === 0) return { name: `appliance-${p}`, version, purl: null, cpe: `cpe:2.3:a:vendor${p % 7}:appliance-${p}:${version}:*:*:*:*:*:*:*` }
  return { name: `pkg-${p}`, version, purl: `pkg:npm/pkg-${p}@${version}`, cpe: null }
}

function osvAdvisory(id: string, pkg: string, fixed: string): unknown {
  return {
    schema_version: '1.6.0',
    id,
    modified: '2025-01-01T00:00:00Z',
    published: '2025-01-01T00:00:00Z',
    summary: `synthetic advisory of ${pkg}`,
    affected: [{ package: { ecosystem: 'npm', name: pkg, purl: `pkg:npm/${pkg}` }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed }] }] }],
    severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }],
  }
}

async function seedStore(db: Kysely<Database>): Promise<{ seconds: number; components: number; keys: number }> {
  const started = performance.now()
  const now = new Date('2025-06-01T00:00:00Z')
  const orgs = Array.from({ length: ORGS }, (_, i) => ({ id: randomUUID(), slug: `bench-org-${i}`, name: `Bench org ${i}`, kind: 'manufacturer' as const, created_at: now }))
  await db.insertInto('organizations').values(orgs).execute()
  const products = orgs.flatMap((o) => Array.from({ length: 10 }, (_, i) => ({ id: randomUUID(), org_id: o.id, name: `Scanner ${i}`, model_number: null, udi_di: null, tlp: 'AMBER' as const, created_at: now })))
  await db.insertInto('products').values(products).execute()
  const versions = Array.from({ length: SBOMS }, (_, i) => {
    const product = products[i % products.length]!
    return { id: randomUUID(), org_id: product.org_id, product_id: product.id, version: `${Math.floor(i / products.length)}.0`, tlp: 'AMBER' as const, created_at: now }
  })
  for (const part of chunks(versions, 1000)) await db.insertInto('product_versions').values(part).execute()
  let componentCount = 0
  let keyCount = 0
  for (const part of chunks(versions, 250)) {
    const revisions = part.map((v) => ({
      id: randomUUID(), org_id: v.org_id, product_version_id: v.id, revision: 1, filename: 'bom.cdx.json', media_type: 'application/json', original: Buffer.from('{}'),
      sha256: '44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a', size_bytes: 2, format: 'cyclonedx' as const, spec_version: '1.6', encoding: 'json',
      document: '{}', component_count: COMPONENTS_PER_SBOM, dependency_count: 0, tlp: 'AMBER' as const, uploaded_by: null, uploaded_by_label: 'bench', created_at: now,
    }))
    await db.insertInto('sbom_revisions').values(revisions).execute()
    const components = revisions.flatMap((r) =>
      Array.from({ length: COMPONENTS_PER_SBOM }, (_, ordinal) => {
        const c = component()
        return {
          id: randomUUID(), org_id: r.org_id, revision_id: r.id, ordinal, bom_ref: `c-${ordinal}`, parent_ref: null, type: 'library', name: c.name, group_name: null, version: c.version,
          supplier: null, purl: c.purl, cpe: c.cpe, licenses: '[]', hashes: '[]', support_level: null, end_of_support: null, extra: '{}', fda_edited_at: null, fda_edited_by_label: null,
          product_version_id: r.product_version_id,
        }
      }),
    )
    for (const rows of chunks(components, 1000)) await db.insertInto('sbom_components').values(rows.map(({ product_version_id: _, ...row }) => row)).execute()
    const keys = components.flatMap((c) => componentMatchKeys(c).map((k) => ({ match_key: k, component_id: c.id, org_id: c.org_id, product_version_id: c.product_version_id, revision_id: c.revision_id })))
    for (const rows of chunks(keys, 2000)) await db.insertInto('finding_component_keys').values(rows).execute()
    await db.insertInto('finding_match_runs').values(revisions.map((r) => ({ product_version_id: r.product_version_id, org_id: r.org_id, revision_id: r.id, kb_generation: '', matched_at: now }))).execute()
    componentCount += components.length
    keyCount += keys.length
  }
  return { seconds: (performance.now() - started) / 1000, components: componentCount, keys: keyCount }
}

async function run(engine: string, database: OpenDatabase): Promise<string[][]> {
  const db = database.db
  const dir = mkdtempSync(join(tmpdir(), 'medsec-findings-bench-'))
  // A base KB of advisories on packages outside the pool, so that the index is not empty.
  const base = join(dir, 'base')
  mkdirSync(base)
  for (let i = 0; i < BASE_ADVISORIES; i++) writeFileSync(join(base, `BENCH-BASE-${i}.json`), JSON.stringify(osvAdvisory(`BENCH-BASE-${i}`, `other-${i}`, '9.0.0')))
  const baseImport = await importKb(db, base)
  if (!baseImport.ok) throw new Error(baseImport.error.message)
  const seeded = await seedStore(db)
  await sql`analyze`.execute(db)
  const generation = await kbRepository.generation(db)
  const through = (await findingKeysRepository.changedStatements(db, null)).reduce<Date | null>((m, s) => (m === null || s.importedAt > m ? s.importedAt : m), null)
  await findingKeysRepository.saveCursor(db, { through, generation }, new Date())
  await findingKeysRepository.advanceWatermarks(db, generation)

  // The new advisory: pkg-40 (in about 3% of the SBOMs), versions before 1.3.0.
  writeFileSync(join(dir, 'BENCH-NEW-1.json'), JSON.stringify(osvAdvisory('BENCH-NEW-1', 'pkg-40', '1.3.0')))
  const cursor = await findingKeysRepository.cursor(db)
  const imported = await importKb(db, join(dir, 'BENCH-NEW-1.json'))
  if (!imported.ok || imported.value.inserted !== 1) throw new Error('the new advisory was not imported')

  const rounds: number[] = []
  let set = await affectedSet(db, await findingKeysRepository.changedStatements(db, cursor?.through ?? null))
  for (let i = 0; i < 7; i++) {
    const t = await time(async () => affectedSet(db, await findingKeysRepository.changedStatements(db, cursor?.through ?? null)))
    rounds.push(t.ms)
    set = t.value
  }
  rounds.sort((a, b) => a - b)
  const index = await time(() => currentMatchIndex(db))
  const rematch = await time(() => rematchAffected(db, set))
  // The watermark loop re-matched every product version in full after any KB change: a sample, extrapolated.
  const sample = await db.selectFrom('product_versions').select(['id', 'org_id']).limit(FULL_SAMPLE).execute()
  const full = await time(async () => {
    for (const v of sample) await rematchVersion(db, scopeFor(v.org_id), SYSTEM_ACTOR, v.id)
  })
  const fullSeconds = (full.ms / FULL_SAMPLE) * SBOMS / 1000
  return [
    [engine, 'store', `${SBOMS} SBOMs, ${seeded.components} components, ${seeded.keys} keys, seeded in ${seeded.seconds.toFixed(1)} s`],
    [engine, 'affected set (median of 7)', `${rounds[3]!.toFixed(1)} ms (min ${rounds[0]!.toFixed(1)}, max ${rounds[6]!.toFixed(1)}): ${set.components.length} components in ${set.productVersions} product versions`],
    [engine, 'matching index rebuild', `${index.ms.toFixed(0)} ms (${BASE_ADVISORIES + 1} advisories)`],
    [engine, 'targeted re-match', `${(rematch.ms / 1000).toFixed(2)} s: ${rematch.value.added} new findings in ${rematch.value.productVersions} versions (${(rematch.ms / Math.max(1, rematch.value.productVersions)).toFixed(1)} ms per version)`],
    [engine, 'full re-match (before)', `${(full.ms / FULL_SAMPLE).toFixed(1)} ms per version x ${SBOMS} = ${fullSeconds.toFixed(0)} s (extrapolated from ${FULL_SAMPLE})`],
  ]
}

const rows: string[][] = []
const pglite = await openDatabase({ kind: 'memory' })
await migrateToLatest(pglite.db)
try {
  rows.push(...(await run('PGlite', pglite)))
} finally {
  await pglite.close()
}
if (process.env.MEDSEC_BENCH_DATABASE_URL) {
  const postgres = await openScratchPostgres(process.env.MEDSEC_BENCH_DATABASE_URL)
  try {
    rows.push(...(await run('PostgreSQL', postgres)))
  } finally {
    await postgres.close()
  }
}
const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i]!.length)))
for (const r of rows) console.log(r.map((c, i) => c.padEnd(widths[i]!)).join('  '))
