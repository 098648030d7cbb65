import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openTestDatabase } from '../../../test/support/database.js'
import type { OpenDatabase } from '../../store/database.js'
import { seedDemo } from '../demo/seed-demo.js'
import { systemContext } from '../system-admin.js'
import type { OrgContext } from '../context.js'
import { deliverDue, type DeliveryPolicy } from './delivery-worker.js'
import { emitEvent } from './emit-event.js'
import { smtpMailer } from './mailer.js'
import { setPreferences } from './notification-center.js'
import { verifyWebhook, WEBHOOK_HEADERS } from './webhook-signature.js'
import { createWebhook, listDeliveries, retryDelivery } from './webhooks.js'

// The receivers of these tests listen on 127.0.0.1 over http, which only this switch allows.
process.env.MEDSEC_WEBHOOK_ALLOW_PRIVATE = '1'

const POLICY: DeliveryPolicy = { maxAttempts: 4, baseDelayMs: 60_000, maxDelayMs: 3_600_000, timeoutMs: 2_000, batchSize: 50 }

interface Received {
  headers: Record<string, string | undefined>
  body: string
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)))
}

describe('webhook and e-mail delivery from the outbox', () => {
  let database: OpenDatabase
  let acme: OrgContext
  let receiver: Server
  let receiverUrl: string
  const received: Received[] = []
  let failuresLeft = 2

  beforeAll(async () => {
    database = await openTestDatabase('pglite')
    await seedDemo(database.db)
    const opened = await systemContext(database.db, 'acme-imaging')
    if (!opened.ok) throw new Error(opened.error.message)
    acme = opened.value
    // A receiver that is down twice (503), then accepts.
    receiver = createServer((req, res) => {
      let body = ''
      req.on('data', (chunk: Buffer) => (body += chunk.toString()))
      req.on('end', () => {
        received.push({ headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : v])), body })
        if (failuresLeft > 0) {
          failuresLeft--
          res.writeHead(503).end('down for maintenance')
        } else res.writeHead(204).end()
      })
    })
    receiverUrl = `http://127.0.0.1:${await listen(receiver)}/hooks/medsec`
  })
  afterAll(async () => {
    await new Promise((resolve) => receiver?.close(resolve))
    await database?.close()
  })

  it('retries a failing receiver with exponential backoff, signs every call and logs every attempt', async () => {
    const created = await createWebhook(acme, { url: receiverUrl, eventTypes: ['sharing.access_requested'] })
    if (!created.ok) throw new Error(created.error.message)
    const { secret } = created.value
    const t0 = new Date('2026-03-01T10:00:00Z')
    await emitEvent(database.db, { type: 'sharing.access_requested', sourceOrgId: null, title: 'A test request', audience: { kind: 'orgs', orgIds: [acme.org.id] } }, t0)
    // A type the endpoint did not subscribe to is not delivered to it.
    await emitEvent(database.db, { type: 'sharing.relationship_revoked', sourceOrgId: null, title: 'Not subscribed', audience: { kind: 'orgs', orgIds: [acme.org.id] } }, t0)

    let now = t0
    const clock = () => now
    expect(await deliverDue(database.db, { policy: POLICY, now: clock })).toEqual({ delivered: 0, retrying: 1, failed: 0 })
    // Not due again before the backoff (1 minute) has passed.
    now = new Date(t0.getTime() + 30_000)
    expect(await deliverDue(database.db, { policy: POLICY, now: clock })).toEqual({ delivered: 0, retrying: 0, failed: 0 })
    now = new Date(t0.getTime() + 60_000)
    expect(await deliverDue(database.db, { policy: POLICY, now: clock })).toEqual({ delivered: 0, retrying: 1, failed: 0 })
    now = new Date(t0.getTime() + 60_000 + 119_000)
    expect(await deliverDue(database.db, { policy: POLICY, now: clock })).toEqual({ delivered: 0, retrying: 0, failed: 0 })
    now = new Date(t0.getTime() + 60_000 + 120_000)
    expect(await deliverDue(database.db, { policy: POLICY, now: clock })).toEqual({ delivered: 1, retrying: 0, failed: 0 })

    expect(received).toHaveLength(3)
    for (const call of received) {
      const timestamp = call.headers[WEBHOOK_HEADERS.timestamp]
      expect(verifyWebhook(secret, { timestamp, signature: call.headers[WEBHOOK_HEADERS.signature] }, call.body, Number(timestamp))).toBe(true)
      expect(verifyWebhook('whsec_wrong', { timestamp, signature: call.headers[WEBHOOK_HEADERS.signature] }, call.body, Number(timestamp))).toBe(false)
      expect(verifyWebhook(secret, { timestamp, signature: call.headers[WEBHOOK_HEADERS.signature] }, call.body, Number(timestamp) + 3600)).toBe(false)
      expect(JSON.parse(call.body)).toMatchObject({ type: 'sharing.access_requested', title: 'A test request', organizationId: acme.org.id })
    }
    expect(new Set(received.map((r) => r.headers[WEBHOOK_HEADERS.delivery])).size).toBe(1)

    const log = await listDeliveries(acme, 10)
    if (!log.ok) throw new Error(log.error.message)
    expect(log.value).toHaveLength(1)
    expect(log.value[0]).toMatchObject({ status: 'delivered', attempts: 3, last_error: null })
    expect(log.value[0]!.log.map((a) => [a.attempt, a.ok, a.status_code])).toEqual([
      [1, false, 503],
      [2, false, 503],
      [3, true, 204],
    ])
  })

  it('marks a delivery to a receiver that stays down as failed after the last attempt, keeps it, and can queue it again', async () => {
    const closed = createServer()
    const port = await listen(closed)
    await new Promise((resolve) => closed.close(resolve))
    const created = await createWebhook(acme, { url: `http://127.0.0.1:${port}/never`, eventTypes: ['product.advisory_published'] })
    if (!created.ok) throw new Error(created.error.message)
    const t0 = new Date('2026-03-02T10:00:00Z')
    await emitEvent(database.db, { type: 'product.advisory_published', sourceOrgId: acme.org.id, title: 'Advisory', audience: { kind: 'orgs', orgIds: [acme.org.id] } }, t0)
    let now = t0
    const passes = []
    for (let i = 0; i < 6; i++) {
      passes.push(await deliverDue(database.db, { policy: POLICY, now: () => now }))
      now = new Date(now.getTime() + 3_600_000)
    }
    expect(passes.map((p) => p.failed).reduce((a, b) => a + b, 0)).toBe(1)
    expect(passes.map((p) => p.retrying).reduce((a, b) => a + b, 0)).toBe(POLICY.maxAttempts - 1)
    const log = await listDeliveries(acme, 10)
    if (!log.ok) throw new Error(log.error.message)
    const failed = log.value.find((d) => d.recipient.endsWith('/never'))!
    expect(failed).toMatchObject({ status: 'failed', attempts: POLICY.maxAttempts })
    expect(failed.log).toHaveLength(POLICY.maxAttempts)
    expect(failed.log.every((a) => !a.ok && a.error)).toBe(true)
    const retried = await retryDelivery(acme, failed.id)
    expect(retried.ok).toBe(true)
    const row = await database.db.selectFrom('delivery_outbox').select(['status', 'attempts']).where('id', '=', failed.id).executeTakeFirstOrThrow()
    expect(row).toEqual({ status: 'pending', attempts: 0 })
  })

  it('sends e-mail through SMTP to users who chose it, with the TLP label in the subject', async () => {
    const mails: string[] = []
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, _session, callback) {
        let data = ''
        stream.on('data', (chunk: Buffer) => (data += chunk.toString()))
        stream.on('end', () => {
          mails.push(data)
          callback()
        })
      },
    })
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()))
    const port = (smtp.server.address() as AddressInfo).port
    try {
      const user = await database.db.selectFrom('users').select('id').where('email', '=', 'analyst@acme-imaging.example').executeTakeFirstOrThrow()
      const analyst: OrgContext = { ...acme, actor: { kind: 'user', id: user.id, label: 'analyst@acme-imaging.example' }, role: 'analyst' }
      const chosen = await setPreferences(analyst, [{ eventType: 'product.vex_changed', channel: 'email', enabled: true }])
      expect(chosen.ok).toBe(true)
      const product = await database.db.selectFrom('products').select(['id', 'org_id']).where('name', '=', 'Acme CT 5000').executeTakeFirstOrThrow()
      await emitEvent(database.db, {
        type: 'product.vex_changed',
        sourceOrgId: product.org_id,
        title: 'VEX changed for Acme CT 5000',
        link: '/advisories',
        audience: { kind: 'artifact', artifact: { kind: 'vex', id: '00000000-0000-4000-8000-000000000001', ownerOrgId: product.org_id, tlp: 'AMBER', productId: product.id } },
      })
      const mailer = smtpMailer(`smtp://127.0.0.1:${port}`, 'medsec <medsec@localhost>')
      const pass = await deliverDue(database.db, { mailer, policy: POLICY })
      expect(pass.delivered).toBeGreaterThanOrEqual(1)
      expect(mails).toHaveLength(1)
      expect(mails[0]).toContain('To: analyst@acme-imaging.example')
      expect(mails[0]).toContain('Subject: [TLP:AMBER] VEX changed for Acme CT 5000')
      // The hospital (approved for every kind) got the in-app notification; e-mail stays off by default.
      const hospitalNotes = await database.db
        .selectFrom('notifications as n')
        .innerJoin('organizations as o', 'o.id', 'n.org_id')
        .select('o.slug')
        .where('n.event_type', '=', 'product.vex_changed')
        .execute()
      expect(new Set(hospitalNotes.map((n) => n.slug))).toEqual(new Set(['acme-imaging', 'st-example-hospital']))
    } finally {
      await new Promise<void>((resolve) => smtp.close(() => resolve()))
    }
  })
})
