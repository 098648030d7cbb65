// CSAF 2.0 validation throughput and agreement: medsec's validator side by side with @secvisogram/csaf-validator-lib
// 2.0.10, mandatory tests only (schema + 6.1.x), over the same documents (the OASIS suite and examples), in one process.
// A third row times medsec's JSON schema check alone (the generated validator), the part no design can skip.
// Run: npx tsx bench/run.ts csaf   (CSAF_BENCH_ROUNDS / CSAF_BENCH_WARMUP change the round counts; CSAF_BENCH_IMPL names
// another copy of src/domain/csaf/index.ts to time instead, e.g. the code before a change, for a run back to back)
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { csaf_2_0 } from '@secvisogram/csaf-validator-lib/schemaTests.js'
import * as libMandatory from '@secvisogram/csaf-validator-lib/mandatoryTests.js'
import validate from '@secvisogram/csaf-validator-lib/validate.js'
import * as csaf from '../src/domain/csaf/index.js'
import { testdataPath } from '../test/support/testdata.js'

function jsonFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return jsonFiles(path)
    return name.endsWith('.json') && name !== 'testcases.json' && !name.includes('TEMPLATE') ? [path] : []
  })
}

const { validateCsaf, validateCsafSchema } = process.env.CSAF_BENCH_IMPL ? ((await import(process.env.CSAF_BENCH_IMPL)) as typeof csaf) : csaf
const root = testdataPath('csaf-oasis/csaf_2.0')
const files = [...jsonFiles(join(root, 'test/validator/data')), ...jsonFiles(join(root, 'examples/csaf'))]
const docs = files.map((file) => ({ file: relative(root, file), doc: JSON.parse(readFileSync(file, 'utf8')) as unknown }))
// The library's best settings for the same checks: its csaf_2_0 schema test already holds the CVSS schemas, so its
// 6.1.8 (which validates the CVSS objects against them a second time) is left out, as the library's own presets do.
const libTests = [csaf_2_0, ...Object.entries(libMandatory).filter(([name]) => name !== 'mandatoryTest_6_1_8').map(([, test]) => test)]

interface Side {
  readonly name: string
  readonly run: (doc: unknown) => Promise<boolean> | boolean
  readonly verdicts: boolean[]
}

interface Timing {
  readonly perSecond: number[]
  readonly cpuMicrosPerDoc: number[]
}

const sides: Side[] = [
  { name: 'medsec (basic: schema + 6.1.x)', run: (doc) => validateCsaf(doc, { level: 'basic' }).valid, verdicts: [] },
  { name: '@secvisogram/csaf-validator-lib 2.0.10 (csaf_2_0 + mandatory)', run: async (doc) => (await validate(libTests, doc)).isValid, verdicts: [] },
  // Not a validator on its own: medsec's JSON schema check alone (generated ajv code, first error), the floor of any
  // design that keeps this schema check; printed to show how much of the budget it takes.
  { name: 'medsec schema check alone (generated code)', run: (doc) => validateCsafSchema(doc).length === 0, verdicts: [] },
]

const warmupRounds = Number(process.env.CSAF_BENCH_WARMUP ?? 30)
const timedRounds = Number(process.env.CSAF_BENCH_ROUNDS ?? 15)

// Verdicts from the first pass; then warm-up passes until both sides run optimised code (V8 needs tens of passes
// over these small documents before its optimising compiler has seen every path; timing earlier measures the JIT).
for (const side of sides) for (const { doc } of docs) side.verdicts.push(await side.run(doc))
for (let round = 0; round < warmupRounds; round++) for (const side of sides) for (const { doc } of docs) await side.run(doc)

/**
 * Times `timedRounds` passes per side, alternating the sides round by round so that a change of machine load hits
 * both alike. With `cloneInside` each call gets a structuredClone of its document, made inside the timing.
 */
