import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli } from '../../../test/support/cli.js'
import { testdataPath } from '../../../test/support/testdata.js'
import { openDatabase } from '../../store/database.js'

describe('medsec sbom upload (CLI, embedded database)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'medsec-sbom-upload-'))
  const data = ['--data', join(dir, 'db')]
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('stores an SBOM as the next revision, creates a product only with --create, and refuses bad input with the parser code', { timeout: 300_000 }, async () => {
    const cyclonedx = testdataPath('cyclonedx-bom-examples/SBOM/juice-shop/v11.1.2/bom.json')
    const spdx = testdataPath('spdx-examples/software/example8/spdx2.3/examplemaven-0.0.1.spdx.json')
    writeFileSync(join(dir, 'truncated.json'), '{"bomFormat":"CycloneDX","specVersion":"1.6","compo')
    expect(runCli(['seed', ...data]).status).toBe(0)

    const upload = runCli(['sbom', 'upload', cyclonedx, '--product', 'Acme CT 5000', '--version', '3.2', ...data])
    expect(upload.status, upload.stderr).toBe(0)
    // The seed stored revision 1 of every demo version; the only manufacturer is found without --org.
    expect(JSON.parse(upload.stdout)).toMatchObject({ organization: 'acme-imaging', revision: 2, components: 840, format: 'cyclonedx', createdProduct: false })

    const created = runCli(['sbom', 'upload', spdx, '--product', 'Maven Example', '--version', '0.0.1', '--org', 'acme-imaging', '--create', ...data])
    expect(created.status, created.stderr).toBe(0)
    expect(JSON.parse(created.stdout)).toMatchObject({ revision: 1, format: 'spdx', createdProduct: true, createdVersion: true })

    const refusals: [string[], string][] = [
      [['sbom', 'upload', spdx, '--product', 'No Such Product', '--version', '1'], 'product_not_found'],
      [['sbom', 'upload', spdx, '--product', 'Acme CT 5000', '--version', '9.9'], 'product_version_not_found'],
      [['sbom', 'upload', join(dir, 'truncated.json'), '--product', 'Acme CT 5000', '--version', '3.2'], 'sbom_json_malformed'],
      [['sbom', 'upload', join(dir, 'missing.json'), '--product', 'Acme CT 5000', '--version', '3.2'], 'sbom_file_unreadable'],
      [['sbom', 'upload', spdx, '--product', 'Acme CT 5000', '--version', '3.2', '--org', 'no-such-org'], 'org_not_found'],
    ]
    const wrong = refusals
      .map(([args, code]) => ({ args, code, run: runCli([...args, ...data]) }))
      .filter(({ code, run }) => run.status !== 2 || JSON.parse(run.stderr || '{}').error?.code !== code)
      .map(({ args, code, run }) => `${args.join(' ')}: exit ${run.status}, ${run.stderr.trim()} (expected ${code})`)
    expect(wrong).toEqual([])

    const database = await openDatabase({ kind: 'embedded', dataDir: join(dir, 'db') })
    try {
      const revisions = await database.db.selectFrom('sbom_revisions').select(['filename', 'revision']).orderBy('created_at').execute()
      expect(revisions.slice(3)).toEqual([
        { filename: 'bom.json', revision: 2 },
        { filename: 'examplemaven-0.0.1.spdx.json', revision: 1 },
      ])
      expect(await database.db.selectFrom('products').select('name').where('name', '=', 'No Such Product').execute()).toEqual([])
    } finally {
      await database.close()
    }
  })
})
