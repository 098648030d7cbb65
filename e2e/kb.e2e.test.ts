import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { importKb } from '../src/services/kb/import-kb.js'
import { testdataPath } from '../test/support/testdata.js'
import { e2eOutput, logIn, startE2eApp, type E2eApp } from './app.js'

const output = e2eOutput

describe('the vulnerability knowledge base in a real browser', () => {
  let app: E2eApp
  let browser: Browser
  let base: string

  beforeAll(async () => {
    app = await startE2eApp(async (db) => {
      for (const source of ['osv-dev/vulnfeeds/test_data/nvdcve-2.0', 'osv-dev/vulnfeeds/test_data/cve5/CVE-2024-3094.json', 'cisa-kev/known_exploited_vulnerabilities.json']) {
        const imported = await importKb(db, testdataPath(source))
        if (!imported.ok) throw new Error(imported.error.message)
      }
    })
    ;({ browser, base } = app)
  })
  afterAll(() => app?.close())

  it('searches a CVE from the fixtures, opens it and shows each source with KEV and CVSS', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } })
    const consoleErrors: string[] = []
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()))
    await logIn(page, base, 'analyst@acme-imaging.example')
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Vulnerabilities' }).click()
    await page.getByRole('heading', { name: 'Vulnerabilities' }).waitFor()
    await page.getByRole('status').getByText('23 vulnerabilities').waitFor()

    await page.getByLabel('Id, alias, package or CPE vendor:product').fill('CVE-2024-3094')
    await page.getByRole('button', { name: 'Search' }).click()
    await page.getByRole('status').getByText('1 vulnerability', { exact: true }).waitFor()
    await page.screenshot({ path: join(output, 'kb-search.png'), fullPage: true })

    await page.getByRole('link', { name: 'CVE-2024-3094' }).click()
    await page.getByRole('heading', { name: 'CVE-2024-3094', level: 1 }).waitFor()
    await page.getByRole('article', { name: 'NVD statement CVE-2024-3094' }).waitFor()
    await page.getByRole('article', { name: 'CVE 5 (CNA) statement CVE-2024-3094' }).waitFor()
    expect(await page.getByText('Known exploited (CISA KEV)').count()).toBe(0)
    expect(await page.getByText('vers:generic/5.6.0').count()).toBeGreaterThan(0)
    // Published scores with one decimal, as CVSS writes them (NVD's 10 is 10.0).
    expect(await page.getByRole('cell', { name: '10.0', exact: true }).count()).toBeGreaterThan(0)
    // Statements name their feed file, not the server's folders (the CVE 5 record was imported as a single file).
    await page.getByText('From CVE-2024-3094.json').waitFor()
    expect(await page.getByText('/testdata/').count()).toBe(0)
    await page.screenshot({ path: join(output, 'kb-detail.png'), fullPage: true })

    await page.goto(`${base}/vulnerabilities/CVE-2023-4863`)
    await page.getByRole('heading', { name: 'Known exploited (CISA KEV)' }).waitFor()
    await expect.poll(() => page.locator('.score-main').textContent()).toContain('8.8 High')
    await page.screenshot({ path: join(output, 'kb-detail-kev.png'), fullPage: true })
    // The only expected error is the 401 of the session probe before logging in.
    expect(consoleErrors.filter((e) => !e.includes('401'))).toEqual([])
  })
})
