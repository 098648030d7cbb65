import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { testdataPath } from '../../../test/support/testdata.js'
import { compileVers, formatVers, nvdCpeMatchToVers, osvRangeToVers } from './index.js'
import type { NvdCpeMatch, OsvRange } from './index.js'

function jsonFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? jsonFiles(join(dir, e.name)) : e.name.endsWith('.json') ? [join(dir, e.name)] : [],
  )
}

function collect(value: unknown, key: string, out: unknown[] = []): unknown[] {
  if (Array.isArray(value)) for (const v of value) collect(v, key, out)
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === key) out.push(v)
      collect(v, key, out)
    }
  }
  return out
}

describe('OSV ranges to vers', () => {
  it('converts introduced/fixed/last_affected/limit in version order', () => {
    const r = osvRangeToVers('PyPI', { type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '1.2.0' }, { introduced: '2.0a1' }, { last_affected: '2.3' }] })
    expect(r.ok && formatVers(r.value)).toBe('vers:pypi/<1.2.0|>=2.0a1|<=2.3')
    const limited = osvRangeToVers('npm', { type: 'SEMVER', events: [{ introduced: '1.0.0' }, { limit: '2.0.0' }] })
    expect(limited.ok && formatVers(limited.value)).toBe('vers:npm/>=1.0.0|<2.0.0')
    const open = osvRangeToVers('Debian:12', { type: 'ECOSYSTEM', events: [{ introduced: '0' }] })
    expect(open.ok && formatVers(open.value)).toBe('vers:deb/*')
    const go = osvRangeToVers('Go', { type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.2.3' }] })
    expect(go.ok && formatVers(go.value)).toBe('vers:golang/<1.2.3')
    const compiled = go.ok ? compileVers(go.value) : null
    expect(compiled?.ok && compiled.value.contains('v1.2.3-0.20200101000000-abcdefabcdef')).toEqual({ ok: true, value: true })
  })

  it('reports GIT ranges as not version-comparable', () => {
    const r = osvRangeToVers('OSS-Fuzz', { type: 'GIT', repo: 'https://example.org/r.git', events: [{ introduced: 'abc' }, { fixed: 'def' }] })
    expect(r.ok).toBe(false)
    expect(!r.ok && r.error.code).toBe('osv_range_not_version_comparable')
  })

  it('converts every range of the OSV fixtures (osv-dev website and Dependency-Track)', () => {
    const files = [
      ...jsonFiles(testdataPath('osv-dev', 'gcp', 'website', 'testdata', 'osv')),
      ...jsonFiles(testdataPath('dependency-track-fixtures')).filter((f) => f.includes('/osv/')),
    ]
    const failures: string[] = []
    let converted = 0
    let git = 0
    for (const file of files) {
      let data: unknown
      try {
        data = JSON.parse(readFileSync(file, 'utf8'))
      } catch {
        continue
      }
      for (const affected of collect(data, 'affected').flat() as Array<{ package?: { ecosystem?: string }; ranges?: OsvRange[] }>) {
        for (const range of affected?.ranges ?? []) {
          const r = osvRangeToVers(affected.package?.ecosystem ?? 'generic', range)
          if (r.ok) converted++
          else if (r.error.code === 'osv_range_not_version_comparable') git++
          else failures.push(`${file}: ${JSON.stringify(range)} -> ${r.error.message}`)
        }
      }
    }
    expect(failures, failures.join('\n')).toEqual([])
    expect(converted).toBeGreaterThanOrEqual(16)
    expect(git).toBeGreaterThanOrEqual(1)
  })
})

describe('NVD cpeMatch to vers', () => {
  it('maps the four bounds', () => {
    const match: NvdCpeMatch = {
      criteria: 'cpe:2.3:a:apache:http_server:*:*:*:*:*:*:*:*',
      versionStartIncluding: '2.4.0',
      versionEndExcluding: '2.4.58',
    }
    const r = nvdCpeMatchToVers(match)
    expect(r.ok && formatVers(r.value)).toBe('vers:generic/>=2.4.0|<2.4.58')
    const excl = nvdCpeMatchToVers({ criteria: match.criteria, versionStartExcluding: '1.0', versionEndIncluding: '1.5' })
    expect(excl.ok && formatVers(excl.value)).toBe('vers:generic/>1.0|<=1.5')
    const exact = nvdCpeMatchToVers({ criteria: 'cpe:2.3:a:apache:http_server:2.4.1:*:*:*:*:*:*:*' })
    expect(exact.ok && formatVers(exact.value)).toBe('vers:generic/2.4.1')
  })

  it('converts every cpeMatch of the 23 NVD API 2.0 fixtures', () => {
    const dir = testdataPath('osv-dev', 'vulnfeeds', 'test_data', 'nvdcve-2.0')
    const matches = readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .flatMap((f) => (collect(JSON.parse(readFileSync(join(dir, f), 'utf8')), 'cpeMatch').flat() as NvdCpeMatch[]))
    expect(matches.length).toBe(66)
    const failures = matches.map((m) => ({ m, r: nvdCpeMatchToVers(m) })).filter((x) => !x.r.ok).map((x) => JSON.stringify(x.m))
    expect(failures, failures.join('\n')).toEqual([])
  })
})
