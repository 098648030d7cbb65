import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MAX_ATTACHMENT_BYTES } from '../../domain/disclosure/index.js'
import { as, startHarness, type ApiHarness } from '../../../test/support/api-harness.js'
import { testEngines } from '../../../test/support/database.js'

const SCRIPT = '"><script>alert(document.cookie)</script>'
const b64 = (data: string | Uint8Array) => Buffer.from(data).toString('base64')

describe.each(testEngines)('abuse of the public disclosure routes on %s', (engine) => {
  let h: ApiHarness
  let ip = 0
  const nextIp = () => `198.51.100.${(ip += 1)}`
  const report = (payload: Record<string, unknown>, remoteAddress = nextIp()) =>
    h.app.inject({ method: 'POST', url: '/api/public/disclosure/acme-imaging/reports', payload: { title: 'A report', description: 'Details', ...payload }, remoteAddress })
  const caseCount = async () => Number((await h.database.db.selectFrom('disclosure_cases').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)

  beforeAll(async () => {
    h = await startHarness(engine)
  })
  afterAll(() => h?.close())

  it('refuses an oversized attachment, and a body over the route limit before reading it', async () => {
    const before = await caseCount()
    const big = new Uint8Array(MAX_ATTACHMENT_BYTES + 1).fill(0x41)
    const res = await report({ attachments: [{ filename: 'big.txt', contentBase64: b64(big) }] })
    expect(res.statusCode).toBe(400)
    expect(res.json()).toMatchObject({ error: { code: 'validation_failed', details: { code: 'attachment_too_large' } } })
    const huge = await report({ description: 'x'.repeat(10 * 1024 * 1024) })
    expect(huge.statusCode).toBe(413)
    expect(await caseCount()).toBe(before)
  })

  it('refuses disallowed types and files whose content lies about their type', async () => {
    const cases: readonly [string, string, string][] = [
      ['exploit.html', '<html><script>alert(1)</script></html>', 'attachment_type_not_allowed'],
      ['image.svg', '<svg onload="alert(1)"/>', 'attachment_type_not_allowed'],
      ['payload.exe', 'MZ\u0090\u0000', 'attachment_type_not_allowed'],
      ['screenshot.png', '<script>alert(1)</script>', 'attachment_content_mismatch'],
      ['report.pdf', '<html>', 'attachment_content_mismatch'],
    ]
    const failures: string[] = []
    for (const [filename, content, code] of cases) {
      const res = await report({ attachments: [{ filename, contentBase64: b64(content) }] })
      const body = res.json<{ error?: { details?: { code?: string } } }>()
      if (res.statusCode !== 400 || body.error?.details?.code !== code) failures.push(`${filename}: ${res.statusCode} ${res.body}`)
    }
    expect(failures).toEqual([])
    const notBase64 = await report({ attachments: [{ filename: 'a.txt', contentBase64: '!!!not base64!!!' }] })
    expect(notBase64.statusCode).toBe(400)
    const tooMany = await report({ attachments: Array.from({ length: 4 }, (_, i) => ({ filename: `${i}.txt`, contentBase64: b64('x') })) })
    expect(tooMany.statusCode).toBe(400)
  })

  it('stores script in every field as text and returns it as JSON text, never as HTML', async () => {
    const res = await report({ title: SCRIPT, description: SCRIPT, reporterName: SCRIPT, productText: SCRIPT, versionText: SCRIPT, wantsCredit: true, creditName: SCRIPT })
    expect(res.statusCode, res.body).toBe(201)
    const receipt = res.json<{ caseId: string; portalToken: string }>()
    const stored = await h.database.db.selectFrom('disclosure_cases').selectAll().where('id', '=', receipt.caseId).executeTakeFirstOrThrow()
    expect([stored.title, stored.body, stored.reporter_name, stored.reported_product, stored.credit_name]).toEqual([SCRIPT, SCRIPT, SCRIPT, SCRIPT, SCRIPT])
    const portal = await h.app.inject({ method: 'GET', url: '/api/public/disclosure/portal', headers: { 'x-portal-token': receipt.portalToken } })
    expect(portal.headers['content-type']).toContain('application/json')
    expect(portal.json<{ title: string }>().title).toBe(SCRIPT)
    const admin = await h.login('admin@acme-imaging.example')
    const acmeId = await h.orgId('acme-imaging')
    const detail = await h.app.inject({ method: 'GET', url: `/api/orgs/${acmeId}/disclosure/cases/${receipt.caseId}`, headers: as(admin) })
    expect(detail.headers['content-type']).toContain('application/json')
    expect(detail.json()).toMatchObject({ title: SCRIPT, body: SCRIPT, reporter: { name: SCRIPT } })
  })

  it('drops a report whose honeypot field is filled, storing nothing', async () => {
    const before = await caseCount()
    const res = await report({ website: 'http://spam.example' })
    expect(res.statusCode).toBe(400)
    expect(await caseCount()).toBe(before)
  })

  it('rate limits a flood of reports per address, leaving other addresses alone', async () => {
    const flooder = '192.0.2.66'
    const statuses: number[] = []
    for (let i = 0; i < 7; i++) statuses.push((await report({ title: `flood ${i}` }, flooder)).statusCode)
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429, 429])
    const limited = await report({ title: 'flood again' }, flooder)
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0)
    expect(limited.json()).toMatchObject({ error: { code: 'rate_limited' } })
    expect((await report({ title: 'someone else' }, '192.0.2.67')).statusCode).toBe(201)
  })

  it('rate limits any flood of public requests', async () => {
    const flooder = '192.0.2.99'
    let first429 = 0
    for (let i = 1; i <= 125 && first429 === 0; i++) {
      const res = await h.app.inject({ method: 'GET', url: '/orgs/acme-imaging/security.txt', remoteAddress: flooder })
      if (res.statusCode === 429) first429 = i
    }
    expect(first429).toBe(121)
    expect((await h.app.inject({ method: 'GET', url: '/.well-known/security.txt', remoteAddress: '192.0.2.100' })).statusCode).toBe(200)
  })

  it('opens nothing with a wrong, malformed or missing portal secret', async () => {
    for (const token of ['', 'short', 'A'.repeat(43), "'; drop table disclosure_cases; --"]) {
      const res = await h.app.inject({ method: 'GET', url: '/api/public/disclosure/portal', headers: { 'x-portal-token': token }, remoteAddress: nextIp() })
      expect(res.statusCode, token).toBe(404)
    }
    expect((await h.app.inject({ method: 'GET', url: '/api/public/disclosure/portal', remoteAddress: nextIp() })).statusCode).toBe(404)
    const write = await h.app.inject({ method: 'POST', url: '/api/public/disclosure/portal/messages', headers: { 'x-portal-token': 'B'.repeat(43) }, payload: { body: 'hi' }, remoteAddress: nextIp() })
    expect(write.statusCode).toBe(404)
  })

  it('refuses reports to organizations that are not manufacturers and to closed intakes', async () => {
    const hospital = await h.app.inject({ method: 'POST', url: '/api/public/disclosure/st-example-hospital/reports', payload: { title: 't', description: 'd' }, remoteAddress: nextIp() })
    expect(hospital.statusCode).toBe(404)
    const unknownField = await report({ isAdmin: true })
    expect(unknownField.statusCode).toBe(400)
  })
})
