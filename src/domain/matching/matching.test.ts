import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { testdataPath } from '../../../test/support/testdata.js'
import { canonicalId, recordsOfJson } from '../kb/index.js'
import type { KbRecord, KbStatement } from '../kb/index.js'
import { buildMatchIndex, matchComponents } from './index.js'
import type { Finding, MatchComponent } from './index.js'

const fixtures = [
  'dependency-track-fixtures/vuln-data-source/osv/src/test/resources/osv-GHSA-77rv-6vfw-x4gc.json',
  'dependency-track-fixtures/vuln-data-source/osv/src/test/resources/osv-DSA-5474-1.json',
  'osv-schema/tools/ghsa/testdata/pypi_normalize.osv.json',
  'osv-dev/vulnfeeds/test_data/nvdcve-2.0/CVE-2023-4863.json',
  'osv-dev/vulnfeeds/test_data/nvdcve-2.0/CVE-2020-13595.json',
  'dependency-track-fixtures/vuln-data-source/nvd/src/test/resources/CVE-2022-31022-all-versions-vulnerable.json',
  'osv-dev/vulnfeeds/test_data/cve5/CVE-2024-3094.json',
  'csaf-oasis/csaf_2.0/examples/csaf/csaf_vex/2022-evd-uc-06-001.json',
  'cisa-kev/known_exploited_vulnerabilities.json',
]

const records: KbRecord[] = fixtures.flatMap((path) => {
  const result = recordsOfJson(JSON.parse(readFileSync(testdataPath(path), 'utf8')), path)
  if (!result.ok) throw new Error(`${path}: ${result.error.message}`)
  return [...result.value.records]
})
const statements = records.filter((r): r is KbStatement => r.kind === 'statement')
// A vendor-ANY criterion: NISTIR 7696 gives no relation with a product-ANY name (the crossed false-positive class).
const crossed: KbStatement = {
  kind: 'statement', source: 'nvd', sourceId: 'CVE-2000-0001', ids: ['CVE-2000-0001'], related: [], origin: 'inline', title: null, description: null,
  published: null, modified: null, withdrawn: null, severities: [], references: [], problems: [],
  affected: [{ kind: 'cpe', operator: 'OR', status: 'affected', nodes: [{ operator: 'OR', negate: false, matches: [{ criteria: 'cpe:2.3:a:*:chrome:*:*:*:*:*:*:*:*', vulnerable: true, range: 'vers:generic/<2.0' }] }] }],
}
const index = buildMatchIndex({
  statements: [...statements, crossed].map((statement) => ({ vulnerabilityId: canonicalId(statement.ids), statement })),
  kev: records.filter((r) => r.kind === 'kev'),
  epss: [{ kind: 'epss', cveId: 'CVE-2023-4863', epss: 0.41, percentile: 0.97, scoreDate: '2023-09-20' }],
})

function summary(f: Finding): string {
  return `${f.component.ref} ${f.kind} ${f.vulnerabilityId} ${f.status} ${f.confidence}${f.guards.length ? ` [${f.guards.join(',')}]` : ''}`
}

function run(components: MatchComponent[]): string[] {
  return matchComponents(index, components).findings.map(summary)
}

