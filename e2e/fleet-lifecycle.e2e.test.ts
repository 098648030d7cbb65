import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { e2eOutput, logIn, startE2eApp, type E2eApp } from './app.js'

const CMMS_EXPORT = [
  'Equipment ID,Serial No.,Vendor,Model Name,SW Version,Modality,IP Address,Criticality,Expected EOL,Replacement Cost',
  'E2E-101,AC-88101,Acme Imaging,Acme CT 5000,3.1,CT,10.20.50.10,critical,2032-12-31,"1,150,000"',
  'E2E-102,FB-88102,Fabrikam Imaging,SonoLite 8,8.1.0,US,10.20.50.11,medium,2028-06-30,85000',
].join('\n')

describe('fleet lifecycle plan in a real browser', () => {
  let app: E2eApp
  let browser: Browser
  let base: string

  beforeAll(async () => {
    app = await startE2eApp()
    ;({ browser, base } = app)
  })
  afterAll(() => app?.close())

  it('imports a CSV through the wizard, opens the lifecycle plan with its chart and downloads the plan as CSV', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 }, acceptDownloads: true })
    const consoleErrors: string[] = []
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()))
    await logIn(page, base, 'admin@st-example.example')
    await page.getByRole('link', { name: 'Fleet' }).click()
    await page.getByRole('button', { name: 'Import devices' }).click()
    await page.getByLabel('Inventory file (CSV, XLSX or FHIR JSON)').setInputFiles({ name: 'cmms-costs.csv', mimeType: 'text/csv', buffer: Buffer.from(CMMS_EXPORT) })
    await page.getByRole('heading', { name: 'Import devices: check the mapping' }).waitFor()
    expect(await page.getByLabel('Field for column Replacement Cost').inputValue()).toBe('replacementCost')
    await page.getByRole('button', { name: 'Import 2 devices' }).click()
    await page.getByText('2 created, 0 updated, 0 unchanged, 0 rejected').waitFor()
    await page.getByRole('button', { name: 'Show the fleet' }).click()

    await page.getByRole('button', { name: 'Lifecycle plan' }).click()
    await page.getByRole('heading', { name: 'Lifecycle plan' }).waitFor()
    const chart = page.getByRole('img', { name: 'End-of-support cliff by year and modality' })
    await chart.locator('svg').first().waitFor()
    const planned = page.getByRole('table', { name: 'Planned devices' })
    await planned.getByRole('link', { name: 'E2E-102' }).waitFor()
    expect(await planned.getByRole('row').filter({ hasText: 'E2E-102' }).innerText()).toContain('85,000')
    await page.screenshot({ path: join(e2eOutput, 'fleet-lifecycle-plan.png'), fullPage: true })

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'CSV', exact: true }).click()])
    expect(download.suggestedFilename()).toMatch(/^st-example-hospital-lifecycle-plan-\d{4}-\d{2}-\d{2}\.csv$/)
    const csv = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '')
    expect(csv.split('\r\n')[0]).toBe('Year,Action,Due date,Overdue,Asset tag,Modality,Manufacturer,Model,Software version,Security end of support,End of support basis,Clinical end of life,Replacement cost,Reason')
    expect(csv).toContain('2028,replace,2028-06-30,no,E2E-102,US,Fabrikam Imaging,SonoLite 8,8.1.0,,unknown,2028-06-30,85000,')

    await page.getByRole('button', { name: 'Fleet dashboard' }).click()
    await page.getByRole('heading', { name: 'Fleet dashboard' }).waitFor()
    await page.getByRole('img', { name: 'Risk distribution' }).locator('svg').first().waitFor()
    await page.screenshot({ path: join(e2eOutput, 'fleet-dashboard.png'), fullPage: true })

    await page.getByRole('button', { name: 'Risk register' }).click()
    await page.getByRole('heading', { name: 'Risk register' }).waitFor()
    await page.getByRole('article', { name: 'Risk: PACS viewers past security end of support' }).getByText(/Accepted by Head of Radiology/).waitFor()
    await page.screenshot({ path: join(e2eOutput, 'fleet-risk-register.png'), fullPage: true })

    await page.getByRole('link', { name: 'SEH-001' }).first().click()
    const breakdown = page.getByRole('table', { name: 'Risk breakdown' })
    await breakdown.getByText('Compensating controls (K)').waitFor()
    expect(await breakdown.getByRole('row').filter({ hasText: 'Compensating controls (K)' }).innerText()).toContain('allow_listing')
    await page.getByRole('article', { name: 'Risk: CT console on an unsupported software version until the 3.2 upgrade' }).waitFor()
    await page.screenshot({ path: join(e2eOutput, 'fleet-device-risk.png'), fullPage: true })
    expect(consoleErrors.filter((e) => !e.includes('401'))).toEqual([])
  })
})
