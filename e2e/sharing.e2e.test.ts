import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { changeProductTlp } from '../src/services/sharing/change-product-tlp.js'
import { decideRelationship } from '../src/services/sharing/decide-relationship.js'
import { listRelationships } from '../src/services/sharing/list-relationships.js'
import { systemContext } from '../src/services/system-admin.js'
import type { OpenDatabase } from '../src/store/database.js'
import { productRepository } from '../src/store/repositories/products.js'
import { e2eOutput, logIn, startE2eApp, type E2eApp } from './app.js'

async function logInTo(page: Page, base: string, email: string, organization: string): Promise<void> {
  await logIn(page, base, email)
  await page.getByRole('heading', { name: organization }).waitFor()
}

// Start from no relationship, with one product labelled AMBER, so that only an approval shows it.
async function withoutSharing(db: OpenDatabase['db']): Promise<void> {
  const acme = await systemContext(db, 'acme-imaging')
  if (!acme.ok) throw new Error(acme.error.message)
  const relationships = await listRelationships(acme.value)
  for (const r of relationships.ok ? relationships.value : []) if (r.status === 'approved') await decideRelationship(acme.value, r.id, 'revoke')
  const pacs = await productRepository.findByName(db, acme.value.scope, 'Acme PACS Viewer')
  if (!pacs) throw new Error('the demo has no Acme PACS Viewer')
  const relabelled = await changeProductTlp(acme.value, pacs.id, 'AMBER')
  if (!relabelled.ok) throw new Error(relabelled.error.message)
}

describe('sharing in a real browser', () => {
  let app: E2eApp

  beforeAll(async () => {
    app = await startE2eApp(withoutSharing)
  })
  afterAll(() => app?.close())

  it('lets a hospital request access, the manufacturer approve it with a scope, and the hospital see the shared product', async () => {
    const page = await app.browser.newPage({ viewport: { width: 1366, height: 900 } })
    const consoleErrors: string[] = []
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()))
    const nav = () => page.getByRole('navigation', { name: 'Sections' })

    await logInTo(page, app.base, 'admin@st-example.example', 'St. Example Hospital')
    await nav().getByRole('link', { name: 'Shared with us' }).click()
    await page.getByRole('heading', { name: 'Shared with us' }).waitFor()
    await page.getByRole('cell', { name: 'Acme CT 5000', exact: true }).waitFor()
    expect(await page.getByRole('cell', { name: 'Acme PACS Viewer', exact: true }).count()).toBe(0)

    await nav().getByRole('link', { name: 'Sharing' }).click()
    const form = page.getByRole('form', { name: 'Request access' })
    await form.getByLabel('Manufacturer').selectOption({ label: 'Acme Imaging' })
    await form.getByLabel('Message (optional)').fill('We run the PACS viewer in three reading rooms.')
    await form.getByLabel(/I accept version 1/).check()
    await form.getByRole('button', { name: 'Send request' }).click()
    await page.getByRole('status').filter({ hasText: 'Request sent.' }).waitFor()
    await page.getByText('Request to Acme Imaging').waitFor()
    await page.getByRole('button', { name: 'Log out' }).click()

    await logInTo(page, app.base, 'admin@acme-imaging.example', 'Acme Imaging')
    await nav().getByRole('link', { name: 'Notifications' }).click()
    await page.getByRole('link', { name: /St\. Example Hospital requests access/ }).first().waitFor()
    await nav().getByRole('link', { name: 'Sharing' }).click()
    const request = page.getByRole('article', { name: 'Request from St. Example Hospital' })
    await request.waitFor()
    await request.getByLabel('All products, including future ones').uncheck()
    await request.getByLabel('Acme PACS Viewer').check()
    await request.getByLabel(/I accept version 1/).check()
    await page.screenshot({ path: join(e2eOutput, 'sharing-request-inbox.png'), fullPage: true })
    await request.getByRole('button', { name: 'Approve' }).click()
    await page.getByRole('status').filter({ hasText: 'approved' }).waitFor()
    await page.getByRole('cell', { name: 'St. Example Hospital' }).first().waitFor()
    await page.screenshot({ path: join(e2eOutput, 'sharing-manufacturer.png'), fullPage: true })
    await page.getByRole('button', { name: 'Log out' }).click()

    await logInTo(page, app.base, 'admin@st-example.example', 'St. Example Hospital')
    await nav().getByRole('link', { name: 'Shared with us' }).click()
    const row = page.getByRole('row').filter({ hasText: 'Acme PACS Viewer' })
    await row.waitFor()
    expect(await row.getByText('TLP:AMBER').count()).toBe(1)
    await page.screenshot({ path: join(e2eOutput, 'sharing-shared-products.png'), fullPage: true })

    await page.getByRole('button', { name: 'Log out' }).click()
    await logInTo(page, app.base, 'admin@acme-imaging.example', 'Acme Imaging')
    await page.goto(`${app.base}/sharing/access-log`)
    await page.getByRole('cell', { name: 'St. Example Hospital' }).first().waitFor()
    await page.screenshot({ path: join(e2eOutput, 'sharing-access-log.png'), fullPage: true })
    expect(consoleErrors.filter((e) => !e.includes('401'))).toEqual([])
  })
})
