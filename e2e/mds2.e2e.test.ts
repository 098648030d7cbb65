import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defaultProfile, sampleDocument, withAnswer } from '../src/domain/mds2/index.js'
import type { Mds2Document } from '../src/domain/mds2/index.js'
import { writeMds2 } from '../src/services/mds2-files/index.js'
import type { OpenDatabase } from '../src/store/database.js'
import { e2eOutput, logIn, startE2eApp, type E2eApp } from './app.js'

const output = e2eOutput

/** A vendor that answers every default requirement acceptably, except multi-factor authentication. */
function strongVendor(): Mds2Document {
  let doc = sampleDocument('Northwind Medical')
  for (const r of defaultProfile.requirements) doc = withAnswer(doc, r.questionId, { answer: r.acceptable[0] ?? 'Yes', note: '' })
  doc = withAnswer(doc, 'PAUT-8', { answer: 'No', note: '' })
  return { ...doc, header: { ...doc.header, deviceModel: 'MagnaScan 3T' } }
}

async function fileOf(doc: Mds2Document, format: 'xlsx' | 'csv'): Promise<Buffer> {
  const written = await writeMds2(doc, format)
  if (!written.ok) throw new Error(written.error.message)
  return Buffer.from(written.value)
}

describe('MDS2 in a real browser', () => {
  let app: E2eApp
  let database: OpenDatabase
  let browser: Browser
  let base: string

  beforeAll(async () => {
    app = await startE2eApp()
    ;({ database, browser, base } = app)
  })
  afterAll(() => app?.close())

  async function openAs(email: string): Promise<{ page: Page; consoleErrors: string[] }> {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, acceptDownloads: true })
    const consoleErrors: string[] = []
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()))
    await logIn(page, base, email)
    return { page, consoleErrors }
  }

  it('a hospital uploads two vendor MDS2 files, compares them against its profile and exports the comparison', async () => {
    const { page, consoleErrors } = await openAs('admin@st-example.example')
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'MDS2' }).click()
    const uploadForm = page.getByRole('form', { name: 'Upload a vendor MDS2' })
    await uploadForm.waitFor()

    await uploadForm.getByLabel('MDS2 file').setInputFiles({ name: 'northwind-magnascan.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await fileOf(strongVendor(), 'xlsx') })
    await page.getByRole('button', { name: 'Upload', exact: true }).click()
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Stored northwind-magnascan.xlsx: Northwind Medical MagnaScan 3T')

    await uploadForm.getByLabel('MDS2 file').setInputFiles({ name: 'contoso-radiview.csv', mimeType: 'text/csv', buffer: await fileOf(sampleDocument('Contoso Health'), 'csv') })
    await uploadForm.getByLabel('Model').fill('RadiView DR')
    await page.getByRole('button', { name: 'Upload', exact: true }).click()
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Stored contoso-radiview.csv: Contoso Health RadiView DR')

    const files = page.getByRole('table', { name: 'Vendor MDS2 files' })
    await files.getByRole('cell', { name: 'MagnaScan 3T', exact: true }).waitFor()
    await files.getByRole('cell', { name: 'RadiView DR', exact: true }).waitFor()
    expect(await files.locator('tbody tr').count()).toBe(2)
    await page.screenshot({ path: join(output, 'mds2-uploads.png'), fullPage: true })

    await page.getByLabel('Compare Northwind Medical MagnaScan 3T').check()
    await page.getByLabel('Compare Contoso Health RadiView DR').check()
    await page.getByRole('button', { name: 'Compare selected (2)' }).click()
    await page.getByRole('button', { name: 'Compare 2' }).click()
    const table = page.getByRole('table', { name: 'Procurement comparison' })
    await table.waitFor()
    expect(await table.locator('tbody tr').count()).toBe(defaultProfile.requirements.length)
    expect(await table.getByRole('columnheader', { name: /Northwind Medical MagnaScan 3T/ }).count()).toBe(1)
    expect(await table.getByRole('columnheader', { name: /Contoso Health RadiView DR/ }).count()).toBe(1)
    await expect.poll(() => page.getByText('Ranking:').textContent()).toContain('Northwind Medical MagnaScan 3T › Contoso Health RadiView DR')
    expect(await table.getByText('meets every mandatory requirement').count()).toBe(1)
    await page.screenshot({ path: join(output, 'mds2-comparison.png'), fullPage: true })

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export XLSX' }).click()])
    expect(download.suggestedFilename()).toMatch(/^MDS2-comparison-st-example-hospital-\d{4}-\d{2}-\d{2}\.xlsx$/)

    await page.getByRole('link', { name: 'Requirement profile' }).click()
    await page.getByLabel('Weight of multi-factor-authentication').fill('5')
    await page.getByLabel('multi-factor-authentication is mandatory').check()
    await page.getByRole('button', { name: 'Save profile' }).click()
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Profile saved')
    await page.screenshot({ path: join(output, 'mds2-profile.png') })

    // With MFA now mandatory, the strong vendor (PAUT-8 = No) no longer passes.
    await page.getByRole('link', { name: 'Procurement comparison' }).click()
    await page.getByRole('button', { name: 'Compare 2' }).click()
    await expect.poll(() => page.getByRole('table', { name: 'Procurement comparison' }).getByText('meets every mandatory requirement').count()).toBe(0)
    expect(consoleErrors.filter((e) => !e.includes('401'))).toEqual([])
  })

  it('a manufacturer edits an MDS2 with the N/A cascade applied live, saves a revision and diffs two versions', async () => {
    const { page, consoleErrors } = await openAs('admin@acme-imaging.example')
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'MDS2' }).click()
    await page.getByRole('button', { name: 'Edit the MDS2 of Acme PACS Viewer 7.4' }).click()
    await page.getByRole('heading', { name: 'MDS2 of Acme PACS Viewer 7.4' }).waitFor()

    await page.getByRole('textbox', { name: 'Manufacturer Name' }).fill('Acme Imaging')
    await page.getByRole('navigation', { name: 'MDS2 sections' }).getByRole('button', { name: /^CSUP/ }).click()
    await page.getByRole('group', { name: 'CSUP-2', exact: true }).getByLabel('Yes', { exact: true }).check()
    await page.getByRole('group', { name: 'CSUP-1', exact: true }).getByLabel('No', { exact: true }).check()
    await expect.poll(() => page.getByRole('status').first().textContent()).toMatch(/CSUP-1 is No: \d+ dependent answers set to N\/A/)
    expect(await page.getByRole('group', { name: 'CSUP-2', exact: true }).getByLabel('N/A', { exact: true }).isChecked()).toBe(true)
    await page.getByLabel('Revision note').fill('first answers')
    await page.screenshot({ path: join(output, 'mds2-editor.png') })
    await page.getByRole('button', { name: 'Save revision' }).click()
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Saved as revision 1')

    await page.getByRole('link', { name: 'Our MDS2' }).click()
    await page.getByRole('button', { name: 'Revisions of the MDS2 of Acme CT 5000 3.2' }).click()
    await page.getByLabel('Another version').selectOption({ label: 'Acme CT 5000 3.1' })
    await page.getByRole('button', { name: 'Compare with this version' }).click()
    const changes = page.getByRole('table', { name: 'Changes' })
    await changes.getByRole('cell', { name: 'TXCF-2', exact: true }).waitFor()
    await page.screenshot({ path: join(output, 'mds2-diff.png'), fullPage: true })
    expect(consoleErrors.filter((e) => !e.includes('401'))).toEqual([])
  })
})
