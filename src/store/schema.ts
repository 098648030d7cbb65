import type { ColumnType, Generated, Insertable, Selectable } from 'kysely'
import type { OrganizationKind, Role } from '../domain/tenancy/tenancy.js'
import type { TlpLabel } from '../domain/tlp/tlp.js'
import type { KbTables } from './tables/kb.js'
import type { Mds2Tables } from './tables/mds2.js'
import type { ScoringTables } from './tables/scoring.js'
import type { SharingTables } from './tables/sharing.js'
import type { FleetTables } from './tables/fleet.js'
import type { DisclosureTables } from './tables/disclosure.js'
import type { SbomTables } from './tables/sbom.js'
import type { AdvisoryTables } from './tables/advisories.js'
import type { FindingsTables } from './tables/findings.js'
import type { FleetRiskTables } from './tables/fleet-risk.js'
import type { FindingKeyTables } from './tables/finding-keys.js'

/** Timestamps are written as Date and read back as Date on both PGlite and PostgreSQL. */
export type Timestamp = ColumnType<Date, Date | string, Date | string>

/**
 * The database schema as kysely sees it: the foundation's tables plus each capability's table group, declared in
 * `src/store/tables/<capability>.ts` and added to the `extends` list here.
 */
export interface Database extends FoundationTables, KbTables, Mds2Tables, ScoringTables, SharingTables, FleetTables, DisclosureTables, SbomTables, AdvisoryTables, FindingsTables, FleetRiskTables, FindingKeyTables {}

/** The foundation's tables. */
export interface FoundationTables {
  organizations: OrganizationTable
  users: UserTable
  memberships: MembershipTable
  sessions: SessionTable
  api_tokens: ApiTokenTable
  audit_log: AuditLogTable
  products: ProductTable
  product_versions: ProductVersionTable
  devices: DeviceTable
  schema_migrations: SchemaMigrationTable
}

/** One applied migration. */
export interface SchemaMigrationTable {
  id: number
  name: string
  applied_at: Timestamp
}

/** An organization: a manufacturer, a hospital (HDO), a researcher group or a regulator. */
export interface OrganizationTable {
  id: string
  slug: string
  name: string
  kind: OrganizationKind
  created_at: Timestamp
}

/** A person who logs in; belongs to organizations through memberships. */
export interface UserTable {
  id: string
  email: string
  name: string
  password_hash: string
  created_at: Timestamp
  disabled_at: Timestamp | null
}

/** A user's role in one organization. */
export interface MembershipTable {
  org_id: string
  user_id: string
  role: Role
  created_at: Timestamp
}

/** A browser session; only the SHA-256 of its secret is stored. */
export interface SessionTable {
  token_hash: string
  user_id: string
  csrf_token: string
  created_at: Timestamp
  expires_at: Timestamp
  last_seen_at: Timestamp
}

/** An API token scoped to one organization and role; only its SHA-256 is stored. */
export interface ApiTokenTable {
  id: string
  org_id: string
  name: string
  role: Role
  token_hash: string
  token_prefix: string
  created_by: string | null
  created_at: Timestamp
  last_used_at: Timestamp | null
  revoked_at: Timestamp | null
}

/** One entry of the append-only, hash-chained audit trail. */
export interface AuditLogTable {
  seq: Generated<string>
  org_id: string | null
  actor_id: string | null
  actor_label: string
  action: string
  target_type: string
  target_id: string | null
  details: ColumnType<unknown, string, never>
  created_at: Timestamp
  prev_hash: string
  hash: string
}

/** A manufacturer's product line, e.g. a CT scanner model. */
export interface ProductTable {
  id: string
  org_id: string
  name: string
  model_number: string | null
  udi_di: string | null
  tlp: TlpLabel
  created_at: Timestamp
}

/** One released software version of a product. */
export interface ProductVersionTable {
  id: string
  org_id: string
  product_id: string
  version: string
  tlp: TlpLabel
  created_at: Timestamp
}

/** A device in a hospital's fleet. */
export interface DeviceTable {
  id: string
  org_id: string
  asset_tag: string
  serial_number: string | null
  manufacturer: string | null
  model: string | null
  software_version: string | null
  modality: string | null
  location: string | null
  ip_address: string | null
  hostname: string | null
  ae_title: string | null
  criticality: string | null
  stores_phi: boolean
  status: string
  tlp: TlpLabel
  created_at: Timestamp
}

export type OrganizationRow = Selectable<OrganizationTable>
export type UserRow = Selectable<UserTable>
export type ApiTokenRow = Selectable<ApiTokenTable>
export type AuditRow = Selectable<AuditLogTable>
export type ProductRow = Selectable<ProductTable>
export type ProductVersionRow = Selectable<ProductVersionTable>
export type DeviceRow = Selectable<DeviceTable>
export type NewDevice = Insertable<DeviceTable>
