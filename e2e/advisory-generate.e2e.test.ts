import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AdvisoryContent } from '../src/domain/csaf/advisory-content.js'
import { decideFinding } from '../src/services/findings/decide.js'
import { listFindings } from '../src/services/findings/list-findings.js'
import { rematchVersion } from '../src/services/findings/match-product-version.js'
import { importKb } from '../src/services/kb/import-kb.js'
import { systemContext } from '../src/services/system-admin.js'
import { testdataPath } from '../test/support/testdata.js'
import { e2eOutput, logIn, startE2eApp, type E2eApp } from './app.js'

describe('advisory generated from findings in a real browser', () => {
  let app: E2eApp

  beforeAll(async () => {
    // The NVD test feed matches the demo's Acme CT 5000 3.1 SBOM; every finding there is decided as exploitable.
    app = await startE2eApp(async (db) => {
      const imported = await importKb(db, testdataPath('osv-dev/vulnfeeds/test_data/nvdcve-1.1-test-data.json'))
      if (!imported.ok) throw new Error(imported.error.message)
      const ctx = await systemContext(db, 'acme-imaging')
      if (!ctx.ok) throw new Error(ctx.error.message)
      const version = await db.selectFrom('product_versions as v').innerJoin('products as p', 'p.id', 'v.product_id').select('v.id').where('p.name', '=', 'Acme CT 5000').where('v.version', '=', '3.1').executeTakeFirstOrThrow()
      const run = await rematchVersion(db, ctx.value.scope, ctx.value.actor, version.id)
      if (!run.ok) throw new Error(run.error.message)
      const listed = await listFindings(ctx.value, version.id)
      if (!listed.ok || listed.value.findings.length === 0) throw new Error('the demo SBOM of Acme CT 5000 3.1 matched nothing')
      for (const f of listed.value.findings) {
        const decided = await decideFinding(ctx.value, f.id, 'product_version', { state: 'exploitable', responses: ['update'], detail: 'Update to Acme CT 5000 3.2.' })
        if (!decided.ok) throw new Error(decided.error.message)
      }
    })
  }, 300_000)
  afterAll(() => app?.close())

  it('generates a VEX draft for Acme CT 5000, edits lists of remediations and scores, and saves without losing fields', async () => {
    const page = await app.browser.newPage({ viewport: { width: 1366, height: 900 } })
    await logIn(page, app.base, 'analyst@acme-imaging.example')
    // Listening after the log-in: the session probe before it answers 401 by design.
    const consoleErrors: string[] = []
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()))
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Advisories' }).click()
    await page.getByRole('button', { name: 'Generate from findings' }).click()
    const form = page.getByRole('form', { name: 'Generate from findings' })
    await form.getByLabel('Product').selectOption({ label: 'Acme CT 5000' })
    await form.getByLabel('Category').selectOption('csaf_vex')
    await form.getByLabel('TLP').selectOption('GREEN')
    await page.screenshot({ path: join(e2eOutput, 'advisory-generate-form.png'), fullPage: true })
    await form.getByRole('button', { name: 'Generate draft' }).click()

    // The editor opens on the generated draft, valid at once.
    await expect.poll(() => page.getByRole('status').first().textContent(), { timeout: 20_000 }).toContain('Valid CSAF 2.0')
    const advisoryId = new URL(page.url()).pathname.split('/')[2]!
    const first = page.getByRole('group', { name: 'Vulnerability 1' })
    await expect.poll(() => first.getByLabel('Remediation 1 category').inputValue()).toBe('vendor_fix')
    expect(await first.getByLabel('Remediation 1 details').inputValue()).toBe('Update to Acme CT 5000 3.2.')

    // A second remediation with a URL, and a second score; then the second score is removed again.
    await first.getByRole('button', { name: 'Add remediation' }).click()
    await first.getByLabel('Remediation 2 category').selectOption('workaround')
    await first.getByLabel('Remediation 2 details').fill('Block the service console port at the modality firewall.')
    await first.getByLabel('Remediation 2 URL').fill('https://acme-imaging.example/kb/console-port')
    await first.getByRole('button', { name: 'Add score' }).click()
    const scores = await first.getByRole('group', { name: /^Score / }).count()
    await first.getByLabel(`CVSS vector ${scores}`).fill('AV:N/AC:L/Au:N/C:P/I:P/A:P')
    await first.getByRole('button', { name: `Remove score ${scores}` }).click()
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Valid CSAF 2.0')
    await page.screenshot({ path: join(e2eOutput, 'advisory-generate-editor.png'), fullPage: true })
    await page.getByRole('button', { name: 'Save' }).click()
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Saved')

    const row = await app.database.db.selectFrom('advisories').select(['content', 'category', 'tlp', 'status']).where('id', '=', advisoryId).executeTakeFirstOrThrow()
    expect(row).toMatchObject({ category: 'csaf_vex', tlp: 'GREEN', status: 'draft' })
    const saved = (row.content as AdvisoryContent).vulnerabilities[0]!
    expect(saved.remediations?.map((r) => [r.category, r.url ?? null])).toEqual([
      ['vendor_fix', null],
      ['workaround', 'https://acme-imaging.example/kb/console-port'],
    ])
    expect(saved.remediations?.[1]?.productIds).toEqual(['ACT-5000-3.1'])
    expect(saved.scores).toHaveLength(scores - 1)
    // Fields the form does not show survive the round trip: the assessment note and the ids or references.
    expect(saved.notes.map((n) => n.category)).toContain('details')
    expect(saved.references?.length).toBeGreaterThan(0)
    expect(consoleErrors).toEqual([])
  }, 120_000)
})
