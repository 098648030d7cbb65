import { sql, type Kysely } from 'kysely'
import type { KbStatement } from '../../domain/kb/model.js'
import type { Database } from '../schema.js'
import type { OrgScope } from '../scope.js'
import type { FindingRow, TriageDecisionRow } from '../tables/findings.js'
import { isUuid } from './devices.js'

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

const DEVICE_COLUMNS = ['id', 'asset_tag', 'serial_number', 'manufacturer', 'model', 'software_version', 'udi_di', 'product_version_id'] as const

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
  /**
   * The organization's devices (or one), by asset tag. Read as one JSON text value built by the database: PGlite
   * decodes every column of every row in JavaScript, which for 100,000 devices costs seconds (docs/perf/fleet.md).
   */
  async devices(db: Kysely<Database>, scope: OrgScope, deviceId?: string): Promise<AffectedDeviceRow[]> {
    if (deviceId !== undefined && !isUuid(deviceId)) return []
    const columns = sql.join(DEVICE_COLUMNS.map((c) => sql.ref(c)))
    let query = db
      .selectFrom('devices')
      .select(sql<string>`coalesce(json_agg(json_build_array(${columns}) order by asset_tag), '[]')::text`.as('rows'))
      .where('org_id', '=', scope.orgId)
    if (deviceId !== undefined) query = query.where('id', '=', deviceId)
    const row = await query.executeTakeFirstOrThrow()
    return (JSON.parse(row.rows) as unknown[][]).map((values) => Object.fromEntries(DEVICE_COLUMNS.map((c, i) => [c, values[i]])) as unknown as AffectedDeviceRow)
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
