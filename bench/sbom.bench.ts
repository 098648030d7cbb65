// SBOM ingest speed and memory: medsec parse + normalise (and + schema validation) beside plain JSON.parse of the same
// bytes, and beside @cyclonedx/cyclonedx-library's XML validator on the same XML. Peak memory is measured in a fresh
// child process per case (maxRSS), so one case's garbage does not count against the next.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseSbom } from '../src/domain/sbom/index.js'
import { loadSbom } from '../src/services/sbom-files/read-sbom-file.js'
import { testdataPath } from '../test/support/testdata.js'

type Method = 'json-parse' | 'medsec-parse' | 'medsec-load' | 'cdx-library-xml-validate'

const methods: Record<Method, (bytes: Uint8Array) => Promise<unknown> | unknown> = {
  'json-parse': (bytes) => JSON.parse(new TextDecoder().decode(bytes)),
  'medsec-parse': (bytes) => {
    const result = parseSbom(bytes)
    if (!result.ok) throw new Error(result.error.message)
    return result.value
  },
  'medsec-load': (bytes) => {
    const result = loadSbom(bytes)
    if (!result.ok) throw new Error(result.error.message)
    return result.value
  },
  'cdx-library-xml-validate': async (bytes) => {
    const { Validation, Spec } = await import('@cyclonedx/cyclonedx-library')
    const errors = await new Validation.XmlValidator(Spec.Version.v1dot2).validate(new TextDecoder().decode(bytes))
    if (errors !== null) throw new Error('library validation failed')
    return errors
  },
}

/** A CycloneDX 1.6 SBOM with n library components, each with supplier, purl, hash, license, FDA properties and one dependency. */
function generatedSbom(n: number): string {
  const components = Array.from({ length: n }, (_, i) => ({
    type: 'library',
    'bom-ref': `pkg:npm/generated-${i}@1.${i % 100}.0`,
    supplier: { name: `Supplier ${i % 500}` },
    name: `generated-${i}`,
    version: `1.${i % 100}.0`,
    purl: `pkg:npm/generated-${i}@1.${i % 100}.0`,
    hashes: [{ alg: 'SHA-256', content: (i.toString(16).padStart(8, '0')).repeat(8) }],
    licenses: [{ license: { id: 'MIT' } }],
    properties: [
      { name: 'fda:lifecycle:support_level', value: i % 3 === 0 ? 'actively maintained' : 'unknown' },
      { name: 'cdx:lifecycle:milestone:endOfSupport', value: '2030-01-01' },
    ],
  }))
  const dependencies = components.map((c, i) => ({ ref: c['bom-ref'], dependsOn: i + 1 < n ? [components[i + 1]?.['bom-ref'] ?? ''] : [] }))
  return JSON.stringify({
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    serialNumber: 'urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79',
    version: 1,
    metadata: { timestamp: '2025-01-01T00:00:00Z', authors: [{ name: 'bench' }] },
    components,
    dependencies,
  })
}

interface Timing {
  readonly wallMs: number[]
  readonly cpuMs: number[]
}

/**
 * Times every method of a case once per run, the methods one after the other within each run, so that a change of
 * machine load hits all of them alike; ratios are then taken run by run. Three warm-up runs first (schema
 * compilation, JIT).
 */
async function timeCase(methodList: readonly Method[], bytes: Uint8Array, runs: number): Promise<Map<Method, Timing>> {
  const timings = new Map(methodList.map((method): [Method, Timing] => [method, { wallMs: [], cpuMs: [] }]))
  for (let run = -3; run < runs; run++) {
    for (const method of methodList) {
      const cpuStart = process.cpuUsage()
      const started = performance.now()
      await methods[method](bytes)
      const wall = performance.now() - started
      const cpu = process.cpuUsage(cpuStart)
      if (run < 0) continue
      timings.get(method)?.wallMs.push(wall)
      timings.get(method)?.cpuMs.push((cpu.user + cpu.system) / 1000)
    }
  }
  return timings
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? 0
}

if (process.argv[2] === '--child') {
  const method = process.argv[3] as Method
  const bytes = readFileSync(process.argv[4] ?? '')
  await methods[method](bytes)
  process.stdout.write(JSON.stringify({ maxRssMiB: process.resourceUsage().maxRSS / 1024 }))
  process.exit(0)
}

const dir = mkdtempSync(join(tmpdir(), 'medsec-sbom-bench-'))
const generatedPath = join(dir, 'generated-50000.json')
writeFileSync(generatedPath, generatedSbom(50_000))
const cases: { label: string; path: string; methods: Method[] }[] = [
  { label: 'largest example (OBOM Example-1-Standalone, JSON)', path: testdataPath('cyclonedx-bom-examples', 'OBOM', 'Example-1-Standalone', 'bom.json'), methods: ['json-parse', 'medsec-parse', 'medsec-load'] },
  { label: 'largest XML example (keycloak bom.xml, 1.2)', path: testdataPath('cyclonedx-bom-examples', 'SBOM', 'keycloak-10.0.2', 'bom.xml'), methods: ['medsec-parse', 'medsec-load', 'cdx-library-xml-validate'] },
  { label: 'generated 50,000 components (JSON 1.6)', path: generatedPath, methods: ['json-parse', 'medsec-parse', 'medsec-load'] },
]

const self = fileURLToPath(import.meta.url)
console.log('Medians over the runs; "x JSON.parse" is the median of the per-run ratios (wall clock, and CPU time of the process).')
console.log('| input | MB | method | median ms (wall) | median ms (CPU) | x JSON.parse (wall) | x JSON.parse (CPU) | peak RSS MiB |')
console.log('|---|---|---|---|---|---|---|---|')
for (const entry of cases) {
  const bytes = readFileSync(entry.path)
  const runs = bytes.length > 10_000_000 ? 9 : 21
  const timings = await timeCase(entry.methods, bytes, runs)
  const baseline = timings.get('json-parse')
  for (const method of entry.methods) {
    const timing = timings.get(method)
    if (timing === undefined) continue
    const child = spawnSync(process.execPath, ['--import', 'tsx', self, '--child', method, entry.path], { encoding: 'utf8' })
    const peak = child.status === 0 ? (JSON.parse(child.stdout) as { maxRssMiB: number }).maxRssMiB.toFixed(0) : 'n/a'
    const ratio = (pick: (t: Timing) => number[]) =>
      baseline === undefined ? '-' : median(pick(timing).map((value, i) => value / (pick(baseline)[i] ?? Number.NaN))).toFixed(2)
    const row = [entry.label, (bytes.length / 1e6).toFixed(1), method, median(timing.wallMs).toFixed(1), median(timing.cpuMs).toFixed(1), ratio((t) => t.wallMs), ratio((t) => t.cpuMs), peak]
    console.log(`| ${row.join(' | ')} |`)
  }
}
rmSync(dir, { recursive: true, force: true })
