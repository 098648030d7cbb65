import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database } from '../schema.js'
import type { OrgScope } from '../scope.js'
import type { DisclosureCaseRow, DisclosureMessageRow, DisclosurePartyRow, DisclosurePartyTable } from '../tables/disclosure.js'
import type { CatalogueVersion } from './disclosure.js'
import { isUuid } from './disclosure.js'
import type { DisclosureAttachmentFile, DisclosureAttachmentMeta } from './disclosure-threads.js'

/** An invited party with its organization's name. */
export interface DisclosurePartyWithName extends DisclosurePartyRow {
  readonly partyName: string
  readonly partySlug: string
}

/** A case shared with a party, with the manufacturer's name. */
export interface SharedDisclosureCase {
  readonly case: DisclosureCaseRow
  readonly party: DisclosurePartyRow
  readonly manufacturerName: string
}

/**
 * Invitations of other organizations to a case. The manufacturer's side takes the manufacturer's scope; the
 * party's side takes the party's scope and reaches a case only through an invitation naming that party.
 */
export const disclosurePartyRepository = {
  async invite(db: Kysely<Database>, scope: OrgScope, caseId: string, partyOrgId: string, role: DisclosurePartyTable['role'], invitedBy: string, now: Date): Promise<boolean> {
    const result = await db
      .insertInto('disclosure_parties')
      .values({ case_id: caseId, org_id: scope.orgId, party_org_id: partyOrgId, role, tlp: 'AMBER+STRICT', invited_by_label: invitedBy, created_at: now })
      .onConflict((oc) => oc.columns(['case_id', 'party_org_id']).doNothing())
      .executeTakeFirst()
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0
  },

  async parties(db: Kysely<Database>, scope: OrgScope, caseId: string): Promise<DisclosurePartyWithName[]> {
    return db
      .selectFrom('disclosure_parties as dp')
      .innerJoin('organizations as o', 'o.id', 'dp.party_org_id')
      .selectAll('dp')
      .select(['o.name as partyName', 'o.slug as partySlug'])
      .where('dp.org_id', '=', scope.orgId)
      .where('dp.case_id', '=', caseId)
      .orderBy('dp.created_at')
      .execute()
  },

  async sharedCases(db: Kysely<Database>, partyScope: OrgScope): Promise<SharedDisclosureCase[]> {
    const rows = await db
      .selectFrom('disclosure_parties as dp')
      .innerJoin('disclosure_cases as c', 'c.id', 'dp.case_id')
      .innerJoin('organizations as o', 'o.id', 'dp.org_id')
      .selectAll('c')
      .select(['dp.role as party_role', 'dp.tlp as party_tlp', 'dp.invited_by_label as party_invited_by', 'dp.created_at as party_created_at', 'o.name as manufacturer_name'])
      .where('dp.party_org_id', '=', partyScope.orgId)
      .orderBy('c.received_at', 'desc')
      .execute()
    return rows.map(({ party_role, party_tlp, party_invited_by, party_created_at, manufacturer_name, ...c }) => ({
      case: c,
      party: { case_id: c.id, org_id: c.org_id, party_org_id: partyScope.orgId, role: party_role, tlp: party_tlp, invited_by_label: party_invited_by, created_at: party_created_at },
      manufacturerName: manufacturer_name,
    }))
  },

  async sharedCase(db: Kysely<Database>, partyScope: OrgScope, caseId: string): Promise<SharedDisclosureCase | undefined> {
    if (!isUuid(caseId)) return undefined
    return (await this.sharedCases(db, partyScope)).find((s) => s.case.id === caseId)
  },

  async sharedVersions(db: Kysely<Database>, partyScope: OrgScope, caseId: string): Promise<CatalogueVersion[]> {
    return db
      .selectFrom('disclosure_case_versions as cv')
      .innerJoin('disclosure_parties as dp', (j) => j.onRef('dp.case_id', '=', 'cv.case_id').on('dp.party_org_id', '=', partyScope.orgId))
      .innerJoin('product_versions as v', 'v.id', 'cv.product_version_id')
      .innerJoin('products as p', 'p.id', 'v.product_id')
      .select(['v.id as id', 'p.id as productId', 'p.name as productName', 'v.version as version'])
      .where('cv.case_id', '=', caseId)
      .orderBy('p.name')
      .execute()
  },

  async sharedMessages(db: Kysely<Database>, partyScope: OrgScope, caseId: string): Promise<DisclosureMessageRow[]> {
    return db
      .selectFrom('disclosure_messages as m')
      .innerJoin('disclosure_parties as dp', (j) => j.onRef('dp.case_id', '=', 'm.case_id').on('dp.party_org_id', '=', partyScope.orgId))
      .selectAll('m')
      .where('m.case_id', '=', caseId)
      .where('m.thread', '=', 'coordination')
      .orderBy('m.seq')
      .execute()
  },

  async sharedAttachments(db: Kysely<Database>, partyScope: OrgScope, caseId: string): Promise<DisclosureAttachmentMeta[]> {
    return db
      .selectFrom('disclosure_attachments as a')
      .innerJoin('disclosure_parties as dp', (j) => j.onRef('dp.case_id', '=', 'a.case_id').on('dp.party_org_id', '=', partyScope.orgId))
      .select([
        'a.id', 'a.message_id as messageId', 'a.thread', 'a.filename', 'a.media_type as mediaType', 'a.size_bytes as sizeBytes', 'a.sha256',
        'a.uploaded_by_kind as uploadedByKind', 'a.uploaded_by_label as uploadedByLabel', 'a.created_at as createdAt',
      ])
      .where('a.case_id', '=', caseId)
      .where('a.thread', '=', 'coordination')
      .orderBy('a.created_at')
      .execute()
  },

  /** Adds a party's message to the coordination thread of a case it is invited to; undefined when it is not. */
  async addSharedMessage(db: Kysely<Database>, partyScope: OrgScope, caseId: string, message: { authorLabel: string; body: string; replyTo: string | null }, now: Date): Promise<DisclosureMessageRow | undefined> {
    const shared = await this.sharedCase(db, partyScope, caseId)
    if (!shared) return undefined
    return db
      .insertInto('disclosure_messages')
      .values({
        id: randomUUID(),
        case_id: caseId,
        org_id: shared.case.org_id,
        thread: 'coordination',
        reply_to: message.replyTo,
        author_kind: 'party',
        author_org_id: partyScope.orgId,
        author_label: message.authorLabel,
        body: message.body,
        encrypted: false,
        created_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
  },

  /** Adds a party's file to the coordination thread of a case it is invited to; false when it is not. */
  async addSharedAttachment(
    db: Kysely<Database>,
    partyScope: OrgScope,
    caseId: string,
    file: { messageId: string; filename: string; mediaType: string; sha256: string; content: Uint8Array; uploadedByLabel: string },
    now: Date,
  ): Promise<boolean> {
    const shared = await this.sharedCase(db, partyScope, caseId)
    if (!shared) return false
    await db
      .insertInto('disclosure_attachments')
      .values({
        id: randomUUID(),
        case_id: caseId,
        org_id: shared.case.org_id,
        message_id: file.messageId,
        thread: 'coordination',
        filename: file.filename,
        media_type: file.mediaType,
        size_bytes: file.content.length,
        sha256: file.sha256,
        content: file.content,
        uploaded_by_kind: 'party',
        uploaded_by_label: file.uploadedByLabel,
        created_at: now,
      })
      .execute()
    return true
  },

  async sharedAttachment(db: Kysely<Database>, partyScope: OrgScope, caseId: string, id: string): Promise<DisclosureAttachmentFile | undefined> {
    if (!isUuid(caseId) || !isUuid(id)) return undefined
    const row = await db
      .selectFrom('disclosure_attachments as a')
      .innerJoin('disclosure_parties as dp', (j) => j.onRef('dp.case_id', '=', 'a.case_id').on('dp.party_org_id', '=', partyScope.orgId))
      .select([
        'a.id', 'a.message_id as messageId', 'a.thread', 'a.filename', 'a.media_type as mediaType', 'a.size_bytes as sizeBytes', 'a.sha256',
        'a.uploaded_by_kind as uploadedByKind', 'a.uploaded_by_label as uploadedByLabel', 'a.created_at as createdAt', 'a.content',
      ])
      .where('a.case_id', '=', caseId)
      .where('a.id', '=', id)
      .where('a.thread', '=', 'coordination')
      .executeTakeFirst()
    return row ? { ...row, content: new Uint8Array(row.content) } : undefined
  },
}
