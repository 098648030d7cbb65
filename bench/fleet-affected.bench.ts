// Affected devices at hospital-group scale: 100,000 devices (a tenth Acme CT 5000 3.1/3.2 of the demo advisory, the
// rest ICSMA-style GE/Philips/Siemens models and non-hits), the three CSAF fixtures of src/services/affected/testdata
// imported into the KB; p50/p99 of the affected-devices query for one advisory, and for everything (advisories and
// findings), on an embedded PGlite (folder) and, when MEDSEC_BENCH_DATABASE_URL is set, on PostgreSQL. Each query is
// timed cold (the first request after one device was edited: a new fleet generation, ADR 0095) and warm; the
// process's first request (every device matched) is one sample.
// Run: npx tsx bench/run.ts fleet-affected
import { join } from 'node:path'
import { listAffected } from '../src/services/affected/list-affected.js'
import { seedDemo } from '../src/services/demo/seed-demo.js'
import { updateDevice } from '../src/services/fleet/update-device.js'
import { importKb } from '../src/services/kb/import-kb.js'
import { systemContext } from '../src/services/system-admin.js'
import type { OpenDatabase } from '../src/store/database.js'
import { migrateToLatest } from '../src/store/migrate.js'
import { deviceRepository, type DeviceInput } from '../src/store/repositories/devices.js'
import { measureOnEngines } from './scratch-postgres.js'

const DEVICES = Number(process.env.MEDSEC_BENCH_DEVICES ?? 100_000)
const RUNS = Number(process.env.MEDSEC_BENCH_RUNS ?? 10)
const FIXTURES = join(import.meta.dirname, '..', 'src', 'services', 'affected', 'testdata', 'csaf')

const MODELS: readonly [string, string, string][] = [
  ['Acme Imaging', 'Acme CT 5000', '3.1'],
  ['GE Healthcare', 'Revolution CT', '3.50'],
  ['General Electric (GE)', 'REVOLUTION-CT', '3.65'],
  ['GE HealthCare', 'Vivid E95', '205.1'],
  ['Phillips', 'ISCV', '5.2'],
  ['Philips Healthcare', 'Xper-IM Connect', '4.13'],
  ['Siemens Healthcare GmbH', 'MAGNETOM Vida', 'VA10A'],
  ['Siemens Healthineers', 'syngo.via', 'VB40'],
  ['Canon Medical Systems', 'Aquilion ONE', '10.0'],
  ['Fabrikam Imaging', 'SonoLite 8', '8.1.0'],
]

function devices(n: number): DeviceInput[] {
  return Array.from({ length: n }, (_, i) => {
    const [manufacturer, model, version] = MODELS[i % MODELS.length]!
    return {
      asset_tag: `AFF-${String(i).padStart(6, '0')}`,
      serial_number: i % 20 === 0 ? `CT5-2023-${i}` : i % 10 === 7 ? `SV-1${i}` : `SN${i}`,
      manufacturer,
      model,
      software_version: version,
      modality: 'OT',
      stores_phi: false,
      status: 'in_service',
      tlp: 'AMBER+STRICT',
    } as DeviceInput
  })
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
}

async function timed(before: () => Promise<unknown>, work: () => Promise<unknown>): Promise<string> {
  const times: number[] = []
  for (let i = 0; i < RUNS; i++) {
    await before()
    const start = performance.now()
    await work()
    times.push(performance.now() - start)
  }
  times.sort((a, b) => a - b)
  return `${percentile(times, 50).toFixed(0)} / ${percentile(times, 99).toFixed(0)}`
}

async function measure(engine: string, database: OpenDatabase): Promise<Record<string, string | number>> {
  await migrateToLatest(database.db)
  await seedDemo(database.db)
  const kb = await importKb(database.db, FIXTURES)
  if (!kb.ok) throw new Error(kb.error.message)
  const hospital = await systemContext(database.db, 'st-example-hospital')
  if (!hospital.ok) throw new Error(hospital.error.message)
  const all = devices(DEVICES)
  for (let i = 0; i < all.length; i += 5000) await deviceRepository.insertMany(database.db, hospital.value.scope, all.slice(i, i + 5000))
  const ctx = hospital.value
  // One device edited before each cold run (its location toggled): the device generation changes.
  const edited = await database.db.selectFrom('devices').select('id').where('org_id', '=', ctx.org.id).where('asset_tag', '=', 'AFF-000001').executeTakeFirstOrThrow()
  let toggle = false
  const change = async () => {
    toggle = !toggle
    const result = await updateDevice(ctx, edited.id, { location: toggle ? 'Room 1' : 'Room 2' })
    if (!result.ok) throw new Error(result.error.message)
  }
  const nothing = async () => undefined
  // The process's first request (one sample): parses the statements and matches every device, nothing cached yet.
  const firstStart = performance.now()
  const one = await listAffected(ctx, { advisory: 'ACME-SA-2026-001' })
  const first = performance.now() - firstStart
  const count = await listAffected(ctx)
  const lines = count.ok ? count.value.length : -1
  return {
    engine,
    devices: DEVICES + 25,
    'lines (all)': lines,
    'lines (ACME-SA-2026-001)': one.ok ? one.value.length : -1,
    'one advisory first (ms)': first.toFixed(0),
    'one advisory cold (ms)': await timed(change, () => listAffected(ctx, { advisory: 'ACME-SA-2026-001' })),
    'one advisory warm (ms)': await timed(nothing, () => listAffected(ctx, { advisory: 'ACME-SA-2026-001' })),
    'everything cold (ms)': await timed(change, () => listAffected(ctx)),
    'everything warm (ms)': await timed(nothing, () => listAffected(ctx)),
  }
}

const rows = await measureOnEngines(measure)

console.log(`\naffected devices with ${DEVICES.toLocaleString('en-US')} devices (${RUNS} cold runs, each after a device edit, and ${RUNS} warm runs per query; p50 / p99)`)
console.table(rows)
