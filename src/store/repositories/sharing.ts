import { randomUUID } from 'node:crypto'
import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely'
import type { ArtifactHeader, ArtifactKind, SharingGrant, Viewer } from '../../domain/sharing/artifacts.js'
import { isShareableKind, type ShareableKind } from '../../domain/sharing/artifacts.js'
import type { RelationshipSide, RelationshipStatus } from '../../domain/sharing/relationship.js'
import type { OrganizationKind } from '../../domain/tenancy/tenancy.js'
import type { TlpLabel } from '../../domain/tlp/tlp.js'
import type { Database } from '../schema.js'
import type { OrgScope } from '../scope.js'
import type { SharingRelationshipRow } from '../tables/sharing.js'

/** The qualified column names of an artifact table, for {@link visibleTo}. */
export interface ArtifactColumns {
  readonly id: string
  readonly ownerOrgId: string
  readonly tlp: string
  /** The product column, or null for organization-wide artifacts. */
  readonly productId: string | null
}

/**
 * The TLP 2.0 read policy as one SQL predicate over an artifact table, so that a list of what a viewer may see is
 * one query (no per-row checks). It must agree with `canRead` in src/domain/sharing/policy.ts; the authorization
 * matrix test checks both against the same expectations. Relationships are read live, so a revocation applies at once.
 */
export function visibleTo(viewer: Viewer, kind: ArtifactKind, columns: ArtifactColumns): RawBuilder<SqlBool> {
  const tlp = sql.ref(columns.tlp)
  if (viewer.kind === 'anonymous') return sql<SqlBool>`${tlp} = 'CLEAR'`
  const owner = sql.ref(columns.ownerOrgId)
  const product = columns.productId ? sql.ref(columns.productId) : sql`null::uuid`
  const kindCovered = kind === 'product' ? sql`true` : sql`${kind}::text = any(r.artifact_kinds)`
  const covered = sql`exists (
    select 1 from sharing_relationships r
    where r.status = 'approved' and r.org_id = ${owner} and r.recipient_org_id = ${viewer.orgId}::uuid and ${kindCovered}
      and (r.all_products or exists (
        select 1 from sharing_relationship_products rp where rp.relationship_id = r.id and rp.product_id = ${product}
      ))
  )`
  const amberLabels = viewer.userId ? sql`('AMBER', 'AMBER+STRICT')` : sql`('AMBER')`
  const red = viewer.userId
    ? sql`or (${tlp} = 'RED' and ${covered} and exists (
        select 1 from artifact_recipients ar
        where ar.artifact_kind = ${kind}::text and ar.artifact_id = ${sql.ref(columns.id)} and ar.user_id = ${viewer.userId}::uuid
      ))`
    : sql``
  return sql<SqlBool>`(
    ${tlp} in ('CLEAR', 'GREEN') or ${owner} = ${viewer.orgId}::uuid
    or (${tlp} in ${amberLabels} and ${covered})
    ${red}
  )`
}

/** A relationship as both sides see it, with the counterpart's name and the products in scope. */
export interface Relationship {
  readonly id: string
  readonly manufacturer: { readonly id: string; readonly name: string }
  readonly recipient: { readonly id: string; readonly name: string; readonly kind: OrganizationKind }
  readonly status: RelationshipStatus
  readonly initiatedBy: RelationshipSide
  readonly allProducts: boolean
  readonly productIds: string[]
  readonly artifactKinds: ShareableKind[]
  readonly message: string | null
  readonly createdBy: string
  readonly createdAt: Date
  readonly decidedBy: string | null
  readonly decidedAt: Date | null
  readonly revokedBy: string | null
  readonly revokedAt: Date | null
  readonly acceptances: { readonly orgId: string; readonly version: number; readonly by: string; readonly at: Date }[]
}

/** The scope a manufacturer gives a relationship. */
export interface RelationshipScope {
  readonly allProducts: boolean
  readonly productIds: readonly string[]
  readonly artifactKinds: readonly ShareableKind[]
}

/** One row of the access log as the manufacturer sees it. */
export interface AccessEntry {
  readonly id: string
  readonly viewerOrg: { readonly id: string; readonly name: string }
  readonly viewer: string
  readonly artifactKind: string
  readonly artifactId: string
  readonly productId: string | null
  readonly tlp: TlpLabel
  readonly action: string
  readonly reason: string
  readonly at: Date
}

/** A read to record in the access log. */
export interface AccessRecord {
  readonly artifact: ArtifactHeader
  readonly viewerOrgId: string
  readonly viewerActorId: string | null
  readonly viewerLabel: string
  readonly action: string
  readonly reason: string
}

