import { mkdtempSync, chmodSync, readFileSync, statSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { LookupAddress } from 'node:dns'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openTestDatabase } from '../../../test/support/database.js'
import { openDatabase, type OpenDatabase } from '../../store/database.js'
import { configureInstanceKey, INSTANCE_KEY_FILE, instanceKey, openSecret, webhookSecretContext } from '../../store/instance-key.js'
import { migrateToLatest } from '../../store/migrate.js'
import { migrations } from '../../store/migrations/index.js'
import type { Kysely } from 'kysely'
import { seedDemo } from '../demo/seed-demo.js'
import { systemContext } from '../system-admin.js'
import type { OrgContext } from '../context.js'
import { deliverDue, type DeliveryPolicy } from './delivery-worker.js'
import { emitEvent } from './emit-event.js'
import { verifyWebhook, WEBHOOK_HEADERS } from './webhook-signature.js'
import type { WebhookNetwork } from './webhook-target.js'
import { createWebhook, listDeliveries, listWebhooks } from './webhooks.js'

const POLICY: DeliveryPolicy = { maxAttempts: 3, baseDelayMs: 60_000, maxDelayMs: 3_600_000, timeoutMs: 2_000, batchSize: 50 }

/** A network whose resolver answers from a table (no real DNS in tests). */
function network(allowPrivate: boolean, answers: Record<string, string[]>): WebhookNetwork {
  return {
    policy: { allowPrivate },
    resolve: async (hostname) => {
      const found = answers[hostname]
      if (!found) throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' })
      return found.map((address): LookupAddress => ({ address, family: address.includes(':') ? 6 : 4 }))
    },
  }
}

