import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli } from '../../../test/support/cli.js'

describe('medsec fleet import / export', () => {
  const dir = mkdtempSync(join(tmpdir(), 'medsec-fleet-cli-'))
  const data = join(dir, 'data')
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('creates a hospital on an empty instance, imports without a mapping file, is idempotent, and exports', () => {
    const csv = join(dir, 'assets.csv')
    writeFileSync(csv, 'Asset Tag,Serial Number,Manufacturer,Model,Software Version,Modality,IP Address,AE Title,Location,Install Date\nA-1,S-1,GE Healthcare,Revolution CT,19.1,CT,10.0.0.1,CT1,CT Room,2020-01-01\nA-2,S-2,Philips,EPIQ 7,9.0.3,Echo,10.0.0.2,US2,Echo Lab,2021-02-30\n')
    const first = runCli(['--data', data, 'fleet', 'import', csv])
    expect(first.status, first.stderr).toBe(0)
    expect(JSON.parse(first.stdout)).toEqual({
      created: 1,
      updated: 0,
      unchanged: 0,
      rejected: [{ row: 3, reason: 'Modality: "Echo" is not a DICOM modality code (CT, MR, CR, DX, MG, US, NM, PT, XA, RF, OT, …); Install Date: "2021-02-30" is not a date; write YYYY-MM-DD' }],
    })
    const again = runCli(['--data', data, 'fleet', 'import', csv])
    expect(JSON.parse(again.stdout)).toMatchObject({ created: 0, updated: 0, unchanged: 1 })
    const exported = runCli(['--data', data, 'fleet', 'export', '--format', 'csv'])
    expect(exported.status, exported.stderr).toBe(0)
    expect(exported.stdout).toContain('A-1,S-1,GE Healthcare,Revolution CT')
    const missing = runCli(['--data', data, 'fleet', 'import', join(dir, 'nope.csv')])
    expect(missing.status).toBe(2)
    expect(JSON.parse(missing.stderr).error.code).toBe('file_unreadable')
  }, 120_000)

  it('names a broken mapping file as mapping_unreadable, apart from the inventory file', () => {
    const csv = join(dir, 'mapped.csv')
    writeFileSync(csv, 'Tag,Serial\nA-9,S-9\n')
    const mapping = join(dir, 'broken-mapping.json')
    writeFileSync(mapping, '{"Tag": "assetTag",')
    const run = runCli(['--data', join(dir, 'unused'), 'fleet', 'import', csv, '--mapping', mapping])
    expect(run.status).toBe(2)
    expect(JSON.parse(run.stderr).error).toEqual({ code: 'mapping_unreadable', message: expect.stringContaining('broken-mapping.json') })
  }, 60_000)
})