function kinds(values: readonly string[]): ShareableKind[] {
  return values.filter(isShareableKind)
}

async function hydrate(db: Kysely<Database>, rows: readonly SharingRelationshipRow[]): Promise<Relationship[]> {
  if (rows.length === 0) return []
  const ids = rows.map((r) => r.id)
  const orgIds = [...new Set(rows.flatMap((r) => [r.org_id, r.recipient_org_id]))]
  const [products, orgs, acceptances] = await Promise.all([
    db.selectFrom('sharing_relationship_products').selectAll().where('relationship_id', 'in', ids).execute(),
    db.selectFrom('organizations').select(['id', 'name', 'kind']).where('id', 'in', orgIds).execute(),
    db.selectFrom('sharing_agreement_acceptances').selectAll().where('relationship_id', 'in', ids).orderBy('accepted_at').execute(),
  ])
  const org = new Map(orgs.map((o) => [o.id, o]))
  return rows.map((r) => ({
    id: r.id,
    manufacturer: { id: r.org_id, name: org.get(r.org_id)?.name ?? '' },
    recipient: { id: r.recipient_org_id, name: org.get(r.recipient_org_id)?.name ?? '', kind: (org.get(r.recipient_org_id)?.kind ?? 'hdo') as OrganizationKind },
    status: r.status as RelationshipStatus,
    initiatedBy: r.initiated_by as RelationshipSide,
    allProducts: r.all_products,
    productIds: products.filter((p) => p.relationship_id === r.id).map((p) => p.product_id),
    artifactKinds: kinds(r.artifact_kinds),
    message: r.message,
    createdBy: r.created_by_label,
    createdAt: r.created_at,
    decidedBy: r.decided_by_label,
    decidedAt: r.decided_at,
    revokedBy: r.revoked_by_label,
    revokedAt: r.revoked_at,
    acceptances: acceptances
      .filter((a) => a.relationship_id === r.id)
      .map((a) => ({ orgId: a.org_id, version: a.agreement_version, by: a.accepted_by_label, at: a.accepted_at })),
  }))
}

