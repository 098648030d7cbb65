import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { OpenDatabase } from '../src/store/database.js'
import { testdataPath } from '../test/support/testdata.js'
import { e2eOutput, logIn, startE2eApp, type E2eApp } from './app.js'

const output = e2eOutput

describe('SBOMs in a real browser', () => {
  let app: E2eApp
  let database: OpenDatabase
  let browser: Browser
  let base: string

  beforeAll(async () => {
    app = await startE2eApp()
    ;({ database, browser, base } = app)
  })
  afterAll(() => app?.close())

  it('uploads an SBOM, lists and filters its components, edits an FDA field, shows the quality report and the diff', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } })
    const consoleErrors: string[] = []
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()))
    await logIn(page, base, 'analyst@acme-imaging.example')
    await page.getByRole('link', { name: 'Products' }).click()
    await page.getByRole('link', { name: 'Acme CT 5000 3.2', exact: true }).click()
    await page.getByRole('heading', { name: 'Acme CT 5000 3.2' }).waitFor()
    // The seeded SBOM is shown first.
    await expect.poll(() => page.locator('.sbom-components p.muted').textContent()).toBe('21 components')

    await page.getByLabel('Component type').selectOption('operating-system')
    await expect.poll(() => page.locator('.sbom-components p.muted').textContent()).toBe('1 of 21 components')
    await page.getByRole('cell', { name: 'Windows 10 IoT Enterprise LTSC 2019', exact: true }).waitFor()
    await page.getByLabel('Component type').selectOption('')

    // A broken file is refused with the parser's code, and nothing is stored.
    await page.getByLabel(/SBOM file/).setInputFiles({ name: 'broken.cdx.json', mimeType: 'application/json', buffer: Buffer.from('{"bomFormat":"CycloneDX","specVersion":"1.6","compo') })
    await page.getByRole('button', { name: 'Upload SBOM' }).click()
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('sbom_json_malformed')
    expect(await page.locator('table.revisions tbody tr').count()).toBe(1)

    await page.getByLabel(/SBOM file/).setInputFiles(testdataPath('cyclonedx-bom-examples/SBOM/proton-bridge/proton-bridge-v1.8.0.bom.json'))
    await page.getByRole('button', { name: 'Upload SBOM' }).click()
    await page.getByRole('status').filter({ hasText: 'as revision 2' }).waitFor()
    await page.screenshot({ path: join(output, 'sbom-uploaded.png'), fullPage: true })
    await expect.poll(() => page.locator('.sbom-components p.muted').textContent()).toBe('201 components')
    expect(await page.locator('table.revisions tbody tr').count()).toBe(2)
    // Only the visible window of rows is in the DOM.
    expect(await page.locator('.vbody [role="row"]').count()).toBeLessThan(40)

    await page.getByLabel('Search components').fill('golang.org/x')
    await expect.poll(() => page.locator('.sbom-components p.muted').textContent()).toMatch(/^\d+ of 201 components$/)
    await page.getByLabel('Search components').fill('')
    await page.getByRole('button', { name: 'Component', exact: true }).click()
    expect(await page.getByRole('table', { name: 'Components' }).getByRole('columnheader', { name: 'Component', exact: true }).getAttribute('aria-sort')).toBe('ascending')

    const firstEdit = page.getByRole('button', { name: /^Edit FDA fields of / }).first()
    const label = (await firstEdit.getAttribute('aria-label'))!.replace('Edit FDA fields of ', '')
    await firstEdit.click()
    await page.getByLabel(`Level of support of ${label}`).selectOption('actively_maintained')
    await page.getByLabel(`End-of-support date of ${label}`).fill('2030-06-30')
    await page.getByRole('button', { name: 'Save' }).click()
    await page.getByText('2030-06-30').waitFor()
    await page.getByLabel('Filter by level of support').selectOption('actively_maintained')
    await page.getByText('1 of 201 components').waitFor()
    await page.screenshot({ path: join(output, 'sbom-components.png'), fullPage: true })

    await page.getByRole('tab', { name: 'Quality report' }).click()
    await page.getByRole('img', { name: /Quality score \d+ out of 100/ }).waitFor()
    await page.getByRole('row', { name: /FDA level of support 1 of 201/ }).waitFor()
    await page.screenshot({ path: join(output, 'sbom-quality.png'), fullPage: true })

    await page.getByRole('tab', { name: 'Diff' }).click()
    await page.getByText(/added, .* removed, .* changed/).waitFor()
    await page.screenshot({ path: join(output, 'sbom-diff.png'), fullPage: true })

    await page.getByRole('tab', { name: 'Export' }).click()
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'CycloneDX 1.6 JSON' }).click()])
    expect(download.suggestedFilename()).toBe('Acme-CT-5000-3.2-r2.cdx.json')
    // The 401 is the session probe before login, the 400 the refused broken file.
    expect(consoleErrors.filter((e) => !e.includes('status of 401') && !e.includes('status of 400'))).toEqual([])
  })

  it('creates a product with a version from the products page', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 800 } })
    await logIn(page, base, 'admin@acme-imaging.example')
    await page.getByRole('link', { name: 'Products' }).click()
    await page.getByRole('button', { name: 'New product' }).click()
    const form = page.getByRole('form', { name: 'New product' })
    await form.getByLabel('Name').fill('Acme MR 7')
    await form.getByLabel('Model number').fill('AMR-7')
    await form.getByLabel('Versions (comma-separated)').fill('1.0')
    await form.getByRole('button', { name: 'Create product' }).click()
    await page.getByRole('cell', { name: 'Acme MR 7', exact: true }).waitFor()
    await page.getByLabel('New version of Acme MR 7').fill('1.1')
    await page.getByLabel('New version of Acme MR 7').press('Enter')
    await page.getByRole('link', { name: 'Acme MR 7 1.1', exact: true }).click()
    await page.getByText('No SBOM yet for this version.').waitFor()
    await page.screenshot({ path: join(output, 'products.png'), fullPage: true })
  })
})
