import { randomUUID } from 'node:crypto'
import { sql, type Kysely } from 'kysely'
import type { TlpLabel } from '../../domain/tlp/tlp.js'
import type { Database } from '../schema.js'
import type { OrgScope } from '../scope.js'
import type { Mds2DocumentRow } from '../tables/mds2.js'

/** A product version of the organization, named. */
export interface Mds2ProductVersion {
  readonly id: string
  readonly productId: string
  readonly productName: string
  readonly version: string
  readonly tlp: TlpLabel
}

/** A product version with the state of its MDS2 document, if it has one. */
export interface Mds2VersionListing extends Mds2ProductVersion {
  readonly documentId: string | null
  readonly currentRevision: number | null
  readonly completenessPercent: number | null
  readonly documentTlp: TlpLabel | null
  readonly updatedAt: Date | null
}

/** A stored revision's metadata. */
export interface Mds2RevisionMeta {
  readonly revision: number
  readonly note: string | null
  readonly completenessPercent: number
  readonly createdBy: string | null
  readonly createdByLabel: string
  readonly createdAt: Date
}

/** A stored revision with its document (JSON as stored). */
export interface Mds2StoredRevision extends Mds2RevisionMeta {
  readonly content: unknown
}

/** A manufacturer document with its product version, for lists and comparisons. */
export interface Mds2DocumentWithVersion extends Mds2DocumentRow {
  readonly productName: string
  readonly version: string
}

/** An upload's metadata (no bytes, no content). */
export interface Mds2UploadMeta {
  readonly id: string
  readonly filename: string
  readonly mediaType: string | null
  readonly sha256: string
  readonly sizeBytes: number
  readonly vendorName: string
  readonly modelName: string
  readonly tlp: TlpLabel
  readonly completenessPercent: number
  readonly unmappedCount: number
  readonly uploadedByLabel: string
  readonly createdAt: Date
}

/** An upload with its parsed document and unmapped items (JSON as stored). */
export interface Mds2StoredUpload extends Mds2UploadMeta {
  readonly content: unknown
  readonly unmapped: unknown
}

/** What is stored for a new upload. */
export interface NewMds2Upload {
  readonly filename: string
  readonly mediaType: string | null
  readonly original: Uint8Array
  readonly sha256: string
  readonly content: unknown
  readonly unmapped: readonly unknown[]
  readonly completenessPercent: number
  readonly vendorName: string
  readonly modelName: string
  readonly tlp: TlpLabel
  readonly uploadedBy: string | null
  readonly uploadedByLabel: string
}

const versionColumns = [
  'product_versions.id as id',
  'product_versions.product_id as productId',
  'products.name as productName',
  'product_versions.version as version',
  'product_versions.tlp as tlp',
] as const

const uploadMetaColumns = [
  'id',
  'filename',
  'media_type as mediaType',
  'sha256',
  'size_bytes as sizeBytes',
  'vendor_name as vendorName',
  'model_name as modelName',
  'tlp',
  'completeness_percent as completenessPercent',
  'uploaded_by_label as uploadedByLabel',
  'created_at as createdAt',
] as const

function countOf(unmapped: unknown): number {
  return Array.isArray(unmapped) ? unmapped.length : 0
}

