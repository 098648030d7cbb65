import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database } from '../schema.js'
import type { OrgScope } from '../scope.js'
import type { FleetDiscoveryRow, FleetImportRow } from '../tables/fleet.js'

/** An import as listed (without the original bytes). */
export type FleetImportMeta = Omit<FleetImportRow, 'original'>

/** A manufacturer's product version another organization may see, with the manufacturer's name. */
export interface CatalogueVersion {
  readonly productVersionId: string
  readonly productId: string
  readonly manufacturerOrgId: string
  readonly manufacturer: string
  readonly productName: string
  readonly modelNumber: string | null
  readonly udiDi: string | null
  readonly version: string
  readonly securityEndOfSupport: string | null
}

/** A saved column mapping. */
export interface SavedMapping {
  readonly id: string
  readonly name: string
  readonly mapping: unknown
  readonly updatedAt: Date
}

/** A new discovery result. */
export interface NewDiscovery {
  readonly runId: string
  readonly host: string
  readonly port: number
  readonly calledAe: string
  readonly callingAe: string
  readonly outcome: 'echo_ok' | 'echo_failed' | 'association_rejected'
  readonly echoStatus: number | null
  readonly implementationClassUid: string | null
  readonly implementationVersion: string | null
  readonly respondedAt: Date
}

