import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LoginThrottle } from '../../services/auth/login-throttle.js'
import { as, startHarness, type ApiHarness } from '../../../test/support/api-harness.js'
import { testEngines } from '../../../test/support/database.js'

describe.each(testEngines)('authentication on %s', (engine) => {
  let h: ApiHarness
  beforeAll(async () => {
    h = await startHarness(engine, new LoginThrottle({ maxFailures: 3, windowMs: 60_000 }))
  })
  afterAll(() => h?.close())

  it('answers health without a login', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/api/health' })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ status: 'ok' })
  })

  it('serves the OpenAPI document with every route and the docs page', async () => {
    const doc = (await h.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{ paths: Record<string, unknown> }>()
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/health', '/api/auth/login', '/api/orgs/{orgId}/tokens', '/api/orgs/{orgId}/audit']))
    const docs = await h.app.inject({ method: 'GET', url: '/api/docs/' })
    expect(docs.statusCode).toBe(200)
  })

  it('sets security headers', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/api/health' })
    expect(res.headers['x-content-type-options']).toBe('nosniff')
    expect(res.headers['content-security-policy']).toContain("default-src 'self'")
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN')
  })

  it('logs in with an httpOnly SameSite=Strict cookie and reports the session', async () => {
    const res = await h.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'admin@acme-imaging.example', password: 'medsec-demo-2026' } })
    expect(res.statusCode).toBe(200)
    const cookie = String(res.headers['set-cookie'])
    expect(cookie).toMatch(/HttpOnly/i)
    expect(cookie).toMatch(/SameSite=Strict/i)
    const session = await h.login('admin@acme-imaging.example')
    const me = await h.app.inject({ method: 'GET', url: '/api/auth/session', headers: as(session) })
    expect(me.json()).toMatchObject({ user: { email: 'admin@acme-imaging.example' }, organizations: [{ slug: 'acme-imaging', role: 'admin' }] })
  })

  it('refuses a wrong password with invalid_credentials and records it', async () => {
    const res = await h.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'analyst@odsr.example', password: 'wrong password!' } })
    expect(res.statusCode).toBe(401)
    expect(res.json()).toMatchObject({ error: { code: 'invalid_credentials' } })
    expect(res.headers['set-cookie']).toBeUndefined()
    const failed = await h.database.db.selectFrom('audit_log').select('action').where('action', '=', 'auth.login_failed').execute()
    expect(failed.length).toBeGreaterThan(0)
  })

  it('rate-limits repeated failed logins of one account, even with the right password afterwards', async () => {
    const email = 'admin@regulator.example'
    for (let i = 0; i < 3; i++) {
      const res = await h.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: `wrong-${i}-password` }, remoteAddress: `10.9.9.${i}` })
      expect(res.statusCode).toBe(401)
    }
    const blocked = await h.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: 'medsec-demo-2026' }, remoteAddress: '10.9.9.99' })
    expect(blocked.statusCode).toBe(429)
    expect(blocked.json()).toMatchObject({ error: { code: 'rate_limited' } })
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0)
  })

  it('refuses a cookie-authenticated write without the CSRF token, and changes nothing', async () => {
    const session = await h.login('admin@acme-imaging.example')
    const orgId = await h.orgId('acme-imaging')
    const before = await h.database.db.selectFrom('api_tokens').select('id').execute()
    const res = await h.app.inject({ method: 'POST', url: `/api/orgs/${orgId}/tokens`, headers: as(session), payload: { name: 'x', role: 'viewer' } })
    expect(res.statusCode).toBe(403)
    expect(res.json()).toMatchObject({ error: { code: 'csrf_failed' } })
    const wrong = await h.app.inject({ method: 'POST', url: `/api/orgs/${orgId}/tokens`, headers: { cookie: session.cookie, 'x-csrf-token': 'forged' }, payload: { name: 'x', role: 'viewer' } })
    expect(wrong.statusCode).toBe(403)
    expect(await h.database.db.selectFrom('api_tokens').select('id').execute()).toHaveLength(before.length)
  })

  it('ends the session on logout', async () => {
    const session = await h.login('analyst@acme-imaging.example')
    const out = await h.app.inject({ method: 'POST', url: '/api/auth/logout', headers: as(session, true) })
    expect(out.statusCode).toBe(204)
    const me = await h.app.inject({ method: 'GET', url: '/api/auth/session', headers: as(session) })
    expect(me.statusCode).toBe(401)
    expect(me.json()).toMatchObject({ error: { code: 'unauthenticated' } })
  })

  it('refuses an expired session with session_expired', async () => {
    const session = await h.login('analyst@st-example.example')
    await h.database.db.updateTable('sessions').set({ expires_at: new Date(Date.now() - 1000) }).execute()
    const me = await h.app.inject({ method: 'GET', url: '/api/auth/session', headers: as(session) })
    expect(me.statusCode).toBe(401)
    expect(me.json()).toMatchObject({ error: { code: 'session_expired' } })
  })

  it('refuses a malformed JSON body and an oversized body with stable codes', async () => {
    const bad = await h.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"email": "a@b.c", "password": ' })
    expect(bad.statusCode).toBe(400)
    expect(bad.json()).toMatchObject({ error: { code: 'invalid_json' } })
    const big = await h.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ email: 'a@b.c', password: 'x'.repeat(2 * 1024 * 1024) }) })
    expect(big.statusCode).toBe(413)
    expect(big.json()).toMatchObject({ error: { code: 'payload_too_large' } })
    const invalid = await h.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'a@b.c' } })
    expect(invalid.statusCode).toBe(400)
    expect(invalid.json()).toMatchObject({ error: { code: 'validation_failed' } })
  })

  it('answers unknown API paths with a JSON 404', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/api/nothing-here' })
    expect(res.statusCode).toBe(404)
    expect(res.json()).toMatchObject({ error: { code: 'not_found' } })
  })
})