/** MDS2 documents and revisions, uploaded vendor files and requirement profiles; every query is tenant-scoped. */
export const mds2Repository = {
  async findProductVersion(db: Kysely<Database>, scope: OrgScope, versionId: string): Promise<Mds2ProductVersion | undefined> {
    return db
      .selectFrom('product_versions')
      .innerJoin('products', 'products.id', 'product_versions.product_id')
      .select(versionColumns)
      .where('product_versions.org_id', '=', scope.orgId)
      .where('product_versions.id', '=', versionId)
      .executeTakeFirst()
  },

  async findProductVersionByName(db: Kysely<Database>, scope: OrgScope, productName: string, version: string): Promise<Mds2ProductVersion | undefined> {
    return db
      .selectFrom('product_versions')
      .innerJoin('products', 'products.id', 'product_versions.product_id')
      .select(versionColumns)
      .where('product_versions.org_id', '=', scope.orgId)
      .where('products.name', '=', productName)
      .where('product_versions.version', '=', version)
      .executeTakeFirst()
  },

  async listVersions(db: Kysely<Database>, scope: OrgScope): Promise<Mds2VersionListing[]> {
    const rows = await db
      .selectFrom('product_versions')
      .innerJoin('products', 'products.id', 'product_versions.product_id')
      .leftJoin('mds2_documents', 'mds2_documents.product_version_id', 'product_versions.id')
      .leftJoin('mds2_revisions', (join) =>
        join.onRef('mds2_revisions.document_id', '=', 'mds2_documents.id').onRef('mds2_revisions.revision', '=', 'mds2_documents.current_revision'),
      )
      .select([
        ...versionColumns,
        'mds2_documents.id as documentId',
        'mds2_documents.current_revision as currentRevision',
        'mds2_documents.tlp as documentTlp',
        'mds2_documents.updated_at as updatedAt',
        'mds2_revisions.completeness_percent as completenessPercent',
      ])
      .where('product_versions.org_id', '=', scope.orgId)
      .orderBy('products.name')
      .orderBy('product_versions.created_at')
      .execute()
    return rows
  },

  async findDocumentByVersion(db: Kysely<Database>, scope: OrgScope, versionId: string, forUpdate = false): Promise<Mds2DocumentRow | undefined> {
    const query = db.selectFrom('mds2_documents').selectAll().where('org_id', '=', scope.orgId).where('product_version_id', '=', versionId)
    return (forUpdate ? query.forUpdate() : query).executeTakeFirst()
  },

  async findDocuments(db: Kysely<Database>, scope: OrgScope, ids: readonly string[]): Promise<Mds2DocumentWithVersion[]> {
    if (ids.length === 0) return []
    return db
      .selectFrom('mds2_documents')
      .innerJoin('product_versions', 'product_versions.id', 'mds2_documents.product_version_id')
      .innerJoin('products', 'products.id', 'product_versions.product_id')
      .selectAll('mds2_documents')
      .select(['products.name as productName', 'product_versions.version as version'])
      .where('mds2_documents.org_id', '=', scope.orgId)
      .where('mds2_documents.id', 'in', [...ids])
      .execute()
  },

  /** Creates the document of a product version if it has none (a concurrent creator wins quietly). */
  async ensureDocument(trx: Kysely<Database>, scope: OrgScope, versionId: string, tlp: TlpLabel): Promise<void> {
    const now = new Date()
    await trx
      .insertInto('mds2_documents')
      .values({ id: randomUUID(), org_id: scope.orgId, product_version_id: versionId, current_revision: 1, tlp, created_at: now, updated_at: now })
      .onConflict((oc) => oc.column('product_version_id').doNothing())
      .execute()
  },

  async setCurrentRevision(trx: Kysely<Database>, scope: OrgScope, documentId: string, revision: number, tlp: TlpLabel): Promise<void> {
    await trx
      .updateTable('mds2_documents')
      .set({ current_revision: revision, tlp, updated_at: new Date() })
      .where('org_id', '=', scope.orgId)
      .where('id', '=', documentId)
      .execute()
  },

  async lastRevisionNumber(trx: Kysely<Database>, scope: OrgScope, documentId: string): Promise<number> {
    const row = await trx
      .selectFrom('mds2_revisions')
      .select((eb) => eb.fn.max<number | null>('revision').as('last'))
      .where('org_id', '=', scope.orgId)
      .where('document_id', '=', documentId)
      .executeTakeFirst()
    return Number(row?.last ?? 0)
  },

  async addRevision(
    trx: Kysely<Database>,
    scope: OrgScope,
    input: { documentId: string; revision: number; content: unknown; completenessPercent: number; note: string | null; createdBy: string | null; createdByLabel: string },
  ): Promise<Mds2RevisionMeta> {
    const createdAt = new Date()
    await trx
      .insertInto('mds2_revisions')
      .values({
        document_id: input.documentId,
        org_id: scope.orgId,
        revision: input.revision,
        content: JSON.stringify(input.content),
        completeness_percent: input.completenessPercent,
        note: input.note,
        created_by: input.createdBy,
        created_by_label: input.createdByLabel,
        created_at: createdAt,
      })
      .execute()
    return { revision: input.revision, note: input.note, completenessPercent: input.completenessPercent, createdBy: input.createdBy, createdByLabel: input.createdByLabel, createdAt }
  },

  async listRevisions(db: Kysely<Database>, scope: OrgScope, documentId: string): Promise<Mds2RevisionMeta[]> {
    return db
      .selectFrom('mds2_revisions')
      .select(['revision', 'note', 'completeness_percent as completenessPercent', 'created_by as createdBy', 'created_by_label as createdByLabel', 'created_at as createdAt'])
      .where('org_id', '=', scope.orgId)
      .where('document_id', '=', documentId)
      .orderBy('revision', 'desc')
      .execute()
  },

  async findRevision(db: Kysely<Database>, scope: OrgScope, documentId: string, revision: number): Promise<Mds2StoredRevision | undefined> {
    return db
      .selectFrom('mds2_revisions')
      .select(['revision', 'note', 'content', 'completeness_percent as completenessPercent', 'created_by as createdBy', 'created_by_label as createdByLabel', 'created_at as createdAt'])
      .where('org_id', '=', scope.orgId)
      .where('document_id', '=', documentId)
      .where('revision', '=', revision)
      .executeTakeFirst()
  },

  async createUpload(trx: Kysely<Database>, scope: OrgScope, input: NewMds2Upload): Promise<Mds2UploadMeta> {
    const row = await trx
      .insertInto('mds2_uploads')
      .values({
        id: randomUUID(),
        org_id: scope.orgId,
        filename: input.filename,
        media_type: input.mediaType,
        // Sent as base64 text and decoded by the database: PGlite serialises a Uint8Array parameter many times slower
        // (the same as for SBOM originals, ADR 0100); the stored bytes are the same.
        original: sql<Uint8Array>`decode(${Buffer.from(input.original.buffer, input.original.byteOffset, input.original.byteLength).toString('base64')}, 'base64')`,
        sha256: input.sha256,
        size_bytes: input.original.length,
        content: JSON.stringify(input.content),
        unmapped: JSON.stringify(input.unmapped),
        completeness_percent: input.completenessPercent,
        vendor_name: input.vendorName,
        model_name: input.modelName,
        tlp: input.tlp,
        uploaded_by: input.uploadedBy,
        uploaded_by_label: input.uploadedByLabel,
        created_at: new Date(),
      })
      .returning(uploadMetaColumns)
      .executeTakeFirstOrThrow()
    return { ...row, unmappedCount: input.unmapped.length }
  },

  async listUploads(db: Kysely<Database>, scope: OrgScope): Promise<Mds2UploadMeta[]> {
    const rows = await db
      .selectFrom('mds2_uploads')
      .select([...uploadMetaColumns, 'unmapped'])
      .where('org_id', '=', scope.orgId)
      .where('deleted_at', 'is', null)
      .orderBy('created_at', 'desc')
      .execute()
    return rows.map(({ unmapped, ...meta }) => ({ ...meta, unmappedCount: countOf(unmapped) }))
  },

  async findUploads(db: Kysely<Database>, scope: OrgScope, ids: readonly string[]): Promise<Mds2StoredUpload[]> {
    if (ids.length === 0) return []
    const rows = await db
      .selectFrom('mds2_uploads')
      .select([...uploadMetaColumns, 'content', 'unmapped'])
      .where('org_id', '=', scope.orgId)
      .where('deleted_at', 'is', null)
      .where('id', 'in', [...ids])
      .execute()
    return rows.map((row) => ({ ...row, unmappedCount: countOf(row.unmapped) }))
  },

  async findUploadOriginal(db: Kysely<Database>, scope: OrgScope, id: string): Promise<{ filename: string; mediaType: string | null; sha256: string; original: Uint8Array } | undefined> {
    // Read as base64 text for the same reason as it is written so.
    const row = await db
      .selectFrom('mds2_uploads')
      .select(['filename', 'media_type as mediaType', 'sha256', sql<string>`encode(original, 'base64')`.as('base64')])
      .where('org_id', '=', scope.orgId)
      .where('deleted_at', 'is', null)
      .where('id', '=', id)
      .executeTakeFirst()
    return row && { filename: row.filename, mediaType: row.mediaType, sha256: row.sha256, original: new Uint8Array(Buffer.from(row.base64, 'base64')) }
  },

  /** Hides an upload from lists and comparisons; its bytes and hash stay stored. */
  async removeUpload(trx: Kysely<Database>, scope: OrgScope, id: string, byLabel: string): Promise<Mds2UploadMeta | undefined> {
    const row = await trx
      .updateTable('mds2_uploads')
      .set({ deleted_at: new Date(), deleted_by_label: byLabel })
      .where('org_id', '=', scope.orgId)
      .where('id', '=', id)
      .where('deleted_at', 'is', null)
      .returning([...uploadMetaColumns, 'unmapped'])
      .executeTakeFirst()
    if (!row) return undefined
    const { unmapped, ...meta } = row
    return { ...meta, unmappedCount: countOf(unmapped) }
  },

  async findProfile(db: Kysely<Database>, scope: OrgScope): Promise<{ profile: unknown; updatedAt: Date; updatedByLabel: string } | undefined> {
    return db
      .selectFrom('mds2_profiles')
      .select(['profile', 'updated_at as updatedAt', 'updated_by_label as updatedByLabel'])
      .where('org_id', '=', scope.orgId)
      .executeTakeFirst()
  },

  async saveProfile(trx: Kysely<Database>, scope: OrgScope, profile: unknown, byLabel: string): Promise<Date> {
    const updatedAt = new Date()
    const json = JSON.stringify(profile)
    await trx
      .insertInto('mds2_profiles')
      .values({ org_id: scope.orgId, profile: json, updated_by_label: byLabel, updated_at: updatedAt })
      .onConflict((oc) => oc.column('org_id').doUpdateSet({ profile: json, updated_by_label: byLabel, updated_at: updatedAt }))
      .execute()
    return updatedAt
  },
}
