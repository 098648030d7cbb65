import { randomUUID } from 'node:crypto'
import { sql, type Kysely } from 'kysely'
import type { SupportLevel } from '../../domain/sbom/index.js'
import type { TlpLabel } from '../../domain/tlp/tlp.js'
import type { Database, ProductRow, ProductVersionRow } from '../schema.js'
import type { OrgScope } from '../scope.js'
import type { SbomComponentRow, SbomDependencyRow, SbomRevisionRow } from '../tables/sbom.js'

/** A revision without its original bytes (what lists and pages show). */
export type SbomRevisionMeta = Omit<SbomRevisionRow, 'original'>

/** A component row as the upload writes it (ids and scope are added here). */
export interface NewSbomComponent {
  readonly bomRef: string
  readonly parentRef: string | null
  readonly type: string
  readonly name: string
  readonly group: string | null
  readonly version: string | null
  readonly supplier: string | null
  readonly purl: string | null
  readonly cpe: string | null
  readonly licenses: unknown
  readonly hashes: unknown
  readonly supportLevel: SupportLevel | null
  readonly endOfSupport: string | null
  readonly extra: unknown
}

/** One dependency edge in document order; dependsOn null for an entry without dependencies. */
export interface NewSbomDependency {
  readonly ordinal: number
  readonly position: number
  readonly ref: string
  readonly dependsOn: string | null
}

/** What a new revision stores besides its components. */
export interface NewSbomRevision {
  readonly productVersionId: string
  readonly revision: number
  readonly filename: string
  readonly mediaType: string | null
  readonly original: Uint8Array
  readonly sha256: string
  readonly format: 'cyclonedx' | 'spdx'
  readonly specVersion: string
  readonly encoding: string
  readonly document: unknown
  readonly componentCount: number
  readonly dependencyCount: number
  readonly tlp: TlpLabel
  readonly uploadedBy: string | null
  readonly uploadedByLabel: string
}

/** A product version with its product. */
export interface VersionWithProduct {
  readonly version: ProductVersionRow
  readonly product: ProductRow
}

/** Rows per insert statement: one jsonb parameter each, so the PostgreSQL parameter limit never applies. */
export const SBOM_INSERT_BATCH = 2000

const revisionMetaColumns = [
  'id', 'org_id', 'product_version_id', 'revision', 'filename', 'media_type', 'sha256', 'size_bytes', 'format', 'spec_version', 'encoding',
  'document', 'component_count', 'dependency_count', 'tlp', 'uploaded_by', 'uploaded_by_label', 'created_at',
] as const

/** The columns the component table sorts by. */
export const componentSortColumns = {
  ordinal: 'ordinal',
  name: 'name',
  version: 'version',
  type: 'type',
  supplier: 'supplier',
  purl: 'purl',
  supportLevel: 'support_level',
  endOfSupport: 'end_of_support',
} as const

/** How to filter, sort and page a revision's components. */
export interface ComponentQuery {
  /** Matches name, group, version, supplier, purl or CPE, case-insensitively. */
  readonly search?: string
  readonly type?: string
  /** A support level, or 'none' for components without one. */
  readonly supportLevel?: SupportLevel | 'none'
  readonly sort?: keyof typeof componentSortColumns
  readonly order?: 'asc' | 'desc'
  readonly offset?: number
  readonly limit?: number
}

/**
 * JSON text for a jsonb parameter. PostgreSQL text and jsonb cannot hold U+0000, which JSON SBOMs may contain
 * (as \\u0000); it is stored as U+FFFD instead, so such a document is kept rather than refused.
 */
export function jsonParameter(value: unknown): string {
  return JSON.stringify(value).replace(/(?<!\\)((?:\\\\)*)\\u0000/g, '$1\\ufffd')
}

