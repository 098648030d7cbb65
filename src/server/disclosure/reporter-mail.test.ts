import type { AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { as, startHarness, type ApiHarness, type TestSession } from '../../../test/support/api-harness.js'
import { testEngines } from '../../../test/support/database.js'
import { submitReport } from '../../services/disclosure/submit-report.js'
import { deliverDue } from '../../services/notifications/delivery-worker.js'
import { smtpMailer, type Mailer } from '../../services/notifications/mailer.js'

interface Mail {
  readonly to: string
  readonly subject: string
  readonly text: string
}

/** Decodes the parts of a raw message this test reads: headers, and a quoted-printable or plain body. */
function parseMail(raw: string): Mail {
  const [head = '', ...rest] = raw.split(/\r?\n\r?\n/)
  const header = (name: string) => new RegExp(`^${name}: (.*(?:\\r?\\n[ \\t].*)*)`, 'im').exec(head)?.[1]?.replace(/\r?\n[ \t]/g, ' ') ?? ''
  let body = rest.join('\n\n')
  if (/quoted-printable/i.test(head)) body = Buffer.from(body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8')
  const subject = header('Subject').replace(/=\?utf-8\?Q\?(.*?)\?=/gi, (_, q: string) => Buffer.from(q.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8'))
  return { to: header('To'), subject, text: body }
}

describe.each(testEngines)('e-mails to the reporter through SMTP on %s', (engine) => {
  let h: ApiHarness
  let smtp: SMTPServer
  let mailer: Mailer
  let analyst: TestSession
  let acmeId: string
  const raw: string[] = []
  const mails = () => raw.map(parseMail)
  const deliver = () => deliverDue(h.database.db, { mailer, policy: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 1, timeoutMs: 5_000, batchSize: 50 } })
  let ip = 0
  const report = (payload: Record<string, unknown>) =>
    h.app.inject({ method: 'POST', url: '/api/public/disclosure/acme-imaging/reports', payload: { title: 'Default credentials', description: 'admin/admin works', ...payload }, remoteAddress: `198.18.0.${(ip += 1)}` })
  const caseUrl = (caseId: string, suffix = '') => `/api/orgs/${acmeId}/disclosure/cases/${caseId}${suffix}`

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, _session, callback) {
        let data = ''
        stream.on('data', (chunk: Buffer) => (data += chunk.toString('latin1')))
        stream.on('end', () => {
          raw.push(data)
          callback()
        })
      },
    })
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()))
    const url = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`
    process.env.MEDSEC_SMTP_URL = url
    process.env.MEDSEC_PUBLIC_URL = 'https://medsec.example'
    // This test runs the outbox itself, one pass at a time.
    process.env.MEDSEC_DELIVERY_WORKER = 'off'
    mailer = smtpMailer(url, 'medsec <medsec@localhost>')!
    h = await startHarness(engine)
    acmeId = await h.orgId('acme-imaging')
    analyst = await h.login('analyst@acme-imaging.example')
  })
  afterAll(async () => {
    delete process.env.MEDSEC_SMTP_URL
    delete process.env.MEDSEC_PUBLIC_URL
    delete process.env.MEDSEC_DELIVERY_WORKER
    await h?.close()
    await new Promise<void>((resolve) => smtp.close(() => resolve()))
  })

  it('acknowledges a report with the case id, the manufacturer and the secret link, then mails each status change and manufacturer message without it', async () => {
    const res = await report({ reporterEmail: 'ada@research.example' })
    expect(res.statusCode, res.body).toBe(201)
    const receipt = res.json<{ caseId: string; reference: string; portalToken: string; acknowledgement: string }>()
    expect(receipt.acknowledgement).toBe('sent')
    expect(mails()).toHaveLength(1)
    const ack = mails()[0]!
    expect(ack.to).toContain('ada@research.example')
    expect(ack.subject).toContain(receipt.reference)
    expect(ack.subject).toContain('Acme Imaging')
    expect(ack.text).toContain(`https://medsec.example/reporter-portal#${receipt.portalToken}`)
    // The link is not kept anywhere but in that first e-mail.
    const outbox = await h.database.db.selectFrom('delivery_outbox').select('payload').execute()
    expect(JSON.stringify(outbox)).not.toContain(receipt.portalToken)

    const transition = (payload: Record<string, unknown>) => h.app.inject({ method: 'POST', url: caseUrl(receipt.caseId, '/transitions'), headers: as(analyst, true), payload })
    expect((await transition({ command: 'acknowledge', note: 'We are on it.' })).statusCode).toBe(200)
    expect((await transition({ command: 'triage', outcome: 'valid' })).statusCode).toBe(200)
    const message = (thread: string) => h.app.inject({ method: 'POST', url: caseUrl(receipt.caseId, '/messages'), headers: as(analyst, true), payload: { thread, body: `secret details for ${thread}` } })
    expect((await message('reporter')).statusCode).toBe(201)
    expect((await message('internal')).statusCode).toBe(201)
    expect(await deliver()).toEqual({ delivered: 3, retrying: 0, failed: 0 })

    const later = mails().slice(1)
    expect(later.map((m) => m.subject)).toEqual([
      `[${receipt.reference}] Acme Imaging: Acknowledged`,
      `[${receipt.reference}] Acme Imaging: Triaged`,
      `[${receipt.reference}] New message from Acme Imaging`,
    ])
    expect(later[0]!.text).toContain('We are on it.')
    const failures = later.filter((m) => !m.text.includes(receipt.reference) || !m.text.includes('Acme Imaging') || m.text.includes(receipt.portalToken) || m.text.includes('secret details'))
    expect(failures).toEqual([])
  })

  it('stops e-mails when the reporter turns them off on the portal, including those still queued, and resumes when turned on', async () => {
    const res = await report({ reporterEmail: 'grace@research.example' })
    const receipt = res.json<{ caseId: string; reference: string; portalToken: string }>()
    const before = raw.length
    const portal = (enabled: boolean) => h.app.inject({ method: 'PUT', url: '/api/public/disclosure/portal/email-updates', headers: { 'x-portal-token': receipt.portalToken }, payload: { enabled }, remoteAddress: '198.18.1.1' })
    const transition = (command: string) => h.app.inject({ method: 'POST', url: caseUrl(receipt.caseId, '/transitions'), headers: as(analyst, true), payload: { command, ...(command === 'triage' ? { outcome: 'valid' } : {}) } })
    expect((await transition('acknowledge')).statusCode).toBe(200)
    const off = await portal(false)
    expect(off.json()).toEqual({ enabled: false, cancelled: 1 })
    expect((await transition('triage')).statusCode).toBe(200)
    expect((await deliver()).delivered).toBe(0)
    expect(raw.length).toBe(before)
    const view = await h.app.inject({ method: 'GET', url: '/api/public/disclosure/portal', headers: { 'x-portal-token': receipt.portalToken } })
    expect(view.json()).toMatchObject({ emailUpdates: { address: 'g•••@research.example', enabled: false } })
    const detail = await h.app.inject({ method: 'GET', url: caseUrl(receipt.caseId), headers: as(analyst) })
    expect(detail.json()).toMatchObject({ reporter: { email: 'grace@research.example', emailUpdates: false } })
    expect((await portal(true)).json()).toEqual({ enabled: true, cancelled: 0 })
    expect((await transition('start_remediation')).statusCode).toBe(200)
    expect((await deliver()).delivered).toBe(1)
    expect(mails().at(-1)!.subject).toBe(`[${receipt.reference}] Acme Imaging: Remediation in progress`)
  })

  it('sends nothing without an address, refuses a malformed one, and queues the acknowledgement without the link when SMTP fails', async () => {
    const before = raw.length
    expect((await report({})).statusCode).toBe(201)
    expect((await report({ reporterEmail: 'not an address' })).statusCode).toBe(400)
    expect((await deliver()).delivered).toBe(0)
    expect(raw.length).toBe(before)
    const refusing: Mailer = async () => {
      throw new Error('SMTP 421 try later')
    }
    const submitted = await submitReport(h.database.db, 'acme-imaging', { title: 't', description: 'd', encrypted: false, wantsCredit: false, reporterEmail: 'linus@research.example' }, new Date(), { mailer: refusing, baseUrl: 'https://medsec.example' })
    if (!submitted.ok) throw new Error(submitted.error.message)
    expect(submitted.value.acknowledgement).toBe('queued')
    expect(await deliver()).toMatchObject({ delivered: 1 })
    const queued = mails().at(-1)!
    expect(queued.to).toContain('linus@research.example')
    expect(queued.text).toContain(submitted.value.reference)
    expect(queued.text).not.toContain(submitted.value.portalToken)
  })
})
