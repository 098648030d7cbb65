import { randomUUID } from 'node:crypto'
import { sql, type Kysely } from 'kysely'
import type { Database } from '../schema.js'
import type { OrgScope } from '../scope.js'
import type { DeliveryAttemptRow, DeliveryOutboxRow, NotificationRow, WebhookEndpointRow } from '../tables/sharing.js'

/** A member who can receive notifications. */
export interface Recipient {
  readonly orgId: string
  readonly userId: string
  readonly email: string
  readonly name: string
}

/** A delivery to queue in the outbox. */
export interface NewDelivery {
  readonly orgId: string
  readonly channel: 'webhook' | 'email'
  readonly endpointId: string | null
  readonly recipient: string
  readonly eventId: string
  readonly eventType: string
  readonly payload: unknown
}

/** Events, in-app notifications, preferences, webhook endpoints and the delivery outbox. */
export const notificationRepository = {
  async insertEvent(db: Kysely<Database>, input: { type: string; sourceOrgId: string | null; title: string; payload: unknown; at: Date }): Promise<string> {
    const id = randomUUID()
    await db.insertInto('events').values({ id, type: input.type, source_org_id: input.sourceOrgId, title: input.title, payload: JSON.stringify(input.payload), created_at: input.at }).execute()
    return id
  },

  /** Whether an event of this type from this organization already carries this de-duplication key (payload data.key). */
  async eventWithKeyExists(db: Kysely<Database>, input: { type: string; sourceOrgId: string; key: string }): Promise<boolean> {
    const row = await db
      .selectFrom('events')
      .select('id')
      .where('type', '=', input.type)
      .where('source_org_id', '=', input.sourceOrgId)
      .where(sql<string>`payload->'data'->>'key'`, '=', input.key)
      .executeTakeFirst()
    return row !== undefined
  },

  /** The active members of the organizations, with their e-mail addresses. */
  async members(db: Kysely<Database>, orgIds: readonly string[]): Promise<Recipient[]> {
    if (orgIds.length === 0) return []
    const rows = await db
      .selectFrom('memberships as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .select(['m.org_id', 'm.user_id', 'u.email', 'u.name'])
      .where('m.org_id', 'in', [...orgIds])
      .where('u.disabled_at', 'is', null)
      .execute()
    return rows.map((r) => ({ orgId: r.org_id, userId: r.user_id, email: r.email, name: r.name }))
  },

  /** The stored preferences of the given users for one event type, keyed "org:user:channel". */
  async preferencesFor(db: Kysely<Database>, userIds: readonly string[], eventType: string): Promise<Map<string, boolean>> {
    const found = new Map<string, boolean>()
    if (userIds.length === 0) return found
    const rows = await db.selectFrom('notification_preferences').selectAll().where('user_id', 'in', [...userIds]).where('event_type', '=', eventType).execute()
    for (const r of rows) found.set(`${r.org_id}:${r.user_id}:${r.channel}`, r.enabled)
    return found
  },

  async insertNotifications(db: Kysely<Database>, rows: readonly { orgId: string; userId: string; eventId: string; eventType: string; title: string; link: string | null; at: Date }[]): Promise<void> {
    if (rows.length === 0) return
    await db
      .insertInto('notifications')
      .values(rows.map((r) => ({ id: randomUUID(), org_id: r.orgId, user_id: r.userId, event_id: r.eventId, event_type: r.eventType, title: r.title, link: r.link, created_at: r.at, read_at: null })))
      .execute()
  },

  async enqueue(db: Kysely<Database>, deliveries: readonly NewDelivery[], at: Date): Promise<void> {
    if (deliveries.length === 0) return
    await db
      .insertInto('delivery_outbox')
      .values(
        deliveries.map((d) => ({
          id: randomUUID(),
          org_id: d.orgId,
          channel: d.channel,
          endpoint_id: d.endpointId,
          recipient: d.recipient,
          event_id: d.eventId,
          event_type: d.eventType,
          payload: JSON.stringify(d.payload),
          status: 'pending' as const,
          attempts: 0,
          next_attempt_at: at,
          last_error: null,
          created_at: at,
          delivered_at: null,
        })),
      )
      .execute()
  },

  async list(db: Kysely<Database>, scope: OrgScope, userId: string, page: { limit: number; unreadOnly: boolean }): Promise<{ unread: number; items: NotificationRow[] }> {
    let query = db.selectFrom('notifications').selectAll().where('org_id', '=', scope.orgId).where('user_id', '=', userId)
    if (page.unreadOnly) query = query.where('read_at', 'is', null)
    const [items, unread] = await Promise.all([
      query.orderBy('created_at', 'desc').limit(page.limit).execute(),
      notificationRepository.unreadCount(db, scope, userId),
    ])
    return { unread, items }
  },

  async unreadCount(db: Kysely<Database>, scope: OrgScope, userId: string): Promise<number> {
    const row = await db
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('org_id', '=', scope.orgId)
      .where('user_id', '=', userId)
      .where('read_at', 'is', null)
      .executeTakeFirstOrThrow()
    return Number(row.n)
  },

  /** Marks the given notifications (or all, when ids is undefined) read; returns how many changed. */
  async markRead(db: Kysely<Database>, scope: OrgScope, userId: string, ids: readonly string[] | undefined, at: Date): Promise<number> {
    let query = db.updateTable('notifications').set({ read_at: at }).where('org_id', '=', scope.orgId).where('user_id', '=', userId).where('read_at', 'is', null)
    if (ids) {
      const valid = ids.filter((id) => /^[0-9a-f-]{36}$/i.test(id))
      if (valid.length === 0) return 0
      query = query.where('id', 'in', valid)
    }
    const result = await query.executeTakeFirst()
    return Number(result.numUpdatedRows)
  },

  async preferences(db: Kysely<Database>, scope: OrgScope, userId: string): Promise<{ event_type: string; channel: string; enabled: boolean }[]> {
    return db.selectFrom('notification_preferences').select(['event_type', 'channel', 'enabled']).where('org_id', '=', scope.orgId).where('user_id', '=', userId).execute()
  },

  async setPreferences(db: Kysely<Database>, scope: OrgScope, userId: string, prefs: readonly { eventType: string; channel: string; enabled: boolean }[]): Promise<void> {
    if (prefs.length === 0) return
    await db
      .insertInto('notification_preferences')
      .values(prefs.map((p) => ({ org_id: scope.orgId, user_id: userId, event_type: p.eventType, channel: p.channel, enabled: p.enabled })))
      .onConflict((oc) => oc.columns(['org_id', 'user_id', 'event_type', 'channel']).doUpdateSet({ enabled: (eb) => eb.ref('excluded.enabled') }))
      .execute()
  },

  async activeEndpoints(db: Kysely<Database>, orgIds: readonly string[]): Promise<WebhookEndpointRow[]> {
    if (orgIds.length === 0) return []
    return db.selectFrom('webhook_endpoints').selectAll().where('org_id', 'in', [...orgIds]).where('active', '=', true).execute()
  },

  /** Stores an endpoint; its secret is sealed by the caller for the id given (the id is part of the sealed context). */
  async createEndpoint(db: Kysely<Database>, scope: OrgScope, input: { id: string; url: string; secretSealed: string; eventTypes: readonly string[]; createdBy: string }): Promise<WebhookEndpointRow> {
    return db
      .insertInto('webhook_endpoints')
      .values({ id: input.id, org_id: scope.orgId, url: input.url, secret_sealed: input.secretSealed, event_types: [...input.eventTypes], active: true, created_by_label: input.createdBy, created_at: new Date() })
      .returningAll()
      .executeTakeFirstOrThrow()
  },

  async endpoints(db: Kysely<Database>, scope: OrgScope): Promise<WebhookEndpointRow[]> {
    return db.selectFrom('webhook_endpoints').selectAll().where('org_id', '=', scope.orgId).orderBy('created_at').execute()
  },

  async deactivateEndpoint(db: Kysely<Database>, scope: OrgScope, id: string): Promise<boolean> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return false
    const result = await db.updateTable('webhook_endpoints').set({ active: false }).where('org_id', '=', scope.orgId).where('id', '=', id).where('active', '=', true).executeTakeFirst()
    return Number(result.numUpdatedRows) > 0
  },

  async deliveries(db: Kysely<Database>, scope: OrgScope, limit: number): Promise<(DeliveryOutboxRow & { log: DeliveryAttemptRow[] })[]> {
    const rows = await db.selectFrom('delivery_outbox').selectAll().where('org_id', '=', scope.orgId).where('channel', '=', 'webhook').orderBy('created_at', 'desc').limit(limit).execute()
    if (rows.length === 0) return []
    const attempts = await db.selectFrom('delivery_attempts').selectAll().where('outbox_id', 'in', rows.map((r) => r.id)).orderBy('attempt').execute()
    return rows.map((r) => ({ ...r, log: attempts.filter((a) => a.outbox_id === r.id) }))
  },

  /** Puts a failed delivery of the organization back in the queue, due now. */
  async retry(db: Kysely<Database>, scope: OrgScope, id: string, at: Date): Promise<boolean> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return false
    const result = await db
      .updateTable('delivery_outbox')
      .set({ status: 'pending', attempts: 0, next_attempt_at: at })
      .where('org_id', '=', scope.orgId)
      .where('id', '=', id)
      .where('status', '=', 'failed')
      .executeTakeFirst()
    return Number(result.numUpdatedRows) > 0
  },

  /**
   * Claims due deliveries for one worker pass: each claimed row's next attempt is pushed out by the lease, so a
   * second worker (or a crash mid-delivery) does not lose or double-send it before the lease ends.
   */
  async claimDue(db: Kysely<Database>, now: Date, limit: number, leaseMs: number): Promise<(DeliveryOutboxRow & { secret_sealed: string | null })[]> {
    const leaseUntil = new Date(now.getTime() + leaseMs)
    const claimed = await sql<{ id: string }>`
      update delivery_outbox set next_attempt_at = ${leaseUntil}
      where id in (
        select id from delivery_outbox where status = 'pending' and next_attempt_at <= ${now}
        order by next_attempt_at limit ${limit} for update skip locked
      )
      returning id`.execute(db)
    const ids = claimed.rows.map((r) => r.id)
    if (ids.length === 0) return []
    const rows = await db
      .selectFrom('delivery_outbox as d')
      .leftJoin('webhook_endpoints as w', 'w.id', 'd.endpoint_id')
      .selectAll('d')
      .select('w.secret_sealed')
      .where('d.id', 'in', ids)
      .orderBy('d.created_at')
      .execute()
    return rows
  },

  async recordAttempt(
    db: Kysely<Database>,
    outboxId: string,
    attempt: { number: number; at: Date; ok: boolean; statusCode: number | null; error: string | null; durationMs: number },
    next: { status: 'pending' | 'delivered' | 'failed'; nextAttemptAt: Date },
  ): Promise<void> {
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('delivery_attempts')
        .values({ outbox_id: outboxId, attempt: attempt.number, attempted_at: attempt.at, ok: attempt.ok, status_code: attempt.statusCode, error: attempt.error, duration_ms: attempt.durationMs })
        .execute()
      await trx
        .updateTable('delivery_outbox')
        .set({ status: next.status, attempts: attempt.number, next_attempt_at: next.nextAttemptAt, last_error: attempt.error, delivered_at: next.status === 'delivered' ? attempt.at : null })
        .where('id', '=', outboxId)
        .execute()
    })
  },
}
