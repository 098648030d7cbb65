import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { OpenDatabase } from '../src/store/database.js'
import { e2eOutput, logIn, startE2eApp, type E2eApp } from './app.js'

const output = e2eOutput

const CMMS_EXPORT = [
  'Equipment ID;Serial No.;Vendor;Model Name;SW Version;Modality;IP Address;AE Title;Room;Dept;Install Date;Expected EOL',
  'CMMS-9001;AC-99001;Acme Imaging;Acme CT 5000;3.2;CT;10.20.41.10;CT9001;CT Room 5;Radiology;2023-04-01;2035-03-31',
  'CMMS-9002;FB-99002;Fabrikam Imaging;SonoLite 8;8.1.0;Ultrasound;10.20.41.11;US9002;Maternity 2;Obstetrics;2022-09-15;2030-09-14',
  'CMMS-9003;CO-99003;Contoso Health;RadiView DR;5.0.2;DX;10.20.41.300;DX9003;X-ray 3;Radiology;2021-01-20;2031-01-19',
].join('\n')

describe('fleet import wizard in a real browser', () => {
  let app: E2eApp
  let database: OpenDatabase
  let browser: Browser
  let base: string

  beforeAll(async () => {
    app = await startE2eApp()
    ;({ database, browser, base } = app)
  })
  afterAll(() => app?.close())

  it('imports a CSV through upload, mapping preview and result, then shows the new devices and links one', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } })
    const consoleErrors: string[] = []
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()))
    await logIn(page, base, 'admin@st-example.example')
    await page.getByRole('heading', { name: 'St. Example Hospital' }).waitFor()
    await page.getByRole('link', { name: 'Fleet' }).click()
    await page.getByText('25 of 25 devices').waitFor()
    await page.getByRole('button', { name: 'Import devices' }).click()

    await page.getByLabel('Inventory file (CSV, XLSX or FHIR JSON)').setInputFiles({ name: 'cmms-export.csv', mimeType: 'text/csv', buffer: Buffer.from(CMMS_EXPORT) })
    await page.getByRole('heading', { name: 'Import devices: check the mapping' }).waitFor()
    expect(await page.getByLabel('Field for column Equipment ID').inputValue()).toBe('assetTag')
    expect(await page.getByLabel('Field for column Expected EOL').inputValue()).toBe('clinicalEndOfLife')
    await page.getByText('Importing will create 2, update 0, leave 0 unchanged and reject 1 rows.').waitFor()
    expect(await page.getByRole('table', { name: 'Rejected rows' }).getByText('device_ip_invalid').count()).toBe(1)
    await page.getByLabel('Save this mapping as (optional)').fill('CMMS export')
    await page.screenshot({ path: join(output, 'fleet-import-mapping.png'), fullPage: true })
    await page.getByRole('button', { name: 'Import 2 devices' }).click()

    await page.getByRole('heading', { name: 'Import result' }).waitFor()
    await page.getByText('2 created, 0 updated, 0 unchanged, 1 rejected').waitFor()
    await page.screenshot({ path: join(output, 'fleet-import-result.png'), fullPage: true })
    await page.getByRole('button', { name: 'Show the fleet' }).click()
    await page.getByText('27 of 27 devices').waitFor()
    await page.getByLabel('Search').fill('CMMS-')
    await page.getByText('2 of 27 devices').waitFor()
    await page.screenshot({ path: join(output, 'fleet-after-import.png'), fullPage: true })

    await page.getByRole('link', { name: 'CMMS-9001' }).click()
    const candidates = page.getByRole('table', { name: 'Link candidates' })
    await candidates.getByText('Acme Imaging Acme CT 5000 3.2').waitFor()
    await candidates.getByRole('button', { name: 'Confirm' }).first().click()
    await page.getByText(/Linked; also linked identical devices/).waitFor()
    await page.getByText('Linked to').waitFor()
    await page.screenshot({ path: join(output, 'fleet-device.png'), fullPage: true })
    // The session check before logging in answers 401; that is expected.
    expect(consoleErrors.filter((e) => !e.includes('401'))).toEqual([])
  })
})
