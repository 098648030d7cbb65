import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { OpenDatabase } from '../src/store/database.js'
import { e2eOutput, logIn, startE2eApp, type E2eApp } from './app.js'

const output = e2eOutput

describe('CVSS & risk in a real browser', () => {
  let app: E2eApp
  let database: OpenDatabase
  let browser: Browser
  let base: string

  beforeAll(async () => {
    app = await startE2eApp()
    ;({ database, browser, base } = app)
  })
  afterAll(() => app?.close())

  const metric = (page: Page, group: string, value: string) => page.getByRole('group', { name: group }).getByRole('button', { name: value, exact: true })

  it('builds a vector with the metric buttons, reads a typed one back, scores a rubric and works an assessment case', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } })
    const consoleErrors: string[] = []
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()))
    await logIn(page, base, 'analyst@acme-imaging.example')
    await page.getByRole('heading', { name: 'Acme Imaging' }).waitFor()

    // (a) the calculator: buttons -> vector and live score
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'CVSS & risk' }).click()
    await page.getByRole('heading', { name: 'CVSS calculator' }).waitFor()
    expect(await page.getByRole('tab', { name: 'CVSS 3.1' }).getAttribute('aria-selected')).toBe('true')
    const vector = page.getByLabel('Vector string')
    const status = page.locator('#vector-status')
    await metric(page, 'Attack Vector (AV)', 'Network').click()
    expect(await vector.inputValue()).toBe('CVSS:3.1/AV:N')
    expect(await status.textContent()).toContain('Choose a value for AC, PR, UI, S, C, I, A')
    for (const [group, value] of [
      ['Attack Complexity (AC)', 'Low'], ['Privileges Required (PR)', 'None'], ['User Interaction (UI)', 'None'], ['Scope (S)', 'Unchanged'],
      ['Confidentiality (C)', 'High'], ['Integrity (I)', 'High'], ['Availability (A)', 'High'],
    ] as const) {
      await metric(page, group, value).click()
    }
    expect(await vector.inputValue()).toBe('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H')
    await expect.poll(() => status.textContent()).toContain('9.8')
    expect(await status.textContent()).toContain('Critical')
    expect(await metric(page, 'Scope (S)', 'Unchanged').getAttribute('aria-pressed')).toBe('true')
    await metric(page, 'Scope (S)', 'Changed').click()
    await expect.poll(() => status.textContent()).toContain('10.0')
    await page.screenshot({ path: join(output, 'cvss-calculator.png'), fullPage: true })

    // vector -> buttons, across versions, and a clear error for an invalid vector
    await vector.fill('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N')
    expect(await page.getByRole('tab', { name: 'CVSS 4.0' }).getAttribute('aria-selected')).toBe('true')
    await expect.poll(() => status.textContent()).toContain('9.3')
    expect(await metric(page, 'Attack Requirements (AT)', 'None').getAttribute('aria-pressed')).toBe('true')
    await vector.fill('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:Q')
    await expect.poll(() => status.textContent()).toContain('Invalid vector: metric A cannot be "Q"')
    await vector.fill('AV:N/AC:L/Au:N/C:P/I:P/A:P')
    expect(await page.getByRole('tab', { name: 'CVSS 2.0' }).getAttribute('aria-selected')).toBe('true')
    await expect.poll(() => status.textContent()).toContain('7.5')

    // (b) the rubric wizard: every answer "unknown" follows the more severe branch
    await page.getByRole('navigation', { name: 'CVSS and risk' }).getByRole('link', { name: 'Medical-device rubric' }).click()
    await page.getByRole('heading', { name: 'Medical-device rubric' }).waitFor()
    for (let i = 0; i < 20 && (await page.getByRole('button', { name: 'Unknown' }).count()) > 0; i++) {
      await page.getByRole('button', { name: 'Unknown' }).click()
    }
    const result = page.getByRole('region', { name: 'Result' })
    await expect.poll(() => result.textContent()).toContain('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H')
    expect(await result.textContent()).toContain('10.0')
    await page.screenshot({ path: join(output, 'rubric-wizard.png'), fullPage: true })
    await page.getByLabel('Vulnerability (CVE id or name)').fill('CVE-2026-0042')
    await page.getByLabel('Product').selectOption({ label: 'Acme CT 5000' })
    await page.getByLabel('Version').selectOption('3.2')
    await page.getByRole('button', { name: 'Save assessment' }).click()

    // (c) the assessment: determine, then start remediation; the history records both
    await page.getByRole('heading', { name: 'CVE-2026-0042' }).waitFor()
    const caseCard = page.getByRole('region', { name: 'FDA postmarket case' })
    expect(await caseCard.textContent()).toContain('Draft')
    await caseCard.getByRole('button', { name: 'Determine' }).click()
    await page.getByLabel('Severity of patient harm').selectOption('serious')
    await expect.poll(() => page.getByRole('form', { name: 'FDA determination' }).textContent()).toContain('uncontrolled')
    await page.getByRole('button', { name: 'Record the determination' }).click()
    await page.getByRole('region', { name: 'FDA determination' }).getByText('Communicate with customers and the user community').waitFor()
    await caseCard.getByRole('button', { name: 'Start remediation' }).click()
    await expect.poll(() => caseCard.textContent()).toContain('Remediating')
    const history = page.getByRole('region', { name: 'History' })
    await expect.poll(() => history.textContent()).toContain('Remediation started')
    expect(await history.textContent()).toContain('Determined')
    await page.screenshot({ path: join(output, 'assessment.png'), fullPage: true })

    await page.getByRole('link', { name: '← All assessments' }).click()
    await page.getByRole('link', { name: 'ACME-PSIRT-2026-0001' }).waitFor()
    expect(await page.getByRole('link', { name: 'CVE-2026-0042' }).count()).toBe(1)
    // The session probe before logging in answers 401 by design.
    expect(consoleErrors.filter((e) => !e.includes('401'))).toEqual([])
  })
})
