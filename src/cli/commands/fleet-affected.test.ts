import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli, seededDataDir } from '../../../test/support/cli.js'
import { projectRoot } from '../../../test/support/testdata.js'

const testdata = join(projectRoot, 'src', 'services', 'affected', 'testdata')

function lines(stdout: string): Record<string, unknown>[] {
  return stdout.split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as Record<string, unknown>)
}

describe('medsec fleet affected', () => {
  it('prints one JSON line per (device, vulnerability) after `kb import csaf` and `fleet import`', () => {
    const data = seededDataDir()
    const kb = runCli(['--data', data, 'kb', 'import', 'csaf', join(testdata, 'csaf')])
    expect(kb.status, kb.stderr).toBe(0)
    const fleet = runCli(['--data', data, 'fleet', 'import', join(testdata, 'devices.csv')])
    expect(fleet.status, fleet.stderr).toBe(0)
    expect(JSON.parse(fleet.stdout)).toMatchObject({ created: 20, rejected: [] })

    const run = runCli(['--data', data, 'fleet', 'affected', '--advisory', 'ICSMA-26-064-01'])
    expect(run.status, run.stderr).toBe(0)
    // A mistyped tracking id is an error, not an empty (reassuring) answer.
    const mistyped = runCli(['--data', data, 'fleet', 'affected', '--advisory', 'ICSMA-26-064-10'])
    expect(mistyped.status).toBe(2)
    expect(mistyped.stdout).toBe('')
    expect(JSON.parse(mistyped.stderr.trim()).error.code).toBe('not_found')
    const out = lines(run.stdout)
    expect(out.map((l) => [(l.device as { assetTag: string }).assetTag, l.status])).toEqual([
      ['HX-001', 'known_affected'],
      ['HX-002', 'known_affected'],
      ['HX-006', 'known_affected'],
      ['HX-020', 'under_investigation'],
      ['HX-003', 'fixed'],
    ])
    expect(out[0]).toEqual({
      device: { assetTag: 'HX-001', serialNumber: 'GE-RCT-1001', manufacturer: 'General Electric (GE)', model: 'REVOLUTION-CT', softwareVersion: '3.50' },
      advisory: 'ICSMA-26-064-01',
      vulnerability: 'CVE-2026-10001',
      status: 'known_affected',
      source: 'csaf_advisory',
      confidence: 1,
      matchedOn: ['vendor', 'product_name', 'version_range'],
    })

    const demo = runCli(['--data', data, 'fleet', 'affected', '--advisory', 'ACME-SA-2026-001', '--explain'])
    expect(demo.status, demo.stderr).toBe(0)
    const demoLines = lines(demo.stdout)
    expect(demoLines.map((l) => [(l.device as { serialNumber: string }).serialNumber, l.status])).toEqual([
      ['CT5-2023-0117', 'known_affected'],
      ['CT5-2023-0342', 'known_affected'],
      ['AC734137', 'fixed'],
      ['AC734174', 'fixed'],
    ])
    expect(demoLines[0]?.reasons).toEqual(expect.arrayContaining([expect.stringMatching(/serial number CT5-2023-0117 fits CT5-2023-\*/)]))

    const bad = runCli(['--data', data, 'fleet', 'affected', '--min-confidence', '2'])
    expect(bad.status).toBe(2)
    expect(JSON.parse(bad.stderr).error.code).toBe('validation_failed')
  }, 400_000)
})