// Each case: components and the exact findings expected (an empty list is an asserted non-hit).
const cases: { name: string; components: MatchComponent[]; expected: string[] }[] = [
  { name: 'Maven purl below the fix', components: [{ ref: 'm1', name: 'spring-security-oauth', purl: 'pkg:maven/org.springframework.security.oauth/spring-security-oauth@2.0.16' }], expected: ['m1 purl CVE-2019-3778 affected high'] },
  { name: 'Maven purl at the fix', components: [{ ref: 'm2', name: 'spring-security-oauth', purl: 'pkg:maven/org.springframework.security.oauth/spring-security-oauth@2.0.17' }], expected: [] },
  { name: 'Maven purl of another artifact', components: [{ ref: 'm3', name: 'spring-security-core', purl: 'pkg:maven/org.springframework.security/spring-security-core@2.0.0' }], expected: [] },
  { name: 'Debian 11 package, right release', components: [{ ref: 'd1', name: 'intel-microcode', purl: 'pkg:deb/debian/intel-microcode@3.20230512.1~deb11u1?distro=debian-11' }], expected: ['d1 purl DSA-5474-1 affected high'] },
  { name: 'Debian package without its release', components: [{ ref: 'd2', name: 'intel-microcode', purl: 'pkg:deb/debian/intel-microcode@3.20230512.1' }], expected: ['d2 purl DSA-5474-1 affected medium [release_unknown]'] },
  { name: 'Debian 11 package, fixed version', components: [{ ref: 'd3', name: 'intel-microcode', purl: 'pkg:deb/debian/intel-microcode@3.20230808.1~deb11u1?distro=debian-11' }], expected: [] },
  { name: 'PyPI name normalisation', components: [{ ref: 'p1', name: 'Products.PluggableAuthService', purl: 'pkg:pypi/Products.PluggableAuthService@2.6.0' }], expected: ['p1 purl CVE-2021-21337 affected high'] },
  { name: 'PyPI at the fix', components: [{ ref: 'p2', name: 'products-pluggableauthservice', purl: 'pkg:pypi/products_pluggableauthservice@2.6.1' }], expected: [] },
  { name: 'Chrome CPE below the bound', components: [{ ref: 'c1', name: 'chrome', cpe: 'cpe:2.3:a:google:chrome:116.0.5845.180:*:*:*:*:*:*:*' }], expected: ['c1 cpe CVE-2023-4863 affected high'] },
  { name: 'Chrome CPE at the bound', components: [{ ref: 'c2', name: 'chrome', cpe: 'cpe:2.3:a:google:chrome:116.0.5845.187:*:*:*:*:*:*:*' }], expected: [] },
  { name: 'Firefox ESR in the second range', components: [{ ref: 'c3', name: 'firefox_esr', cpe: 'cpe:2.3:a:mozilla:firefox_esr:115.1:*:*:*:*:*:*:*' }], expected: ['c3 cpe CVE-2023-4863 affected high'] },
  { name: 'Firefox ESR between the ranges', components: [{ ref: 'c4', name: 'firefox_esr', cpe: 'cpe:2.3:a:mozilla:firefox_esr:110.0:*:*:*:*:*:*:*' }], expected: [] },
  { name: 'CPE hit on an npm package', components: [{ ref: 'c5', name: 'chrome', purl: 'pkg:npm/chrome@1.0.0', cpe: 'cpe:2.3:a:google:chrome:1.0.0:*:*:*:*:*:*:*' }], expected: ['c5 cpe CVE-2023-4863 affected low [ecosystem_has_purl_data]', 'c5 cpe CVE-2000-0001 affected low [ecosystem_has_purl_data]'] },
  { name: 'NVD entry for every version', components: [{ ref: 'b1', name: 'bleve', cpe: 'cpe:2.3:a:couchbase:bleve:2.3.0:*:*:*:*:*:*:*' }], expected: ['b1 cpe CVE-2022-31022 affected low [all_versions]'] },
  { name: 'Name and supplier guessed into a CPE', components: [{ ref: 'b2', name: 'Bleve', version: '2.3.0', supplier: 'Couchbase, Inc.' }], expected: ['b2 cpe CVE-2022-31022 affected low [all_versions,name_only]'] },
  { name: 'Running-on platform present', components: [{ ref: 'e1', name: 'esp-idf', cpe: 'cpe:2.3:a:espressif:esp-idf:4.1:*:*:*:*:*:*:*' }, { ref: 'hw', name: 'esp32', cpe: 'cpe:2.3:h:espressif:esp32:-:*:*:*:*:*:*:*' }], expected: ['e1 cpe CVE-2020-13595 affected high'] },
  { name: 'Running-on platform absent', components: [{ ref: 'e2', name: 'esp-idf', cpe: 'cpe:2.3:a:espressif:esp-idf:4.1:*:*:*:*:*:*:*' }], expected: ['e2 cpe CVE-2020-13595 affected medium [platform_not_in_sbom]'] },
  { name: 'ESP-IDF above the range', components: [{ ref: 'e3', name: 'esp-idf', cpe: 'cpe:2.3:a:espressif:esp-idf:4.3:*:*:*:*:*:*:*' }], expected: [] },
  { name: 'Vendor/product crossed', components: [{ ref: 'x1', name: 'whatever', cpe: 'cpe:2.3:a:google:*:1.0:*:*:*:*:*:*:*' }], expected: ['x1 cpe CVE-2000-0001 affected low [vendor_product_crossed]'] },
  { name: 'CVE 5 product by name (xz 5.6.0)', components: [{ ref: 'z1', name: 'xz', version: '5.6.0' }], expected: ['z1 product CVE-2024-3094 affected low [name_only]'] },
  { name: 'CVE 5 product, unaffected version', components: [{ ref: 'z2', name: 'xz', version: '5.4.6' }], expected: [] },
  { name: 'CSAF product version known affected', components: [{ ref: 's1', name: 'ABC', version: '2.4', supplier: 'Example Company' }], expected: ['s1 product CVE-2021-44228 affected low [name_only]'] },
  { name: 'CSAF product version known not affected', components: [{ ref: 's2', name: 'ABC', version: '4.2', supplier: 'Example Company' }], expected: ['s2 product CVE-2021-44228 not_affected low [name_only]'] },
  { name: 'CSAF product in an affected vers range', components: [{ ref: 's3', name: 'ABC', version: '3.0', supplier: 'Example Company' }], expected: ['s3 product CVE-2021-44228 affected low [name_only]'] },
  { name: 'CSAF product of another vendor', components: [{ ref: 's4', name: 'ABC', version: '2.4', supplier: 'Other Corp' }], expected: [] },
]