/** SBOM revisions of product versions, their components and dependency edges. */
export const sbomRepository = {
  /** Finds a product version with its product, locking the version row inside a transaction so revision numbers are handed out one at a time. */
  async lockVersion(trx: Kysely<Database>, scope: OrgScope, versionId: string): Promise<VersionWithProduct | undefined> {
    const version = await trx.selectFrom('product_versions').selectAll().where('org_id', '=', scope.orgId).where('id', '=', versionId).forUpdate().executeTakeFirst()
    if (!version) return undefined
    const product = await trx.selectFrom('products').selectAll().where('org_id', '=', scope.orgId).where('id', '=', version.product_id).executeTakeFirstOrThrow()
    return { version, product }
  },

  async findVersion(db: Kysely<Database>, scope: OrgScope, versionId: string): Promise<VersionWithProduct | undefined> {
    const version = await db.selectFrom('product_versions').selectAll().where('org_id', '=', scope.orgId).where('id', '=', versionId).executeTakeFirst()
    if (!version) return undefined
    const product = await db.selectFrom('products').selectAll().where('org_id', '=', scope.orgId).where('id', '=', version.product_id).executeTakeFirstOrThrow()
    return { version, product }
  },

  /** The slugs of the manufacturer organizations (organizations are not tenant rows), for the CLI's default organization. */
  async manufacturerSlugs(db: Kysely<Database>): Promise<string[]> {
    const rows = await db.selectFrom('organizations').select('slug').where('kind', '=', 'manufacturer').orderBy('slug').limit(2).execute()
    return rows.map((r) => r.slug)
  },

  async lastRevisionNumber(db: Kysely<Database>, scope: OrgScope, versionId: string): Promise<number> {
    const row = await db
      .selectFrom('sbom_revisions')
      .select((eb) => eb.fn.max('revision').as('last'))
      .where('org_id', '=', scope.orgId)
      .where('product_version_id', '=', versionId)
      .executeTakeFirst()
    return Number(row?.last ?? 0)
  },

  async createRevision(trx: Kysely<Database>, scope: OrgScope, input: NewSbomRevision): Promise<SbomRevisionMeta> {
    return trx
      .insertInto('sbom_revisions')
      .values({
        id: randomUUID(),
        org_id: scope.orgId,
        product_version_id: input.productVersionId,
        revision: input.revision,
        filename: input.filename,
        media_type: input.mediaType,
        // Sent as base64 text: PGlite serialises a Uint8Array parameter about 15 times slower (7 s for 5 MB).
        original: sql<Uint8Array>`decode(${Buffer.from(input.original.buffer, input.original.byteOffset, input.original.byteLength).toString('base64')}, 'base64')`,
        sha256: input.sha256,
        size_bytes: input.original.length,
        format: input.format,
        spec_version: input.specVersion,
        encoding: input.encoding,
        document: jsonParameter(input.document),
        component_count: input.componentCount,
        dependency_count: input.dependencyCount,
        tlp: input.tlp,
        uploaded_by: input.uploadedBy,
        uploaded_by_label: input.uploadedByLabel,
        created_at: new Date(),
      })
      .returning(revisionMetaColumns)
      .executeTakeFirstOrThrow()
  },

  /**
   * Inserts components in batches; each batch is one statement with the rows as one jsonb parameter, expanded by
   * jsonb_to_recordset. `onBatch` is told how many rows are stored so far.
   */
  async insertComponents(trx: Kysely<Database>, scope: OrgScope, revisionId: string, components: readonly NewSbomComponent[], onBatch?: (stored: number) => void): Promise<void> {
    for (let start = 0; start < components.length; start += SBOM_INSERT_BATCH) {
      const batch = components.slice(start, start + SBOM_INSERT_BATCH).map((c, i) => ({
        id: randomUUID(),
        ordinal: start + i,
        bom_ref: c.bomRef,
        parent_ref: c.parentRef,
        type: c.type,
        name: c.name,
        group_name: c.group,
        version: c.version,
        supplier: c.supplier,
        purl: c.purl,
        cpe: c.cpe,
        licenses: c.licenses,
        hashes: c.hashes,
        support_level: c.supportLevel,
        end_of_support: c.endOfSupport,
        extra: c.extra,
      }))
      await sql`
        insert into sbom_components (id, org_id, revision_id, ordinal, bom_ref, parent_ref, type, name, group_name, version, supplier, purl, cpe, licenses, hashes, support_level, end_of_support, extra)
        select r.id, ${scope.orgId}::uuid, ${revisionId}::uuid, r.ordinal, r.bom_ref, r.parent_ref, r.type, r.name, r.group_name, r.version, r.supplier, r.purl, r.cpe, r.licenses, r.hashes, r.support_level, r.end_of_support, r.extra
        from jsonb_to_recordset(${jsonParameter(batch)}::jsonb) as r(id uuid, ordinal integer, bom_ref text, parent_ref text, type text, name text, group_name text, version text, supplier text, purl text, cpe text, licenses jsonb, hashes jsonb, support_level text, end_of_support text, extra jsonb)
      `.execute(trx)
      onBatch?.(Math.min(start + SBOM_INSERT_BATCH, components.length))
    }
  },

  /** Inserts dependency edges in batches, like components. */
  async insertDependencies(trx: Kysely<Database>, scope: OrgScope, revisionId: string, edges: readonly NewSbomDependency[], onBatch?: (stored: number) => void): Promise<void> {
    const size = SBOM_INSERT_BATCH * 2
    for (let start = 0; start < edges.length; start += size) {
      const batch = edges.slice(start, start + size).map((e) => ({ ordinal: e.ordinal, position: e.position, ref: e.ref, depends_on: e.dependsOn }))
      await sql`
        insert into sbom_dependencies (revision_id, org_id, ordinal, position, ref, depends_on)
        select ${revisionId}::uuid, ${scope.orgId}::uuid, r.ordinal, r.position, r.ref, r.depends_on
        from jsonb_to_recordset(${jsonParameter(batch)}::jsonb) as r(ordinal integer, position integer, ref text, depends_on text)
      `.execute(trx)
      onBatch?.(Math.min(start + size, edges.length))
    }
  },

  async listRevisions(db: Kysely<Database>, scope: OrgScope, versionId: string): Promise<SbomRevisionMeta[]> {
    return db
      .selectFrom('sbom_revisions')
      .select(revisionMetaColumns)
      .where('org_id', '=', scope.orgId)
      .where('product_version_id', '=', versionId)
      .orderBy('revision', 'desc')
      .execute()
  },

  /** The latest revision of each of the given versions. */
  async latestRevisions(db: Kysely<Database>, scope: OrgScope, versionIds: readonly string[]): Promise<SbomRevisionMeta[]> {
    if (versionIds.length === 0) return []
    return db
      .selectFrom('sbom_revisions')
      .select(revisionMetaColumns)
      .distinctOn('product_version_id')
      .where('org_id', '=', scope.orgId)
      .where('product_version_id', 'in', versionIds)
      .orderBy('product_version_id')
      .orderBy('revision', 'desc')
      .execute()
  },

  async findRevision(db: Kysely<Database>, scope: OrgScope, revisionId: string): Promise<SbomRevisionMeta | undefined> {
    return db.selectFrom('sbom_revisions').select(revisionMetaColumns).where('org_id', '=', scope.orgId).where('id', '=', revisionId).executeTakeFirst()
  },

  async findOriginal(db: Kysely<Database>, scope: OrgScope, revisionId: string): Promise<Pick<SbomRevisionRow, 'filename' | 'media_type' | 'sha256' | 'original'> | undefined> {
    // Read as base64 text for the same reason as it is written so.
    const row = await db
      .selectFrom('sbom_revisions')
      .select(['filename', 'media_type', 'sha256', sql<string>`encode(original, 'base64')`.as('base64')])
      .where('org_id', '=', scope.orgId)
      .where('id', '=', revisionId)
      .executeTakeFirst()
    return row && { filename: row.filename, media_type: row.media_type, sha256: row.sha256, original: new Uint8Array(Buffer.from(row.base64, 'base64')) }
  },

  /** Every component of a revision in document order. */
  async components(db: Kysely<Database>, scope: OrgScope, revisionId: string): Promise<SbomComponentRow[]> {
    return db.selectFrom('sbom_components').selectAll().where('org_id', '=', scope.orgId).where('revision_id', '=', revisionId).orderBy('ordinal').execute()
  },

  /** Every dependency edge of a revision in document order. */
  async dependencies(db: Kysely<Database>, scope: OrgScope, revisionId: string): Promise<SbomDependencyRow[]> {
    return db
      .selectFrom('sbom_dependencies')
      .selectAll()
      .where('org_id', '=', scope.orgId)
      .where('revision_id', '=', revisionId)
      .orderBy('ordinal')
      .orderBy('position')
      .execute()
  },

  /** A filtered, sorted page of a revision's components and how many match in all. */
  async queryComponents(db: Kysely<Database>, scope: OrgScope, revisionId: string, query: ComponentQuery): Promise<{ total: number; rows: SbomComponentRow[] }> {
    let filtered = db.selectFrom('sbom_components').where('org_id', '=', scope.orgId).where('revision_id', '=', revisionId)
    const text = query.search?.trim()
    if (text) {
      const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
      filtered = filtered.where((eb) => eb.or(['name', 'group_name', 'version', 'supplier', 'purl', 'cpe'].map((column) => eb(column as 'name', 'ilike', pattern))))
    }
    if (query.type) filtered = filtered.where('type', '=', query.type)
    if (query.supportLevel === 'none') filtered = filtered.where('support_level', 'is', null)
    else if (query.supportLevel) filtered = filtered.where('support_level', '=', query.supportLevel)
    const [count, rows] = await Promise.all([
      filtered.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      filtered
        .selectAll()
        .orderBy(componentSortColumns[query.sort ?? 'ordinal'], query.order ?? 'asc')
        .orderBy('ordinal')
        .offset(query.offset ?? 0)
        .limit(query.limit ?? 1000)
        .execute(),
    ])
    return { total: Number(count.n), rows }
  },

  async findComponent(db: Kysely<Database>, scope: OrgScope, revisionId: string, componentId: string): Promise<SbomComponentRow | undefined> {
    return db
      .selectFrom('sbom_components')
      .selectAll()
      .where('org_id', '=', scope.orgId)
      .where('revision_id', '=', revisionId)
      .where('id', '=', componentId)
      .executeTakeFirst()
  },

  async updateComponentSupport(
    trx: Kysely<Database>,
    scope: OrgScope,
    componentId: string,
    fields: { supportLevel: SupportLevel | null; endOfSupport: string | null; editedBy: string },
  ): Promise<SbomComponentRow> {
    return trx
      .updateTable('sbom_components')
      .set({ support_level: fields.supportLevel, end_of_support: fields.endOfSupport, fda_edited_at: new Date(), fda_edited_by_label: fields.editedBy })
      .where('org_id', '=', scope.orgId)
      .where('id', '=', componentId)
      .returningAll()
      .executeTakeFirstOrThrow()
  },
}
