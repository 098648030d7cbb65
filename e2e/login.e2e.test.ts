import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD } from '../src/services/demo/seed-demo.js'
import { addMember } from '../src/services/members/add-member.js'
import { systemContext } from '../src/services/system-admin.js'
import type { OpenDatabase } from '../src/store/database.js'
import { e2eOutput, logIn, startE2eApp, type E2eApp } from './app.js'

const output = e2eOutput

describe('the web UI in a real browser', () => {
  let app: E2eApp
  let database: OpenDatabase
  let browser: Browser
  let base: string

  beforeAll(async () => {
    app = await startE2eApp()
    ;({ database, browser, base } = app)
  })
  afterAll(() => app?.close())

  it('logs in, shows the dashboard and the products, opens the audit log and logs out', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 800 } })
    const consoleErrors: string[] = []
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()))
    await page.goto(base)
    await page.getByLabel('E-mail').fill('admin@acme-imaging.example')
    await page.getByLabel('Password').fill('not the password')
    await page.getByRole('button', { name: 'Log in' }).click()
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('wrong')

    await page.getByLabel('Password').fill(DEMO_PASSWORD)
    await page.getByRole('button', { name: 'Log in' }).click()
    await page.getByRole('heading', { name: 'Acme Imaging' }).waitFor()
    await expect.poll(() => page.locator('.stat').first().textContent()).toContain('2')
    for (const section of ['Products', 'Vulnerabilities', 'Advisories', 'Fleet', 'MDS2', 'Disclosure']) {
      expect(await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: section }).count()).toBe(1)
    }
    await page.screenshot({ path: join(output, 'dashboard.png'), fullPage: true })

    await page.getByRole('link', { name: 'Products' }).click()
    await page.getByRole('link', { name: 'Acme CT 5000 3.1', exact: true }).waitFor()
    expect(await page.getByRole('link', { name: 'Acme CT 5000 3.2', exact: true }).count()).toBe(1)

    await page.getByRole('link', { name: 'Audit log' }).click()
    await page.getByRole('heading', { name: 'Audit log' }).waitFor()
    await page.getByText('product.create').first().waitFor()
    await page.screenshot({ path: join(output, 'audit-log.png'), fullPage: true })

    await page.getByRole('button', { name: 'Log out' }).click()
    await page.getByRole('button', { name: 'Log in' }).waitFor()
    expect(consoleErrors.filter((e) => !e.includes('401'))).toEqual([])
  })

  it('shows a hospital admin its fleet, and switches to a second organization with a viewer role', async () => {
    const acme = await systemContext(database.db, 'acme-imaging')
    if (!acme.ok) throw new Error(acme.error.message)
    expect((await addMember(acme.value, { email: 'admin@st-example.example', role: 'viewer' })).ok).toBe(true)
    const page = await browser.newPage({ viewport: { width: 1366, height: 800 } })
    await logIn(page, base, 'admin@st-example.example')
    await page.getByLabel('Organization').selectOption({ label: 'St. Example Hospital (hospital, admin)' })
    await page.getByRole('heading', { name: 'St. Example Hospital' }).waitFor()
    await page.getByRole('link', { name: 'Fleet' }).click()
    await page.getByText('25 of 25 devices').waitFor()
    await page.getByLabel('Search').fill('MagnaScan')
    await page.getByText('2 of 25 devices').waitFor()
    await page.screenshot({ path: join(output, 'fleet.png'), fullPage: true })

    await page.getByLabel('Organization').selectOption({ label: 'Acme Imaging (manufacturer, viewer)' })
    await page.getByRole('heading', { name: 'Fleet' }).waitFor()
    await page.getByText('No devices').waitFor()
    await page.getByRole('link', { name: 'Products' }).click()
    await page.getByRole('link', { name: 'Acme CT 5000 3.2', exact: true }).waitFor()
    expect(await page.getByRole('link', { name: 'Audit log' }).count()).toBe(0)
  })
})