describe('matching engine over the fixtures', () => {
  it('states every expected hit and non-hit', () => {
    const failures: string[] = []
    for (const c of cases) {
      const got = run(c.components)
      if (JSON.stringify(got) !== JSON.stringify(c.expected)) failures.push(`${c.name}: expected ${JSON.stringify(c.expected)}, got ${JSON.stringify(got)}`)
    }
    expect(failures, failures.join('\n')).toEqual([])
    expect(cases.length).toBe(25)
  })

  it('records why: source, identifier, origin, range, version compared, KEV, EPSS and recomputed CVSS', () => {
    const report = matchComponents(index, [{ ref: 'c1', name: 'chrome', cpe: 'cpe:2.3:a:google:chrome:116.0.5845.180:*:*:*:*:*:*:*' }])
    expect(report.findings[0]).toMatchObject({
      kind: 'cpe',
      source: 'nvd',
      sourceId: 'CVE-2023-4863',
      origin: 'osv-dev/vulnfeeds/test_data/nvdcve-2.0/CVE-2023-4863.json',
      criteria: 'cpe:2.3:a:google:chrome:*:*:*:*:*:*:*:*',
      range: 'vers:generic/<116.0.5845.187',
      versionCompared: '116.0.5845.180',
      kev: { dateAdded: '2023-09-13' },
      epss: { score: 0.41, percentile: 0.97 },
      cvss: { score: 8.8, severity: 'High' },
    })
    expect(report.findings[0]?.reason).toContain('is covered by cpe:2.3:a:google:chrome')
  })

  it('lists components without purl or CPE as unmatched, with counts', () => {
    const report = matchComponents(index, [
      { ref: 'a', name: 'xz', version: '5.6.0' },
      { ref: 'b', name: 'chrome', cpe: 'cpe:2.3:a:google:chrome:116.0.5845.180:*:*:*:*:*:*:*' },
      { ref: 'c', name: 'left-pad', purl: 'pkg:npm/left-pad@1.3.0' },
    ])
    expect(report.unmatchedComponents).toEqual([{ ref: 'a', name: 'xz' }])
    expect(report.stats).toMatchObject({ components: 3, withPurl: 1, withCpe: 1, withoutIdentity: 1, findings: 2, affectedComponents: 2, byConfidence: { high: 1, medium: 0, low: 1 } })
  })

  it('leaves withdrawn statements out of the index', () => {
    const withdrawn = { ...crossed, sourceId: 'CVE-2000-0002', ids: ['CVE-2000-0002'], withdrawn: '2020-01-01T00:00:00Z' }
    const small = buildMatchIndex({ statements: [{ vulnerabilityId: 'CVE-2000-0002', statement: withdrawn }] })
    expect([small.statements, small.skippedWithdrawn]).toEqual([0, 1])
  })
})
