import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { importKb } from '../src/services/kb/import-kb.js'
import { startJobRunner, type JobRunner } from '../src/services/jobs/job-runner.js'
import { testdataPath } from '../test/support/testdata.js'
import { e2eOutput, logIn, startE2eApp, type E2eApp } from './app.js'

describe('background matching jobs on the knowledge-base page', () => {
  let app: E2eApp
  let runner: JobRunner | undefined

  beforeAll(async () => {
    app = await startE2eApp(async (db) => {
      const imported = await importKb(db, testdataPath('osv-dev/vulnfeeds/test_data/nvdcve-2.0'))
      if (!imported.ok) throw new Error(imported.error.message)
      // The harness does not start jobs under vitest; this test starts them itself.
      runner = await startJobRunner(db, { checkIntervalMs: 0, pollingIntervalSeconds: 0.5 })
    })
    expect(await runner!.idle(120_000)).toBe(true)
    const more = await importKb(app.database.db, testdataPath('dependency-track-fixtures/vuln-data-source/osv/src/test/resources/osv-GHSA-77rv-6vfw-x4gc.json'))
    expect(more.ok).toBe(true)
    await runner!.check()
    expect(await runner!.idle(60_000)).toBe(true)
  }, 240_000)
  afterAll(async () => {
    await runner?.stop()
    await app?.close()
  })

  it('shows admins the recent jobs with state and counts, and analysts no panel', async () => {
    const page = await app.browser.newPage({ viewport: { width: 1366, height: 900 } })
    const consoleErrors: string[] = []
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()))
    await logIn(page, app.base, 'admin@acme-imaging.example')
    await page.goto(`${app.base}/vulnerabilities`)
    const panel = page.getByRole('region', { name: 'Background matching' })
    await panel.waitFor()
    const table = panel.getByRole('table', { name: 'Recent background jobs' })
    await table.waitFor()
    const rows = await table.getByRole('row').allInnerTexts()
    expect(rows.some((r) => r.includes('Re-match KB changes') && r.includes('KB import') && r.includes('completed') && r.includes('1 statements'))).toBe(true)
    expect(rows.some((r) => r.includes('first index') && r.includes('completed'))).toBe(true)
    await page.screenshot({ path: join(e2eOutput, 'jobs-panel.png'), fullPage: true })
    // The session check before logging in answers 401; nothing else may fail.
    expect(consoleErrors.filter((e) => !e.includes('401'))).toEqual([])

    const analyst = await app.browser.newPage({ viewport: { width: 1366, height: 900 } })
    await logIn(analyst, app.base, 'analyst@acme-imaging.example')
    await analyst.goto(`${app.base}/vulnerabilities`)
    await analyst.getByRole('heading', { name: 'Vulnerabilities' }).waitFor()
    expect(await analyst.getByRole('region', { name: 'Background matching' }).count()).toBe(0)
  }, 120_000)
})
