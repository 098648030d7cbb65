// CSAF 2.0 validation throughput and agreement: medsec's validator side by side with @secvisogram/csaf-validator-lib
// 2.0.10, mandatory tests only (schema + 6.1.x), over the same documents (the OASIS suite and examples), in one process.
// Run: npx tsx bench/run.ts csaf
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { csaf_2_0 } from '@secvisogram/csaf-validator-lib/schemaTests.js'
import * as libMandatory from '@secvisogram/csaf-validator-lib/mandatoryTests.js'
import validate from '@secvisogram/csaf-validator-lib/validate.js'
import { validateCsaf } from '../src/domain/csaf/index.js'
import { testdataPath } from '../test/support/testdata.js'

function jsonFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return jsonFiles(path)
    return name.endsWith('.json') && name !== 'testcases.json' && !name.includes('TEMPLATE') ? [path] : []
  })
}

const root = testdataPath('csaf-oasis/csaf_2.0')
const files = [...jsonFiles(join(root, 'test/validator/data')), ...jsonFiles(join(root, 'examples/csaf'))]
const docs = files.map((file) => ({ file: relative(root, file), doc: JSON.parse(readFileSync(file, 'utf8')) as unknown }))
const libTests = [csaf_2_0, ...Object.values(libMandatory)] as Parameters<typeof validate>[0]

async function timeIt(name: string, run: (doc: unknown) => Promise<boolean> | boolean): Promise<{ name: string; perSecond: number; verdicts: boolean[] }> {
  const verdicts: boolean[] = []
  for (const { doc } of docs) verdicts.push(await run(doc)) // warm-up and verdicts (includes schema compilation)
  const rounds = 5
  const start = performance.now()
  for (let r = 0; r < rounds; r++) for (const { doc } of docs) await run(structuredClone(doc))
  const seconds = (performance.now() - start) / 1000
  return { name, perSecond: (rounds * docs.length) / seconds, verdicts }
}

// structuredClone is applied to both sides in the timed rounds so that neither profits from cached objects.
const ours = await timeIt('medsec (basic: schema + 6.1.x)', (doc) => validateCsaf(doc, { level: 'basic' }).valid)
const lib = await timeIt('@secvisogram/csaf-validator-lib 2.0.10 (csaf_2_0 + mandatory)', async (doc) => (await validate(libTests, doc)).isValid)

const disagreements = docs.flatMap(({ file }, i) => (ours.verdicts[i] === lib.verdicts[i] ? [] : [`${file}: medsec ${ours.verdicts[i] ? 'valid' : 'invalid'}, lib ${lib.verdicts[i] ? 'valid' : 'invalid'}`]))
console.log(`documents: ${docs.length} (OASIS validator suite + examples), 5 timed rounds each`)
console.log('| validator | documents/s | relative |')
console.log('|---|---:|---:|')
for (const row of [ours, lib]) console.log(`| ${row.name} | ${row.perSecond.toFixed(0)} | ${(row.perSecond / lib.perSecond).toFixed(1)}x |`)
console.log(`agreement: ${docs.length - disagreements.length}/${docs.length} identical verdicts`)
for (const line of disagreements) console.log(`  differs: ${line}`)
