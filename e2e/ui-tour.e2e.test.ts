import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { e2eOutput, logIn, startE2eApp, type E2eApp } from './app.js'

const output = e2eOutput

/** Defects a tour of every page at 1366x768 found in the seeded demo, with an empty knowledge base. */
describe('a tour of the demo at 1366x768', () => {
  let app: E2eApp
  let browser: Browser
  let base: string

  beforeAll(async () => {
    app = await startE2eApp()
    ;({ browser, base } = app)
  })
  afterAll(() => app?.close())

  const open = async (email: string): Promise<{ page: Page; consoleErrors: string[] }> => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } })
    const consoleErrors: string[] = []
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()))
    await logIn(page, base, email)
    return { page, consoleErrors }
  }
  const sections = (page: Page) => page.getByRole('navigation', { name: 'Sections' })

  it('shows the manufacturer readable counts and empty states on the knowledge base, findings and tokens', async () => {
    const { page, consoleErrors } = await open('admin@acme-imaging.example')
    await sections(page).getByRole('link', { name: 'Vulnerabilities' }).click()
    const counts = page.getByLabel('Knowledge base counts')
    await expect.poll(() => counts.textContent()).toBe('0 vulnerabilities · 0 KEV · 0 EPSS')
    await page.getByText('The knowledge base is empty').waitFor()
    await page.screenshot({ path: join(output, 'tour-kb-empty.png'), fullPage: true })

    await sections(page).getByRole('link', { name: 'Products' }).click()
    await page.getByRole('link', { name: 'Acme CT 5000 3.1', exact: true }).click()
    await page.getByRole('heading', { name: 'Acme CT 5000 3.1' }).waitFor()
    await page.goto(`${page.url()}/findings`)
    await page.getByRole('button', { name: 'Re-match now' }).click()
    // The SBOM is there and was matched: asking to upload one would be wrong.
    await page.getByText('No findings: no knowledge-base vulnerability matches the components of this SBOM.').waitFor()
    expect(await page.getByText('Upload an SBOM').count()).toBe(0)

    await sections(page).getByRole('link', { name: 'Dashboard' }).click()
    await page.getByRole('link', { name: 'API tokens' }).click()
    await page.getByRole('cell', { name: 'No API tokens yet.' }).waitFor()
    expect(consoleErrors.filter((e) => !e.includes('401'))).toEqual([])
  })

  it("keeps the hospital's fleet export links together, names what the affected serials column holds and spaces shared versions", async () => {
    const { page, consoleErrors } = await open('admin@st-example.example')
    await sections(page).getByRole('link', { name: 'Fleet' }).click()
    await page.getByText('25 of 25 devices').waitFor()
    const exports = page.getByRole('group', { name: 'Export' })
    const tops = await Promise.all(['Export:', 'CSV', 'XLSX', 'FHIR'].map(async (text) => (await exports.getByText(text, { exact: true }).boundingBox())!.y))
    expect(new Set(tops).size).toBe(1)
    await page.screenshot({ path: join(output, 'tour-fleet-header.png') })

    await page.getByRole('button', { name: 'Affected devices' }).click()
    // The column lists the serials under investigation too, not only the affected ones.
    await page.getByRole('columnheader', { name: 'Serial numbers (affected or under investigation)' }).waitFor()

    await sections(page).getByRole('link', { name: 'Shared with us' }).click()
    const first = (await page.getByRole('button', { name: 'Artifacts of Acme CT 5000 3.1' }).boundingBox())!
    const second = (await page.getByRole('button', { name: 'Artifacts of Acme CT 5000 3.2' }).boundingBox())!
    // Version buttons side by side need a gap, or they read as one button.
    expect(second.x - (first.x + first.width)).toBeGreaterThan(2)
    expect(consoleErrors.filter((e) => !e.includes('401'))).toEqual([])
  })

  it('serves the public report form to an anonymous reporter without a session probe or console error', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } })
    const consoleErrors: string[] = []
    const sessionProbes: string[] = []
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()))
    page.on('request', (r) => r.url().endsWith('/api/auth/session') && sessionProbes.push(r.url()))
    await page.goto(`${base}/report/acme-imaging`)
    await page.getByRole('heading', { name: 'Report a vulnerability to Acme Imaging' }).waitFor()
    await page.getByLabel('Product', { exact: true }).locator('option', { hasText: 'Acme CT 5000' }).waitFor({ state: 'attached' })
    expect(sessionProbes).toEqual([])
    expect(consoleErrors).toEqual([])

    await page.getByLabel('Title').fill('Service console accepts any AE title')
    await page.getByLabel('Description (steps to reproduce, impact)').fill('C-STORE from any AE title is accepted.')
    await page.getByRole('button', { name: 'Send report' }).click()
    await page.getByRole('heading', { name: /Report received/ }).waitFor()
    expect(consoleErrors).toEqual([])
  })

  it('brings the refusal of a case action far down the page into view', async () => {
    const { page } = await open('admin@acme-imaging.example')
    await sections(page).getByRole('link', { name: 'Disclosure' }).click()
    await page.getByRole('link', { name: /CVD-\d{4}-0001/ }).click()
    // Without a CVSS vector the exploitability cannot be derived: the server refuses, and the user must see why.
    await page.getByRole('button', { name: 'Determine' }).click()
    const alert = page.getByRole('alert')
    await alert.filter({ hasText: 'assess CVSS first' }).waitFor()
    await expect.poll(() => alert.evaluate((el) => { const box = el.getBoundingClientRect(); return box.top >= 0 && box.bottom <= window.innerHeight })).toBe(true)
    await page.screenshot({ path: join(output, 'tour-case-problem.png') })
  })

  it("fits the regulator's suppressed figures inside their cards", async () => {
    const { page, consoleErrors } = await open('admin@regulator.example')
    await sections(page).getByRole('link', { name: 'Platform overview' }).click()
    await page.locator('.stat-value').getByText('suppressed').first().waitFor()
    const overflowing = await page.locator('.stat-value').evaluateAll((values) => values.filter((v) => v.scrollWidth > v.clientWidth).map((v) => v.textContent))
    expect(overflowing).toEqual([])
    await page.screenshot({ path: join(output, 'tour-regulator.png'), fullPage: true })
    expect(consoleErrors.filter((e) => !e.includes('401'))).toEqual([])
  })
})
