import type { Kysely } from 'kysely'
import type { KbStatement } from '../../domain/kb/model.js'
import type { Database } from '../schema.js'
import type { OrgScope } from '../scope.js'
import type { FindingRow, TriageDecisionRow } from '../tables/findings.js'

/** The device fields that affected-device matching reads. */
export interface AffectedDeviceRow {
  readonly id: string
  readonly asset_tag: string
  readonly serial_number: string | null
  readonly manufacturer: string | null
  readonly model: string | null
  readonly software_version: string | null
  readonly udi_di: string | null
  readonly product_version_id: string | null
}

/** A CSAF statement of the knowledge base with its alias group. */
export interface CsafStatementRow {
  readonly vulnerabilityId: string
  readonly statement: KbStatement
}

/** A published advisory file every organization may read (TLP:CLEAR or TLP:GREEN of a manufacturer). */
export interface PublishedAdvisoryRow {
  readonly trackingId: string
  readonly title: string
  readonly content: string
  readonly manufacturer: string
}

/** A finding of a product version that the hospital may see, with its product and manufacturer. */
export type VisibleFindingRow = FindingRow & { readonly product_id: string }

/**
 * What the affected-devices view reads: the organization's devices (scoped), the instance-wide knowledge base, and
 * the published advisories and findings of manufacturers' products labelled TLP:CLEAR or TLP:GREEN, the same rule
 * as the shared product catalogue (ADR 0090) so that a hospital sees findings only of products it may link to.
 */
export const affectedRepository = {
  async devices(db: Kysely<Database>, scope: OrgScope, deviceId?: string): Promise<AffectedDeviceRow[]> {
    let query = db
      .selectFrom('devices')
      .select(['id', 'asset_tag', 'serial_number', 'manufacturer', 'model', 'software_version', 'udi_di', 'product_version_id'])
      .where('org_id', '=', scope.orgId)
    if (deviceId) query = query.where('id', '=', deviceId)
    return query.orderBy('asset_tag').execute()
  },

  /** The distinct manufacturer names of the organization's devices. */
  async manufacturers(db: Kysely<Database>, scope: OrgScope): Promise<string[]> {
    const rows = await db.selectFrom('devices').select('manufacturer').distinct().where('org_id', '=', scope.orgId).where('manufacturer', 'is not', null).execute()
    return rows.map((r) => r.manufacturer!)
  },

  /** The organization's devices whose manufacturer is one of the given names. */
  async devicesOf(db: Kysely<Database>, scope: OrgScope, manufacturers: readonly string[]): Promise<AffectedDeviceRow[]> {
    if (manufacturers.length === 0) return []
    return db
      .selectFrom('devices')
      .select(['id', 'asset_tag', 'serial_number', 'manufacturer', 'model', 'software_version', 'udi_di', 'product_version_id'])
      .where('org_id', '=', scope.orgId)
      .where('manufacturer', 'in', [...manufacturers])
      .orderBy('asset_tag')
      .execute()
  },

  async csafStatements(db: Kysely<Database>): Promise<CsafStatementRow[]> {
    const rows = await db.selectFrom('kb_statements').select(['vulnerability_id', 'statement']).where('source', '=', 'csaf').where('withdrawn', '=', false).orderBy('source_id').execute()
    return rows.map((r) => ({ vulnerabilityId: r.vulnerability_id, statement: r.statement as KbStatement }))
  },

  async publishedAdvisories(db: Kysely<Database>): Promise<PublishedAdvisoryRow[]> {
    return db
      .selectFrom('advisory_files as f')
      .innerJoin('organizations as o', 'o.id', 'f.org_id')
      .select(['f.tracking_id as trackingId', 'f.title', 'f.content', 'o.name as manufacturer'])
      .where('o.kind', '=', 'manufacturer')
      .where('f.tlp', 'in', ['CLEAR', 'GREEN'])
      .orderBy('f.tracking_id')
      .execute()
  },

  async visibleFindings(db: Kysely<Database>, productVersionIds: readonly string[]): Promise<VisibleFindingRow[]> {
    if (productVersionIds.length === 0) return []
    return db
      .selectFrom('findings as f')
      .innerJoin('product_versions as v', 'v.id', 'f.product_version_id')
      .innerJoin('products as p', 'p.id', 'v.product_id')
      .innerJoin('organizations as o', 'o.id', 'p.org_id')
      .selectAll('f')
      .select('p.id as product_id')
      .where('f.product_version_id', 'in', [...new Set(productVersionIds)])
      .where('f.status', '=', 'present')
      .where('o.kind', '=', 'manufacturer')
      .where('p.tlp', 'in', ['CLEAR', 'GREEN'])
      .where('v.tlp', 'in', ['CLEAR', 'GREEN'])
      .execute()
  },

  /** The triage decisions (the manufacturer's VEX) of the organizations owning those findings. */
  async decisionsOf(db: Kysely<Database>, orgIds: readonly string[], vulnerabilityIds: readonly string[]): Promise<TriageDecisionRow[]> {
    if (orgIds.length === 0 || vulnerabilityIds.length === 0) return []
    return db
      .selectFrom('triage_decisions')
      .selectAll()
      .where('org_id', 'in', [...new Set(orgIds)])
      .where('vulnerability_id', 'in', [...new Set(vulnerabilityIds)])
      .execute()
  },
}
