import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli } from '../../../test/support/cli.js'

describe('medsec fleet plan / risk', () => {
  const dir = mkdtempSync(join(tmpdir(), 'medsec-fleet-plan-cli-'))
  const data = join(dir, 'data')
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('exports the capital plan with replacement costs and prints one risk line per device', () => {
    const csv = join(dir, 'assets.csv')
    writeFileSync(
      csv,
      'Asset Tag,Manufacturer,Model,Modality,IP Address,Criticality,Expected EOL,Replacement Cost\n' +
        'A-1,GE Healthcare,Revolution CT,CT,10.0.0.1,critical,2027-06-30,"1,200,000"\n' +
        'A-2,Philips,EPIQ 7,US,,low,2029-01-31,\n' +
        'A-3,Philips,EPIQ 7,US,,low,,\n',
    )
    const imported = runCli(['--data', data, 'fleet', 'import', csv])
    expect(imported.status, imported.stderr).toBe(0)
    expect(JSON.parse(imported.stdout)).toMatchObject({ created: 3, rejected: [] })

    const out = join(dir, 'plan.csv')
    const plan = runCli(['--data', data, 'fleet', 'plan', '--format', 'csv', '--out', out])
    expect(plan.status, plan.stderr).toBe(0)
    expect(JSON.parse(plan.stdout)).toMatchObject({ file: out, format: 'csv', tlp: 'TLP:AMBER+STRICT' })
    const rows = readFileSync(out, 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n')
    expect(rows.slice(1).map((r) => r.split(',').slice(0, 5).join(','))).toEqual(['2027,replace,2027-06-30,no,A-1', '2029,replace,2029-01-31,no,A-2'])
    expect(rows[1]).toContain(',1200000,')

    const risk = runCli(['--data', data, 'fleet', 'risk'])
    expect(risk.status, risk.stderr).toBe(0)
    const lines = risk.stdout.trim().split('\n').map((l) => JSON.parse(l) as { device: { assetTag: string }; score: number; breakdown: { formula: string } })
    expect(lines.map((l) => l.device.assetTag).sort()).toEqual(['A-1', 'A-2', 'A-3'])
    expect(lines.every((l) => l.score === 0 && l.breakdown.formula.endsWith('= 0'))).toBe(true)
  }, 180_000)
})
