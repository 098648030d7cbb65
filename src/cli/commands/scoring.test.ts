import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { projectRoot } from '../../../test/support/testdata.js'

const medsec = (args: string[], input?: string) => {
  const run = spawnSync(process.execPath, [join(projectRoot, 'bin/medsec.js'), ...args], { cwd: projectRoot, input, encoding: 'utf8', timeout: 60_000 })
  return { status: run.status, stdout: run.stdout, stderr: run.stderr }
}

describe('medsec cvss / risk CLI', () => {
  it('cvss score prints the bare score object, and errors on stderr with exit 2', () => {
    const good = medsec(['cvss', 'score', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:P'])
    expect(good.status).toBe(0)
    expect(JSON.parse(good.stdout)).toEqual({
      version: '3.1', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:P', baseScore: 9.8, baseSeverity: 'Critical', temporalScore: 9.3, score: 9.3, severity: 'Critical',
    })
    const bad = medsec(['cvss', 'score', 'CVSS:3.1/AV:Q/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H'])
    expect(bad.status).toBe(2)
    expect(bad.stdout).toBe('')
    expect(JSON.parse(bad.stderr).error.code).toBe('cvss_invalid_value')
  })

  it('cvss score --stdin answers one JSON line per input line, in order', () => {
    const run = medsec(['cvss', 'score', '--stdin'], '["AV:N/AC:L/Au:N/C:P/I:P/A:P"]\n["CVSS:4.0/AV:N"]\n["CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N"]\n')
    expect(run.status).toBe(0)
    const lines = run.stdout.trim().split('\n').map((l) => JSON.parse(l))
    expect(lines).toHaveLength(3)
    expect(lines[0].result).toMatchObject({ version: '2.0', baseScore: 7.5, severity: 'High' })
    expect(lines[1].error.code).toBe('cvss_missing_metric')
    expect(lines[2].result).toMatchObject({ version: '4.0', score: 9.3, severity: 'Critical' })
  })

  it('risk fda gives the determination with due dates; risk matrix gives the SP 800-30 level', () => {
    const fda = medsec(['risk', 'fda', '--exploitability', 'high', '--harm', 'critical', '--date', '2025-01-15'])
    expect(fda.status).toBe(0)
    const determination = JSON.parse(fda.stdout)
    expect(determination.risk).toBe('uncontrolled')
    expect(determination.obligations.find((o: { id: string }) => o.id === 'fix_distributed').dueDate).toBe('2025-03-16')
    const matrix = medsec(['risk', 'matrix', '--likelihood', 'very-high', '--impact', 'high'])
    expect(JSON.parse(matrix.stdout).risk).toBe('high')
    const bad = medsec(['risk', 'fda', '--exploitability', 'high', '--harm', 'lethal'])
    expect(bad.status).toBe(2)
    expect(JSON.parse(bad.stderr).error.code).toBe('fda_invalid_harm')
  })

  it('cvss rubric --answers reads a JSON file of answers', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'medsec-rubric-')), 'answers.json')
    writeFileSync(file, JSON.stringify({ XAVN: 'no', XAVP: 'yes', XACL: 'yes', XPRL: 'no', XUI: 'no', XS: 'no', XCP: 'no', XCD: 'no', XCT: 'no', XCW: 'no', XCS: 'no', XCO: 'no', XIT: 'yes', XAT: 'yes' }))
    const run = medsec(['cvss', 'rubric', '--answers', file])
    expect(run.status).toBe(0)
    const result = JSON.parse(run.stdout)
    expect(result).toMatchObject({ complete: true, vector: 'CVSS:3.1/AV:P/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:H' })
    expect(result.rationale).toHaveLength(8)
  })
})
