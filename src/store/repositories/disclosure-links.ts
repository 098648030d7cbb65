import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database } from '../schema.js'
import type { OrgScope } from '../scope.js'
import type { LinkedAdvisory, LinkedFinding } from '../../domain/disclosure/links.js'

/** The findings and advisories linked to disclosure cases; every query takes the manufacturer's scope. */
export const disclosureLinkRepository = {
  /** The ids among `ids` that are findings of the organization. */
  async ownFindingIds(db: Kysely<Database>, scope: OrgScope, ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set()
    const rows = await db.selectFrom('findings').select('id').where('org_id', '=', scope.orgId).where('id', 'in', [...ids]).execute()
    return new Set(rows.map((r) => r.id))
  },

  /** The advisories of the organization among `ids`, with their tracking ids. */
  async ownAdvisories(db: Kysely<Database>, scope: OrgScope, ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map()
    const rows = await db.selectFrom('advisories').select(['id', 'tracking_id']).where('org_id', '=', scope.orgId).where('id', 'in', [...ids]).execute()
    return new Map(rows.map((r) => [r.id, r.tracking_id]))
  },

  async findingIds(db: Kysely<Database>, scope: OrgScope, caseId: string): Promise<string[]> {
    const rows = await db.selectFrom('disclosure_case_findings').select('finding_id').where('org_id', '=', scope.orgId).where('case_id', '=', caseId).orderBy('created_at').orderBy('finding_id').execute()
    return rows.map((r) => r.finding_id)
  },

  async advisoryIds(db: Kysely<Database>, scope: OrgScope, caseId: string): Promise<string[]> {
    const rows = await db
      .selectFrom('disclosure_case_advisories')
      .select('advisory_id')
      .where('org_id', '=', scope.orgId)
      .where('case_id', '=', caseId)
      .where('advisory_id', 'is not', null)
      .orderBy('created_at')
      .orderBy('tracking_id')
      .execute()
    return rows.map((r) => r.advisory_id!)
  },

  /** Makes the case's linked findings exactly `ids` (which the caller checked belong to the organization). */
  async setFindings(db: Kysely<Database>, scope: OrgScope, caseId: string, ids: readonly string[], now: Date): Promise<void> {
    let removal = db.deleteFrom('disclosure_case_findings').where('org_id', '=', scope.orgId).where('case_id', '=', caseId)
    if (ids.length > 0) removal = removal.where('finding_id', 'not in', [...ids])
    await removal.execute()
    if (ids.length === 0) return
    await db
      .insertInto('disclosure_case_findings')
      .values(ids.map((id) => ({ case_id: caseId, org_id: scope.orgId, finding_id: id, created_at: now })))
      .onConflict((oc) => oc.columns(['case_id', 'finding_id']).doNothing())
      .execute()
  },

  /** Makes the case's linked (still existing) advisories exactly those given, id to tracking id. */
  async setAdvisories(db: Kysely<Database>, scope: OrgScope, caseId: string, advisories: ReadonlyMap<string, string>, now: Date): Promise<void> {
    const ids = [...advisories.keys()]
    let removal = db.deleteFrom('disclosure_case_advisories').where('org_id', '=', scope.orgId).where('case_id', '=', caseId).where('advisory_id', 'is not', null)
    if (ids.length > 0) removal = removal.where('advisory_id', 'not in', ids)
    await removal.execute()
    await disclosureLinkRepository.addAdvisories(db, scope, caseId, advisories, now)
  },

  /** Links advisories (id to tracking id) to the case, keeping those already linked. */
  async addAdvisories(db: Kysely<Database>, scope: OrgScope, caseId: string, advisories: ReadonlyMap<string, string>, now: Date): Promise<void> {
    if (advisories.size === 0) return
    await db
      .insertInto('disclosure_case_advisories')
      .values([...advisories].map(([id, trackingId]) => ({ id: randomUUID(), case_id: caseId, org_id: scope.orgId, advisory_id: id, tracking_id: trackingId, created_at: now })))
      .onConflict((oc) => oc.columns(['case_id', 'advisory_id']).doNothing())
      .execute()
  },

  async linkedFindings(db: Kysely<Database>, scope: OrgScope, caseId: string): Promise<LinkedFinding[]> {
    return db
      .selectFrom('disclosure_case_findings as l')
      .innerJoin('findings as f', 'f.id', 'l.finding_id')
      .innerJoin('product_versions as v', 'v.id', 'f.product_version_id')
      .innerJoin('products as p', 'p.id', 'v.product_id')
      .select([
        'f.id as id',
        'f.vulnerability_id as vulnerabilityId',
        'f.component_name as componentName',
        'f.component_version as componentVersion',
        'f.status as status',
        'p.id as productId',
        'p.name as productName',
        'v.id as productVersionId',
        'v.version as version',
      ])
      .where('l.org_id', '=', scope.orgId)
      .where('f.org_id', '=', scope.orgId)
      .where('l.case_id', '=', caseId)
      .orderBy('f.vulnerability_id')
      .orderBy('f.component_name')
      .execute()
  },

  async linkedAdvisories(db: Kysely<Database>, scope: OrgScope, caseId: string): Promise<LinkedAdvisory[]> {
    const rows = await db
      .selectFrom('disclosure_case_advisories as l')
      .leftJoin('advisories as a', (join) => join.onRef('a.id', '=', 'l.advisory_id').on('a.org_id', '=', scope.orgId))
      .leftJoin('advisory_files as af', 'af.advisory_id', 'a.id')
      .select(['l.advisory_id as id', 'l.tracking_id as linkedTrackingId', 'a.tracking_id as trackingId', 'a.title as title', 'a.status as status', 'af.advisory_id as fileOf'])
      .where('l.org_id', '=', scope.orgId)
      .where('l.case_id', '=', caseId)
      .orderBy('l.created_at')
      .orderBy('l.tracking_id')
      .execute()
    return rows.map((r) => ({ id: r.id, trackingId: r.trackingId ?? r.linkedTrackingId, title: r.title, status: r.status, published: r.fileOf !== null }))
  },
}