/** Sharing relationships, their agreements and scope, RED recipients and the access log. */
export const sharingRepository = {
  async currentAgreement(db: Kysely<Database>): Promise<{ version: number; title: string; body: string; publishedAt: Date } | undefined> {
    const row = await db.selectFrom('sharing_agreements').selectAll().orderBy('version', 'desc').limit(1).executeTakeFirst()
    return row && { version: row.version, title: row.title, body: row.body, publishedAt: row.published_at }
  },

  async create(
    db: Kysely<Database>,
    input: { manufacturerOrgId: string; recipientOrgId: string; status: RelationshipStatus; initiatedBy: RelationshipSide; scope: RelationshipScope; message: string | null; createdBy: string },
  ): Promise<string> {
    const id = randomUUID()
    const now = new Date()
    await db
      .insertInto('sharing_relationships')
      .values({
        id,
        org_id: input.manufacturerOrgId,
        recipient_org_id: input.recipientOrgId,
        status: input.status,
        initiated_by: input.initiatedBy,
        all_products: input.scope.allProducts,
        artifact_kinds: [...input.scope.artifactKinds],
        message: input.message,
        created_by_label: input.createdBy,
        created_at: now,
        updated_at: now,
      })
      .execute()
    await sharingRepository.replaceProducts(db, id, input.scope.productIds)
    return id
  },

  async replaceProducts(db: Kysely<Database>, relationshipId: string, productIds: readonly string[]): Promise<void> {
    await db.deleteFrom('sharing_relationship_products').where('relationship_id', '=', relationshipId).execute()
    if (productIds.length > 0) {
      await db
        .insertInto('sharing_relationship_products')
        .values([...new Set(productIds)].map((product_id) => ({ relationship_id: relationshipId, product_id })))
        .execute()
    }
  },

  async setScope(db: Kysely<Database>, relationshipId: string, scope: RelationshipScope): Promise<void> {
    await db
      .updateTable('sharing_relationships')
      .set({ all_products: scope.allProducts, artifact_kinds: [...scope.artifactKinds], updated_at: new Date() })
      .where('id', '=', relationshipId)
      .execute()
    await sharingRepository.replaceProducts(db, relationshipId, scope.productIds)
  },

  async setStatus(db: Kysely<Database>, relationshipId: string, status: RelationshipStatus, by: string): Promise<void> {
    const now = new Date()
    const stamp = status === 'revoked' ? { revoked_by_label: by, revoked_at: now } : { decided_by_label: by, decided_at: now }
    await db.updateTable('sharing_relationships').set({ status, updated_at: now, ...stamp }).where('id', '=', relationshipId).execute()
  },

  async recordAcceptance(db: Kysely<Database>, input: { relationshipId: string; orgId: string; version: number; userId: string | null; by: string }): Promise<void> {
    await db
      .insertInto('sharing_agreement_acceptances')
      .values({ id: randomUUID(), relationship_id: input.relationshipId, org_id: input.orgId, agreement_version: input.version, user_id: input.userId, accepted_by_label: input.by, accepted_at: new Date() })
      .execute()
  },

  /** A relationship the organization is on either side of. */
  async find(db: Kysely<Database>, scope: OrgScope, id: string): Promise<Relationship | undefined> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined
    const row = await db
      .selectFrom('sharing_relationships')
      .selectAll()
      .where('id', '=', id)
      .where((eb) => eb.or([eb('org_id', '=', scope.orgId), eb('recipient_org_id', '=', scope.orgId)]))
      .executeTakeFirst()
    return row ? (await hydrate(db, [row]))[0] : undefined
  },

  /** The relationships the organization is on either side of, newest first. */
  async list(db: Kysely<Database>, scope: OrgScope): Promise<Relationship[]> {
    const rows = await db
      .selectFrom('sharing_relationships')
      .selectAll()
      .where((eb) => eb.or([eb('org_id', '=', scope.orgId), eb('recipient_org_id', '=', scope.orgId)]))
      .orderBy('updated_at', 'desc')
      .execute()
    return hydrate(db, rows)
  },

  /** The open (pending or approved) relationship between two organizations, if any. */
  async findOpen(db: Kysely<Database>, manufacturerOrgId: string, recipientOrgId: string): Promise<{ id: string; status: string } | undefined> {
    return db
      .selectFrom('sharing_relationships')
      .select(['id', 'status'])
      .where('org_id', '=', manufacturerOrgId)
      .where('recipient_org_id', '=', recipientOrgId)
      .where('status', 'in', ['requested', 'invited', 'approved'])
      .executeTakeFirst()
  },

  /** The approved relationships in which the organization is the recipient, as the policy's grants. */
  async grantsFor(db: Kysely<Database>, recipientOrgId: string): Promise<SharingGrant[]> {
    const rows = await db
      .selectFrom('sharing_relationships')
      .select(['id', 'org_id', 'recipient_org_id', 'all_products', 'artifact_kinds'])
      .where('recipient_org_id', '=', recipientOrgId)
      .where('status', '=', 'approved')
      .execute()
    if (rows.length === 0) return []
    const products = await db.selectFrom('sharing_relationship_products').selectAll().where('relationship_id', 'in', rows.map((r) => r.id)).execute()
    return rows.map((r) => ({
      relationshipId: r.id,
      manufacturerOrgId: r.org_id,
      recipientOrgId: r.recipient_org_id,
      allProducts: r.all_products,
      productIds: products.filter((p) => p.relationship_id === r.id).map((p) => p.product_id),
      artifactKinds: kinds(r.artifact_kinds),
    }))
  },

  /** The approved recipients of a manufacturer's relationships that cover a product (for notifications). */
  async recipientsCovering(db: Kysely<Database>, manufacturerOrgId: string, productId: string | null): Promise<SharingGrant[]> {
    const rows = await db
      .selectFrom('sharing_relationships as r')
      .select(['r.id', 'r.org_id', 'r.recipient_org_id', 'r.all_products', 'r.artifact_kinds'])
      .where('r.org_id', '=', manufacturerOrgId)
      .where('r.status', '=', 'approved')
      .where((eb) =>
        eb.or([
          eb('r.all_products', '=', true),
          eb.exists(eb.selectFrom('sharing_relationship_products as rp').select('rp.product_id').whereRef('rp.relationship_id', '=', 'r.id').where('rp.product_id', '=', productId ?? '00000000-0000-0000-0000-000000000000')),
        ]),
      )
      .execute()
    return rows.map((r) => ({
      relationshipId: r.id,
      manufacturerOrgId: r.org_id,
      recipientOrgId: r.recipient_org_id,
      allProducts: r.all_products,
      productIds: productId ? [productId] : [],
      artifactKinds: kinds(r.artifact_kinds),
    }))
  },

  /** The named users of TLP:RED artifacts, for the policy. */
  async namedRecipients(db: Kysely<Database>, kind: ArtifactKind, artifactIds: readonly string[]): Promise<Map<string, string[]>> {
    const found = new Map<string, string[]>()
    if (artifactIds.length === 0) return found
    const rows = await db.selectFrom('artifact_recipients').select(['artifact_id', 'user_id']).where('artifact_kind', '=', kind).where('artifact_id', 'in', [...artifactIds]).execute()
    for (const row of rows) found.set(row.artifact_id, [...(found.get(row.artifact_id) ?? []), row.user_id])
    return found
  },

  /** Names the users of a TLP:RED artifact (replacing the previous list). */
  async setNamedRecipients(db: Kysely<Database>, scope: OrgScope, kind: ArtifactKind, artifactId: string, userIds: readonly string[]): Promise<void> {
    await db.deleteFrom('artifact_recipients').where('org_id', '=', scope.orgId).where('artifact_kind', '=', kind).where('artifact_id', '=', artifactId).execute()
    if (userIds.length > 0) {
      await db
        .insertInto('artifact_recipients')
        .values([...new Set(userIds)].map((user_id) => ({ artifact_kind: kind, artifact_id: artifactId, org_id: scope.orgId, user_id })))
        .execute()
    }
  },

  /** Records reads of restricted artifacts, in one statement. */
  async logAccess(db: Kysely<Database>, records: readonly AccessRecord[]): Promise<void> {
    if (records.length === 0) return
    const now = new Date()
    await db
      .insertInto('access_log')
      .values(
        records.map((r) => ({
          org_id: r.artifact.ownerOrgId,
          viewer_org_id: r.viewerOrgId,
          viewer_actor_id: r.viewerActorId,
          viewer_label: r.viewerLabel,
          artifact_kind: r.artifact.kind,
          artifact_id: r.artifact.id,
          product_id: r.artifact.productId ?? null,
          tlp: r.artifact.tlp,
          action: r.action,
          reason: r.reason,
          created_at: now,
        })),
      )
      .execute()
  },

  /** Who read the organization's restricted artifacts, newest first. */
  async accessLog(db: Kysely<Database>, scope: OrgScope, page: { limit: number; offset: number }): Promise<{ total: number; entries: AccessEntry[] }> {
    const [rows, total] = await Promise.all([
      db
        .selectFrom('access_log as a')
        .innerJoin('organizations as o', 'o.id', 'a.viewer_org_id')
        .select(['a.id', 'a.viewer_org_id', 'o.name as viewer_org_name', 'a.viewer_label', 'a.artifact_kind', 'a.artifact_id', 'a.product_id', 'a.tlp', 'a.action', 'a.reason', 'a.created_at'])
        .where('a.org_id', '=', scope.orgId)
        .orderBy('a.id', 'desc')
        .limit(page.limit)
        .offset(page.offset)
        .execute(),
      db.selectFrom('access_log').select((eb) => eb.fn.countAll<number>().as('n')).where('org_id', '=', scope.orgId).executeTakeFirstOrThrow(),
    ])
    return {
      total: Number(total.n),
      entries: rows.map((r) => ({
        id: String(r.id),
        viewerOrg: { id: r.viewer_org_id, name: r.viewer_org_name },
        viewer: r.viewer_label,
        artifactKind: r.artifact_kind,
        artifactId: r.artifact_id,
        productId: r.product_id,
        tlp: r.tlp,
        action: r.action,
        reason: r.reason,
        at: r.created_at,
      })),
    }
  },

  /** Organizations of the given kinds (id, name, kind), for choosing a counterpart. */
  async directory(db: Kysely<Database>, kindsWanted: readonly OrganizationKind[]): Promise<{ id: string; name: string; kind: OrganizationKind }[]> {
    const rows = await db.selectFrom('organizations').select(['id', 'name', 'kind']).where('kind', 'in', [...kindsWanted]).orderBy('name').execute()
    return rows.map((r) => ({ id: r.id, name: r.name, kind: r.kind }))
  },

  /** The ids among the given ones that are products of the manufacturer. */
  async productIdsOf(db: Kysely<Database>, manufacturerOrgId: string, productIds: readonly string[]): Promise<string[]> {
    const valid = productIds.filter((id) => /^[0-9a-f-]{36}$/i.test(id))
    if (valid.length === 0) return []
    const rows = await db.selectFrom('products').select('id').where('org_id', '=', manufacturerOrgId).where('id', 'in', valid).execute()
    return rows.map((r) => r.id)
  },
}
