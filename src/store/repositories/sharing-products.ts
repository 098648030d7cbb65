import type { Kysely } from 'kysely'
import type { ArtifactHeader, Viewer } from '../../domain/sharing/artifacts.js'
import type { TlpLabel } from '../../domain/tlp/tlp.js'
import type { Database } from '../schema.js'
import type { OrgScope } from '../scope.js'
import { sharingRepository, visibleTo } from './sharing.js'

/** A product as another organization receives it: the manufacturer's name and the versions it may see. */
export interface SharedProduct {
  readonly id: string
  readonly manufacturer: { readonly id: string; readonly name: string }
  readonly name: string
  readonly modelNumber: string | null
  readonly udiDi: string | null
  readonly tlp: TlpLabel
  readonly createdAt: Date
  readonly versions: readonly { readonly id: string; readonly version: string; readonly tlp: TlpLabel; readonly createdAt: Date }[]
}

/** Filters for the shared products list. */
export interface SharedProductFilter {
  readonly manufacturerOrgId?: string
  readonly productId?: string
}

function header(p: { id: string; org_id: string; tlp: TlpLabel }, named: Map<string, string[]>): ArtifactHeader {
  return { kind: 'product', id: p.id, ownerOrgId: p.org_id, tlp: p.tlp, productId: p.id, namedRecipients: named.get(p.id) ?? [] }
}

/** Products and versions across organizations, filtered in SQL by the TLP policy (two queries for any number of rows). */
export const sharedProductRepository = {
  async listVisible(db: Kysely<Database>, viewer: Viewer, filter: SharedProductFilter = {}): Promise<{ header: ArtifactHeader; value: SharedProduct }[]> {
    let query = db
      .selectFrom('products as p')
      .innerJoin('organizations as o', 'o.id', 'p.org_id')
      .select(['p.id', 'p.org_id', 'o.name as manufacturer_name', 'p.name', 'p.model_number', 'p.udi_di', 'p.tlp', 'p.created_at'])
      .where(visibleTo(viewer, 'product', { id: 'p.id', ownerOrgId: 'p.org_id', tlp: 'p.tlp', productId: 'p.id' }))
    if (filter.manufacturerOrgId) query = query.where('p.org_id', '=', filter.manufacturerOrgId)
    if (filter.productId) query = query.where('p.id', '=', filter.productId)
    const products = await query.orderBy('o.name').orderBy('p.name').execute()
    if (products.length === 0) return []
    const ids = products.map((p) => p.id)
    const [versions, named] = await Promise.all([
      db
        .selectFrom('product_versions as v')
        .select(['v.id', 'v.product_id', 'v.version', 'v.tlp', 'v.created_at'])
        .where('v.product_id', 'in', ids)
        .where(visibleTo(viewer, 'product', { id: 'v.product_id', ownerOrgId: 'v.org_id', tlp: 'v.tlp', productId: 'v.product_id' }))
        .orderBy('v.created_at')
        .execute(),
      sharingRepository.namedRecipients(db, 'product', ids),
    ])
    return products.map((p) => ({
      header: header(p, named),
      value: {
        id: p.id,
        manufacturer: { id: p.org_id, name: p.manufacturer_name },
        name: p.name,
        modelNumber: p.model_number,
        udiDi: p.udi_di,
        tlp: p.tlp,
        createdAt: p.created_at,
        versions: versions.filter((v) => v.product_id === p.id).map((v) => ({ id: v.id, version: v.version, tlp: v.tlp, createdAt: v.created_at })),
      },
    }))
  },

  /** One product with its sharing header and all its versions, without any access check (the service checks). */
  async findWithHeader(db: Kysely<Database>, productId: string): Promise<{ header: ArtifactHeader; value: SharedProduct } | undefined> {
    if (!/^[0-9a-f-]{36}$/i.test(productId)) return undefined
    const p = await db
      .selectFrom('products as p')
      .innerJoin('organizations as o', 'o.id', 'p.org_id')
      .select(['p.id', 'p.org_id', 'o.name as manufacturer_name', 'p.name', 'p.model_number', 'p.udi_di', 'p.tlp', 'p.created_at'])
      .where('p.id', '=', productId)
      .executeTakeFirst()
    if (!p) return undefined
    const [versions, named] = await Promise.all([
      db.selectFrom('product_versions').select(['id', 'version', 'tlp', 'created_at']).where('product_id', '=', p.id).orderBy('created_at').execute(),
      sharingRepository.namedRecipients(db, 'product', [p.id]),
    ])
    return {
      header: header(p, named),
      value: {
        id: p.id,
        manufacturer: { id: p.org_id, name: p.manufacturer_name },
        name: p.name,
        modelNumber: p.model_number,
        udiDi: p.udi_di,
        tlp: p.tlp,
        createdAt: p.created_at,
        versions: versions.map((v) => ({ id: v.id, version: v.version, tlp: v.tlp, createdAt: v.created_at })),
      },
    }
  },

  /** Changes a product's label, and its versions' labels with it; returns the previous label. */
  async setTlp(db: Kysely<Database>, scope: OrgScope, productId: string, tlp: TlpLabel, versionsToo: boolean): Promise<TlpLabel | undefined> {
    if (!/^[0-9a-f-]{36}$/i.test(productId)) return undefined
    const before = await db.selectFrom('products').select('tlp').where('org_id', '=', scope.orgId).where('id', '=', productId).executeTakeFirst()
    if (!before) return undefined
    await db.updateTable('products').set({ tlp }).where('org_id', '=', scope.orgId).where('id', '=', productId).execute()
    if (versionsToo) await db.updateTable('product_versions').set({ tlp }).where('org_id', '=', scope.orgId).where('product_id', '=', productId).execute()
    return before.tlp
  },
}
