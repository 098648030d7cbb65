import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Role } from '../../domain/tenancy/tenancy.js'
import type { Database, UserRow } from '../schema.js'
import type { OrgScope } from '../scope.js'

/** A member of an organization as an admin sees it (never the password hash). */
export interface Member {
  readonly id: string
  readonly email: string
  readonly name: string
  readonly role: Role
  readonly disabledAt: Date | null
  readonly joinedAt: Date
}

/** Users are global accounts; what an organization sees of them goes through its memberships. */
export const userRepository = {
  async create(db: Kysely<Database>, input: { email: string; name: string; passwordHash: string }): Promise<UserRow> {
    return db
      .insertInto('users')
      .values({
        id: randomUUID(),
        email: input.email.trim(),
        name: input.name,
        password_hash: input.passwordHash,
        created_at: new Date(),
        disabled_at: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
  },

  async findByEmail(db: Kysely<Database>, email: string): Promise<UserRow | undefined> {
    return db
      .selectFrom('users')
      .selectAll()
      .where((eb) => eb(eb.fn('lower', ['email']), '=', email.trim().toLowerCase()))
      .executeTakeFirst()
  },

  async findById(db: Kysely<Database>, id: string): Promise<UserRow | undefined> {
    return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst()
  },

  async existingIds(db: Kysely<Database>, ids: readonly string[]): Promise<string[]> {
    // A string that is not a UUID names no user (and PostgreSQL would refuse to compare it with a uuid column).
    const candidates = ids.filter((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id))
    if (candidates.length === 0) return []
    const rows = await db.selectFrom('users').select('id').where('id', 'in', candidates).execute()
    return rows.map((r) => r.id)
  },

  async setPassword(db: Kysely<Database>, userId: string, passwordHash: string): Promise<void> {
    await db.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', userId).execute()
  },
}

/** Memberships of one organization: who belongs to it, with which role. */
export const memberRepository = {
  async list(db: Kysely<Database>, scope: OrgScope): Promise<Member[]> {
    const rows = await db
      .selectFrom('memberships')
      .innerJoin('users', 'users.id', 'memberships.user_id')
      .select(['users.id', 'users.email', 'users.name', 'memberships.role', 'users.disabled_at', 'memberships.created_at'])
      .where('memberships.org_id', '=', scope.orgId)
      .orderBy('users.name')
      .execute()
    return rows.map((r) => ({
      id: r.id,
      email: r.email,
      name: r.name,
      role: r.role as Role,
      disabledAt: r.disabled_at,
      joinedAt: r.created_at,
    }))
  },

  async find(db: Kysely<Database>, scope: OrgScope, userId: string): Promise<Member | undefined> {
    return (await memberRepository.list(db, scope)).find((m) => m.id === userId)
  },

  async roleOf(db: Kysely<Database>, scope: OrgScope, userId: string): Promise<Role | undefined> {
    const row = await db
      .selectFrom('memberships')
      .select('role')
      .where('org_id', '=', scope.orgId)
      .where('user_id', '=', userId)
      .executeTakeFirst()
    return row?.role as Role | undefined
  },

  async add(db: Kysely<Database>, scope: OrgScope, userId: string, role: Role): Promise<void> {
    await db
      .insertInto('memberships')
      .values({ org_id: scope.orgId, user_id: userId, role, created_at: new Date() })
      .onConflict((oc) => oc.columns(['org_id', 'user_id']).doUpdateSet({ role }))
      .execute()
  },

  async setRole(db: Kysely<Database>, scope: OrgScope, userId: string, role: Role): Promise<boolean> {
    const result = await db
      .updateTable('memberships')
      .set({ role })
      .where('org_id', '=', scope.orgId)
      .where('user_id', '=', userId)
      .executeTakeFirst()
    return result.numUpdatedRows > 0n
  },

  async remove(db: Kysely<Database>, scope: OrgScope, userId: string): Promise<boolean> {
    const result = await db
      .deleteFrom('memberships')
      .where('org_id', '=', scope.orgId)
      .where('user_id', '=', userId)
      .executeTakeFirst()
    return result.numDeletedRows > 0n
  },

  async countAdmins(db: Kysely<Database>, scope: OrgScope): Promise<number> {
    const row = await db
      .selectFrom('memberships')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('org_id', '=', scope.orgId)
      .where('role', '=', 'admin')
      .executeTakeFirstOrThrow()
    return Number(row.n)
  },
}
