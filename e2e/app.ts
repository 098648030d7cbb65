import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { buildServer } from '../src/server/app.js'
import { DEMO_PASSWORD, seedDemo } from '../src/services/demo/seed-demo.js'
import type { OpenDatabase } from '../src/store/database.js'
import { openTestDatabase } from '../test/support/database.js'
import { projectRoot } from '../test/support/testdata.js'
import { launchBrowser } from './browser.js'

/** Where browser tests save their screenshots. */
export const e2eOutput = join(projectRoot, 'test-output', 'e2e')

/** A seeded server on a free loopback port with the built UI, and a headless browser to drive it. */
export interface E2eApp {
  readonly base: string
  readonly browser: Browser
  readonly database: OpenDatabase
  close(): Promise<void>
}

/**
 * Starts the demo as a user meets it: seeded database, API and built UI, and Debian Chromium. `prepare` adds data
 * (e.g. imported feeds) after the seed and before the server starts.
 */
export async function startE2eApp(prepare?: (db: OpenDatabase['db']) => Promise<void>): Promise<E2eApp> {
  mkdirSync(e2eOutput, { recursive: true })
  const database = await openTestDatabase('pglite')
  await seedDemo(database.db)
  if (prepare) await prepare(database.db)
  const server = await buildServer({ db: database.db, logger: false, webDir: join(projectRoot, 'dist', 'web') })
  await server.listen({ port: 0, host: '127.0.0.1' })
  const address = server.server.address()
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
  const browser = await launchBrowser()
  return {
    base,
    browser,
    database,
    async close() {
      await browser.close()
      await server.close()
      await database.close()
    },
  }
}

/** Logs a demo user in through the login form and waits for the app's section navigation. */
export async function logIn(page: Page, base: string, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(base)
  await page.getByLabel('E-mail').fill(email)
  await page.getByLabel('Password').fill(password)
  await page.getByRole('button', { name: 'Log in' }).click()
  await page.getByRole('navigation', { name: 'Sections' }).waitFor()
}
