import type { Insertable, Kysely } from 'kysely'
import type { Database } from '../schema.js'
import type { OrgScope } from '../scope.js'
import type { AdvisoryFileRow, AdvisoryFileTable, AdvisoryRow, AdvisoryTable, CsafSigningKeyRow, CsafSigningKeyTable } from '../tables/advisories.js'

/** The advisory fields a save or publish writes (everything but identity and creation). */
export type AdvisoryWrite = Omit<Insertable<AdvisoryTable>, 'id' | 'org_id' | 'created_at' | 'created_by_label'>

/** A published file without its bytes, for listings (index.txt, changes.csv, feeds). */
export type AdvisoryFileSummary = Omit<AdvisoryFileRow, 'content' | 'signature'>

const summaryColumns = [
  'advisory_id', 'org_id', 'tlp', 'year', 'filename', 'tracking_id', 'title', 'version', 'sha256', 'sha512', 'signing_key_fingerprint',
  'initial_release_date', 'current_release_date', 'published_at',
] as const

function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)
}

/** A manufacturer's advisories, their published files and its CSAF signing keys. */
export const advisoryRepository = {
  async create(db: Kysely<Database>, scope: OrgScope, id: string, createdBy: string, fields: AdvisoryWrite): Promise<AdvisoryRow> {
    const now = new Date()
    return db
      .insertInto('advisories')
      .values({ ...fields, id, org_id: scope.orgId, created_by_label: createdBy, created_at: now })
      .returningAll()
      .executeTakeFirstOrThrow()
  },

  async find(db: Kysely<Database>, scope: OrgScope, id: string): Promise<AdvisoryRow | undefined> {
    if (!isUuid(id)) return undefined
    return db.selectFrom('advisories').selectAll().where('org_id', '=', scope.orgId).where('id', '=', id).executeTakeFirst()
  },

  async findByTrackingId(db: Kysely<Database>, scope: OrgScope, trackingId: string): Promise<AdvisoryRow | undefined> {
    return db.selectFrom('advisories').selectAll().where('org_id', '=', scope.orgId).where('tracking_id', '=', trackingId).executeTakeFirst()
  },

  async list(db: Kysely<Database>, scope: OrgScope): Promise<AdvisoryRow[]> {
    return db.selectFrom('advisories').selectAll().where('org_id', '=', scope.orgId).orderBy('updated_at', 'desc').execute()
  },

  async update(db: Kysely<Database>, scope: OrgScope, id: string, fields: AdvisoryWrite): Promise<AdvisoryRow | undefined> {
    return db.updateTable('advisories').set(fields).where('org_id', '=', scope.orgId).where('id', '=', id).returningAll().executeTakeFirst()
  },

  async delete(db: Kysely<Database>, scope: OrgScope, id: string): Promise<void> {
    await db.deleteFrom('advisories').where('org_id', '=', scope.orgId).where('id', '=', id).execute()
  },

  /** Writes the published file of an advisory, replacing the previous version's. */
  async putFile(db: Kysely<Database>, scope: OrgScope, file: Omit<Insertable<AdvisoryFileTable>, 'org_id'>): Promise<void> {
    await db.deleteFrom('advisory_files').where('org_id', '=', scope.orgId).where('advisory_id', '=', file.advisory_id).execute()
    await db.insertInto('advisory_files').values({ ...file, org_id: scope.orgId }).execute()
  },

  async fileOf(db: Kysely<Database>, scope: OrgScope, advisoryId: string): Promise<AdvisoryFileSummary | undefined> {
    return db.selectFrom('advisory_files').select(summaryColumns).where('org_id', '=', scope.orgId).where('advisory_id', '=', advisoryId).executeTakeFirst()
  },

  async filesWithContent(db: Kysely<Database>, scope: OrgScope): Promise<AdvisoryFileRow[]> {
    return db.selectFrom('advisory_files').selectAll().where('org_id', '=', scope.orgId).execute()
  },

  async setSignature(db: Kysely<Database>, scope: OrgScope, advisoryId: string, signature: string, fingerprint: string): Promise<void> {
    await db
      .updateTable('advisory_files')
      .set({ signature, signing_key_fingerprint: fingerprint })
      .where('org_id', '=', scope.orgId)
      .where('advisory_id', '=', advisoryId)
      .execute()
  },

  async activeKey(db: Kysely<Database>, scope: OrgScope): Promise<CsafSigningKeyRow | undefined> {
    return db.selectFrom('csaf_signing_keys').selectAll().where('org_id', '=', scope.orgId).where('retired_at', 'is', null).executeTakeFirst()
  },

  async addKey(db: Kysely<Database>, scope: OrgScope, key: Omit<Insertable<CsafSigningKeyTable>, 'org_id' | 'retired_at'> & { created_at: Date }): Promise<void> {
    await db.updateTable('csaf_signing_keys').set({ retired_at: key.created_at }).where('org_id', '=', scope.orgId).where('retired_at', 'is', null).execute()
    await db.insertInto('csaf_signing_keys').values({ ...key, org_id: scope.orgId, retired_at: null }).execute()
  },
}

