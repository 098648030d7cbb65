import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { projectRoot, testdataPath } from '../../../test/support/testdata.js'

function medsec(...args: string[]) {
  const run = spawnSync(process.execPath, [join(projectRoot, 'bin/medsec.js'), ...args], { encoding: 'utf8', timeout: 60_000 })
  return { status: run.status, stdout: run.stdout, stderr: run.stderr }
}

const validExample = testdataPath('csaf-oasis/csaf_2.0/examples/csaf/csaf_vex/2022-evd-uc-01-a-001.json')
const invalidCase = testdataPath('csaf-oasis/csaf_2.0/test/validator/data/mandatory/oasis_csaf_tc-csaf_2_0-2021-6-1-01-01.json')

describe('medsec csaf validate / vex convert', () => {
  it('prints one JSON line per file and exits 1 when one is invalid', () => {
    const run = medsec('csaf', 'validate', validExample, invalidCase, '--json')
    expect(run.status).toBe(1)
    const lines = run.stdout.trim().split('\n').map((l) => JSON.parse(l))
    expect(lines.map((l) => [l.file, l.valid])).toEqual([[validExample, true], [invalidCase, false]])
    expect(lines[1].errors[0]).toEqual({ test: '6.1.1', path: expect.stringMatching(/^\//), message: expect.any(String) })
    expect(Object.keys(lines[0])).toEqual(['file', 'valid', 'errors', 'warnings', 'infos'])
  }, 120_000)

  it('exits 0 when every file is valid and 2 when a file is not JSON', () => {
    expect(medsec('csaf', 'validate', validExample, '--json').status).toBe(0)
    const dir = mkdtempSync(join(tmpdir(), 'medsec-csaf-'))
    const broken = join(dir, 'broken.json')
    writeFileSync(broken, '{ not json')
    const run = medsec('csaf', 'validate', broken, invalidCase, '--json')
    expect(run.status).toBe(2)
    expect(JSON.parse(run.stdout.split('\n')[0] as string)).toMatchObject({ file: broken, valid: false, errors: [{ test: 'json_invalid' }] })
    expect(medsec('csaf', 'validate', validExample).stdout).toContain('valid')
  }, 120_000)

  it('converts CycloneDX VEX to CSAF VEX that the validator accepts', () => {
    const dir = mkdtempSync(join(tmpdir(), 'medsec-vex-'))
    const out = join(dir, 'out.json')
    const run = medsec('vex', 'convert', testdataPath('cyclonedx-bom-examples/VEX/Use-Cases/Case-4/vex.json'), '--to', 'csaf', '--out', out)
    expect(run.status).toBe(0)
    expect(JSON.parse(readFileSync(out, 'utf8')).document.category).toBe('csaf_vex')
    const check = medsec('csaf', 'validate', out, '--json', '--level', 'basic')
    expect(check.stdout).toContain('"valid":true')
  }, 120_000)
})
