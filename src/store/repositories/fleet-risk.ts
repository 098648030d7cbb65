import { randomUUID } from 'node:crypto'
import { sql, type Kysely } from 'kysely'
import type { Database } from '../schema.js'
import type { OrgScope } from '../scope.js'
import type { FleetRiskControlRow, FleetRiskEntryRow, FleetRiskEntryTable } from '../tables/fleet-risk.js'
import { isUuid } from './devices.js'

/** The columns of a device the risk score and the capital plan read (not the whole row: fleets have 100,000 devices). */
export interface DeviceRiskFacts {
  readonly id: string
  readonly asset_tag: string
  readonly serial_number: string | null
  readonly manufacturer: string | null
  readonly model: string | null
  readonly software_version: string | null
  readonly modality: string | null
  readonly department: string | null
  readonly location: string | null
  readonly ip_address: string | null
  readonly hostname: string | null
  readonly ae_title: string | null
  readonly criticality: string | null
  readonly stores_phi: boolean
  readonly internet_exposed: boolean
  readonly status: string
  readonly clinical_end_of_life: string | null
  readonly product_version_id: string | null
  readonly replacement_cost: number | null
  readonly patch_status: 'current' | 'update_available' | 'update_pending' | 'not_patchable' | null
}

const FACT_COLUMNS = [
  'id', 'asset_tag', 'serial_number', 'manufacturer', 'model', 'software_version', 'modality', 'department', 'location', 'ip_address', 'hostname', 'ae_title',
  'criticality', 'stores_phi', 'internet_exposed', 'status', 'clinical_end_of_life', 'product_version_id', 'replacement_cost', 'patch_status',
] as const

/** An SBOM component that may end a product version's support (operating system or firmware with a date). */
export interface SupportComponentRow {
  readonly productVersionId: string
  readonly type: string
  readonly name: string
  readonly version: string | null
  readonly endOfSupport: string | null
}

/** The fields of a new register entry. */
export type NewRiskEntry = Pick<FleetRiskEntryTable, 'title' | 'description' | 'scope_kind' | 'device_id' | 'likelihood' | 'impact' | 'residual_likelihood' | 'created_by_label'> & { readonly group_filter: unknown }

/** The columns a change may set. */
export type RiskEntryChanges = Partial<Pick<FleetRiskEntryTable, 'title' | 'description' | 'likelihood' | 'impact' | 'residual_likelihood' | 'status' | 'acceptance_owner' | 'acceptance_rationale' | 'acceptance_expires' | 'accepted_by' | 'expiry_alerted_for'>> & {
  accepted_at?: Date | null
}

