import type { Insertable, Kysely } from 'kysely'
import type { Database } from '../schema.js'
import type { OrgScope } from '../scope.js'
import type { VulnerabilityAssessmentRow, VulnerabilityAssessmentTable } from '../tables/scoring.js'

/** An assessment row with the names of its product and version. */
export interface AssessmentWithProduct extends VulnerabilityAssessmentRow {
  readonly product_name: string | null
  readonly product_version: string | null
}

/** The columns a new assessment sets (the scope supplies the organization). */
export type NewAssessmentRow = Omit<Insertable<VulnerabilityAssessmentTable>, 'org_id'>

/** The case columns a state-machine transition changes (JSON columns as JSON text). */
export interface AssessmentCaseUpdate {
  readonly case_state: string
  readonly case_history: string
  readonly determination: string | null
  readonly risk: string | null
  readonly determination_date: string | null
  readonly next_due_date: string | null
  readonly updated_at: Date
}

function withProduct(db: Kysely<Database>, scope: OrgScope) {
  return db
    .selectFrom('vulnerability_assessments as a')
    .leftJoin('products as p', 'p.id', 'a.product_id')
    .leftJoin('product_versions as v', 'v.id', 'a.product_version_id')
    .selectAll('a')
    .select(['p.name as product_name', 'v.version as product_version'])
    .where('a.org_id', '=', scope.orgId)
}

/** An organization's vulnerability assessments. */
export const assessmentRepository = {
  async create(db: Kysely<Database>, scope: OrgScope, row: NewAssessmentRow): Promise<VulnerabilityAssessmentRow> {
    return db.insertInto('vulnerability_assessments').values({ ...row, org_id: scope.orgId }).returningAll().executeTakeFirstOrThrow()
  },

  async find(db: Kysely<Database>, scope: OrgScope, id: string): Promise<AssessmentWithProduct | undefined> {
    return withProduct(db, scope).where('a.id', '=', id).executeTakeFirst()
  },

  /** Locks the row for the rest of the transaction, so two transitions of one case run one after the other. */
  async lock(trx: Kysely<Database>, scope: OrgScope, id: string): Promise<boolean> {
    const row = await trx.selectFrom('vulnerability_assessments').select('id').where('org_id', '=', scope.orgId).where('id', '=', id).forUpdate().executeTakeFirst()
    return row !== undefined
  },

  async list(db: Kysely<Database>, scope: OrgScope): Promise<AssessmentWithProduct[]> {
    return withProduct(db, scope).orderBy('a.updated_at', 'desc').orderBy('a.id').execute()
  },

  async updateCase(db: Kysely<Database>, scope: OrgScope, id: string, update: AssessmentCaseUpdate): Promise<void> {
    await db.updateTable('vulnerability_assessments').set(update).where('org_id', '=', scope.orgId).where('id', '=', id).execute()
  },
}
