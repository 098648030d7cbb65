import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { OpenDatabase } from '../src/store/database.js'
import { e2eOutput, logIn, startE2eApp, type E2eApp } from './app.js'

const output = e2eOutput

describe('advisory authoring in a real browser', () => {
  let app: E2eApp
  let database: OpenDatabase
  let browser: Browser
  let base: string

  beforeAll(async () => {
    app = await startE2eApp()
    ;({ database, browser, base } = app)
  })
  afterAll(() => app?.close())

  it('authors an advisory for Acme CT 5000 with live validation, publishes it and opens the public provider JSON', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } })
    const consoleErrors: string[] = []
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()))
    await logIn(page, base, 'analyst@acme-imaging.example')
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Advisories' }).click()
    await page.getByRole('link', { name: 'ACME-SA-2026-001' }).waitFor()

    await page.getByRole('button', { name: 'New advisory' }).click()
    await page.getByLabel('Title', { exact: true }).first().fill('Acme CT 5000: OpenSSL X.509 email address buffer overflow')
    await page.getByLabel('Summary', { exact: true }).fill('The reconstruction server of Acme CT 5000 3.1 uses OpenSSL 3.0.6. Update to 3.2.')
    await page.getByRole('checkbox', { name: 'Acme CT 5000 3.1' }).check()
    await page.getByRole('checkbox', { name: 'Acme CT 5000 3.2' }).check()
    // An advisory without vulnerabilities is not a valid csaf_security_advisory: the validator says so at once.
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/error/)
    expect(await page.getByRole('list', { name: 'Validation findings' }).textContent()).toContain('/vulnerabilities')

    await page.getByRole('button', { name: 'Add vulnerability' }).click()
    await page.getByLabel('CVE', { exact: true }).fill('CVE-2022-360')
    await expect.poll(() => page.getByRole('list', { name: 'Validation findings' }).textContent()).toContain('/vulnerabilities/0/cve')
    await page.getByLabel('CVE', { exact: true }).fill('CVE-2022-3602')
    await page.getByLabel('Title', { exact: true }).nth(1).fill('X.509 email address 4-byte buffer overflow')
    await page.getByLabel('Description').fill('A buffer overrun can be triggered in X.509 certificate verification.')
    await page.getByRole('combobox', { name: 'Acme CT 5000 3.1' }).selectOption('known_affected')
    await page.getByRole('combobox', { name: 'Acme CT 5000 3.2' }).selectOption('fixed')
    // Scores and remediations are lists; a new entry applies to the affected products.
    await page.getByRole('button', { name: 'Add score' }).click()
    await page.getByLabel('CVSS vector 1').fill('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H')
    await page.getByRole('button', { name: 'Add remediation' }).click()
    await page.getByLabel('Remediation 1 category').selectOption('vendor_fix')
    await page.getByLabel('Remediation 1 details').fill('Update to Acme CT 5000 software 3.2.')
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Valid CSAF 2.0')
    await page.screenshot({ path: join(output, 'advisory-editor.png'), fullPage: true })

    await page.getByRole('button', { name: 'Publish' }).click()
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Published')
    const jsonLink = page.getByRole('link', { name: 'CSAF JSON' })
    await jsonLink.waitFor()
    const url = await jsonLink.getAttribute('href')
    expect(url).toMatch(/\/orgs\/acme-imaging\/\.well-known\/csaf\/white\/\d{4}\/acme-imaging-\d{4}-\d{3}\.json$/)

    const publicPage = await browser.newPage()
    const response = await publicPage.goto(url!.replace(/^https?:\/\/[^/]+/, base))
    expect(response?.status()).toBe(200)
    const doc = (await response!.json()) as { document: { tracking: { version: string; status: string } }; vulnerabilities: { cve: string }[] }
    expect(doc.document.tracking).toMatchObject({ version: '1', status: 'final' })
    expect(doc.vulnerabilities[0]?.cve).toBe('CVE-2022-3602')
    await publicPage.screenshot({ path: join(output, 'advisory-provider-json.png') })

    const customer = await browser.newPage({ viewport: { width: 1100, height: 900 } })
    await customer.goto(url!.replace(/^https?:\/\/[^/]+/, base).replace('/.well-known/csaf/', '/advisories/').replace(/\.json$/, '.html'))
    await customer.getByRole('heading', { name: /OpenSSL X.509/ }).waitFor()
    await customer.screenshot({ path: join(output, 'advisory-customer-page.png'), fullPage: true })
    // The session probe before logging in answers 401, which the browser logs.
    expect(consoleErrors.filter((e) => !e.includes('401'))).toEqual([])
  })
})
