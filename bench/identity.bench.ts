// Package identity benchmark: version comparisons/s and vers contains/s per ecosystem (npm side by side with the
// `semver` package), and CPE compares/s. Prints a table (recorded in docs/PERFORMANCE.md).
// Run: npx tsx bench/run.ts identity
import { cpus } from 'node:os'
import semver from 'semver'
import { compareCpe, compareCpeStrings, parseCpe } from '../src/domain/cpe/index.js'
import { compileVers, parseVers } from '../src/domain/vers/index.js'
import { compareVersions } from '../src/domain/versions/index.js'

interface Row {
  readonly what: string
  readonly ours: number
  readonly semverPkg?: number
}

/** Runs fn over the inputs repeatedly for about `ms` milliseconds (after a warm-up) and returns operations per second. */
function opsPerSecond(inputs: readonly unknown[], fn: (input: never) => unknown, ms = 700): number {
  let sink = 0
  const run = (rounds: number) => {
    for (let r = 0; r < rounds; r++) for (const input of inputs) if (fn(input as never)) sink++
  }
  run(50)
  let rounds = 0
  const start = performance.now()
  while (performance.now() - start < ms) {
    run(20)
    rounds += 20
  }
  const elapsed = (performance.now() - start) / 1000
  if (sink < 0) console.log(sink)
  return (rounds * inputs.length) / elapsed
}

const comparisons: Record<string, ReadonlyArray<readonly [string, string]>> = {
  npm: [['1.2.3', '1.2.4'], ['2.0.0-beta.1', '2.0.0'], ['10.20.30', '10.20.30'], ['0.0.1-alpha', '0.0.1-alpha.1']],
  PyPI: [['1.0a1', '1.0'], ['2.0.post1', '2.0'], ['1!1.0', '2.0'], ['1.10.0rc1', '1.9.9']],
  Maven: [['1.0-alpha-1', '1.0'], ['1.0.0.RELEASE', '1.0.1'], ['2.0-SNAPSHOT', '2.0'], ['1.10', '1.9']],
  Go: [['v1.2.3', 'v1.2.4'], ['v0.0.0-20200101000000-abcdef123456', 'v0.1.0'], ['v2.0.0+incompatible', 'v2.0.1']],
  Debian: [['1:1.2.3-1', '1.2.4-1'], ['1.0~rc1-1', '1.0-1'], ['2.30-1ubuntu1', '2.30-1ubuntu2']],
  'Red Hat': [['1.0-1.el8', '1.0-2.el8'], ['1.0~rc1-1', '1.0-1'], ['2:4.1.2-3.el9', '4.1.3-1.el9']],
  Alpine: [['1.2.3-r0', '1.2.3-r1'], ['1.0_rc1', '1.0'], ['2.34', '2.34.1']],
  RubyGems: [['1.0.0.pre', '1.0.0'], ['2.7.1', '2.10.0'], ['3.0.0.beta2', '3.0.0.rc1']],
  NuGet: [['1.0.0-beta', '1.0.0'], ['1.0.0.1', '1.0.0'], ['2.0.0-RC.1', '2.0.0-rc.2']],
  Packagist: [['1.0-dev', '1.0a1'], ['v2.3.4', '2.3.5'], ['1.0RC1', '1.0']],
}

