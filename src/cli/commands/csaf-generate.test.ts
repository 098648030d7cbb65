import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { validateCsaf } from '../../domain/csaf/index.js'
import { openDatabase } from '../../store/database.js'
import { decideFinding } from '../../services/findings/decide.js'
import { listFindings } from '../../services/findings/list-findings.js'
import { rematchVersion } from '../../services/findings/match-product-version.js'
import { importKb } from '../../services/kb/import-kb.js'
import { systemContext } from '../../services/system-admin.js'
import { runCli, seededDataDir } from '../../../test/support/cli.js'
import { testdataPath } from '../../../test/support/testdata.js'

type Document = { document: { category: string; tracking: { id: string; status: string } }; vulnerabilities: { cve?: string; product_status: Record<string, string[]> }[] }

describe('medsec csaf generate', () => {
  let data: string
  beforeAll(async () => {
    // The seeded demo, with the NVD test feed matched against Acme CT 5000 and one decision per finding of 3.1.
    data = seededDataDir('medsec-csaf-generate-')
    const database = await openDatabase({ kind: 'embedded', dataDir: data })
    try {
      const imported = await importKb(database.db, testdataPath('osv-dev/vulnfeeds/test_data/nvdcve-1.1-test-data.json'))
      if (!imported.ok) throw new Error(imported.error.message)
      const ctx = await systemContext(database.db, 'acme-imaging')
      if (!ctx.ok) throw new Error(ctx.error.message)
      const versions = await database.db.selectFrom('product_versions as v').innerJoin('products as p', 'p.id', 'v.product_id').select(['v.id', 'v.version']).where('p.name', '=', 'Acme CT 5000').execute()
      for (const version of versions) {
        const run = await rematchVersion(database.db, ctx.value.scope, ctx.value.actor, version.id)
        if (!run.ok) throw new Error(run.error.message)
        if (version.version !== '3.1') continue
        const listed = await listFindings(ctx.value, version.id)
        if (!listed.ok) throw new Error(listed.error.message)
        expect(listed.value.findings.length).toBeGreaterThan(0)
        for (const f of listed.value.findings) {
          const decided = await decideFinding(ctx.value, f.id, 'product_version', { state: 'not_affected', justification: 'vulnerable_code_not_in_execute_path' })
          if (!decided.ok) throw new Error(decided.error.message)
        }
      }
    } finally {
      await database.close()
    }
  }, 240_000)

  it('prints a valid csaf_vex of the decided vulnerabilities of one version', () => {
    const run = runCli(['--data', data, 'csaf', 'generate', '--product', 'Acme CT 5000', '--version', '3.1', '--category', 'csaf_vex'])
    expect(run.status, run.stderr).toBe(0)
    const document = JSON.parse(run.stdout) as Document
    expect(document.document).toMatchObject({ category: 'csaf_vex', tracking: { status: 'draft' } })
    expect(document.vulnerabilities.length).toBeGreaterThan(0)
    expect(document.vulnerabilities.every((v) => JSON.stringify(v.product_status) === JSON.stringify({ known_not_affected: ['ACT-5000-3.1'] }))).toBe(true)
    expect(validateCsaf(document).errors).toEqual([])
  })

  it('writes a file and saves the draft with --out --save; the VEX export states the same', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'medsec-csaf-generate-out-')), 'advisory.json')
    const run = runCli(['--data', data, 'csaf', 'generate', '--product', 'Acme CT 5000', '--all', '--tlp', 'AMBER', '--out', out, '--save'])
    expect(run.status, run.stderr).toBe(0)
    const line = JSON.parse(run.stdout.trim().split('\n').pop()!) as { file: string; trackingId: string; valid: boolean }
    expect(line).toMatchObject({ file: out, valid: true })
    const saved = JSON.parse(readFileSync(out, 'utf8')) as Document & { document: { distribution: { tlp: { label: string } } } }
    expect(saved.document.distribution.tlp.label).toBe('AMBER')
    expect(saved.document.tracking.id).toBe(line.trackingId)
    const exported = runCli(['--data', data, 'vex', 'export', '--product', 'Acme CT 5000', '--version', '3.1', '--format', 'csaf'])
    expect(exported.status, exported.stderr).toBe(0)
    const vex = JSON.parse(exported.stdout) as Document
    expect(vex.document).toMatchObject({ category: 'csaf_vex', tracking: { status: 'final' } })
    expect(validateCsaf(vex).errors).toEqual([])
    const statusOf = (d: Document) => Object.fromEntries(d.vulnerabilities.map((v) => [v.cve, v.product_status['known_not_affected']?.includes('ACT-5000-3.1') ?? false]))
    expect(Object.values(statusOf(vex)).every(Boolean)).toBe(true)
  })

  it('answers not_found with exit 2 for an unknown product or version', () => {
    const product = runCli(['--data', data, 'csaf', 'generate', '--product', 'No Such Scanner'])
    expect(product.status).toBe(2)
    expect(JSON.parse(product.stderr.trim().split('\n').pop()!)).toMatchObject({ error: { code: 'not_found' } })
    const version = runCli(['--data', data, 'csaf', 'generate', '--product', 'Acme CT 5000', '--version', '9.9'])
    expect(version.status).toBe(2)
  })
})