/** Imports, saved mappings, confirmed link rules and discovery results of a hospital's fleet. */
export const fleetRepository = {
  async recordImport(
    db: Kysely<Database>,
    scope: OrgScope,
    input: {
      filename: string
      format: 'csv' | 'xlsx' | 'fhir'
      original: Uint8Array
      sha256: string
      mapping: unknown
      created: number
      updated: number
      unchanged: number
      rejected: unknown
      createdBy: string | null
      createdByLabel: string
    },
  ): Promise<FleetImportMeta> {
    return db
      .insertInto('fleet_imports')
      .values({
        id: randomUUID(),
        org_id: scope.orgId,
        filename: input.filename,
        format: input.format,
        original: input.original,
        sha256: input.sha256,
        size_bytes: input.original.byteLength,
        mapping: input.mapping === null ? null : JSON.stringify(input.mapping),
        created_count: input.created,
        updated_count: input.updated,
        unchanged_count: input.unchanged,
        rejected: JSON.stringify(input.rejected),
        created_by: input.createdBy,
        created_by_label: input.createdByLabel,
        created_at: new Date(),
      })
      .returning(['id', 'org_id', 'filename', 'format', 'sha256', 'size_bytes', 'mapping', 'created_count', 'updated_count', 'unchanged_count', 'rejected', 'created_by', 'created_by_label', 'created_at'])
      .executeTakeFirstOrThrow()
  },

  async listImports(db: Kysely<Database>, scope: OrgScope, limit = 50): Promise<FleetImportMeta[]> {
    return db
      .selectFrom('fleet_imports')
      .select(['id', 'org_id', 'filename', 'format', 'sha256', 'size_bytes', 'mapping', 'created_count', 'updated_count', 'unchanged_count', 'rejected', 'created_by', 'created_by_label', 'created_at'])
      .where('org_id', '=', scope.orgId)
      .orderBy('created_at', 'desc')
      .limit(limit)
      .execute()
  },

  async findImportOriginal(db: Kysely<Database>, scope: OrgScope, id: string): Promise<{ filename: string; original: Uint8Array; sha256: string } | undefined> {
    return db.selectFrom('fleet_imports').select(['filename', 'original', 'sha256']).where('org_id', '=', scope.orgId).where('id', '=', id).executeTakeFirst()
  },

  async saveMapping(db: Kysely<Database>, scope: OrgScope, name: string, mapping: unknown): Promise<SavedMapping> {
    const now = new Date()
    const row = await db
      .insertInto('fleet_mappings')
      .values({ id: randomUUID(), org_id: scope.orgId, name, mapping: JSON.stringify(mapping), created_at: now, updated_at: now })
      .onConflict((oc) => oc.columns(['org_id', 'name']).doUpdateSet({ mapping: JSON.stringify(mapping), updated_at: now }))
      .returning(['id', 'name', 'mapping', 'updated_at'])
      .executeTakeFirstOrThrow()
    return { id: row.id, name: row.name, mapping: row.mapping, updatedAt: row.updated_at }
  },

  async listMappings(db: Kysely<Database>, scope: OrgScope): Promise<SavedMapping[]> {
    const rows = await db.selectFrom('fleet_mappings').select(['id', 'name', 'mapping', 'updated_at']).where('org_id', '=', scope.orgId).orderBy('name').execute()
    return rows.map((r) => ({ id: r.id, name: r.name, mapping: r.mapping, updatedAt: r.updated_at }))
  },

  async findMapping(db: Kysely<Database>, scope: OrgScope, name: string): Promise<SavedMapping | undefined> {
    const r = await db.selectFrom('fleet_mappings').select(['id', 'name', 'mapping', 'updated_at']).where('org_id', '=', scope.orgId).where('name', '=', name).executeTakeFirst()
    return r && { id: r.id, name: r.name, mapping: r.mapping, updatedAt: r.updated_at }
  },

  async saveLinkRule(db: Kysely<Database>, scope: OrgScope, rule: { identityKey: string; productVersionId: string; confidence: number; by: string }): Promise<void> {
    const now = new Date()
    await db
      .insertInto('fleet_link_rules')
      .values({ org_id: scope.orgId, identity_key: rule.identityKey, product_version_id: rule.productVersionId, confidence: rule.confidence, confirmed_by: rule.by, confirmed_at: now })
      .onConflict((oc) => oc.columns(['org_id', 'identity_key']).doUpdateSet({ product_version_id: rule.productVersionId, confidence: rule.confidence, confirmed_by: rule.by, confirmed_at: now }))
      .execute()
  },

  async deleteLinkRule(db: Kysely<Database>, scope: OrgScope, identityKey: string): Promise<void> {
    await db.deleteFrom('fleet_link_rules').where('org_id', '=', scope.orgId).where('identity_key', '=', identityKey).execute()
  },

  async listLinkRules(db: Kysely<Database>, scope: OrgScope): Promise<{ identityKey: string; productVersionId: string; confidence: number }[]> {
    const rows = await db.selectFrom('fleet_link_rules').select(['identity_key', 'product_version_id', 'confidence']).where('org_id', '=', scope.orgId).execute()
    return rows.map((r) => ({ identityKey: r.identity_key, productVersionId: r.product_version_id, confidence: Number(r.confidence) }))
  },

  async addDiscoveries(db: Kysely<Database>, scope: OrgScope, found: readonly NewDiscovery[]): Promise<FleetDiscoveryRow[]> {
    if (found.length === 0) return []
    return db
      .insertInto('fleet_discoveries')
      .values(
        found.map((f) => ({
          id: randomUUID(),
          org_id: scope.orgId,
          run_id: f.runId,
          host: f.host,
          port: f.port,
          called_ae: f.calledAe,
          calling_ae: f.callingAe,
          outcome: f.outcome,
          echo_status: f.echoStatus,
          implementation_class_uid: f.implementationClassUid,
          implementation_version: f.implementationVersion,
          responded_at: f.respondedAt,
          status: 'proposed' as const,
        })),
      )
      .returningAll()
      .execute()
  },

  async listDiscoveries(db: Kysely<Database>, scope: OrgScope, status?: FleetDiscoveryRow['status']): Promise<FleetDiscoveryRow[]> {
    let query = db.selectFrom('fleet_discoveries').selectAll().where('org_id', '=', scope.orgId)
    if (status) query = query.where('status', '=', status)
    return query.orderBy('responded_at', 'desc').orderBy('host').limit(1000).execute()
  },

  async findDiscovery(db: Kysely<Database>, scope: OrgScope, id: string): Promise<FleetDiscoveryRow | undefined> {
    return db.selectFrom('fleet_discoveries').selectAll().where('org_id', '=', scope.orgId).where('id', '=', id).executeTakeFirst()
  },

  async decideDiscovery(db: Kysely<Database>, scope: OrgScope, id: string, decision: { status: 'accepted' | 'dismissed'; deviceId: string | null; by: string }): Promise<FleetDiscoveryRow | undefined> {
    return db
      .updateTable('fleet_discoveries')
      .set({ status: decision.status, device_id: decision.deviceId, decided_by: decision.by, decided_at: new Date() })
      .where('org_id', '=', scope.orgId)
      .where('id', '=', id)
      .where('status', '=', 'proposed')
      .returningAll()
      .executeTakeFirst()
  },

  /** The slugs of the instance's hospitals (organizations of kind hdo), by slug; instance-wide on purpose (the CLI picks the only one). */
  async hospitalSlugs(db: Kysely<Database>): Promise<string[]> {
    return (await db.selectFrom('organizations').select('slug').where('kind', '=', 'hdo').orderBy('slug').execute()).map((r) => r.slug)
  },

  /** Security end of support and names of the product versions the organization's devices are linked to. */
  async linkedVersions(db: Kysely<Database>, scope: OrgScope): Promise<Map<string, CatalogueVersion>> {
    const rows = await catalogueQuery(db)
      .where('product_versions.id', 'in', (eb) => eb.selectFrom('devices').select('product_version_id').where('org_id', '=', scope.orgId).where('product_version_id', 'is not', null).$narrowType<{ product_version_id: string }>())
      .execute()
    return new Map(rows.map((r) => [r.productVersionId, r]))
  },
}

