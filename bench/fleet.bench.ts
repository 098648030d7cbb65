// Fleet at hospital-group scale: import 100,000 devices from CSV (time, peak RSS), then p50/p99 of the fleet
// dashboard, the risk listing (first page, highest score first) and the lifecycle plan with 100,000 devices, on an
// embedded PGlite (folder) and, when MEDSEC_BENCH_DATABASE_URL is set, on PostgreSQL. Each query is timed cold (the
// first request after one device was edited, which changes the fleet generation: ADR 0095) and warm (unchanged).
// Run: npx tsx bench/run.ts fleet
import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import { seedDemo } from '../src/services/demo/seed-demo.js'
import { fleetDashboard } from '../src/services/fleet/fleet-dashboard.js'
import { importDevices } from '../src/services/fleet/import-devices.js'
import { lifecyclePlan } from '../src/services/fleet/lifecycle-plan.js'
import { listDeviceRisks } from '../src/services/fleet/list-device-risks.js'
import { addRiskControl } from '../src/services/fleet/risk-controls.js'
import { updateDevice } from '../src/services/fleet/update-device.js'
import { fleetRiskRepository } from '../src/store/repositories/fleet-risk.js'
import { systemContext } from '../src/services/system-admin.js'
import type { OrgContext } from '../src/services/context.js'
import type { OpenDatabase } from '../src/store/database.js'
import { migrateToLatest } from '../src/store/migrate.js'
import type { Database } from '../src/store/schema.js'
import { measureOnEngines } from './scratch-postgres.js'

const DEVICES = Number(process.env.MEDSEC_BENCH_DEVICES ?? 100_000)
const RUNS = Number(process.env.MEDSEC_BENCH_RUNS ?? 20)

// A realistic mix: a fifth identical to devices the demo hospital linked (so confirmed links are reused on import).
const MODELS: readonly [string, string, string, string][] = [
  ['Acme Imaging', 'Acme CT 5000', '3.1', 'CT'],
  ['Acme Imaging', 'Acme PACS Viewer', '7.4', 'OT'],
  ['Northwind Medical', 'MagnaScan 3T', 'VE11', 'MR'],
  ['Contoso Health', 'RadiView DR', '5.0.2', 'DX'],
  ['Fabrikam Imaging', 'SonoLite 8', '8.1.0', 'US'],
  ['Fabrikam Imaging', 'MammoPro 3D', '1.9', 'MG'],
  ['Northwind Medical', 'PETView 600', '3.0', 'PT'],
  ['Contoso Health', 'AngioStar', '11.2', 'XA'],
  ['Contoso Health', 'FluoroMax', '7.1', 'RF'],
  ['Northwind Medical', 'GammaCam NX', '6.4', 'NM'],
]
const CRITICALITY = ['low', 'medium', 'high', 'critical']