/**
 * Reads of the public CSAF providers: every manufacturer's published files and public keys. These cross
 * organizations on purpose; the provider service decides with the TLP policy what a reader receives.
 */
export const csafProviderRepository = {
  async organizationBySlug(db: Kysely<Database>, slug: string) {
    return db.selectFrom('organizations').select(['id', 'slug', 'name', 'kind']).where('slug', '=', slug).executeTakeFirst()
  },

  /** Manufacturers that have published at least one advisory, with the time of their latest change. */
  async publishers(db: Kysely<Database>): Promise<{ id: string; slug: string; name: string; last_updated: Date }[]> {
    const rows = await db
      .selectFrom('advisory_files as f')
      .innerJoin('organizations as o', 'o.id', 'f.org_id')
      .select((eb) => ['o.id', 'o.slug', 'o.name', eb.fn.max('f.published_at').as('last_updated')])
      .groupBy(['o.id', 'o.slug', 'o.name'])
      .orderBy('o.slug')
      .execute()
    return rows.map((r) => ({ id: r.id, slug: r.slug, name: r.name, last_updated: new Date(r.last_updated as unknown as string) }))
  },

  async lastPublished(db: Kysely<Database>, orgId: string): Promise<Date | undefined> {
    const row = await db.selectFrom('advisory_files').select((eb) => eb.fn.max('published_at').as('last')).where('org_id', '=', orgId).executeTakeFirst()
    return row?.last ? new Date(row.last as unknown as string) : undefined
  },

  async files(db: Kysely<Database>, orgId: string, tlp: string): Promise<AdvisoryFileSummary[]> {
    return db.selectFrom('advisory_files').select(summaryColumns).where('org_id', '=', orgId).where('tlp', '=', tlp as AdvisoryFileRow['tlp']).orderBy('current_release_date', 'desc').execute()
  },

  async file(db: Kysely<Database>, orgId: string, tlp: string, year: string, filename: string): Promise<AdvisoryFileRow | undefined> {
    return db
      .selectFrom('advisory_files')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('tlp', '=', tlp as AdvisoryFileRow['tlp'])
      .where('year', '=', year)
      .where('filename', '=', filename)
      .executeTakeFirst()
  },

  async productIdsOf(db: Kysely<Database>, advisoryIds: readonly string[]): Promise<Map<string, string[]>> {
    if (advisoryIds.length === 0) return new Map()
    const rows = await db.selectFrom('advisories').select(['id', 'product_ids']).where('id', 'in', [...advisoryIds]).execute()
    return new Map(rows.map((r) => [r.id, r.product_ids as string[]]))
  },

  /** The organizations (slugs) holding an advisory with this id or tracking id, for the operator's CLI. */
  async ownersOf(db: Kysely<Database>, idOrTrackingId: string): Promise<string[]> {
    const rows = await db
      .selectFrom('advisories as a')
      .innerJoin('organizations as o', 'o.id', 'a.org_id')
      .select('o.slug')
      .where((eb) => (isUuid(idOrTrackingId) ? eb.or([eb('a.id', '=', idOrTrackingId), eb('a.tracking_id', '=', idOrTrackingId)]) : eb('a.tracking_id', '=', idOrTrackingId)))
      .execute()
    return [...new Set(rows.map((r) => r.slug))]
  },

  async activePublicKey(db: Kysely<Database>, orgId: string): Promise<Pick<CsafSigningKeyRow, 'fingerprint' | 'public_key'> | undefined> {
    return db.selectFrom('csaf_signing_keys').select(['fingerprint', 'public_key']).where('org_id', '=', orgId).where('retired_at', 'is', null).executeTakeFirst()
  },
}
