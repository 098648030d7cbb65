import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli } from '../../../test/support/cli.js'
import { sampleDocument } from '../../domain/mds2/index.js'
import { writeMds2 } from '../../services/mds2-files/index.js'
import { openDatabase } from '../../store/database.js'

describe('medsec mds2 upload (CLI, embedded database)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'medsec-mds2-upload-'))
  const data = ['--data', join(dir, 'db')]
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it("stores a hospital upload, a manufacturer revision, and refuses bad input with the reader's code", { timeout: 300_000 }, async () => {
    const written = await writeMds2(sampleDocument('Northwind Medical'), 'xlsx')
    if (!written.ok) throw new Error(written.error.message)
    const file = join(dir, 'northwind.xlsx')
    writeFileSync(file, written.value)
    writeFileSync(join(dir, 'not-mds2.json'), '{"hello":"world"}')
    expect(runCli(['seed', ...data]).status).toBe(0)

    const upload = runCli(['mds2', 'upload', file, '--org', 'st-example-hospital', '--model', 'MagnaScan 3T', '--tlp', 'amber+strict', ...data])
    expect(upload.status, upload.stderr).toBe(0)
    expect(JSON.parse(upload.stdout).upload).toMatchObject({ filename: 'northwind.xlsx', vendorName: 'Northwind Medical', modelName: 'MagnaScan 3T', tlp: 'AMBER+STRICT', unmapped: [], uploadedByLabel: 'system' })

    const revision = runCli(['mds2', 'upload', file, '--org', 'acme-imaging', '--product', 'Acme PACS Viewer', '--version', '7.4', '--note', 'from the vendor file', ...data])
    expect(revision.status, revision.stderr).toBe(0)
    expect(JSON.parse(revision.stdout)).toMatchObject({ revision: { revision: 1, note: 'from the vendor file', productVersion: { productName: 'Acme PACS Viewer', version: '7.4' }, completeness: { percent: 100 } }, unmapped: [] })

    const refusals: [string[], string][] = [
      [['mds2', 'upload', join(dir, 'not-mds2.json'), '--org', 'st-example-hospital'], 'mds2_json_schema'],
      [['mds2', 'upload', join(dir, 'missing.xlsx'), '--org', 'st-example-hospital'], 'file_unreadable'],
      [['mds2', 'upload', file, '--org', 'no-such-org'], 'not_found'],
      [['mds2', 'upload', file, '--org', 'acme-imaging', '--product', 'Acme PACS Viewer', '--version', '9.9'], 'not_found'],
      [['mds2', 'upload', file, '--org', 'acme-imaging', '--product', 'Acme PACS Viewer'], 'validation_failed'],
      [['mds2', 'upload', file, '--org', 'st-example-hospital', '--tlp', 'PURPLE'], 'validation_failed'],
    ]
    const wrong = refusals
      .map(([args, code]) => ({ args, code, run: runCli([...args, ...data]) }))
      .filter(({ code, run }) => run.status !== 2 || JSON.parse(run.stderr || '{}').error?.code !== code)
      .map(({ args, code, run }) => `${args.join(' ')}: exit ${run.status}, ${run.stderr.trim()} (expected ${code})`)
    expect(wrong).toEqual([])

    const database = await openDatabase({ kind: 'embedded', dataDir: join(dir, 'db') })
    try {
      const uploads = await database.db.selectFrom('mds2_uploads').select(['filename', 'size_bytes']).execute()
      expect(uploads).toEqual([{ filename: 'northwind.xlsx', size_bytes: written.value.length }])
      const audit = await database.db.selectFrom('audit_log').select('action').where('action', 'like', 'mds2.%').orderBy('seq').execute()
      // The seed saved Acme CT 5000 3.1 and 3.2; the CLI added one upload and one revision.
      expect(audit.map((a) => a.action)).toEqual(['mds2.revision_create', 'mds2.revision_create', 'mds2.upload_create', 'mds2.revision_create'])
    } finally {
      await database.close()
    }
  })
})
