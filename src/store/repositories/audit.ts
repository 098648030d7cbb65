import { createHash } from 'node:crypto'
import { sql, type Kysely } from 'kysely'
import {
  AUDIT_GENESIS_HASH,
  auditHashInput,
  checkAuditLink,
  type AuditChainBreak,
  type AuditEntryContent,
} from '../../domain/audit/canonical.js'
import type { AuditRow, Database } from '../schema.js'
import type { OrgScope } from '../scope.js'

/** What a service records for one write. */
export interface AuditInput {
  readonly orgId: string | null
  readonly actorId: string | null
  readonly actorLabel: string
  readonly action: string
  readonly targetType: string
  readonly targetId: string | null
  readonly details?: Record<string, unknown>
}

/** One audit entry as the API shows it. */
export interface AuditEntry {
  readonly seq: string
  readonly orgId: string | null
  readonly actorId: string | null
  readonly actorLabel: string
  readonly action: string
  readonly targetType: string
  readonly targetId: string | null
  readonly details: unknown
  readonly createdAt: Date
  readonly hash: string
}

/** Filters for listing an organization's audit trail. */
export interface AuditFilter {
  readonly action?: string
  readonly actor?: string
  readonly targetType?: string
  readonly from?: Date
  readonly to?: Date
  readonly limit: number
  readonly offset: number
}

/** The result of walking the chain. */
export type AuditVerification =
  | { readonly ok: true; readonly entries: number }
  | { readonly ok: false; readonly entries: number; readonly broken: AuditChainBreak }

/** An arbitrary fixed key for the transaction lock that serialises appends to the chain. */
const AUDIT_LOCK_KEY = 4_242_002

function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex')
}

function content(row: AuditRow): AuditEntryContent {
  return {
    orgId: row.org_id,
    actorId: row.actor_id,
    actorLabel: row.actor_label,
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    details: row.details,
    createdAt: row.created_at.toISOString(),
  }
}

function entry(row: AuditRow): AuditEntry {
  return { ...content(row), seq: String(row.seq), createdAt: row.created_at, hash: row.hash }
}

/** The append-only audit trail, one hash chain over the whole instance. */
export const auditRepository = {
  /** Appends an entry; must run inside the transaction of the write it records. */
  async append(trx: Kysely<Database>, input: AuditInput): Promise<void> {
    if (!trx.isTransaction) throw new Error('audit entries are appended inside the transaction of the write they record')
    await sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`.execute(trx)
    const last = await trx.selectFrom('audit_log').select('hash').orderBy('seq', 'desc').limit(1).executeTakeFirst()
    const previousHash = last?.hash ?? AUDIT_GENESIS_HASH
    const createdAt = new Date()
    // Round-trip the details through JSON so that the hashed form equals what jsonb gives back.
    const details = JSON.parse(JSON.stringify(input.details ?? {})) as unknown
    const hashed: AuditEntryContent = {
      orgId: input.orgId,
      actorId: input.actorId,
      actorLabel: input.actorLabel,
      action: input.action,
      targetType: input.targetType,
      targetId: input.targetId,
      details,
      createdAt: createdAt.toISOString(),
    }
    await trx
      .insertInto('audit_log')
      .values({
        org_id: input.orgId,
        actor_id: input.actorId,
        actor_label: input.actorLabel,
        action: input.action,
        target_type: input.targetType,
        target_id: input.targetId,
        details: JSON.stringify(details),
        created_at: createdAt,
        prev_hash: previousHash,
        hash: sha256Hex(auditHashInput(previousHash, hashed)),
      })
      .execute()
  },

  async list(db: Kysely<Database>, scope: OrgScope, filter: AuditFilter): Promise<{ total: number; entries: AuditEntry[] }> {
    let query = db.selectFrom('audit_log').where('org_id', '=', scope.orgId)
    if (filter.action) query = query.where('action', 'like', `${filter.action.replace(/[%_\\]/g, '\\$&')}%`)
    if (filter.actor) query = query.where('actor_label', 'ilike', `%${filter.actor.replace(/[%_\\]/g, '\\$&')}%`)
    if (filter.targetType) query = query.where('target_type', '=', filter.targetType)
    if (filter.from) query = query.where('created_at', '>=', filter.from)
    if (filter.to) query = query.where('created_at', '<', filter.to)
    const [count, rows] = await Promise.all([
      query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      query.selectAll().orderBy('seq', 'desc').limit(filter.limit).offset(filter.offset).execute(),
    ])
    return { total: Number(count.n), entries: rows.map(entry) }
  },

  /** Walks the whole chain in order and reports the first broken link. */
  async verify(db: Kysely<Database>, batchSize = 2000): Promise<AuditVerification> {
    let previousHash = AUDIT_GENESIS_HASH
    let after = '0'
    let count = 0
    for (;;) {
      const rows = await db
        .selectFrom('audit_log')
        .selectAll()
        .where('seq', '>', after)
        .orderBy('seq')
        .limit(batchSize)
        .execute()
      for (const row of rows) {
        const broken = checkAuditLink(previousHash, { ...content(row), seq: String(row.seq), prevHash: row.prev_hash, hash: row.hash }, sha256Hex)
        if (broken) return { ok: false, entries: count, broken }
        previousHash = row.hash
        count++
      }
      if (rows.length < batchSize) return { ok: true, entries: count }
      after = String(rows[rows.length - 1]!.seq)
    }
  },
}