const ranges: Record<string, { readonly vers: string; readonly versions: readonly string[]; readonly native?: string }> = {
  npm: { vers: 'vers:npm/>=1.2.0|<1.5.3|>=2.0.0|<2.4.1|>=3.0.0-beta.1|<3.1.0', native: '>=1.2.0 <1.5.3 || >=2.0.0 <2.4.1 || >=3.0.0-beta.1 <3.1.0', versions: ['1.3.0', '2.4.1', '0.9.0', '3.0.5', '2.0.0', '4.1.0'] },
  PyPI: { vers: 'vers:pypi/>=1.2|<1.5.3|>=2.0|<2.4.1|>=3.0b1|<3.1', versions: ['1.3', '2.4.1', '0.9', '3.0', '2.0.post1', '4.1'] },
  Maven: { vers: 'vers:maven/>=1.2|<1.5.3|>=2.0|<2.4.1', versions: ['1.3', '2.4.1', '0.9', '2.0-SNAPSHOT', '4.1'] },
  Go: { vers: 'vers:golang/>=1.2.0|<1.5.3|>=2.0.0|<2.4.1', versions: ['v1.3.0', 'v2.4.1', 'v0.9.0', 'v2.0.0+incompatible'] },
  Debian: { vers: 'vers:deb/>=1.2-1|<1.5.3-2|>=2.0-1|<2.4.1-1', versions: ['1.3-1', '2.4.1-1', '0.9-1', '1:2.0-1'] },
  'Red Hat': { vers: 'vers:rpm/>=1.2-1.el8|<1.5.3-2.el8', versions: ['1.3-1.el8', '2.4.1-1.el8', '1.5.3-1.el8'] },
  Alpine: { vers: 'vers:apk/>=1.2-r0|<1.5.3-r2', versions: ['1.3-r0', '2.4.1-r1', '1.5.3-r1'] },
}

const rows: Row[] = []
for (const [ecosystem, pairs] of Object.entries(comparisons)) {
  const ours = opsPerSecond(pairs, ([a, b]: readonly [string, string]) => compareVersions(ecosystem, a, b).ok)
  const semverPkg = ecosystem === 'npm' ? opsPerSecond(pairs, ([a, b]: readonly [string, string]) => semver.compare(a, b) >= -1) : undefined
  rows.push({ what: `version compare ${ecosystem}`, ours, semverPkg })
}
for (const [ecosystem, spec] of Object.entries(ranges)) {
  const parsed = parseVers(spec.vers)
  if (!parsed.ok) throw new Error(parsed.error.message)
  const compiled = compileVers(parsed.value)
  if (!compiled.ok) throw new Error(compiled.error.message)
  const range = compiled.value
  const ours = opsPerSecond(spec.versions, (v: string) => range.contains(v).ok)
  let semverPkg: number | undefined
  if (spec.native !== undefined) {
    const nativeRange = new semver.Range(spec.native)
    semverPkg = opsPerSecond(spec.versions, (v: string) => nativeRange.test(v))
  }
  rows.push({ what: `vers contains ${ecosystem} (pre-parsed range)`, ours, semverPkg })
}
const cpePairs: ReadonlyArray<readonly [string, string]> = [
  ['cpe:2.3:a:apache:http_server:*:*:*:*:*:*:*:*', 'cpe:2.3:a:apache:http_server:2.4.1:*:*:*:*:*:*:*'],
  ['cpe:2.3:o:linux:linux_kernel:5.*:*:*:*:*:*:*:*', 'cpe:2.3:o:linux:linux_kernel:5.10.1:*:*:*:*:*:*:*'],
  ['cpe:/a:microsoft:internet_explorer:8.0.6001:beta', 'cpe:2.3:a:microsoft:internet_explorer:8.0.6001:beta:*:*:*:*:*:*'],
]
rows.push({ what: 'CPE compare (parse both + compare)', ours: opsPerSecond(cpePairs, ([a, b]: readonly [string, string]) => compareCpeStrings(a, b).ok) })
const parsedCpes = cpePairs.map(([a, b]) => {
  const x = parseCpe(a)
  const y = parseCpe(b)
  if (!x.ok || !y.ok) throw new Error('bad CPE')
  return [x.value, y.value] as const
})
rows.push({ what: 'CPE compare (pre-parsed names)', ours: opsPerSecond(parsedCpes, ([a, b]: readonly [Parameters<typeof compareCpe>[0], Parameters<typeof compareCpe>[1]]) => compareCpe(a, b).result) })

const fmt = (n: number | undefined) => (n === undefined ? '' : Math.round(n).toLocaleString('en-US'))
const table = [
  '| operation | medsec ops/s | `semver` 7.8.6 ops/s |',
  '| --- | ---: | ---: |',
  ...rows.map((r) => `| ${r.what} | ${fmt(r.ours)} | ${fmt(r.semverPkg)} |`),
].join('\n')
console.log(table)

console.log(`\n${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}; figures go to docs/PERFORMANCE.md by hand`)
