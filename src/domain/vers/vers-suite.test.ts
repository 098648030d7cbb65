import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { testdataPath } from '../../../test/support/testdata.js'
import { formatVers, nativeToVers, parseVers, versContains } from './index.js'

interface SuiteCase {
  readonly test_type: string
  readonly input: unknown
  readonly expected_output?: unknown
  readonly expected_failure?: boolean
}

function readCases(path: string): SuiteCase[] {
  const data = JSON.parse(readFileSync(path, 'utf8')) as { tests: SuiteCase[] } | SuiteCase[]
  return Array.isArray(data) ? data : data.tests
}

/**
 * Native-range cases whose expected vers contradicts the native ecosystem's own range semantics (node-semver),
 * mapped to the vers we produce instead and why. Checked, so they cannot silently rot.
 */
export const nativeExceptions: ReadonlyMap<string, { readonly ours: string; readonly reason: string }> = new Map([
  ['npm >= 2.2.x', { ours: 'vers:npm/>=2.2.0', reason: 'node-semver: ">=2.2.x" is >=2.2.0 with no upper bound; the suite caps it at <2.3.0' }],
  ['npm >= 1.x', { ours: 'vers:npm/>=1.0.0', reason: 'node-semver: ">=1.x" is >=1.0.0 with no upper bound; the suite caps it at <2.0.0' }],
  ['npm 2.1 || 2.6', { ours: 'vers:npm/>=2.1.0|<2.2.0|>=2.6.0|<2.7.0', reason: 'node-semver: a bare "2.1" is the X-range 2.1.x, not exactly 2.1.0' }],
  ['npm >= 0.2.0 <= 0.9.6 || ~0.8.0-pre', { ours: 'vers:npm/>=0.2.0|>=0.8.0-pre|<0.9.0|<=0.9.6', reason: 'node-semver: "~0.8.0-pre" is >=0.8.0-pre <0.9.0; the suite splits it at 0.8.0 and stops at <0.8.1' }],
  ['npm <= 1.0', { ours: 'vers:npm/<1.1.0', reason: 'node-semver: "<=1.0" includes every 1.0.x, so it is <1.1.0 (the suite reads it as <=1.0.0)' }],
  ['npm <=1.0', { ours: 'vers:npm/<1.1.0', reason: 'node-semver: "<=1.0" includes every 1.0.x (the suite reads it as <=1.0.0)' }],
  ['npm <=3.3', { ours: 'vers:npm/<3.4.0', reason: 'node-semver: "<=3.3" includes every 3.3.x (the suite reads it as <=3.3.0)' }],
  ['npm <=2.1 >=1.1', { ours: 'vers:npm/>=1.1.0|<2.2.0', reason: 'node-semver: "<=2.1" includes every 2.1.x (the suite reads it as <=2.1.0)' }],
  ['composer <2.8.1||>=3.0.0a1,<3.0.0RC4', { ours: 'vers:composer/<2.8.1|>=3.0.0-a1|<3.0.0-RC4', reason: 'Composer orders alpha (a1) before RC; the suite sorts by ASCII, putting RC4 before a1' }],
  ['conan ', { ours: 'vers:conan/>=0.0.0', reason: 'the suite expects "vers:conan/", which is not a valid vers (a vers needs a constraint); an empty Conan range accepts any version, as "*" does' }],
])

function fromNativeFailures(cases: readonly SuiteCase[]): { failures: string[]; excepted: number } {
  const failures: string[] = []
  let excepted = 0
  for (const c of cases) {
    const input = c.input as { scheme: string; native_range: string }
    const r = nativeToVers(input.scheme, input.native_range)
    const got = r.ok ? formatVers(r.value) : r.error.message
    const exception = nativeExceptions.get(`${input.scheme} ${input.native_range}`)
    if (exception !== undefined) {
      if (got === exception.ours) excepted++
      else failures.push(`documented exception no longer holds: ${input.scheme} '${input.native_range}' -> ${got}`)
      continue
    }
    if (got !== c.expected_output) failures.push(`${input.scheme} '${input.native_range}': expected ${String(c.expected_output)}, got ${got}`)
  }
  return { failures, excepted }
}

function runCase(c: SuiteCase): string | null {
  switch (c.test_type) {
    case 'containment': {
      const input = c.input as { vers: string; version: string }
      const r = versContains(input.vers, input.version)
      return r.ok && r.value === c.expected_output ? null : `contains ${input.vers} ${input.version}: expected ${String(c.expected_output)}, got ${r.ok ? r.value : r.error.message}`
    }
    case 'validate':
    case 'roundtrip': {
      const text = typeof c.input === 'string' ? c.input : (c.input as { vers: string }).vers
      const r = parseVers(text)
      const got = r.ok ? formatVers(r.value) : r.error.message
      return got === c.expected_output ? null : `${c.test_type} ${text}: expected ${String(c.expected_output)}, got ${got}`
    }
    case 'parse': {
      const r = parseVers(c.input as string, 'canonical')
      if (c.expected_failure) return r.ok ? `parse ${String(c.input)}: expected a failure` : null
      if (!r.ok) return `parse ${String(c.input)}: ${r.error.message}`
      const got = { scheme: r.value.scheme, version_constraints: r.value.constraints.map((k) => [k.comparator, k.version]) }
      return JSON.stringify(got) === JSON.stringify(c.expected_output) ? null : `parse ${String(c.input)}: got ${JSON.stringify(got)}`
    }
    default:
      return `unknown test type ${c.test_type}`
  }
}

function rangeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? rangeFiles(join(dir, e.name)) : e.name.endsWith('.json') ? [join(dir, e.name)] : [],
  )
}

function check(label: string, files: readonly string[], expectedCount: number): void {
  it(`${label}: all ${expectedCount} range cases`, () => {
    const cases = files.flatMap(readCases).filter((c) => c.test_type !== 'comparison' && c.test_type !== 'equality')
    expect(cases.length).toBe(expectedCount)
    const native = fromNativeFailures(cases.filter((c) => c.test_type === 'from_native'))
    const others = cases.filter((c) => c.test_type !== 'from_native').map(runCase).filter((f): f is string => f !== null)
    const failures = [...native.failures, ...others]
    expect(failures, `${failures.length} of ${cases.length} failed (${native.excepted} documented exceptions):\n${failures.join('\n')}`).toEqual([])
  })
}

describe('vers suites', () => {
  const versDir = testdataPath('vers-spec', 'tests')
  check('vers-spec', readdirSync(versDir).map((f) => join(versDir, f)), 779)
  check('univers schema/range', rangeFiles(testdataPath('univers', 'tests', 'data', 'schema', 'range')), 6098)
})
