import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { e2eOutput, logIn, startE2eApp, type E2eApp } from './app.js'

describe('live CSAF validation in the advisory editor (in the browser, under the app CSP)', () => {
  let app: E2eApp
  let browser: Browser
  let base: string

  beforeAll(async () => {
    app = await startE2eApp()
    ;({ browser, base } = app)
  })
  afterAll(() => app?.close())

  it('shows a validation error for an invalid value without asking the server, and leads to the field', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } })
    const consoleErrors: string[] = []
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()))
    // Every request to the server's validate endpoint; the editor must not make one while the author types.
    const validateRequests: string[] = []
    page.on('request', (request) => {
      if (/\/advisories\/[^/]+\/validate$/.test(new URL(request.url()).pathname)) validateRequests.push(`${request.method()} ${request.url()}`)
    })
    await logIn(page, base, 'analyst@acme-imaging.example')
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Advisories' }).click()
    await page.getByRole('button', { name: 'New advisory' }).click()
    await page.getByRole('checkbox', { name: 'Acme CT 5000 3.1' }).check()
    await page.getByRole('button', { name: 'Add vulnerability' }).click()

    await page.getByLabel('CVE', { exact: true }).fill('CVE-2022-360')
    const findings = page.getByRole('list', { name: 'Validation findings' })
    const cveFinding = findings.getByRole('button', { name: /\/vulnerabilities\/0\/cve$/ })
    await cveFinding.first().waitFor()
    expect(await cveFinding.first().textContent()).toMatch(/^error\s*schema\s*\/vulnerabilities\/0\/cve$/)
    expect(await findings.textContent()).toMatch(/must match pattern/)
    expect(await page.getByRole('status').textContent()).toMatch(/error/)
    await page.screenshot({ path: join(e2eOutput, 'advisory-live-validation.png'), fullPage: true })

    // Clicking the finding focuses the CVE field of vulnerability 1.
    await page.getByRole('button', { name: 'Save' }).focus()
    await cveFinding.first().click()
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.placeholder)).toBe('CVE-2024-12345')

    // Correcting the value clears the finding, again without the server.
    await page.getByLabel('CVE', { exact: true }).fill('CVE-2022-3602')
    await expect.poll(() => findings.textContent()).not.toContain('/vulnerabilities/0/cve')
    expect(validateRequests).toEqual([])
    // A CSP violation (e.g. code compiled with eval) would be logged as a console error; the session probe before
    // logging in answers 401, which the browser logs.
    expect(consoleErrors.filter((e) => !e.includes('401'))).toEqual([])
  })
})
