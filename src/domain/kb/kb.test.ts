import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { testdataPath } from '../../../test/support/testdata.js'
import { canonicalId, epssScoreDate, mergeAliasGroups, parseEpssLine, recordsOfJson, statementPackageKeys } from './index.js'
import type { CpeConfigurationAffected, KbRecord, KbSourceKind, KbStatement, PackageAffected, ProductAffected } from './index.js'

function jsonFiles(dir: string, filter = (name: string) => name.endsWith('.json')): string[] {
  const out: string[] = []
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) out.push(...jsonFiles(path, filter))
    else if (filter(name)) out.push(path)
  }
  return out
}

function read(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'))
}

/** Reads every file of a suite, expecting the kind; returns the records and lists every failure. */
function readSuite(files: readonly string[], kind: KbSourceKind): { records: KbRecord[]; failures: string[] } {
  const records: KbRecord[] = []
  const failures: string[] = []
  for (const file of files) {
    const result = recordsOfJson(read(file), file)
    if (!result.ok) failures.push(`${file}: ${result.error.code} ${result.error.message}`)
    else if (result.value.kind !== kind) failures.push(`${file}: detected ${result.value.kind}, expected ${kind}`)
    else records.push(...result.value.records)
  }
  return { records, failures }
}

function statement(records: readonly KbRecord[], sourceId: string): KbStatement {
  const found = records.find((r): r is KbStatement => r.kind === 'statement' && r.sourceId === sourceId)
  if (!found) throw new Error(`no statement ${sourceId}`)
  return found
}

const osvFiles = [
  ...jsonFiles(testdataPath('osv-dev/gcp/website/testdata/osv')),
  ...jsonFiles(testdataPath('osv-dev/gcp/workers/oss_fuzz_worker/testdata')),
  ...jsonFiles(testdataPath('dependency-track-fixtures/vuln-data-source/osv/src/test/resources')),
  ...jsonFiles(testdataPath('osv-schema/tools/osv-linter/testdata')),
  ...jsonFiles(testdataPath('osv-schema/tools/ghsa/testdata'), (n) => n.endsWith('.osv.json')),
  ...jsonFiles(testdataPath('osv-schema/tools/redhat/testdata/OSV')),
  // Named cve5/ upstream, but these are OSV records (the CVE 5 side of the converter's input is OSV-shaped).
  ...jsonFiles(testdataPath('osv-dev/vulnfeeds/test_data/combine-to-osv/cve5')),
]
const nvdFiles = [...jsonFiles(testdataPath('osv-dev/vulnfeeds/test_data/nvdcve-2.0')), ...jsonFiles(testdataPath('dependency-track-fixtures/vuln-data-source/nvd/src/test/resources'))]
const cve5Files = [
  ...jsonFiles(testdataPath('osv-dev/vulnfeeds/test_data/cve5')),
  ...jsonFiles(testdataPath('osv-dev/vulnfeeds/test_data/cvelistV5')),
]
const csafFiles = jsonFiles(testdataPath('csaf-oasis/csaf_2.0/examples/csaf'))

describe('OSV records', () => {
  const { records, failures } = readSuite(osvFiles, 'osv')

  it('reads every OSV fixture of osv-dev, osv-schema and Dependency-Track', () => {
    expect(failures, failures.join('\n')).toEqual([])
    expect(osvFiles.length).toBe(69)
    expect(records.length).toBe(69)
  })

  it('keeps aliases, CVSS vectors and Maven coordinates (GHSA-77rv-6vfw-x4gc)', () => {
    const s = statement(records, 'GHSA-77rv-6vfw-x4gc')
    expect(s.ids).toEqual(['GHSA-77rv-6vfw-x4gc', 'CVE-2019-3778'])
    const first = s.affected[0] as PackageAffected
    expect(first).toMatchObject({ kind: 'package', purlType: 'maven', namespace: 'org.springframework.security.oauth', name: 'spring-security-oauth', ranges: ['vers:maven/<2.0.17'], versions: ['1.0.0.RELEASE'] })
    expect(s.severities.some((x) => x.kind === 'cvss')).toBe(true)
  })

  it('places distribution ecosystems under their purl namespace and release (DSA-5474-1)', () => {
    const s = statement(records, 'DSA-5474-1')
    expect(s.affected.map((a) => a as PackageAffected).map((a) => [a.purlType, a.namespace, a.release, a.ranges[0]])).toEqual([
      ['deb', 'debian', '11', 'vers:deb/<3.20230808.1~deb11u1'],
      ['deb', 'debian', '12', 'vers:deb/<3.20230808.1~deb12u1'],
    ])
  })

  it('keeps a GIT range as a problem and still reads the listed versions', () => {
    const s = statement(records, 'OSV-2021-1820')
    expect(s.problems.map((p) => p.code)).toContain('osv_range_not_version_comparable')
    expect((s.affected[0] as PackageAffected).versions).toContain('5.4.0-git')
  })

  it('keeps withdrawn dates and related ids separately from aliases', () => {
    expect(statement(records, 'GHSA-35c4-f3rq-f9g3').withdrawn).toBe('2018-10-11T17:29:49Z')
    const alias = statement(records, 'ALIAS-CVE-1')
    expect(alias.ids).toEqual(['ALIAS-CVE-1', 'CVE-1', 'ALIAS'])
    expect(alias.related).toEqual(['CVE-1', 'CVE-2'])
  })
})

