import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { OpenDatabase } from '../src/store/database.js'
import { e2eOutput, logIn, startE2eApp, type E2eApp } from './app.js'

const output = e2eOutput
const SCRIPT = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>'

describe('coordinated vulnerability disclosure in a real browser', () => {
  let app: E2eApp
  let database: OpenDatabase
  let browser: Browser
  let base: string

  beforeAll(async () => {
    app = await startE2eApp()
    ;({ database, browser, base } = app)
  })
  afterAll(() => app?.close())

  it('takes an anonymous report, and the reporter follows acknowledgement, triage, version link and publication in the portal', async () => {
    const reporter = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage()
    const dialogs: string[] = []
    reporter.on('dialog', (d) => (dialogs.push(d.message()), void d.dismiss()))
    await reporter.goto(`${base}/report/acme-imaging`)
    await reporter.getByRole('heading', { name: 'Report a vulnerability to Acme Imaging' }).waitFor()
    await reporter.getByLabel('Title').fill(`DICOM AE title not checked ${SCRIPT}`)
    await reporter.getByLabel('Description (steps to reproduce, impact)').fill(`Any AE title can store images.\n${SCRIPT}`)
    await reporter.getByLabel('Product', { exact: true }).selectOption({ label: 'Acme CT 5000' })
    await reporter.getByLabel('Version').selectOption({ label: '3.2' })
    await reporter.getByLabel('Name', { exact: true }).fill('Ada Researcher')
    await reporter.getByLabel('Credit me publicly when the advisory is published').check()
    await reporter.getByLabel(/^Attachments/).setInputFiles({ name: 'poc.txt', mimeType: 'text/plain', buffer: Buffer.from('echoscu -aet ANYTHING ct-001 104\n') })
    await reporter.screenshot({ path: join(output, 'disclosure-report-form.png'), fullPage: true })
    await reporter.getByRole('button', { name: 'Send report' }).click()
    await reporter.getByRole('heading', { name: /Report received: CVD-\d{4}-0001/ }).waitFor()
    const secretLink = (await reporter.getByLabel('Secret portal link').textContent())!
    expect(secretLink).toMatch(new RegExp(`^${base}/reporter-portal#[A-Za-z0-9_-]{43}$`))
    await reporter.screenshot({ path: join(output, 'disclosure-report-received.png'), fullPage: true })
    await reporter.getByRole('button', { name: 'Open the reporter portal' }).click()
    const status = () => reporter.getByTestId('portal-status').textContent()
    await expect.poll(status).toBe('Received')
    await reporter.getByRole('heading', { name: `CVD-${new Date().getUTCFullYear()}-0001: DICOM AE title not checked ${SCRIPT}` }).waitFor()

    const staff = await (await browser.newContext({ viewport: { width: 1366, height: 900 } })).newPage()
    await logIn(staff, base, 'analyst@acme-imaging.example')
    await staff.getByRole('heading', { name: 'Acme Imaging' }).waitFor()
    await staff.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Disclosure' }).click()
    await staff.getByRole('link', { name: /CVD-\d{4}-0001/ }).first().click()
    const caseStatus = () => staff.getByTestId('case-status').textContent()
    await expect.poll(caseStatus).toBe('Received')

    const step = async (button: string, expectedStaff: string, expectedReporter: string, prepare?: (page: Page) => Promise<void>) => {
      if (prepare) await prepare(staff)
      await staff.getByRole('button', { name: button, exact: true }).click()
      await expect.poll(caseStatus).toBe(expectedStaff)
      await reporter.reload()
      await expect.poll(status).toBe(expectedReporter)
    }
    await step('Acknowledge', 'Acknowledged', 'Acknowledged', (p) => p.getByLabel('Note to the reporter (optional)').fill('Thanks, we are on it.'))
    await reporter.getByText('Thanks, we are on it.').waitFor()
    await step('Record triage', 'Triaged', 'Triaged', (p) => p.getByLabel('Triage outcome').selectOption('valid').then(() => undefined))

    await staff.getByLabel('Product version').selectOption({ label: 'Acme CT 5000 3.1' })
    await staff.getByRole('button', { name: 'Link version' }).click()
    await staff.getByRole('status').filter({ hasText: 'Version linked.' }).waitFor()
    await reporter.reload()
    await reporter.getByText('Affected product version identified: Acme CT 5000 3.1.').waitFor()
    await reporter.getByText('Acme CT 5000 3.1, Acme CT 5000 3.2').waitFor()

    await staff.getByLabel('CVSS vector').fill('CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:N')
    await staff.getByRole('button', { name: 'Save assessment' }).click()
    await staff.getByText('Score 8.1 (High)').waitFor()
    await step('Start remediation', 'Remediation in progress', 'Remediation in progress')
    const advisoryPicker = staff.getByLabel('Advisory published for the case')
    await advisoryPicker.locator('option', { hasText: 'ACME-SA-2026-001' }).waitFor({ state: 'attached' })
    const advisoryOption = (await advisoryPicker.locator('option', { hasText: 'ACME-SA-2026-001' }).getAttribute('value'))!
    await step('Publish advisory', 'Advisory published', 'Advisory published', (p) => p.getByLabel('Advisory published for the case').selectOption(advisoryOption).then(() => undefined))
    await reporter.getByText('The advisory was published. Advisory: ACME-SA-2026-001.').waitFor()
    // The linked advisory is a link to its editor on the case page.
    await staff.getByRole('list', { name: 'Linked advisories' }).getByRole('link', { name: 'ACME-SA-2026-001' }).waitFor()
    await staff.screenshot({ path: join(output, 'disclosure-case.png'), fullPage: true })

    await reporter.getByLabel('Reply to Acme Imaging').fill('Thanks for the quick fix!')
    await reporter.getByRole('button', { name: 'Send message' }).click()
    await reporter.getByText('Message sent.').waitFor()
    await reporter.screenshot({ path: join(output, 'disclosure-portal.png'), fullPage: true })

    // The script payload was shown as text everywhere and never ran.
    expect(dialogs).toEqual([])
    expect(await reporter.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined()
    expect(await staff.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined()
    expect(await staff.getByRole('heading', { level: 1 }).textContent()).toContain(SCRIPT)

    await staff.getByRole('link', { name: '← All cases' }).click()
    await staff.getByLabel('Programme metrics').waitFor()
    await staff.screenshot({ path: join(output, 'disclosure-dashboard.png'), fullPage: true })
  })
})
