import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import type { OpenDatabase } from '../../src/store/database.js'
import { buildServer } from '../../src/server/app.js'
import { DEMO_PASSWORD, seedDemo } from '../../src/services/demo/seed-demo.js'
import { LoginThrottle } from '../../src/services/auth/login-throttle.js'
import { openTestDatabase } from './database.js'

/** A logged-in browser: its session cookie and CSRF token, and the organizations it sees. */
export interface TestSession {
  readonly cookie: string
  readonly csrf: string
  readonly orgs: readonly { id: string; slug: string; role: string }[]
}

/** A server over a seeded test database, with helpers to log in and call it. */
export interface ApiHarness {
  readonly app: FastifyInstance
  readonly database: OpenDatabase
  login(email: string, password?: string): Promise<TestSession>
  orgId(slug: string): Promise<string>
  close(): Promise<void>
}

/** Starts a harness on the given engine with the demo seeded. */
export async function startHarness(engine: 'pglite' | 'postgres', throttle = new LoginThrottle()): Promise<ApiHarness> {
  const database = await openTestDatabase(engine)
  await seedDemo(database.db)
  const app = await buildServer({ db: database.db, logger: false, loginThrottle: throttle })
  await app.ready()
  const harness: ApiHarness = {
    app,
    database,
    async login(email, password = DEMO_PASSWORD) {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } })
      if (res.statusCode !== 200) throw new Error(`login of ${email} failed: ${res.statusCode} ${res.body}`)
      const cookie = sessionCookie(res)
      const body = res.json<{ csrfToken: string; organizations: { id: string; slug: string; role: string }[] }>()
      return { cookie, csrf: body.csrfToken, orgs: body.organizations }
    },
    async orgId(slug) {
      const row = await database.db.selectFrom('organizations').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()
      return row.id
    },
    async close() {
      await app.close()
      await database.close()
    },
  }
  return harness
}

/** The `name=value` of the session cookie a response sets. */
export function sessionCookie(res: LightMyRequestResponse): string {
  const header = res.headers['set-cookie']
  const cookies = Array.isArray(header) ? header : header ? [header] : []
  const session = cookies.find((c) => c.startsWith('medsec_session='))
  if (!session) throw new Error('no session cookie was set')
  return session.split(';')[0]!
}

/** Headers for a cookie-authenticated request; writes carry the CSRF token. */
export function as(session: TestSession, write = false): Record<string, string> {
  return write ? { cookie: session.cookie, 'x-csrf-token': session.csrf } : { cookie: session.cookie }
}
