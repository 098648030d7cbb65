import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { TlpLabel } from '../../domain/tlp/tlp.js'
import type { Database, ProductRow, ProductVersionRow } from '../schema.js'
import type { OrgScope } from '../scope.js'

/** A product with its versions. */
export interface ProductWithVersions extends ProductRow {
  readonly versions: ProductVersionRow[]
}

/** A manufacturer's products and their versions. */
export const productRepository = {
  async create(
    db: Kysely<Database>,
    scope: OrgScope,
    input: { name: string; modelNumber: string | null; udiDi: string | null; tlp: TlpLabel },
  ): Promise<ProductRow> {
    return db
      .insertInto('products')
      .values({
        id: randomUUID(),
        org_id: scope.orgId,
        name: input.name,
        model_number: input.modelNumber,
        udi_di: input.udiDi,
        tlp: input.tlp,
        created_at: new Date(),
      })
      .returningAll()
      .executeTakeFirstOrThrow()
  },

  async findByName(db: Kysely<Database>, scope: OrgScope, name: string): Promise<ProductRow | undefined> {
    return db.selectFrom('products').selectAll().where('org_id', '=', scope.orgId).where('name', '=', name).executeTakeFirst()
  },

  async findByNames(db: Kysely<Database>, scope: OrgScope, names: readonly string[]): Promise<ProductRow[]> {
    if (names.length === 0) return []
    return db.selectFrom('products').selectAll().where('org_id', '=', scope.orgId).where('name', 'in', names).orderBy('name').execute()
  },

  async find(db: Kysely<Database>, scope: OrgScope, id: string): Promise<ProductRow | undefined> {
    return db.selectFrom('products').selectAll().where('org_id', '=', scope.orgId).where('id', '=', id).executeTakeFirst()
  },

  async list(db: Kysely<Database>, scope: OrgScope): Promise<ProductWithVersions[]> {
    const [products, versions] = await Promise.all([
      db.selectFrom('products').selectAll().where('org_id', '=', scope.orgId).orderBy('name').execute(),
      db.selectFrom('product_versions').selectAll().where('org_id', '=', scope.orgId).orderBy('created_at').execute(),
    ])
    return products.map((p) => ({ ...p, versions: versions.filter((v) => v.product_id === p.id) }))
  },

  async addVersion(db: Kysely<Database>, scope: OrgScope, productId: string, version: string, tlp: TlpLabel): Promise<ProductVersionRow> {
    return db
      .insertInto('product_versions')
      .values({ id: randomUUID(), org_id: scope.orgId, product_id: productId, version, tlp, created_at: new Date() })
      .returningAll()
      .executeTakeFirstOrThrow()
  },

  async findVersion(db: Kysely<Database>, scope: OrgScope, productId: string, version: string): Promise<ProductVersionRow | undefined> {
    return db
      .selectFrom('product_versions')
      .selectAll()
      .where('org_id', '=', scope.orgId)
      .where('product_id', '=', productId)
      .where('version', '=', version)
      .executeTakeFirst()
  },

  async findWithVersions(db: Kysely<Database>, scope: OrgScope, id: string): Promise<ProductWithVersions | undefined> {
    const product = await productRepository.find(db, scope, id)
    if (!product) return undefined
    const versions = await db
      .selectFrom('product_versions')
      .selectAll()
      .where('org_id', '=', scope.orgId)
      .where('product_id', '=', id)
      .orderBy('created_at')
      .execute()
    return { ...product, versions }
  },

  async update(
    db: Kysely<Database>,
    scope: OrgScope,
    id: string,
    fields: { name?: string; modelNumber?: string | null; udiDi?: string | null; tlp?: TlpLabel },
  ): Promise<ProductRow | undefined> {
    const changes = {
      ...(fields.name === undefined ? {} : { name: fields.name }),
      ...(fields.modelNumber === undefined ? {} : { model_number: fields.modelNumber }),
      ...(fields.udiDi === undefined ? {} : { udi_di: fields.udiDi }),
      ...(fields.tlp === undefined ? {} : { tlp: fields.tlp }),
    }
    // An edit that changes nothing is no UPDATE (an empty SET is invalid SQL): it reads the row as it is.
    if (Object.keys(changes).length === 0) return db.selectFrom('products').selectAll().where('org_id', '=', scope.orgId).where('id', '=', id).executeTakeFirst()
    return db
      .updateTable('products')
      .set(changes)
      .where('org_id', '=', scope.orgId)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst()
  },

  async count(db: Kysely<Database>, scope: OrgScope): Promise<number> {
    const row = await db
      .selectFrom('products')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('org_id', '=', scope.orgId)
      .executeTakeFirstOrThrow()
    return Number(row.n)
  },
}
