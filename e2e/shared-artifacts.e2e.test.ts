import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { e2eOutput, logIn, startE2eApp, type E2eApp } from './app.js'

describe("a hospital reads a manufacturer's shared SBOM, MDS2 and VEX in a real browser", () => {
  let app: E2eApp

  beforeAll(async () => {
    app = await startE2eApp()
  })
  afterAll(() => app?.close())

  it('opens a version of a shared product and shows its component table, MDS2 and VEX statements', async () => {
    const page = await app.browser.newPage({ viewport: { width: 1366, height: 900 } })
    await logIn(page, app.base, 'admin@st-example.example')
    // After logging in (the login page's session probe answers 401 by design).
    const consoleErrors: string[] = []
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()))
    await page.goto(`${app.base}/shared`)
    await page.getByRole('button', { name: 'Artifacts of Acme CT 5000 3.1' }).click()
    const components = page.getByRole('table', { name: 'Components' })
    await components.getByRole('cell', { name: 'log4j-core', exact: false }).first().waitFor()
    expect(await components.getByRole('row').count()).toBeGreaterThan(10)
    await expect(page.getByRole('link', { name: 'Download original' }).getAttribute('href')).resolves.toContain('/sbom/original')
    await page.screenshot({ path: join(e2eOutput, 'shared-sbom.png'), fullPage: true })
    await page.getByRole('tab', { name: 'MDS2' }).click()
    await page.getByRole('link', { name: 'Download JSON' }).waitFor()
    await page.screenshot({ path: join(e2eOutput, 'shared-mds2.png'), fullPage: true })
    await page.getByRole('tab', { name: 'VEX' }).click()
    await page.getByRole('link', { name: 'OpenVEX' }).waitFor()
    await page.screenshot({ path: join(e2eOutput, 'shared-vex.png'), fullPage: true })
    expect(consoleErrors, consoleErrors.join('\n')).toEqual([])
  })
})