/** Device facts for scoring and planning, the register with its controls, and the SBOM facts behind derived end of support. */
export const fleetRiskRepository = {
  /**
   * Every device of the organization with the columns scoring and planning need, by asset tag. Read as one JSON array
   * built by the database: PGlite decodes each column of each row in JavaScript, which for 100,000 devices x 20
   * columns takes tens of seconds, while one text value parses natively (docs/perf/fleet.md).
   */
  async deviceFacts(db: Kysely<Database>, scope: OrgScope): Promise<DeviceRiskFacts[]> {
    const columns = sql.join(FACT_COLUMNS.map((c) => sql.ref(c)))
    const row = await db
      .selectFrom('devices')
      .select(sql<string>`coalesce(json_agg(json_build_array(${columns}) order by asset_tag), '[]')::text`.as('rows'))
      .where('org_id', '=', scope.orgId)
      .executeTakeFirstOrThrow()
    return (JSON.parse(row.rows) as unknown[][]).map((values) => Object.fromEntries(FACT_COLUMNS.map((c, i) => [c, values[i]])) as unknown as DeviceRiskFacts)
  },

  async deviceFact(db: Kysely<Database>, scope: OrgScope, id: string): Promise<DeviceRiskFacts | undefined> {
    if (!isUuid(id)) return undefined
    return db.selectFrom('devices').select(FACT_COLUMNS).where('org_id', '=', scope.orgId).where('id', '=', id).executeTakeFirst()
  },

  /**
   * Operating-system and firmware components with an end-of-support date in the latest SBOM revision of each product
   * version, when that revision is labelled TLP:CLEAR or TLP:GREEN (the same rule as the product catalogue).
   */
  async supportComponents(db: Kysely<Database>, productVersionIds: readonly string[]): Promise<SupportComponentRow[]> {
    if (productVersionIds.length === 0) return []
    const rows = await db
      .selectFrom('sbom_components as c')
      .innerJoin('sbom_revisions as r', 'r.id', 'c.revision_id')
      .select(['r.product_version_id', 'c.type', 'c.name', 'c.version', 'c.end_of_support'])
      .where('r.product_version_id', 'in', [...productVersionIds])
      .where('r.tlp', 'in', ['CLEAR', 'GREEN'])
      .where('c.type', 'in', ['operating-system', 'firmware'])
      .where('c.end_of_support', 'is not', null)
      .where((eb) => eb('r.revision', '=', eb.selectFrom('sbom_revisions as latest').select((l) => l.fn.max('latest.revision').as('m')).whereRef('latest.product_version_id', '=', 'r.product_version_id')))
      .execute()
    return rows.map((r) => ({ productVersionId: r.product_version_id, type: r.type, name: r.name, version: r.version, endOfSupport: r.end_of_support }))
  },

  /** Sets a device's patch status; returns false when the organization has no such device. */
  async setPatchStatus(db: Kysely<Database>, scope: OrgScope, id: string, status: DeviceRiskFacts['patch_status'], note: string | null): Promise<boolean> {
    if (!isUuid(id)) return false
    const row = await db
      .updateTable('devices')
      .set({ patch_status: status, patch_status_note: note, patch_status_at: status === null ? null : new Date() })
      .where('org_id', '=', scope.orgId)
      .where('id', '=', id)
      .returning('id')
      .executeTakeFirst()
    return row !== undefined
  },

  async patchStatusOf(db: Kysely<Database>, scope: OrgScope, id: string): Promise<{ status: DeviceRiskFacts['patch_status']; note: string | null; at: Date | null } | undefined> {
    if (!isUuid(id)) return undefined
    const row = await db.selectFrom('devices').select(['patch_status', 'patch_status_note', 'patch_status_at']).where('org_id', '=', scope.orgId).where('id', '=', id).executeTakeFirst()
    return row && { status: row.patch_status, note: row.patch_status_note, at: row.patch_status_at }
  },

  async createEntry(db: Kysely<Database>, scope: OrgScope, entry: NewRiskEntry): Promise<FleetRiskEntryRow> {
    const now = new Date()
    return db
      .insertInto('fleet_risk_entries')
      .values({ ...entry, group_filter: entry.group_filter === null ? null : JSON.stringify(entry.group_filter), id: randomUUID(), org_id: scope.orgId, status: 'open', created_at: now, updated_at: now })
      .returningAll()
      .executeTakeFirstOrThrow()
  },

  async updateEntry(db: Kysely<Database>, scope: OrgScope, id: string, changes: RiskEntryChanges): Promise<FleetRiskEntryRow | undefined> {
    if (!isUuid(id)) return undefined
    return db.updateTable('fleet_risk_entries').set({ ...changes, updated_at: new Date() }).where('org_id', '=', scope.orgId).where('id', '=', id).returningAll().executeTakeFirst()
  },

  async findEntry(db: Kysely<Database>, scope: OrgScope, id: string): Promise<FleetRiskEntryRow | undefined> {
    if (!isUuid(id)) return undefined
    return db.selectFrom('fleet_risk_entries').selectAll().where('org_id', '=', scope.orgId).where('id', '=', id).executeTakeFirst()
  },

  /** The register, newest first; closed entries only when asked. */
  async listEntries(db: Kysely<Database>, scope: OrgScope, options: { includeClosed?: boolean } = {}): Promise<FleetRiskEntryRow[]> {
    let query = db.selectFrom('fleet_risk_entries').selectAll().where('org_id', '=', scope.orgId)
    if (!options.includeClosed) query = query.where('status', '<>', 'closed')
    return query.orderBy('created_at', 'desc').orderBy('id').execute()
  },

  async addControl(db: Kysely<Database>, scope: OrgScope, entryId: string, control: { kind: FleetRiskControlRow['kind']; description: string; by: string }): Promise<FleetRiskControlRow> {
    return db
      .insertInto('fleet_risk_controls')
      .values({ id: randomUUID(), org_id: scope.orgId, entry_id: entryId, kind: control.kind, description: control.description, created_by_label: control.by, created_at: new Date() })
      .returningAll()
      .executeTakeFirstOrThrow()
  },

  async removeControl(db: Kysely<Database>, scope: OrgScope, entryId: string, controlId: string): Promise<FleetRiskControlRow | undefined> {
    if (!isUuid(controlId)) return undefined
    return db
      .updateTable('fleet_risk_controls')
      .set({ removed_at: new Date() })
      .where('org_id', '=', scope.orgId)
      .where('entry_id', '=', entryId)
      .where('id', '=', controlId)
      .where('removed_at', 'is', null)
      .returningAll()
      .executeTakeFirst()
  },

  /** Controls in force (not removed) of the given entries, oldest first. */
  async activeControls(db: Kysely<Database>, scope: OrgScope, entryIds?: readonly string[]): Promise<FleetRiskControlRow[]> {
    if (entryIds && entryIds.length === 0) return []
    let query = db.selectFrom('fleet_risk_controls').selectAll().where('org_id', '=', scope.orgId).where('removed_at', 'is', null)
    if (entryIds) query = query.where('entry_id', 'in', [...entryIds])
    return query.orderBy('created_at').orderBy('id').execute()
  },

  /** Accepted entries whose expiry is on or before `until` and was not alerted yet, across organizations (the alert job). */
  async acceptancesToAlert(db: Kysely<Database>, until: string): Promise<FleetRiskEntryRow[]> {
    return db
      .selectFrom('fleet_risk_entries')
      .selectAll()
      .where('status', '=', 'accepted')
      .where('acceptance_expires', '<=', until)
      .where((eb) => eb.or([eb('expiry_alerted_for', 'is', null), eb('expiry_alerted_for', '<>', eb.ref('acceptance_expires'))]))
      .orderBy('acceptance_expires')
      .execute()
  },
}
