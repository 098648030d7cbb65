import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { Ajv } from 'ajv'
import addFormatsModule from 'ajv-formats'
import { beforeAll, describe, expect, it } from 'vitest'
import { validateSbomSchema } from '../../services/sbom-files/schema-validation.js'
import { projectRoot, testdataPath } from '../../../test/support/testdata.js'

const run = promisify(execFile)
const cli = (args: string[]) =>
  run(process.execPath, [join(projectRoot, 'bin/medsec.js'), ...args], { cwd: projectRoot, maxBuffer: 64 * 1024 * 1024 }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (err: { code: number; stdout: string; stderr: string }) => ({ code: err.code, stdout: err.stdout, stderr: err.stderr }),
  )
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (ajv: Ajv) => Ajv

/** The SARIF 2.1.0 schema as @microsoft/jest-sarif ships it (draft-04: its `id`/`$schema` are dropped for ajv 8). */
function sarifValidator() {
  const require = createRequire(import.meta.url)
  const schema = JSON.parse(readFileSync(join(require.resolve('@microsoft/jest-sarif/package.json'), '..', 'lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8')) as Record<string, unknown>
  delete schema.$schema
  delete schema.id
  // One pattern of the schema is not valid with the unicode flag ajv 8 sets by default.
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false })
  addFormats(ajv)
  return ajv.compile(schema)
}

const sbom = {
  bomFormat: 'CycloneDX',
  specVersion: '1.5',
  version: 1,
  metadata: { component: { type: 'device', 'bom-ref': 'device', name: 'Scan CT', version: '3.1' } },
  components: [
    { type: 'library', 'bom-ref': 'oauth', name: 'spring-security-oauth', group: 'org.springframework.security.oauth', version: '2.0.16', purl: 'pkg:maven/org.springframework.security.oauth/spring-security-oauth@2.0.16' },
    { type: 'application', 'bom-ref': 'chrome', name: 'chrome', version: '116.0.5845.180', cpe: 'cpe:2.3:a:google:chrome:116.0.5845.180:*:*:*:*:*:*:*' },
    { type: 'library', 'bom-ref': 'fixed-oauth', name: 'spring-security-oauth', group: 'org.springframework.security.oauth', version: '2.0.17', purl: 'pkg:maven/org.springframework.security.oauth/spring-security-oauth@2.0.17' },
    { type: 'library', 'bom-ref': 'plain', name: 'in-house-lib', version: '1.0' },
  ],
}

