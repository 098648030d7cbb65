import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database } from '../schema.js'
import type { OrgScope } from '../scope.js'
import type { DisclosureAuthorKind, DisclosureEventRow, DisclosureMessageRow, DisclosureThread } from '../tables/disclosure.js'
import { isUuid } from './disclosure.js'

/** A case event to record. */
export interface NewDisclosureEvent {
  readonly kind: string
  readonly fromState?: string | null
  readonly toState?: string | null
  readonly summary: string
  readonly note?: string | null
  readonly visibleToReporter: boolean
  readonly actorLabel: string
}

/** A message to store. */
export interface NewDisclosureMessage {
  readonly thread: DisclosureThread
  readonly replyTo?: string | null
  readonly authorKind: DisclosureAuthorKind
  readonly authorOrgId: string | null
  readonly authorLabel: string
  readonly body: string
  readonly encrypted: boolean
}

/** An attachment to store. */
export interface NewDisclosureAttachment {
  readonly messageId: string | null
  readonly thread: DisclosureThread
  readonly filename: string
  readonly mediaType: string
  readonly sha256: string
  readonly content: Uint8Array
  readonly uploadedByKind: DisclosureAuthorKind
  readonly uploadedByLabel: string
}

/** An attachment's metadata (no bytes). */
export interface DisclosureAttachmentMeta {
  readonly id: string
  readonly messageId: string | null
  readonly thread: DisclosureThread
  readonly filename: string
  readonly mediaType: string
  readonly sizeBytes: number
  readonly sha256: string
  readonly uploadedByKind: DisclosureAuthorKind
  readonly uploadedByLabel: string
  readonly createdAt: Date
}

/** An attachment with its bytes, for a download. */
export interface DisclosureAttachmentFile extends DisclosureAttachmentMeta {
  readonly content: Uint8Array
}

const metaColumns = [
  'id',
  'message_id as messageId',
  'thread',
  'filename',
  'media_type as mediaType',
  'size_bytes as sizeBytes',
  'sha256',
  'uploaded_by_kind as uploadedByKind',
  'uploaded_by_label as uploadedByLabel',
  'created_at as createdAt',
] as const

/** A case's events, messages and attachments; every query takes the manufacturer's scope. */
export const disclosureThreadRepository = {
  async addEvent(db: Kysely<Database>, scope: OrgScope, caseId: string, event: NewDisclosureEvent, now: Date): Promise<DisclosureEventRow> {
    return db
      .insertInto('disclosure_events')
      .values({
        id: randomUUID(),
        case_id: caseId,
        org_id: scope.orgId,
        kind: event.kind,
        from_state: event.fromState ?? null,
        to_state: event.toState ?? null,
        summary: event.summary,
        note: event.note ?? null,
        visible_to_reporter: event.visibleToReporter,
        actor_label: event.actorLabel,
        created_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
  },

  async events(db: Kysely<Database>, scope: OrgScope, caseId: string, reporterOnly = false): Promise<DisclosureEventRow[]> {
    let query = db.selectFrom('disclosure_events').selectAll().where('org_id', '=', scope.orgId).where('case_id', '=', caseId)
    if (reporterOnly) query = query.where('visible_to_reporter', '=', true)
    return query.orderBy('seq').execute()
  },

  async addMessage(db: Kysely<Database>, scope: OrgScope, caseId: string, message: NewDisclosureMessage, now: Date): Promise<DisclosureMessageRow> {
    return db
      .insertInto('disclosure_messages')
      .values({
        id: randomUUID(),
        case_id: caseId,
        org_id: scope.orgId,
        thread: message.thread,
        reply_to: message.replyTo ?? null,
        author_kind: message.authorKind,
        author_org_id: message.authorOrgId,
        author_label: message.authorLabel,
        body: message.body,
        encrypted: message.encrypted,
        created_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
  },

  async findMessage(db: Kysely<Database>, scope: OrgScope, caseId: string, id: string): Promise<DisclosureMessageRow | undefined> {
    if (!isUuid(id)) return undefined
    return db.selectFrom('disclosure_messages').selectAll().where('org_id', '=', scope.orgId).where('case_id', '=', caseId).where('id', '=', id).executeTakeFirst()
  },

  async messages(db: Kysely<Database>, scope: OrgScope, caseId: string, threads: readonly DisclosureThread[]): Promise<DisclosureMessageRow[]> {
    if (threads.length === 0) return []
    return db
      .selectFrom('disclosure_messages')
      .selectAll()
      .where('org_id', '=', scope.orgId)
      .where('case_id', '=', caseId)
      .where('thread', 'in', [...threads])
      .orderBy('seq')
      .execute()
  },

  async addAttachment(db: Kysely<Database>, scope: OrgScope, caseId: string, file: NewDisclosureAttachment, now: Date): Promise<DisclosureAttachmentMeta> {
    return db
      .insertInto('disclosure_attachments')
      .values({
        id: randomUUID(),
        case_id: caseId,
        org_id: scope.orgId,
        message_id: file.messageId,
        thread: file.thread,
        filename: file.filename,
        media_type: file.mediaType,
        size_bytes: file.content.length,
        sha256: file.sha256,
        content: file.content,
        uploaded_by_kind: file.uploadedByKind,
        uploaded_by_label: file.uploadedByLabel,
        created_at: now,
      })
      .returning(metaColumns)
      .executeTakeFirstOrThrow()
  },

  async attachments(db: Kysely<Database>, scope: OrgScope, caseId: string, threads: readonly DisclosureThread[]): Promise<DisclosureAttachmentMeta[]> {
    if (threads.length === 0) return []
    return db
      .selectFrom('disclosure_attachments')
      .select(metaColumns)
      .where('org_id', '=', scope.orgId)
      .where('case_id', '=', caseId)
      .where('thread', 'in', [...threads])
      .orderBy('created_at')
      .execute()
  },

  async attachment(db: Kysely<Database>, scope: OrgScope, caseId: string, id: string, threads: readonly DisclosureThread[]): Promise<DisclosureAttachmentFile | undefined> {
    if (!isUuid(id) || threads.length === 0) return undefined
    const row = await db
      .selectFrom('disclosure_attachments')
      .select([...metaColumns, 'content'])
      .where('org_id', '=', scope.orgId)
      .where('case_id', '=', caseId)
      .where('id', '=', id)
      .where('thread', 'in', [...threads])
      .executeTakeFirst()
    return row ? { ...row, content: new Uint8Array(row.content) } : undefined
  },
}
