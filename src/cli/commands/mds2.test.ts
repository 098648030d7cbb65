import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { projectRoot } from '../../../test/support/testdata.js'
import type { Mds2Document } from '../../domain/mds2/index.js'
import { defaultProfile, sampleDocument, withAnswer } from '../../domain/mds2/index.js'

const dir = mkdtempSync(join(tmpdir(), 'medsec-mds2-cli-'))
const bin = resolve(projectRoot, 'bin/medsec.js')

function medsec(...args: string[]) {
  const run = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', cwd: dir, timeout: 60_000 })
  return { code: run.status, stdout: run.stdout, stderr: run.stderr }
}

/** The sample with every default-profile requirement answered acceptably. */
function passingDocument(): Mds2Document {
  let doc = sampleDocument('Good Vendor')
  for (const r of defaultProfile.requirements) doc = withAnswer(doc, r.questionId, { answer: r.acceptable[0] ?? 'Yes', note: '' })
  return doc
}

describe('medsec mds2 (CLI)', { timeout: 120_000 }, () => {
  it('exports JSON to XLSX and imports it back as {header, answers, unmapped}', () => {
    writeFileSync(join(dir, 'doc.json'), JSON.stringify(sampleDocument()))
    const exported = medsec('mds2', 'export', 'doc.json', '--format', 'xlsx', '--out', 'doc.xlsx')
    expect(exported.code, exported.stderr).toBe(0)
    const imported = medsec('mds2', 'import', 'doc.xlsx')
    expect(imported.code, imported.stderr).toBe(0)
    const output = JSON.parse(imported.stdout) as { header: unknown; answers: Record<string, unknown>; unmapped: unknown[] }
    expect(Object.keys(output)).toEqual(['header', 'answers', 'unmapped'])
    expect({ header: output.header, answers: output.answers }).toEqual(sampleDocument())
    expect(output.unmapped).toEqual([])
    expect(readFileSync(join(dir, 'doc.xlsx')).subarray(0, 2).toString()).toBe('PK')
  })

  it('compares two documents', () => {
    writeFileSync(join(dir, 'a.json'), JSON.stringify(sampleDocument()))
    writeFileSync(join(dir, 'b.json'), JSON.stringify(withAnswer(sampleDocument(), 'RMOT-3', { answer: 'No', note: 'changed' })))
    const compared = medsec('mds2', 'compare', 'a.json', 'b.json')
    expect(compared.code, compared.stderr).toBe(0)
    expect((JSON.parse(compared.stdout) as { changes: unknown[] }).changes.length).toBeGreaterThan(0)
  })

  it('check exits 0 when every mandatory requirement is met and 1 when one is unmet', () => {
    writeFileSync(join(dir, 'good.json'), JSON.stringify(passingDocument()))
    writeFileSync(join(dir, 'bad.json'), JSON.stringify(withAnswer(passingDocument(), 'PAUT-1', { answer: 'No', note: '' })))
    const good = medsec('mds2', 'check', 'good.json', '--profile', 'default')
    expect(good.code, good.stderr).toBe(0)
    expect(JSON.parse(good.stdout)).toMatchObject({ passes: true, vendors: [{ score: 100 }] })
    writeFileSync(join(dir, 'profile.json'), JSON.stringify(defaultProfile))
    const bad = medsec('mds2', 'check', 'bad.json', '--profile', 'profile.json', '--out', 'report.xlsx')
    expect(bad.code, bad.stderr).toBe(1)
    expect(JSON.parse(bad.stdout)).toMatchObject({ passes: false, vendors: [{ mandatoryUnmet: ['unique-user-accounts'] }] })
    expect(readFileSync(join(dir, 'report.xlsx')).subarray(0, 2).toString()).toBe('PK')
  })

  it('reports a bad file as {"error"} with exit code 2', () => {
    writeFileSync(join(dir, 'fake.xlsx'), 'not a workbook')
    const result = medsec('mds2', 'import', 'fake.xlsx')
    expect(result.code).toBe(2)
    expect(JSON.parse(result.stderr)).toMatchObject({ error: { code: 'xlsx_not_zip' } })
  })
})