describe('webhook targets: SSRF guard at registration and at delivery', () => {
  let database: OpenDatabase
  let acme: OrgContext
  let receiver: Server
  let port: number
  const received: { url: string; headers: Record<string, string | string[] | undefined>; body: string }[] = []

  beforeAll(async () => {
    database = await openTestDatabase('pglite')
    await seedDemo(database.db)
    const opened = await systemContext(database.db, 'acme-imaging')
    if (!opened.ok) throw new Error(opened.error.message)
    acme = opened.value
    receiver = createServer((req, res) => {
      let body = ''
      req.on('data', (chunk: Buffer) => (body += chunk.toString()))
      req.on('end', () => {
        received.push({ url: req.url ?? '', headers: req.headers, body })
        // A receiver that redirects elsewhere: the worker must not follow.
        if (req.url === '/redirect') res.writeHead(302, { location: `http://169.254.169.254/latest/meta-data/` }).end()
        else res.writeHead(204).end()
      })
    })
    port = await new Promise<number>((resolve) => receiver.listen(0, '127.0.0.1', () => resolve((receiver.address() as AddressInfo).port)))
  })
  afterAll(async () => {
    await new Promise((resolve) => receiver?.close(resolve))
    await database?.close()
  })

  it('refuses http, private literals and hosts resolving to blocked addresses at registration', async () => {
    const strict = network(false, { 'hooks.example.com': ['93.184.215.14'], 'internal.example.com': ['93.184.215.14', '10.0.0.7'], 'meta.example.com': ['169.254.169.254'], 'v6.example.com': ['::ffff:127.0.0.1'] })
    const attempts = {
      'http://hooks.example.com/x': 'webhook_url_scheme',
      'https://127.0.0.1/x': 'webhook_address_blocked',
      'https://2130706433/x': 'webhook_address_blocked',
      'https://[::1]/x': 'webhook_address_blocked',
      'https://169.254.169.254/x': 'webhook_address_blocked',
      'https://internal.example.com/x': 'webhook_address_blocked',
      'https://meta.example.com/x': 'webhook_address_blocked',
      'https://v6.example.com/x': 'webhook_address_blocked',
      'https://nowhere.example.com/x': 'webhook_host_unresolved',
      'not a url': 'webhook_url_invalid',
    }
    const outcomes: Record<string, string> = {}
    for (const url of Object.keys(attempts)) {
      const created = await createWebhook(acme, { url }, strict)
      outcomes[url] = created.ok ? 'created' : String((created.error.details as { code?: string }).code)
    }
    expect(outcomes).toEqual(attempts)
    const good = await createWebhook(acme, { url: 'https://hooks.example.com/x', eventTypes: ['sla.clock_approaching'] }, strict)
    expect(good.ok).toBe(true)
  })

  it('checks the address again when connecting, so a host that now resolves inside is not called (DNS rebinding)', async () => {
    const atRegistration = network(false, { 'rebind.example.com': ['93.184.215.14'] })
    const created = await createWebhook(acme, { url: `https://rebind.example.com:${port}/rebind`, eventTypes: ['product.finding_new'] }, atRegistration)
    if (!created.ok) throw new Error(created.error.message)
    const t0 = new Date('2026-04-01T10:00:00Z')
    await emitEvent(database.db, { type: 'product.finding_new', sourceOrgId: acme.org.id, title: 'Rebinding', audience: { kind: 'orgs', orgIds: [acme.org.id] } }, t0)
    const before = received.length
    const pass = await deliverDue(database.db, { policy: POLICY, now: () => t0, network: network(false, { 'rebind.example.com': ['127.0.0.1'] }) })
    expect(pass).toEqual({ delivered: 0, retrying: 1, failed: 0 })
    expect(received.length).toBe(before)
    const log = await listDeliveries(acme, 50)
    if (!log.ok) throw new Error(log.error.message)
    const delivery = log.value.find((d) => d.recipient.includes('rebind.example.com'))!
    expect(delivery.log[0]).toMatchObject({ ok: false, status_code: null })
    expect(delivery.log[0]!.error).toContain('webhook_address_blocked')
  })

  it('connects to the checked address (pinned through the lookup), signs with the secret shown once, and does not follow redirects', async () => {
    const local = network(true, { 'receiver.test': ['127.0.0.1'] })
    const created = await createWebhook(acme, { url: `http://receiver.test:${port}/hook`, eventTypes: ['sharing.relationship_revoked'] }, local)
    if (!created.ok) throw new Error(created.error.message)
    const redirecting = await createWebhook(acme, { url: `http://receiver.test:${port}/redirect`, eventTypes: ['sharing.relationship_revoked'] }, local)
    if (!redirecting.ok) throw new Error(redirecting.error.message)
    // Before the rebinding test's retry is due, so that only this event's deliveries are claimed.
    const t0 = new Date('2026-04-01T10:00:30Z')
    await emitEvent(database.db, { type: 'sharing.relationship_revoked', sourceOrgId: null, title: 'Pinned', audience: { kind: 'orgs', orgIds: [acme.org.id] } }, t0)
    const before = received.length
    expect(await deliverDue(database.db, { policy: POLICY, now: () => t0, network: local })).toEqual({ delivered: 1, retrying: 1, failed: 0 })
    const calls = received.slice(before)
    expect(calls.map((c) => c.url).sort()).toEqual(['/hook', '/redirect'])
    const hook = calls.find((c) => c.url === '/hook')!
    expect(hook.headers.host).toBe(`receiver.test:${port}`)
    const timestamp = String(hook.headers[WEBHOOK_HEADERS.timestamp])
    expect(verifyWebhook(created.value.secret, { timestamp, signature: String(hook.headers[WEBHOOK_HEADERS.signature]) }, hook.body, Number(timestamp))).toBe(true)
    const log = await listDeliveries(acme, 50)
    if (!log.ok) throw new Error(log.error.message)
    expect(log.value.find((d) => d.recipient.endsWith('/redirect'))!.log[0]).toMatchObject({ ok: false, status_code: 302, error: 'HTTP 302' })
  })

  it('stores secrets encrypted, bound to their endpoint, and never lists them', async () => {
    const rows = await database.db.selectFrom('webhook_endpoints').select(['id', 'secret_sealed']).where('org_id', '=', acme.org.id).execute()
    expect(rows.length).toBeGreaterThanOrEqual(4)
    expect(rows.every((r) => r.secret_sealed.startsWith('v1:') && !r.secret_sealed.includes('whsec_'))).toBe(true)
    const key = instanceKey()
    if (!key.ok) throw new Error(key.error.message)
    expect(openSecret(key.value, rows[0]!.secret_sealed, webhookSecretContext(rows[0]!.id))).toMatchObject({ ok: true })
    expect(openSecret(key.value, rows[0]!.secret_sealed, webhookSecretContext(rows[1]!.id))).toMatchObject({ ok: false, error: { code: 'secret_unreadable' } })
    await expect(database.db.updateTable('webhook_endpoints').set({ secret_sealed: 'whsec_plaintext' }).where('id', '=', rows[0]!.id).execute()).rejects.toThrow()
    const listed = await listWebhooks(acme)
    expect(JSON.stringify(listed)).not.toMatch(/whsec_|v1:/)
  })
})

