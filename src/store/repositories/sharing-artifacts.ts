import { sql, type Kysely } from 'kysely'
import type { Viewer } from '../../domain/sharing/artifacts.js'
import type { TlpLabel } from '../../domain/tlp/tlp.js'
import type { Database } from '../schema.js'
import { visibleTo } from './sharing.js'

/** The kinds of artifact that belong to one product version. */
export type VersionArtifactKind = 'sbom' | 'mds2' | 'vex'

/** A product version's artifact of one kind across organizations, with both labels (the service decides on them). */
export interface VersionArtifactRow {
  readonly kind: VersionArtifactKind
  /** The SBOM revision (latest), the MDS2 document, or for VEX the product version itself. */
  readonly artifactId: string
  readonly artifactTlp: TlpLabel
  readonly versionId: string
  readonly version: string
  readonly versionTlp: TlpLabel
  readonly productId: string
  readonly productName: string
  readonly owner: { readonly id: string; readonly slug: string; readonly name: string }
}

/** Filters for lists of version artifacts. */
export interface VersionArtifactFilter {
  readonly productId?: string
  /** Leave out the viewer's own artifacts (e.g. "shared with us" lists). */
  readonly othersOnly?: boolean
}

type Row = {
  artifact_id: string
  artifact_tlp: TlpLabel
  version_id: string
  version: string
  version_tlp: TlpLabel
  product_id: string
  product_name: string
  owner_id: string
  owner_slug: string
  owner_name: string
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

function base(db: Kysely<Database>, kind: VersionArtifactKind) {
  const versions = db
    .selectFrom('product_versions as v')
    .innerJoin('products as p', 'p.id', 'v.product_id')
    .innerJoin('organizations as o', 'o.id', 'v.org_id')
    .select(['v.id as version_id', 'v.version', 'v.tlp as version_tlp', 'p.id as product_id', 'p.name as product_name', 'o.id as owner_id', 'o.slug as owner_slug', 'o.name as owner_name'])
  switch (kind) {
    case 'sbom':
      // The latest revision of each version.
      return versions
        .innerJoin('sbom_revisions as a', 'a.product_version_id', 'v.id')
        .select(['a.id as artifact_id', 'a.tlp as artifact_tlp'])
        .where(({ not, exists, selectFrom }) => not(exists(selectFrom('sbom_revisions as newer').select(sql`1`.as('one')).whereRef('newer.product_version_id', '=', 'a.product_version_id').whereRef('newer.revision', '>', 'a.revision'))))
    case 'mds2':
      return versions.innerJoin('mds2_documents as a', 'a.product_version_id', 'v.id').select(['a.id as artifact_id', 'a.tlp as artifact_tlp'])
    case 'vex':
      return versions.select(['v.id as artifact_id', 'v.tlp as artifact_tlp'])
  }
}

function toArtifact(kind: VersionArtifactKind, r: Row): VersionArtifactRow {
  return {
    kind,
    artifactId: r.artifact_id,
    artifactTlp: r.artifact_tlp,
    versionId: r.version_id,
    version: r.version,
    versionTlp: r.version_tlp,
    productId: r.product_id,
    productName: r.product_name,
    owner: { id: r.owner_id, slug: r.owner_slug, name: r.owner_name },
  }
}

/** Product versions' SBOM, MDS2 and VEX across organizations, for the sharing policy (no tenant scope: the service decides). */
export const sharedArtifactRepository = {
  /** A version's artifact of one kind, by version or by the artifact's own id, without any access check. */
  async find(db: Kysely<Database>, kind: VersionArtifactKind, by: { readonly versionId: string } | { readonly artifactId: string }): Promise<VersionArtifactRow | undefined> {
    const id = 'versionId' in by ? by.versionId : by.artifactId
    if (!UUID.test(id)) return undefined
    const column = 'versionId' in by || kind === 'vex' ? 'v.id' : 'a.id'
    const row = await base(db, kind).where(column, '=', id).executeTakeFirst()
    return row ? toArtifact(kind, row as Row) : undefined
  },

  /** The artifacts of one kind a viewer may see: both the artifact's and its version's label must let it (one query). */
  async listVisible(db: Kysely<Database>, kind: VersionArtifactKind, viewer: Viewer, filter: VersionArtifactFilter): Promise<VersionArtifactRow[]> {
    // VEX has no table of its own: it is labelled and identified by its product version.
    const artifact = kind === 'vex' ? { id: 'v.id', tlp: 'v.tlp' } : { id: 'a.id', tlp: 'a.tlp' }
    let query = base(db, kind)
      .where(visibleTo(viewer, kind, { ...artifact, ownerOrgId: 'v.org_id', productId: 'v.product_id' }))
      .where(visibleTo(viewer, 'product', { id: 'v.product_id', ownerOrgId: 'v.org_id', tlp: 'v.tlp', productId: 'v.product_id' }))
    if (filter.productId) query = query.where('v.product_id', '=', UUID.test(filter.productId) ? filter.productId : '00000000-0000-0000-0000-000000000000')
    if (filter.othersOnly && viewer.kind === 'member') query = query.where('v.org_id', '<>', viewer.orgId)
    const rows = await query.orderBy('o.name').orderBy('p.name').orderBy('v.created_at').execute()
    return rows.map((r) => toArtifact(kind, r as Row))
  },
}
