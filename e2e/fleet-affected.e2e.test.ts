import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { e2eOutput, logIn, startE2eApp, type E2eApp } from './app.js'

describe('affected devices in a real browser', () => {
  let app: E2eApp
  let browser: Browser
  let base: string

  beforeAll(async () => {
    app = await startE2eApp()
    ;({ browser, base } = app)
  })
  afterAll(() => app?.close())

  it("shows the hospital's devices affected by the seeded advisory by serial number, and a device's vulnerabilities", async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } })
    const consoleErrors: string[] = []
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()))
    await logIn(page, base, 'admin@st-example.example')
    await page.getByRole('heading', { name: 'St. Example Hospital' }).waitFor()
    await page.getByRole('link', { name: 'Fleet' }).click()
    await page.getByRole('button', { name: 'Affected devices' }).click()

    const groups = page.getByRole('table', { name: 'Affected devices by advisory', exact: true })
    await groups.getByText('CT5-2023-0117, CT5-2023-0342').waitFor()
    await groups.getByRole('link', { name: 'ACME-SA-2026-001' }).click()
    await page.getByRole('heading', { name: 'Affected devices: ACME-SA-2026-001' }).waitFor()
    const devices = page.getByRole('table', { name: 'Affected devices', exact: true })
    await devices.getByRole('cell', { name: 'CT5-2023-0117', exact: true }).waitFor()
    const rows = devices.locator('tbody tr')
    expect(await rows.count()).toBe(4)
    expect(await devices.getByText('Affected', { exact: true }).count()).toBe(2)
    expect(await devices.getByText('Fixed', { exact: true }).count()).toBe(2)
    await page.screenshot({ path: join(e2eOutput, 'fleet-affected-advisory.png'), fullPage: true })

    await page.getByLabel('Status').selectOption('known_affected')
    await page.waitForFunction(() => document.querySelectorAll('table[aria-label="Affected devices"] tbody tr').length === 2)

    await devices.getByRole('link', { name: 'SEH-001' }).click()
    const section = page.getByRole('region', { name: 'Vulnerabilities', exact: true })
    await section.getByText('CVE-2021-44228').waitFor()
    await section.getByText(/Update to Acme CT 5000 software 3\.2/).waitFor()
    await page.screenshot({ path: join(e2eOutput, 'fleet-affected-device.png'), fullPage: true })
    // The session check before logging in answers 401 by design.
    expect(consoleErrors.filter((e) => !e.includes('401'))).toEqual([])
  })
})