function catalogueQuery(db: Kysely<Database>) {
  return db
    .selectFrom('product_versions')
    .innerJoin('products', 'products.id', 'product_versions.product_id')
    .innerJoin('organizations', 'organizations.id', 'products.org_id')
    .select([
      'product_versions.id as productVersionId',
      'products.id as productId',
      'organizations.id as manufacturerOrgId',
      'organizations.name as manufacturer',
      'products.name as productName',
      'products.model_number as modelNumber',
      'products.udi_di as udiDi',
      'product_versions.version as version',
      'product_versions.security_end_of_support as securityEndOfSupport',
    ])
}

/**
 * The products of manufacturer organizations that every organization may see: both the product and the version
 * labelled TLP:CLEAR or TLP:GREEN. Deliberately not scoped to one organization; the sharing capability (issue 9)
 * will replace this rule with its recipients and agreements.
 */
export const sharedCatalogueRepository = {
  async listVisible(db: Kysely<Database>): Promise<CatalogueVersion[]> {
    return catalogueQuery(db)
      .where('organizations.kind', '=', 'manufacturer')
      .where('products.tlp', 'in', ['CLEAR', 'GREEN'])
      .where('product_versions.tlp', 'in', ['CLEAR', 'GREEN'])
      .orderBy('organizations.name')
      .orderBy('products.name')
      .orderBy('product_versions.version')
      .execute()
  },

  async findVisible(db: Kysely<Database>, productVersionId: string): Promise<CatalogueVersion | undefined> {
    return catalogueQuery(db)
      .where('organizations.kind', '=', 'manufacturer')
      .where('products.tlp', 'in', ['CLEAR', 'GREEN'])
      .where('product_versions.tlp', 'in', ['CLEAR', 'GREEN'])
      .where('product_versions.id', '=', productVersionId)
      .executeTakeFirst()
  },

  /** Sets the manufacturer's security end of support of one of its own product versions. */
  async setSecurityEndOfSupport(db: Kysely<Database>, scope: OrgScope, productVersionId: string, date: string | null): Promise<{ id: string; version: string } | undefined> {
    return db
      .updateTable('product_versions')
      .set({ security_end_of_support: date })
      .where('org_id', '=', scope.orgId)
      .where('id', '=', productVersionId)
      .returning(['id', 'version'])
      .executeTakeFirst()
  },
}
