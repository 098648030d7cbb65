import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { projectRoot, testdataPath } from '../../../test/support/testdata.js'
import { fdaTableXlsx } from './fda-table-xlsx.js'
import { loadSbom, loadSbomFile } from './read-sbom-file.js'

const work = mkdtempSync(join(tmpdir(), 'medsec-sbom-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

const keycloak = testdataPath('cyclonedx-bom-examples', 'SBOM', 'keycloak-10.0.2', 'bom.json')

function cli(...args: string[]) {
  const run = spawnSync(process.execPath, [join(projectRoot, 'bin', 'medsec.js'), ...args], { encoding: 'utf8', cwd: work, timeout: 60_000, maxBuffer: 64 * 1024 * 1024 })
  return { status: run.status, stdout: run.stdout, stderr: run.stderr }
}

describe('loadSbomFile', () => {
  it('refuses a 200 MB file from its size alone, before reading it', async () => {
    const big = join(work, 'big.json')
    writeFileSync(big, '{')
    truncateSync(big, 200 * 1024 * 1024) // sparse: costs no disk and would be slow to read
    const started = performance.now()
    const result = await loadSbomFile(big)
    expect(result.ok ? 'ok' : result.error.code).toBe('sbom_too_large')
    expect(performance.now() - started).toBeLessThan(1000)
  })

  it('reports a missing file as unreadable', async () => {
    const result = await loadSbomFile(join(work, 'nope.json'))
    expect(result.ok ? 'ok' : result.error.code).toBe('sbom_file_unreadable')
  })

  it('reports every schema problem with its path', () => {
    const result = loadSbom(JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', components: [{ type: 'gadget', name: 'x' }] }))
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.code).toBe('sbom_schema_invalid')
    const problems = (result.error.details as { problems: { details: { path: string } }[] }).problems
    expect(problems.map((p) => p.details.path)).toContain('/components/0/type')
  })

  it('checks SPDX 2 structure by hand and reports paths', () => {
    const result = loadSbom(JSON.stringify({ spdxVersion: 'SPDX-2.3', SPDXID: 'SPDXRef-DOCUMENT', packages: [{ SPDXID: 'SPDXRef-a' }] }))
    expect(result.ok).toBe(false)
    if (result.ok) return
    const paths = (result.error.details as { problems: { details: { path: string } }[] }).problems.map((p) => p.details.path)
    expect(paths).toEqual(['/name', '/dataLicense', '/documentNamespace', '/creationInfo', '/packages/0/name', '/packages/0/downloadLocation'])
  })
})

describe('FDA table XLSX', () => {
  it('writes a workbook (a zip) with the rows', async () => {
    const bytes = await fdaTableXlsx([{ component: 'zlib', version: '1.3', supplier: 'zlib', levelOfSupport: 'unknown', endOfSupport: '', knownVulnerabilities: '' }])
    expect([...bytes.subarray(0, 2)]).toEqual([0x50, 0x4b])
  })
})

describe('medsec sbom CLI', () => {
  it('check prints the contract JSON and gates on --fail-under', () => {
    const passing = cli('sbom', 'check', keycloak)
    expect(passing.status).toBe(0)
    const report = JSON.parse(passing.stdout) as Record<string, unknown>
    expect(Object.keys(report)).toEqual(['format', 'specVersion', 'components', 'dependencies', 'ntia', 'fda', 'identifiers', 'score'])
    expect(report).toMatchObject({ format: 'cyclonedx', specVersion: '1.2', components: 903, identifiers: { purl: 903, cpe: 0 } })
    const failing = cli('sbom', 'check', keycloak, '--fail-under', '99')
    expect(failing.status).toBe(1)
  })

  it('check exits 2 with an error object on stderr for invalid input', () => {
    const bomb = join(work, 'bomb.xml')
    writeFileSync(bomb, '<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "a">]><bom xmlns="http://cyclonedx.org/schema/bom/1.6">&a;</bom>')
    const run = cli('sbom', 'check', bomb)
    expect(run.status).toBe(2)
    expect((JSON.parse(run.stderr) as { error: { code: string } }).error.code).toBe('xml_doctype_forbidden')
    const tooBig = cli('sbom', 'check', keycloak, '--max-bytes', '1000')
    expect(tooBig.status).toBe(2)
    expect((JSON.parse(tooBig.stderr) as { error: { code: string } }).error.code).toBe('sbom_too_large')
  })

  it('convert writes CycloneDX XML and SPDX JSON that load again', () => {
    const out = join(work, 'keycloak.spdx.json')
    expect(cli('sbom', 'convert', keycloak, '--to', 'spdx-json', '--out', out).status).toBe(0)
    const spdx = loadSbom(readFileSync(out))
    expect(spdx.ok && spdx.value.components.length).toBe(904) // the metadata component becomes a package too
    const xml = cli('sbom', 'convert', keycloak, '--to', 'cyclonedx-xml')
    expect(xml.status).toBe(0)
    const again = loadSbom(xml.stdout)
    expect(again.ok && again.value.components.length).toBe(903)
  })
})
