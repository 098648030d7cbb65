import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { OrganizationKind, Role } from '../../domain/tenancy/tenancy.js'
import type { Database, OrganizationRow } from '../schema.js'

/** An organization together with the role a given user holds in it. */
export interface OrganizationWithRole extends OrganizationRow {
  readonly role: Role
}

/** Organizations are the tenants themselves; these lookups are not tenant-scoped. */
export const organizationRepository = {
  async create(db: Kysely<Database>, input: { slug: string; name: string; kind: OrganizationKind }): Promise<OrganizationRow> {
    return db
      .insertInto('organizations')
      .values({ id: randomUUID(), ...input, created_at: new Date() })
      .returningAll()
      .executeTakeFirstOrThrow()
  },

  async findBySlug(db: Kysely<Database>, slug: string): Promise<OrganizationRow | undefined> {
    return db.selectFrom('organizations').selectAll().where('slug', '=', slug).executeTakeFirst()
  },

  /** The kind of each of these organizations, by id. */
  async kindsOf(db: Kysely<Database>, ids: readonly string[]): Promise<Map<string, OrganizationKind>> {
    if (ids.length === 0) return new Map()
    const rows = await db.selectFrom('organizations').select(['id', 'kind']).where('id', 'in', ids).execute()
    return new Map(rows.map((o) => [o.id, o.kind]))
  },

  async findById(db: Kysely<Database>, id: string): Promise<OrganizationRow | undefined> {
    return db.selectFrom('organizations').selectAll().where('id', '=', id).executeTakeFirst()
  },

  async listForUser(db: Kysely<Database>, userId: string): Promise<OrganizationWithRole[]> {
    const rows = await db
      .selectFrom('memberships')
      .innerJoin('organizations', 'organizations.id', 'memberships.org_id')
      .selectAll('organizations')
      .select('memberships.role')
      .where('memberships.user_id', '=', userId)
      .orderBy('organizations.name')
      .execute()
    return rows as OrganizationWithRole[]
  },
}