describe('migration 0016 and the instance key', () => {
  it('encrypts the webhook secrets stored before it, in place', async () => {
    const database = await openDatabase({ kind: 'memory' })
    try {
      const db = database.db as unknown as Kysely<unknown>
      await sql`create table schema_migrations (id integer primary key, name text not null, applied_at timestamptz not null)`.execute(db)
      for (const migration of migrations.filter((m) => m.id < 16)) {
        await migration.up(db)
        await sql`insert into schema_migrations values (${migration.id}, ${migration.name}, now())`.execute(db)
      }
      const org = '00000000-0000-4000-8000-000000000016'
      const endpoint = '00000000-0000-4000-8000-000000000116'
      await sql`insert into organizations (id, slug, name, kind, created_at) values (${org}, 'm16', 'M16', 'manufacturer', now())`.execute(db)
      await sql`insert into webhook_endpoints (id, org_id, url, secret, event_types, active, created_by_label, created_at)
        values (${endpoint}, ${org}, 'https://hooks.example.com/', 'whsec_before_0016', '{}', true, 'test', now())`.execute(db)
      const report = await migrateToLatest(database.db)
      expect(report.applied).toContain('0016-sharing-secrets')
      const row = await database.db.selectFrom('webhook_endpoints').select('secret_sealed').where('id', '=', endpoint).executeTakeFirstOrThrow()
      expect(row.secret_sealed).toMatch(/^v1:/)
      const key = instanceKey()
      if (!key.ok) throw new Error(key.error.message)
      expect(openSecret(key.value, row.secret_sealed, webhookSecretContext(endpoint))).toEqual({ ok: true, value: 'whsec_before_0016' })
    } finally {
      await database.close()
    }
    // Migrating a database from scratch takes a while on a loaded machine.
  }, 240_000)

  it('takes the key from MEDSEC_SECRET_KEY, else a 0600 file for PGlite, and requires the variable for PostgreSQL', () => {
    const dir = mkdtempSync(join(tmpdir(), 'medsec-key-'))
    try {
      configureInstanceKey({ kind: 'embedded', dataDir: dir }, {})
      const fromFile = instanceKey()
      expect(fromFile).toMatchObject({ ok: true, value: { source: 'file' } })
      const file = join(dir, INSTANCE_KEY_FILE)
      expect(statSync(file).mode & 0o777).toBe(0o600)
      const first = readFileSync(file, 'utf8')
      configureInstanceKey({ kind: 'embedded', dataDir: dir }, {})
      const again = instanceKey()
      expect(again.ok && fromFile.ok && again.value.key.equals(fromFile.value.key)).toBe(true)
      expect(readFileSync(file, 'utf8')).toBe(first)
      chmodSync(file, 0o644)
      configureInstanceKey({ kind: 'embedded', dataDir: dir }, {})
      expect(instanceKey()).toMatchObject({ ok: false, error: { code: 'secret_key_file_permissions' } })
      configureInstanceKey({ kind: 'postgres', url: 'postgres://db.invalid/medsec' }, {})
      expect(instanceKey()).toMatchObject({ ok: false, error: { code: 'secret_key_missing' } })
      configureInstanceKey({ kind: 'postgres', url: 'postgres://db.invalid/medsec' }, { MEDSEC_SECRET_KEY: 'short' })
      expect(instanceKey()).toMatchObject({ ok: false, error: { code: 'secret_key_invalid' } })
      configureInstanceKey({ kind: 'postgres', url: 'postgres://db.invalid/medsec' }, { MEDSEC_SECRET_KEY: 'q'.repeat(44) })
      expect(instanceKey()).toMatchObject({ ok: true, value: { source: 'environment' } })
    } finally {
      configureInstanceKey({ kind: 'memory' }, {})
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
