import { execFile } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { runCli, seededDataDir } from '../../../test/support/cli.js'
import { projectRoot, testdataPath } from '../../../test/support/testdata.js'

const run = promisify(execFile)
const cli = (args: string[]) => run(process.execPath, [join(projectRoot, 'bin/medsec.js'), ...args], { cwd: projectRoot, maxBuffer: 64 * 1024 * 1024 })

const sbom = {
  bomFormat: 'CycloneDX',
  specVersion: '1.5',
  version: 1,
  components: [
    { type: 'library', 'bom-ref': 'oauth', name: 'spring-security-oauth', group: 'org.springframework.security.oauth', version: '2.0.16', purl: 'pkg:maven/org.springframework.security.oauth/spring-security-oauth@2.0.16' },
    { type: 'application', 'bom-ref': 'chrome', name: 'chrome', version: '116.0.5845.180', cpe: 'cpe:2.3:a:google:chrome:116.0.5845.180:*:*:*:*:*:*:*' },
    { type: 'library', 'bom-ref': 'plain', name: 'in-house-lib', version: '1.0' },
  ],
}

describe('medsec kb / match CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'medsec-kb-cli-'))
  const sbomFile = join(dir, 'device.cdx.json')
  writeFileSync(sbomFile, JSON.stringify(sbom))

  it('matches an SBOM offline against feed files (--kb), with reasons and the unmatched count', async () => {
    const { stdout } = await cli(['match', sbomFile, '--kb', testdataPath('osv-dev/vulnfeeds/test_data/nvdcve-2.0/CVE-2023-4863.json'), '--kb', testdataPath('dependency-track-fixtures/vuln-data-source/osv/src/test/resources/osv-GHSA-77rv-6vfw-x4gc.json'), '--kb', testdataPath('cisa-kev/known_exploited_vulnerabilities.json')])
    const report = JSON.parse(stdout) as { findings: { component: { ref: string }; vulnerabilityId: string; kind: string; range: string; kev: unknown; reason: string }[]; unmatchedComponents: number }
    expect(report.findings.map((f) => [f.component.ref, f.kind, f.vulnerabilityId, f.range])).toEqual([
      ['oauth', 'purl', 'CVE-2019-3778', 'vers:maven/<2.0.17'],
      ['chrome', 'cpe', 'CVE-2023-4863', 'vers:generic/<116.0.5845.187'],
    ])
    expect(report.findings[1]?.kev).toEqual({ dateAdded: '2023-09-13', dueDate: '2023-10-04' })
    expect(report.unmatchedComponents).toBe(1)
  })

  it('imports with a kind, shows a vulnerability and reports unknown ids as errors', async () => {
    const data = join(dir, 'db')
    const imported = await cli(['--data', data, 'kb', 'import', 'osv', testdataPath('dependency-track-fixtures/vuln-data-source/osv/src/test/resources/osv-GHSA-77rv-6vfw-x4gc.json'), '--quiet'])
    expect(JSON.parse(imported.stdout)).toMatchObject({ records: 1, inserted: 1 })
    const shown = await cli(['--data', data, 'kb', 'show', 'cve-2019-3778'])
    expect(JSON.parse(shown.stdout)).toMatchObject({ id: 'CVE-2019-3778', aliases: ['GHSA-77rv-6vfw-x4gc'] })
    const missing = await cli(['--data', data, 'kb', 'show', 'CVE-1999-0000']).catch((err: { code: number; stderr: string }) => err)
    expect('code' in missing && missing.code).toBe(2)
    expect(JSON.parse((missing as { stderr: string }).stderr).error.code).toBe('not_found')
    // Three processes that each open (the first one creates) an embedded database: slow on a loaded machine.
  }, 240_000)

  it('fails with exit 2 and kb_nothing_imported when a source yields problems and no record (truncated JSON)', () => {
    const truncated = join(dir, 'truncated-osv.json')
    writeFileSync(truncated, '{"id":"GHSA-xxxx-xxxx-xxxx","affected":[')
    const run = runCli(['--data', seededDataDir(), 'kb', 'import', 'osv', truncated, '--quiet'])
    expect(run.status, run.stderr).toBe(2)
    expect(JSON.parse(run.stdout)).toMatchObject({ records: 0, problems: 1 })
    const { error } = JSON.parse(run.stderr.trim().split('\n').pop()!) as { error: { code: string; message: string } }
    expect(error.code).toBe('kb_nothing_imported')
    expect(error.message).toContain('truncated-osv.json')
  }, 120_000)
})