describe('medsec scan', () => {
  const dir = mkdtempSync(join(tmpdir(), 'medsec-scan-cli-'))
  const sbomFile = join(dir, 'device.cdx.json')
  writeFileSync(sbomFile, JSON.stringify(sbom))
  const kb = [
    '--kb', testdataPath('osv-dev/vulnfeeds/test_data/nvdcve-2.0/CVE-2023-4863.json'),
    '--kb', testdataPath('dependency-track-fixtures/vuln-data-source/osv/src/test/resources/osv-GHSA-77rv-6vfw-x4gc.json'),
    '--kb', testdataPath('cisa-kev/known_exploited_vulnerabilities.json'),
  ]
  const outputs: Record<string, { code: number; stdout: string; stderr: string }> = {}
  beforeAll(async () => {
    // One process per format, in parallel (each loads the feeds).
    const runs = await Promise.all([
      cli(['scan', sbomFile, ...kb]),
      cli(['scan', sbomFile, ...kb, '--format', 'json', '--fail-on', 'critical']),
      cli(['scan', sbomFile, ...kb, '--format', 'sarif', '--fail-on', 'kev']),
      cli(['scan', sbomFile, ...kb, '--format', 'cyclonedx-vdr']),
    ])
    ;[outputs.table, outputs.json, outputs.sarif, outputs.vdr] = runs
  }, 240_000)

  it('prints a table, most severe first, and exits 0 without --fail-on', () => {
    expect(outputs.table?.code).toBe(0)
    const lines = outputs.table!.stdout.trimEnd().split('\n')
    expect(lines[0]).toMatch(/^SEVERITY\s+VULNERABILITY\s+COMPONENT\s+VERSION\s+MATCHED BY\s+CONFIDENCE\s+STATUS\s+KEV\s+EPSS$/)
    expect(lines.slice(1, 3).map((l) => l.split(/\s+/).slice(0, 3))).toEqual([
      ['CRITICAL', 'CVE-2019-3778', 'spring-security-oauth'],
      ['HIGH', 'CVE-2023-4863', 'chrome'],
    ])
    expect(lines.at(-1)).toBe('2 findings in 2 components; 1 of 4 components have neither purl nor CPE')
  })

  it('prints the JSON contract (hits and the non-hit 2.0.17) and exits 1 for --fail-on critical', () => {
    expect(outputs.json?.code).toBe(1)
    const report = JSON.parse(outputs.json!.stdout) as { findings: Record<string, unknown>[]; unmatchedComponents: number; stats: { components: number } }
    expect(report.findings).toEqual([
      expect.objectContaining({
        component: { bomRef: 'oauth', name: 'spring-security-oauth', version: '2.0.16', purl: sbom.components[0]!.purl, cpe: null },
        vulnerability: { id: 'CVE-2019-3778', aliases: ['GHSA-77rv-6vfw-x4gc'] },
        source: 'osv', matchedBy: 'purl', range: 'vers:maven/<2.0.17', confidence: 'high', severity: 'critical', kev: null, epss: null,
        cvss: expect.objectContaining({ score: 9 }),
      }),
      expect.objectContaining({
        component: { bomRef: 'chrome', name: 'chrome', version: '116.0.5845.180', purl: null, cpe: sbom.components[1]!.cpe },
        vulnerability: { id: 'CVE-2023-4863', aliases: [] },
        source: 'nvd', matchedBy: 'cpe', severity: 'high', kev: { dateAdded: '2023-09-13', dueDate: '2023-10-04' },
      }),
    ])
    expect(report.unmatchedComponents).toBe(1)
    expect(report.stats.components).toBe(4)
  })

  it('prints SARIF 2.1.0 that the official schema accepts: one rule per vulnerability, one located result per finding', () => {
    expect(outputs.sarif?.code).toBe(1)
    expect(outputs.sarif?.stderr).toContain('--fail-on kev')
    const log = JSON.parse(outputs.sarif!.stdout) as { version: string; runs: { tool: { driver: { rules: { id: string; properties: Record<string, unknown> }[] } }; results: Record<string, unknown>[] }[] }
    const validate = sarifValidator()
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true)
    // The validator does reject: a run needs its tool, a result its message.
    expect(validate({ version: '2.1.0', runs: [{ results: [] }] })).toBe(false)
    expect(validate({ ...log, runs: [{ ...log.runs[0], results: [{ ruleId: 'X' }] }] })).toBe(false)
    const runResult = log.runs[0]!
    expect(runResult.tool.driver.rules.map((r) => [r.id, r.properties['security-severity']])).toEqual([['CVE-2019-3778', '9.0'], ['CVE-2023-4863', '8.8']])
    expect(runResult.results.map((r) => [r.ruleId, r.ruleIndex, r.level, r.kind])).toEqual([['CVE-2019-3778', 0, 'error', 'fail'], ['CVE-2023-4863', 1, 'error', 'fail']])
    expect(runResult.results[1]).toMatchObject({
      locations: [{ physicalLocation: { artifactLocation: { uri: sbomFile } }, logicalLocations: [{ name: 'chrome', fullyQualifiedName: sbom.components[1]!.cpe, kind: 'module' }] }],
      properties: { kev: true, kevDateAdded: '2023-09-13', epss: null, confidence: 'high', matchedBy: 'cpe', severity: 'high' },
    })
  })

  it('prints a CycloneDX 1.6 VDR that the CycloneDX schema accepts, with affects, ratings and sources', () => {
    expect(outputs.vdr?.code).toBe(0)
    const vdr = JSON.parse(outputs.vdr!.stdout) as { specVersion: string; components: unknown[]; vulnerabilities: Record<string, unknown>[] }
    expect(validateSbomSchema({ kind: 'cyclonedx-json', data: vdr as never, text: outputs.vdr!.stdout })).toEqual([])
    expect(vdr.specVersion).toBe('1.6')
    expect(vdr.components).toHaveLength(4)
    expect(vdr.vulnerabilities).toEqual([
      expect.objectContaining({
        id: 'CVE-2019-3778',
        source: { name: 'OSV', url: 'https://osv.dev/vulnerability/GHSA-77rv-6vfw-x4gc' },
        references: [{ id: 'GHSA-77rv-6vfw-x4gc', source: { name: 'OSV', url: 'https://osv.dev/vulnerability/GHSA-77rv-6vfw-x4gc' } }],
        ratings: [{ source: { name: 'OSV' }, score: 9, severity: 'critical', method: 'CVSSv31', vector: 'CVSS:3.1/AV:N/AC:L/PR:L/UI:R/S:C/C:H/I:H/A:H' }],
        affects: [{ ref: 'oauth', versions: [{ version: '2.0.16', status: 'affected' }] }],
      }),
      expect.objectContaining({
        id: 'CVE-2023-4863',
        source: { name: 'NVD', url: 'https://nvd.nist.gov/vuln/detail/CVE-2023-4863' },
        ratings: [expect.objectContaining({ source: { name: 'nvd@nist.gov' }, score: 8.8, severity: 'high', method: 'CVSSv31' })],
        affects: [{ ref: 'chrome', versions: [{ version: '116.0.5845.180', status: 'affected' }] }],
        properties: expect.arrayContaining([{ name: 'medsec:kev', value: 'true' }, { name: 'medsec:kev:dateAdded', value: '2023-09-13' }]),
      }),
    ])
  })

  it('fails with exit 2 when a --kb file yields nothing but problems, or cannot be opened, instead of scanning without it', async () => {
    const broken = join(dir, 'truncated-osv.json')
    writeFileSync(broken, '{"id":"GHSA-xxxx-xxxx-xxxx","affected":[')
    const [truncated, missing] = await Promise.all([
      cli(['scan', sbomFile, ...kb, '--kb', broken, '--format', 'json']),
      cli(['scan', sbomFile, '--kb', join(dir, 'no-such-feed.json')]),
    ])
    expect(truncated.code, truncated.stderr).toBe(2)
    expect(truncated.stdout).toBe('')
    expect(JSON.parse(truncated.stderr.trim()).error).toMatchObject({ code: 'kb_nothing_read', message: expect.stringContaining('truncated-osv.json') })
    expect(missing.code).toBe(2)
    expect(JSON.parse(missing.stderr.trim()).error.code).toBe('kb_source_unreadable')
  }, 240_000)
})