async function measure(cloneInside: boolean): Promise<Timing[]> {
  const timings = sides.map((): Timing => ({ perSecond: [], cpuMicrosPerDoc: [] }))
  for (let round = 0; round < timedRounds; round++) {
    for (const [index, side] of sides.entries()) {
      const timing = timings[index] as Timing
      const cpuStart = process.cpuUsage()
      const start = performance.now()
      for (const { doc } of docs) await side.run(cloneInside ? structuredClone(doc) : doc)
      const seconds = (performance.now() - start) / 1000
      const cpu = process.cpuUsage(cpuStart)
      timing.perSecond.push(docs.length / seconds)
      timing.cpuMicrosPerDoc.push((cpu.user + cpu.system) / docs.length)
    }
  }
  return timings
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2
}

function printTable(title: string, [ours, lib, ...others]: Timing[]): void {
  if (!ours || !lib) return
  // Ratios are taken round by round (each pair ran back to back), then the median of those ratios is reported.
  const wallRatios = ours.perSecond.map((value, i) => value / (lib.perSecond[i] as number))
  const cpuRatios = ours.cpuMicrosPerDoc.map((value, i) => (lib.cpuMicrosPerDoc[i] as number) / value)
  console.log(`\n${title}`)
  console.log('| validator | documents/s (wall) | CPU µs/document | relative (wall) | relative (CPU) |')
  console.log('|---|---:|---:|---:|---:|')
  console.log(`| ${sides[0]?.name} | ${median(ours.perSecond).toFixed(0)} | ${median(ours.cpuMicrosPerDoc).toFixed(1)} | ${median(wallRatios).toFixed(1)}x | ${median(cpuRatios).toFixed(1)}x |`)
  console.log(`| ${sides[1]?.name} | ${median(lib.perSecond).toFixed(0)} | ${median(lib.cpuMicrosPerDoc).toFixed(1)} | 1.0x | 1.0x |`)
  others.forEach((other, index) => {
    const wall = median(other.perSecond.map((value, i) => value / (lib.perSecond[i] as number)))
    const cpu = median(other.cpuMicrosPerDoc.map((value, i) => (lib.cpuMicrosPerDoc[i] as number) / value))
    console.log(`| ${sides[index + 2]?.name} | ${median(other.perSecond).toFixed(0)} | ${median(other.cpuMicrosPerDoc).toFixed(1)} | ${wall.toFixed(1)}x | ${cpu.toFixed(1)}x |`)
  })
  console.log(`per-round ratios, wall: ${wallRatios.map((r) => r.toFixed(1)).join(' ')}; CPU: ${cpuRatios.map((r) => r.toFixed(1)).join(' ')}`)
}

if (process.env.CSAF_BENCH_IMPL) console.log(`medsec code: ${process.env.CSAF_BENCH_IMPL}`)
console.log(`documents: ${docs.length} (OASIS validator suite + examples), ${warmupRounds} warm-up rounds, ${timedRounds} timed rounds per side (alternating), medians`)
// Neither validator keeps anything between calls (medsec's walk cache lives for one call, the library's tests are
// stateless), so both can be handed the same parsed documents. The second table repeats the earlier method, a
// structuredClone per call inside the timing: it adds the same cost to both sides and times the garbage collector
// moving the fresh copies, so it understates the ratio; it is kept to compare with earlier runs.
printTable('same parsed documents (main figure)', await measure(false))
printTable('structuredClone per call, inside the timing (earlier method)', await measure(true))

const [ours, lib] = sides as [Side, Side]
const disagreements = docs.flatMap(({ file }, i) => (ours.verdicts[i] === lib.verdicts[i] ? [] : [`${file}: medsec ${ours.verdicts[i] ? 'valid' : 'invalid'}, lib ${lib.verdicts[i] ? 'valid' : 'invalid'}`]))
console.log(`\nagreement: ${docs.length - disagreements.length}/${docs.length} identical verdicts`)
for (const line of disagreements) console.log(`  differs: ${line}`)
