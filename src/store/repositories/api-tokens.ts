import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Role } from '../../domain/tenancy/tenancy.js'
import type { ApiTokenRow, Database } from '../schema.js'
import type { OrgScope } from '../scope.js'

/** An API token as listed to admins: never the secret or its hash. */
export interface ApiTokenInfo {
  readonly id: string
  readonly name: string
  readonly role: Role
  readonly prefix: string
  readonly createdBy: string | null
  readonly createdAt: Date
  readonly lastUsedAt: Date | null
  readonly revokedAt: Date | null
}

function info(row: ApiTokenRow): ApiTokenInfo {
  return {
    id: row.id,
    name: row.name,
    role: row.role as Role,
    prefix: row.token_prefix,
    createdBy: row.created_by,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  }
}

/** API tokens of one organization. */
export const apiTokenRepository = {
  async create(
    db: Kysely<Database>,
    scope: OrgScope,
    input: { name: string; role: Role; tokenHash: string; prefix: string; createdBy: string | null },
  ): Promise<ApiTokenInfo> {
    const row = await db
      .insertInto('api_tokens')
      .values({
        id: randomUUID(),
        org_id: scope.orgId,
        name: input.name,
        role: input.role,
        token_hash: input.tokenHash,
        token_prefix: input.prefix,
        created_by: input.createdBy,
        created_at: new Date(),
        last_used_at: null,
        revoked_at: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    return info(row)
  },

  async list(db: Kysely<Database>, scope: OrgScope): Promise<ApiTokenInfo[]> {
    const rows = await db.selectFrom('api_tokens').selectAll().where('org_id', '=', scope.orgId).orderBy('created_at', 'desc').execute()
    return rows.map(info)
  },

  async revoke(db: Kysely<Database>, scope: OrgScope, id: string): Promise<ApiTokenInfo | undefined> {
    const row = await db
      .updateTable('api_tokens')
      .set({ revoked_at: new Date() })
      .where('org_id', '=', scope.orgId)
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .returningAll()
      .executeTakeFirst()
    return row && info(row)
  },

  /** Authentication looks a token up by its hash before any organization is known; the row names its own. */
  async findByHash(db: Kysely<Database>, tokenHash: string): Promise<ApiTokenRow | undefined> {
    return db.selectFrom('api_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst()
  },

  async markUsed(db: Kysely<Database>, id: string, at: Date): Promise<void> {
    await db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute()
  },
}
