// CVSS scoring throughput and agreement: medsec's scorer side by side with ae-cvss-calculator and
// @pandatix/js-cvss over the same suite vectors (3.1 and 4.0), in one process. Run: npx tsx bench/run.ts scoring
import { readFileSync } from 'node:fs'
import ae from 'ae-cvss-calculator'
import { CVSS31, CVSS40 } from '@pandatix/js-cvss'
import { scoreCvssAllGroups, scoreCvssVector } from '../src/domain/cvss/index.js'
import { testdataPath } from '../test/support/testdata.js'

// ae-cvss-calculator is a webpack CommonJS bundle: its classes are reachable only through the default export.
const { Cvss3P1, Cvss4P0 } = ae

interface Contender {
  readonly name: string
  /** Parses the vector and computes all its scores; returns the most specific score. */
  readonly score: (vector: string) => number
}

const rows = readFileSync(testdataPath('cvss', 'cvss_vectors_expected_scores.csv'), 'utf8').split(/\r?\n/).slice(1).filter((l) => l !== '')
const vectorsOf = (version: string): string[] => rows.map((l) => l.split(',')).filter((c) => c[0] === version).map((c) => c[1]!)

const ours: Contender = {
  name: 'medsec',
  score: (v) => {
    const result = scoreCvssVector(v)
    if (!result.ok) throw new Error(result.error.message)
    return result.value.score
  },
}
const ae31: Contender = { name: 'ae-cvss-calculator 1.0.13', score: (v) => new Cvss3P1(v).calculateScores().overall ?? Number.NaN }
const ae40: Contender = { name: 'ae-cvss-calculator 1.0.13', score: (v) => new Cvss4P0(v).calculateScores().overall ?? Number.NaN }
const panda31: Contender = {
  name: '@pandatix/js-cvss 0.4.4',
  score: (v) => {
    const cvss = new CVSS31(v)
    const base = cvss.BaseScore()
    const temporal = cvss.TemporalScore()
    const environmental = cvss.EnvironmentalScore()
    return /\/(CR|IR|AR|M[A-Z]+):[^X]/.test(v) ? environmental : /\/(E|RL|RC):[^X]/.test(v) ? temporal : base
  },
}
const panda40: Contender = { name: '@pandatix/js-cvss 0.4.4', score: (v) => new CVSS40(v).Score() }

/** Scores per second over repeated passes of the vectors for about `ms` milliseconds (after a warm-up pass). */
function throughput(contender: Contender, vectors: readonly string[], ms: number): number {
  let sink = 0
  for (const v of vectors) sink += contender.score(v)
  let count = 0
  const start = performance.now()
  let elapsed = 0
  while (elapsed < ms) {
    for (const v of vectors) sink += contender.score(v)
    count += vectors.length
    elapsed = performance.now() - start
  }
  if (Number.isNaN(sink)) console.error(`${contender.name}: a score was NaN`)
  return (count / elapsed) * 1000
}

/** Vectors on which a contender's most specific score differs from ours (or it throws). */
function disagreements(contender: Contender, vectors: readonly string[]): string[] {
  const found: string[] = []
  for (const v of vectors) {
    const mine = ours.score(v)
    let theirs: number | string
    try {
      theirs = contender.score(v)
    } catch (err) {
      theirs = `threw ${err instanceof Error ? err.message : String(err)}`
    }
    if (theirs !== mine) found.push(`${v}: medsec ${mine}, ${contender.name} ${theirs}`)
  }
  return found
}

const invalid = [
  'CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
  'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H',
  'CVSS:3.1/AV:N/AV:L/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
  'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/ZZ:1',
  'CVSS:3.2/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
  'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N',
  'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:Q',
]
function rejects(make: (v: string) => number, vector: string): boolean {
  try {
    return Number.isNaN(make(vector))
  } catch {
    return true
  }
}

const ms = Number(process.env.BENCH_MS ?? 1500)
const table: Record<string, string | number>[] = []
for (const [version, contenders] of [['3.1', [ours, ae31, panda31]], ['4.0', [ours, ae40, panda40]]] as const) {
  const vectors = vectorsOf(version)
  for (const contender of contenders) {
    const rate = throughput(contender, vectors, ms)
    const disagree = contender === ours ? 0 : disagreements(contender, vectors).length
    table.push({ version, library: contender.name, vectors: vectors.length, 'scores/s': Math.round(rate), agreement: `${(((vectors.length - disagree) / vectors.length) * 100).toFixed(2)}%` })
  }
}
const fastestOther = (version: string): number => Math.max(...table.filter((r) => r.version === version && r.library !== 'medsec').map((r) => Number(r['scores/s'])))
for (const row of table) row['vs fastest other'] = row.library === 'medsec' ? `${(Number(row['scores/s']) / fastestOther(String(row.version))).toFixed(1)}x` : ''
console.table(table)

for (const [name, contender] of [['ae 3.1', ae31], ['ae 4.0', ae40], ['pandatix 3.1', panda31], ['pandatix 4.0', panda40]] as const) {
  const found = disagreements(contender, vectorsOf(name.endsWith('3.1') ? '3.1' : '4.0'))
  if (found.length > 0) console.log(`${name}: ${found.length} disagreement(s), first: ${found.slice(0, 3).join(' | ')}`)
}
const rejected = (make: (v: string) => number) => invalid.filter((v) => rejects(make, v)).length
const mineRejects = invalid.filter((v) => !scoreCvssAllGroups(v).ok).length
console.log(`malformed vectors rejected (of ${invalid.length}): medsec ${mineRejects}, ae-cvss-calculator ${rejected((v) => (v.startsWith('CVSS:4') ? ae40 : ae31).score(v))}, @pandatix/js-cvss ${rejected((v) => (v.startsWith('CVSS:4') ? panda40 : panda31).score(v))}`)
