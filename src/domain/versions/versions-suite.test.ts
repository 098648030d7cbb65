import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { testdataPath } from '../../../test/support/testdata.js'
import { compareVersions, schemeFor } from './index.js'

interface VersCase {
  readonly test_type: string
  readonly input: { readonly input_scheme: string; readonly versions: readonly string[] }
  readonly expected_output: unknown
}

function readCases(path: string): VersCase[] {
  const data = JSON.parse(readFileSync(path, 'utf8')) as { tests: VersCase[] } | VersCase[]
  return Array.isArray(data) ? data : data.tests
}

/** Checks one comparison/equality case; returns a failure message or null. */
function check(c: VersCase): string | null {
  const { input_scheme: scheme, versions } = c.input
  const s = schemeFor(scheme)
  const parsed = versions.map((v) => s.parse(v))
  if (parsed.some((p) => p === null)) return `${scheme} ${JSON.stringify(versions)}: a version did not parse`
  if (c.test_type === 'equality') {
    const r = compareVersions(scheme, versions[0] as string, versions[1] as string)
    const equal = r.ok && r.value === 0
    return equal === c.expected_output ? null : `${scheme} ${JSON.stringify(versions)} equal: expected ${String(c.expected_output)}, got ${String(equal)}`
  }
  const sorted = versions.map((v, i) => ({ v, k: parsed[i] })).sort((x, y) => s.compareParsed(x.k, y.k)).map((x) => x.v)
  const expected = c.expected_output as string[]
  // The expected list may print versions normalised (e.g. NuGet lowercases prereleases): compare position by position in the scheme.
  const same = sorted.length === expected.length && sorted.every((v, i) => {
    const r = compareVersions(scheme, v, expected[i] as string)
    return r.ok && r.value === 0
  })
  return same ? null : `${scheme} ${JSON.stringify(versions)}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(sorted)}`
}

function suite(label: string, files: readonly string[], expectedCount: number): void {
  it(`${label}: all ${expectedCount} cases`, () => {
    const cases = files.flatMap(readCases).filter((c) => c.test_type === 'comparison' || c.test_type === 'equality')
    expect(cases.length).toBe(expectedCount)
    const failures = cases.map(check).filter((f): f is string => f !== null)
    expect(failures, `${failures.length} of ${cases.length} failed:\n${failures.join('\n')}`).toEqual([])
  })
}

describe('version ordering suites', () => {
  const versDir = testdataPath('vers-spec', 'tests')
  const versFiles = readdirSync(versDir).filter((f) => f.endsWith('_cmp_test.json') || f === 'lexicographic-test.json').map((f) => join(versDir, f))
  suite('vers-spec', versFiles, 1922)
  const univDir = testdataPath('univers', 'tests', 'data', 'schema')
  const univFiles = readdirSync(univDir).filter((f) => f.endsWith('.json')).map((f) => join(univDir, f))
  suite('univers schema', univFiles, 1923)

  it('univers extracted rpm_version_compare.csv (103 rows)', () => {
    const rows = readFileSync(testdataPath('univers', 'extracted', 'rpm_version_compare.csv'), 'utf8').trim().split('\n').slice(1)
    expect(rows.length).toBe(103)
    const failures: string[] = []
    for (const row of rows) {
      const [a, b, expected, buggy] = row.split(',')
      const r = compareVersions('rpm', a as string, b as string)
      // Rows commented out upstream ('dnl', known rpm bugs) are checked as documented by upstream, not skipped.
      if (!r.ok || r.value !== Number(expected)) failures.push(`${a} vs ${b}: expected ${expected}${buggy === 'True' ? ' (upstream-marked buggy)' : ''}, got ${r.ok ? r.value : r.error.code}`)
    }
    expect(failures, failures.join('\n')).toEqual([])
  })

  it('univers extracted debian_version_compare.csv (31 rows)', () => {
    const rows = readFileSync(testdataPath('univers', 'extracted', 'debian_version_compare.csv'), 'utf8').trim().split('\n').slice(1)
    expect(rows.length).toBe(31)
    const failures: string[] = []
    for (const row of rows) {
      const [a, b, expected] = row.split(',')
      const r = compareVersions('Debian', a as string, b as string)
      if (!r.ok || r.value !== Number(expected)) failures.push(`${a} vs ${b}: expected ${expected}, got ${r.ok ? r.value : r.error.code}`)
    }
    expect(failures, failures.join('\n')).toEqual([])
  })

  it('osv-dev packagist_test_cases.txt', () => {
    const lines = readFileSync(testdataPath('osv-dev', 'osv', 'ecosystems', 'testdata', 'packagist_test_cases.txt'), 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '' && !l.startsWith('//'))
    expect(lines.length).toBeGreaterThan(80)
    const failures: string[] = []
    for (const line of lines) {
      const [a, op, b] = line.trim().split(/\s+/)
      const expected = op === '<' ? -1 : op === '>' ? 1 : 0
      const r = compareVersions('Packagist', a as string, b as string)
      if (!r.ok || r.value !== expected) failures.push(`${line}: got ${r.ok ? r.value : r.error.code}`)
    }
    expect(failures, failures.join('\n')).toEqual([])
  })
})