function inventoryCsv(n: number): Uint8Array {
  const lines = ['Asset Tag,Serial Number,Manufacturer,Model,Software Version,Modality,IP Address,AE Title,Location,Department,Criticality,Stores PHI,Internet Exposure,Install Date,Expected EOL,Replacement Cost']
  for (let i = 0; i < n; i++) {
    const [manufacturer, model, version, modality] = MODELS[i % MODELS.length]!
    const year = 2016 + (i % 10)
    lines.push(
      [
        `BENCH-${String(i).padStart(6, '0')}`,
        `SN${(1_000_000 + i * 7).toString(36).toUpperCase()}`,
        manufacturer,
        model,
        version,
        modality,
        `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
        `${modality}${i % 100000}`.slice(0, 16),
        `Site ${i % 40} Room ${i % 25}`,
        ['Radiology', 'Cardiology', 'Emergency', 'Oncology'][i % 4],
        CRITICALITY[i % 4],
        i % 3 === 0 ? 'no' : 'yes',
        i % 50 === 0 ? 'yes' : 'no',
        `${year}-0${1 + (i % 9)}-15`,
        `${year + 8 + (i % 6)}-12-31`,
        i % 5 === 0 ? '' : String(50_000 + (i % 40) * 25_000),
      ].join(','),
    )
  }
  return new TextEncoder().encode(lines.join('\n') + '\n')
}

/** Two findings on Acme CT 5000 3.1 (log4j), so a tenth of the fleet has vulnerabilities to score. */
async function addFindings(db: Kysely<Database>): Promise<void> {
  const version = await db
    .selectFrom('product_versions')
    .innerJoin('products', 'products.id', 'product_versions.product_id')
    .select(['product_versions.id as id', 'product_versions.org_id as orgId'])
    .where('products.name', '=', 'Acme CT 5000')
    .where('product_versions.version', '=', '3.1')
    .executeTakeFirstOrThrow()
  const revision = await db.selectFrom('sbom_revisions').select('id').where('product_version_id', '=', version.id).orderBy('revision', 'desc').executeTakeFirstOrThrow()
  const component = await db.selectFrom('sbom_components').select(['id', 'bom_ref', 'name', 'version', 'purl']).where('revision_id', '=', revision.id).where('name', '=', 'log4j-core').executeTakeFirstOrThrow()
  const now = new Date()
  const finding = (id: string, score: number, kev: boolean) => ({
    id: randomUUID(), org_id: version.orgId, product_version_id: version.id, revision_id: revision.id, component_id: component.id, component_key: component.purl ?? component.name,
    component_ref: component.bom_ref, component_name: component.name, component_version: component.version, component_purl: component.purl, component_cpe: null, package_id: null,
    vulnerability_id: id, aliases: '[]', source: 'bench', source_id: id, match_kind: 'purl' as const, range: 'vers:maven/<2.15.0', source_status: 'affected',
    reason: JSON.stringify([{ source: 'bench', sourceId: id, kind: 'purl', range: '', confidence: 'high', guards: [], reason: 'bench', cvss: { score, severity: 'critical', vector: '', source: 'bench' }, kev: kev ? { dateAdded: '2021-12-10', dueDate: null } : null, epss: { score: 0.9, percentile: 0.99, date: null } }]),
    confidence: 'high' as const, status: 'present' as const, first_seen: now, last_seen: now, resolved_at: null,
  })
  await db.insertInto('findings').values([finding('CVE-2021-44228', 10, true), finding('CVE-2021-45046', 9, false)]).execute()
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
}

type Timing = { p50: number; p99: number }

async function timed(runs: number, before: () => Promise<unknown>, work: () => Promise<unknown>): Promise<Timing> {
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    await before()
    const start = performance.now()
    await work()
    times.push(performance.now() - start)
  }
  times.sort((a, b) => a - b)
  return { p50: percentile(times, 50), p99: percentile(times, 99) }
}

/** Cold: the first request after a change (`change` edits one device); warm: the same request again, nothing changed. */
async function coldAndWarm(change: () => Promise<unknown>, work: () => Promise<unknown>): Promise<{ cold: Timing; warm: Timing }> {
  const cold = await timed(RUNS, change, work)
  const warm = await timed(RUNS, async () => undefined, work)
  return { cold, warm }
}

interface Row {
  engine: string
  importS: string
  rss: string
  dashboard: string
  risk: string
  plan: string
  dashboardCold: string
  dashboardAfterControl: string
  heap: string
  riskCold: string
  planCold: string
  reimportS: string
}

async function measure(engine: string, database: OpenDatabase): Promise<Row> {
  await migrateToLatest(database.db)
  await seedDemo(database.db)
  await addFindings(database.db)
  const hospital = await systemContext(database.db, 'st-example-hospital')
  if (!hospital.ok) throw new Error(hospital.error.message)
  const ctx: OrgContext = hospital.value
  const csv = inventoryCsv(DEVICES)
  const rssBefore = process.memoryUsage().rss
  const started = performance.now()
  const report = await importDevices(ctx, { filename: 'bench.csv', bytes: csv })
  const importMs = performance.now() - started
  // The process's high-water mark (maxRSS is in kilobytes); the PGlite row has the WASM database in the same process.
  const peak = process.resourceUsage().maxRSS * 1024
  if (!report.ok) throw new Error(report.error.message)
  if (report.value.created !== DEVICES || report.value.rejected.length > 0) throw new Error(`import created ${report.value.created}, rejected ${report.value.rejected.length}`)
  const again = performance.now()
  const second = await importDevices(ctx, { filename: 'bench.csv', bytes: csv })
  const reimportMs = performance.now() - again
  if (!second.ok || second.value.unchanged !== DEVICES) throw new Error('re-import changed devices')
  process.stderr.write(`${engine}: imported ${DEVICES} in ${(importMs / 1000).toFixed(1)} s (${report.value.linksReused} links reused)\n`)

  // One device edited before each cold run (its criticality toggled): the organization's device generation changes.
  const edited = await database.db.selectFrom('devices').select('id').where('org_id', '=', ctx.org.id).where('asset_tag', '=', 'BENCH-000001').executeTakeFirstOrThrow()
  let toggle = false
  const change = async () => {
    toggle = !toggle
    const result = await updateDevice(ctx, edited.id, { criticality: toggle ? 'low' : 'medium' })
    if (!result.ok) throw new Error(result.error.message)
  }
  const dashboard = await coldAndWarm(change, () => fleetDashboard(ctx))
  // A register change (a control added to the demo's first entry) leaves the affected-devices lines cached.
  const [entry] = await fleetRiskRepository.listEntries(database.db, ctx.scope)
  if (!entry) throw new Error('the demo register is empty')
  const addControl = async () => {
    const result = await addRiskControl(ctx, entry.id, { kind: 'monitoring', description: 'bench' })
    if (!result.ok) throw new Error(result.error.message)
  }
  const afterControl = await timed(RUNS, addControl, () => fleetDashboard(ctx))
  const risk = await coldAndWarm(change, () => listDeviceRisks(ctx, { limit: 100 }))
  const plan = await coldAndWarm(change, () => lifecyclePlan(ctx))
  const fmt = (t: Timing) => `${t.p50.toFixed(0)} / ${t.p99.toFixed(0)}`
  // The JavaScript heap with this organization's cached views held (after a collection when --expose-gc is given).
  const collect = (globalThis as { gc?: () => void }).gc
  collect?.()
  const heap = `${Math.round(process.memoryUsage().heapUsed / 1e6)}`
  return {
    engine,
    importS: (importMs / 1000).toFixed(1),
    rss: `${Math.round(rssBefore / 1e6)} -> ${Math.round(peak / 1e6)}`,
    dashboard: fmt(dashboard.warm),
    risk: fmt(risk.warm),
    plan: fmt(plan.warm),
    dashboardCold: fmt(dashboard.cold),
    dashboardAfterControl: fmt(afterControl),
    heap,
    riskCold: fmt(risk.cold),
    planCold: fmt(plan.cold),
    reimportS: (reimportMs / 1000).toFixed(1),
  }
}

const rows = await measureOnEngines(measure)

console.log(`\nfleet with ${DEVICES.toLocaleString('en-US')} devices (${RUNS} cold runs, each after a device edit, then ${RUNS} warm runs per query; times in ms, p50 / p99)`)
console.table(
  rows.map((r) => ({
    engine: r.engine,
    'import (s)': r.importS,
    'RSS MB before -> peak': r.rss,
    're-import, 0 changes (s)': r.reimportS,
    'dashboard cold': r.dashboardCold,
    'dashboard warm': r.dashboard,
    'dashboard cold after a control': r.dashboardAfterControl,
    'risk list cold': r.riskCold,
    'risk list warm': r.risk,
    'plan cold': r.planCold,
    'plan warm': r.plan,
    'heap MB (views cached)': r.heap,
  })),
)