describe('NVD API 2.0 and 1.1 feeds', () => {
  const { records, failures } = readSuite(nvdFiles, 'nvd')

  it('reads every NVD 2.0 fixture (osv-dev pages, Dependency-Track cve objects)', () => {
    expect(failures, failures.join('\n')).toEqual([])
    expect(nvdFiles.length).toBe(30)
    expect(records.length).toBe(30)
  })

  it('keeps configurations, version bounds and the NVD score (CVE-2023-4863)', () => {
    const s = statement(records, 'CVE-2023-4863')
    const configs = s.affected as CpeConfigurationAffected[]
    const chrome = configs[0]?.nodes[0]?.matches[0]
    expect(chrome).toEqual({ criteria: 'cpe:2.3:a:google:chrome:*:*:*:*:*:*:*:*', vulnerable: true, range: 'vers:generic/<116.0.5845.187' })
    expect(s.severities).toContainEqual({ kind: 'cvss', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H', publishedScore: 8.8, author: 'nvd@nist.gov' })
  })

  it('keeps AND configurations with their non-vulnerable running-on platform (CVE-2020-13595)', () => {
    const config = statement(records, 'CVE-2020-13595').affected[0] as CpeConfigurationAffected
    expect(config.operator).toBe('AND')
    expect(config.nodes.map((n) => n.matches.map((m) => [m.criteria, m.vulnerable, m.range]))).toEqual([
      [['cpe:2.3:a:espressif:esp-idf:*:*:*:*:*:*:*:*', true, 'vers:generic/>=4.0.0|<=4.2']],
      [['cpe:2.3:h:espressif:esp32:-:*:*:*:*:*:*:*', false, 'vers:generic/*']],
    ])
  })

  it('reads the legacy 1.1 feed (669 items, all with ids)', () => {
    const result = recordsOfJson(read(testdataPath('osv-dev/vulnfeeds/test_data/nvdcve-1.1-test-data.json')), 'feed')
    expect(result.ok && result.value.kind).toBe('nvd')
    if (!result.ok) return
    expect(result.value.records.length).toBe(669)
    expect(result.value.problems).toEqual([])
    const configured = result.value.records.filter((r) => r.kind === 'statement' && r.affected.length > 0)
    expect(configured.length).toBe(349)
  })
})

describe('CVE JSON 5 records', () => {
  const { records, failures } = readSuite(cve5Files, 'cve5')

  it('reads every CVE 5 fixture (cve5/, cvelistV5/)', () => {
    expect(failures, failures.join('\n')).toEqual([])
    expect(cve5Files.length).toBe(24)
    expect(records.length).toBe(24)
  })

  it('cuts a range at its status changes (CVE-2021-44228: three affected stretches of Log4j 2, whatever its unreadable limit)', () => {
    const s = records.find((r): r is KbStatement => r.kind === 'statement' && r.sourceId === 'CVE-2021-44228') as KbStatement
    expect((s.affected as ProductAffected[]).map((p) => [p.name, p.range])).toEqual([
      ['Apache Log4j2', 'vers:generic/>=2.0-beta9|<2.3.1'],
      ['Apache Log4j2', 'vers:generic/>=2.4|<2.12.2'],
      ['Apache Log4j2', 'vers:generic/>=2.13.0|<2.15.0'],
    ])
    expect(s.problems).toEqual([])
  })

  it('turns an affected version list into exact ranges and skips default-unaffected vendor rows (CVE-2024-3094)', () => {
    const s = records.find((r): r is KbStatement => r.kind === 'statement' && r.sourceId === 'CVE-2024-3094' && r.origin.includes('/cve5/')) as KbStatement
    const products = s.affected as ProductAffected[]
    expect(products.map((p) => [p.kind, p.name, p.range])).toEqual([
      ['product', 'xz', 'vers:generic/5.6.0'],
      ['product', 'xz', 'vers:generic/5.6.1'],
    ])
    expect(s.severities.some((x) => x.kind === 'cvss' && x.vector.startsWith('CVSS:3.1/'))).toBe(true)
  })
})

describe('CVE JSON 5 version limits with a wildcard', () => {
  const record = (versions: unknown[]) => ({
    dataType: 'CVE_RECORD',
    dataVersion: '5.1',
    cveMetadata: { cveId: 'CVE-2099-0001', state: 'PUBLISHED', datePublished: '2024-01-01T00:00:00Z', dateUpdated: '2024-01-01T00:00:00Z' },
    containers: { cna: { providerMetadata: { orgId: 'x' }, descriptions: [{ lang: 'en', value: 'x' }], affected: [{ vendor: 'Acme', product: 'Widget', versions }] } },
  })
  const statementOf = (versions: unknown[]) => {
    const result = recordsOfJson(record(versions), 'test', 'cve5')
    if (!result.ok) throw new Error(result.error.message)
    return result.value.records[0] as KbStatement
  }

  it('reads a limit ending in * as the end of that branch, and * alone as no limit', () => {
    const cases: [Record<string, string>, string][] = [
      [{ version: '1.0', lessThan: '1.*', versionType: 'custom' }, 'vers:generic/>=1.0|<2'],
      [{ version: '2.3.0', lessThanOrEqual: '2.3.*', versionType: 'custom' }, 'vers:generic/>=2.3.0|<2.4'],
      [{ version: '2.0', lessThan: '*', versionType: 'custom' }, 'vers:generic/>=2.0'],
      [{ version: '2.0', lessThan: '2.5', versionType: 'custom' }, 'vers:generic/>=2.0|<2.5'],
    ]
    for (const [version, range] of cases) {
      const s = statementOf([{ ...version, status: 'affected' }])
      expect((s.affected as ProductAffected[]).map((p) => p.range), JSON.stringify(version)).toEqual([range])
    }
  })

  it('follows status changes in version order, whatever order they are listed in, from an unaffected start too', () => {
    const s = statementOf([
      { version: '1.0', lessThan: '3.0', status: 'unaffected', versionType: 'custom', changes: [{ at: '2.5', status: 'unaffected' }, { at: '1.5', status: 'affected' }] },
    ])
    expect((s.affected as ProductAffected[]).map((p) => p.range)).toEqual(['vers:generic/>=1.5|<2.5'])
    const unreadable = statementOf([{ version: '1.0', lessThan: '3.0', status: 'affected', versionType: 'custom', changes: [{ at: '2.0', status: 'patched' }] }])
    expect(unreadable.affected).toEqual([])
    expect(unreadable.problems.map((p) => p.code)).toEqual(['cve5_range_unreadable'])
  })

  it('reports a limit that is neither a version nor a version pattern (Log4Shell\'s lessThan "log4j-core*") instead of storing a range that compares nothing', () => {
    const s = statementOf([
      { version: '2.0-beta9', lessThan: 'log4j-core*', status: 'affected', versionType: 'custom' },
      { version: '2.13.0', lessThan: '2.15.0', status: 'affected', versionType: 'custom' },
    ])
    expect((s.affected as ProductAffected[]).map((p) => p.range)).toEqual(['vers:generic/>=2.13.0|<2.15.0'])
    expect(s.problems.map((p) => p.code)).toEqual(['cve5_range_unreadable'])
  })
})

describe('CISA KEV and EPSS', () => {
  it('reads all 1,404 KEV entries of catalog 2025.08.25', () => {
    const result = recordsOfJson(read(testdataPath('cisa-kev/known_exploited_vulnerabilities.json')), 'kev')
    expect(result.ok && result.value.kind).toBe('kev')
    if (!result.ok) return
    expect(result.value.records.length).toBe(1404)
    expect(result.value.records[0]).toMatchObject({ kind: 'kev', cveId: 'CVE-2025-48384', dateAdded: '2025-08-25' })
  })

  it('reads EPSS lines and refuses malformed ones', () => {
    const date = epssScoreDate('#model_version:v2023.03.01,score_date:2023-09-20T00:00:00+0000')
    expect(date).toBe('2023-09-20')
    expect(parseEpssLine('cve,epss,percentile', date)).toEqual({ ok: true, value: null })
    expect(parseEpssLine('CVE-2021-44228,0.97565,0.99996', date)).toEqual({ ok: true, value: { kind: 'epss', cveId: 'CVE-2021-44228', epss: 0.97565, percentile: 0.99996, scoreDate: '2023-09-20' } })
    for (const bad of ['CVE-2021-44228,1.5,0.9', 'nonsense', 'CVE-2021-44228,x,0.1']) expect(parseEpssLine(bad, date).ok, bad).toBe(false)
  })
})

describe('CSAF 2.0 advisories', () => {
  const { records, failures } = readSuite(csafFiles, 'csaf')

  it('reads every CSAF 2.0 example (one statement per vulnerability)', () => {
    expect(failures, failures.join('\n')).toEqual([])
    expect(csafFiles.length).toBe(19)
    expect(records.length).toBe(59)
  })

  it('maps product status and product_version_range branches (2022-evd-uc-06-001)', () => {
    const s = records.find((r): r is KbStatement => r.kind === 'statement' && r.origin.endsWith('2022-evd-uc-06-001.json')) as KbStatement
    const byId = Object.fromEntries((s.affected as ProductAffected[]).map((p) => [p.productId, [p.status, p.vendor, p.product, p.version, p.range]]))
    expect(byId).toEqual({
      'CSAFPID-0002': ['affected', 'Example Company', 'ABC', '2.4', null],
      'CSAFPID-0003': ['affected', 'Example Company', 'ABC', '2.6', null],
      'CSAFPID-0004': ['affected', 'Example Company', 'ABC', null, 'vers:generic/>=2.9|<=4.1'],
      'CSAFPID-0001': ['not_affected', 'Example Company', 'ABC', '4.2', null],
      'CSAFPID-0005': ['not_affected', 'Example Company', 'ABC', null, 'vers:generic/>=1.0|<=2.3'],
      'CSAFPID-0006': ['not_affected', 'Example Company', 'ABC', '2.5', null],
      'CSAFPID-0007': ['not_affected', 'Example Company', 'ABC', null, 'vers:generic/>=2.7|<=2.8'],
    })
  })

  it('resolves relationship products to their component and keeps CPE helpers (rhsa-2021_5186)', () => {
    const s = records.find((r): r is KbStatement => r.kind === 'statement' && r.origin.endsWith('rhsa-2021_5186.json')) as KbStatement
    const statuses = new Set((s.affected as ProductAffected[]).map((p) => p.status))
    expect([...statuses].sort()).toEqual(['fixed', 'not_affected'])
    expect(s.problems).toEqual([])
  })

  it('gives search keys for packages, CPEs and products', () => {
    const s = records.find((r): r is KbStatement => r.kind === 'statement' && r.origin.endsWith('2022-evd-uc-06-001.json')) as KbStatement
    expect(statementPackageKeys(s)).toEqual(['product:example company:abc'])
  })
})

describe('alias groups', () => {
  it('prefers CVE, then GHSA, then other ids', () => {
    expect(canonicalId(['PYSEC-2021-1', 'GHSA-aaaa', 'CVE-2021-2'])).toBe('CVE-2021-2')
    expect(canonicalId(['PYSEC-2021-1', 'GHSA-zzzz'])).toBe('GHSA-zzzz')
    expect(canonicalId(['OSV-2', 'DSA-1'])).toBe('DSA-1')
  })

  it('joins statements that share an id and renames existing groups merged into a CVE', () => {
    const existing = new Map([
      ['GHSA-1', 'GHSA-1'],
      ['PYSEC-1', 'GHSA-1'],
      ['OSV-9', 'OSV-9'],
    ])
    const merged = mergeAliasGroups([['PYSEC-1', 'CVE-2020-1'], ['CVE-2020-1'], ['OSV-9']], existing)
    expect(merged.groups).toEqual(['CVE-2020-1', 'CVE-2020-1', 'OSV-9'])
    expect([...merged.renames]).toEqual([['GHSA-1', 'CVE-2020-1']])
    expect(merged.assignments.get('PYSEC-1')).toBe('CVE-2020-1')
  })

  it('keeps separate vulnerabilities apart', () => {
    const merged = mergeAliasGroups([['GHSA-a', 'CVE-2020-1'], ['GHSA-b', 'CVE-2020-2']], new Map())
    expect(merged.groups).toEqual(['CVE-2020-1', 'CVE-2020-2'])
    expect(merged.renames.size).toBe(0)
  })
})
