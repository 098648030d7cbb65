import { randomUUID } from 'node:crypto'
import { sql, type Insertable, type Kysely, type Updateable } from 'kysely'
import type { Database } from '../schema.js'
import type { OrgScope } from '../scope.js'
import type { DisclosureCaseRow, DisclosureCaseTable, DisclosureProgrammeRow, DisclosureProgrammeTable } from '../tables/disclosure.js'

/** A product version in a manufacturer's catalogue, named. */
export interface CatalogueVersion {
  readonly id: string
  readonly productId: string
  readonly productName: string
  readonly version: string
}

/** What is stored for a new case (the id, organization and timestamps are filled in). */
export type NewDisclosureCase = Omit<Insertable<DisclosureCaseTable>, 'id' | 'org_id' | 'received_at' | 'updated_at' | 'tlp' | 'state'>

/** The columns a case update may change. */
export type DisclosureCasePatch = Omit<Updateable<DisclosureCaseTable>, 'id' | 'org_id' | 'portal_token_hash' | 'reference'>

/** A manufacturer's disclosure programme and cases; every query takes the manufacturer's scope. */
export const disclosureRepository = {
  /** The slugs of organizations with at least one case not yet closed (operator work across organizations). */
  async organizationsWithOpenCases(db: Kysely<Database>): Promise<string[]> {
    const rows = await db
      .selectFrom('disclosure_cases as c')
      .innerJoin('organizations as o', 'o.id', 'c.org_id')
      .select('o.slug')
      .distinct()
      .where('c.state', '<>', 'closed')
      .orderBy('o.slug')
      .execute()
    return rows.map((r) => r.slug)
  },

  async findProgramme(db: Kysely<Database>, scope: OrgScope): Promise<DisclosureProgrammeRow | undefined> {
    return db.selectFrom('disclosure_programmes').selectAll().where('org_id', '=', scope.orgId).executeTakeFirst()
  },

  async saveProgramme(db: Kysely<Database>, scope: OrgScope, values: Omit<Insertable<DisclosureProgrammeTable>, 'org_id'>): Promise<DisclosureProgrammeRow> {
    const { ...update } = values
    return db
      .insertInto('disclosure_programmes')
      .values({ ...values, org_id: scope.orgId })
      .onConflict((oc) => oc.column('org_id').doUpdateSet(update))
      .returningAll()
      .executeTakeFirstOrThrow()
  },

  /** Product versions whose product and version are labelled TLP:CLEAR (or also TLP:GREEN): the public catalogue. */
  async publicCatalogue(db: Kysely<Database>, scope: OrgScope, upTo: 'CLEAR' | 'GREEN'): Promise<CatalogueVersion[]> {
    const labels = upTo === 'GREEN' ? (['CLEAR', 'GREEN'] as const) : (['CLEAR'] as const)
    return db
      .selectFrom('product_versions as v')
      .innerJoin('products as p', 'p.id', 'v.product_id')
      .select(['v.id as id', 'p.id as productId', 'p.name as productName', 'v.version as version'])
      .where('v.org_id', '=', scope.orgId)
      .where('p.org_id', '=', scope.orgId)
      .where('p.tlp', 'in', [...labels])
      .where('v.tlp', 'in', [...labels])
      .orderBy('p.name')
      .orderBy('v.created_at')
      .execute()
  },

  async findVersion(db: Kysely<Database>, scope: OrgScope, versionId: string): Promise<CatalogueVersion | undefined> {
    if (!isUuid(versionId)) return undefined
    return db
      .selectFrom('product_versions as v')
      .innerJoin('products as p', 'p.id', 'v.product_id')
      .select(['v.id as id', 'p.id as productId', 'p.name as productName', 'v.version as version'])
      .where('v.org_id', '=', scope.orgId)
      .where('v.id', '=', versionId)
      .executeTakeFirst()
  },

  /**
   * The next case reference of the year, e.g. CVD-2026-0007. Call it inside the transaction that creates the case:
   * it holds a per-organization lock until that transaction ends, so concurrent reports do not draw the same number.
   */
  async nextReference(db: Kysely<Database>, scope: OrgScope, year: number): Promise<string> {
    await sql`select pg_advisory_xact_lock(hashtextextended(${`disclosure_reference:${scope.orgId}`}, 0))`.execute(db)
    const row = await db
      .selectFrom('disclosure_cases')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('org_id', '=', scope.orgId)
      .where('reference', 'like', `CVD-${year}-%`)
      .executeTakeFirstOrThrow()
    return `CVD-${year}-${String(Number(row.n) + 1).padStart(4, '0')}`
  },

  async createCase(db: Kysely<Database>, scope: OrgScope, input: NewDisclosureCase, now: Date): Promise<DisclosureCaseRow> {
    return db
      .insertInto('disclosure_cases')
      .values({ ...input, id: randomUUID(), org_id: scope.orgId, state: 'received', tlp: 'AMBER+STRICT', received_at: now, updated_at: now })
      .returningAll()
      .executeTakeFirstOrThrow()
  },

  async findCase(db: Kysely<Database>, scope: OrgScope, id: string): Promise<DisclosureCaseRow | undefined> {
    if (!isUuid(id)) return undefined
    return db.selectFrom('disclosure_cases').selectAll().where('org_id', '=', scope.orgId).where('id', '=', id).executeTakeFirst()
  },

  /** The case a reporter's secret link opens; the secret is the credential, so this lookup is not scoped. */
  async findCaseByPortalHash(db: Kysely<Database>, tokenHash: string): Promise<DisclosureCaseRow | undefined> {
    return db.selectFrom('disclosure_cases').selectAll().where('portal_token_hash', '=', tokenHash).executeTakeFirst()
  },

  async listCases(db: Kysely<Database>, scope: OrgScope): Promise<DisclosureCaseRow[]> {
    return db.selectFrom('disclosure_cases').selectAll().where('org_id', '=', scope.orgId).orderBy('received_at', 'desc').execute()
  },

  async updateCase(db: Kysely<Database>, scope: OrgScope, id: string, patch: DisclosureCasePatch): Promise<DisclosureCaseRow> {
    return db
      .updateTable('disclosure_cases')
      .set(patch)
      .where('org_id', '=', scope.orgId)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow()
  },

  async caseVersions(db: Kysely<Database>, scope: OrgScope, caseId: string): Promise<CatalogueVersion[]> {
    return db
      .selectFrom('disclosure_case_versions as cv')
      .innerJoin('product_versions as v', 'v.id', 'cv.product_version_id')
      .innerJoin('products as p', 'p.id', 'v.product_id')
      .select(['v.id as id', 'p.id as productId', 'p.name as productName', 'v.version as version'])
      .where('cv.org_id', '=', scope.orgId)
      .where('cv.case_id', '=', caseId)
      .orderBy('p.name')
      .orderBy('v.version')
      .execute()
  },

  async linkVersion(db: Kysely<Database>, scope: OrgScope, caseId: string, versionId: string, now: Date): Promise<boolean> {
    const result = await db
      .insertInto('disclosure_case_versions')
      .values({ case_id: caseId, org_id: scope.orgId, product_version_id: versionId, created_at: now })
      .onConflict((oc) => oc.columns(['case_id', 'product_version_id']).doNothing())
      .executeTakeFirst()
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0
  },

  async unlinkVersion(db: Kysely<Database>, scope: OrgScope, caseId: string, versionId: string): Promise<boolean> {
    const result = await db
      .deleteFrom('disclosure_case_versions')
      .where('org_id', '=', scope.orgId)
      .where('case_id', '=', caseId)
      .where('product_version_id', '=', versionId)
      .executeTakeFirst()
    return Number(result.numDeletedRows) > 0
  },
}

/** Whether a string is a UUID (ids from paths are checked before they reach a uuid column). */
export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)
}
