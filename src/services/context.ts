import type { Kysely } from 'kysely'
import type { Problem, Result } from '../domain/result.js'
import { roleAtLeast, type OrganizationKind, type Role } from '../domain/tenancy/tenancy.js'
import type { Database } from '../store/schema.js'
import type { OrgScope } from '../store/scope.js'
import { auditRepository, type AuditInput } from '../store/repositories/audit.js'

/** Who is acting: a logged-in user, an API token, or the system itself (CLI, seed). */
export interface Actor {
  readonly kind: 'user' | 'token' | 'system'
  readonly id: string | null
  readonly label: string
}

/** Everything a tenant use case needs: the database, the checked organization scope, the actor and its role. */
export interface OrgContext {
  readonly db: Kysely<Database>
  readonly scope: OrgScope
  readonly org: { readonly id: string; readonly slug: string; readonly name: string; readonly kind: OrganizationKind }
  readonly actor: Actor
  readonly role: Role
}

/** The stable codes a service can fail with; the HTTP layer maps each to a status. */
export type ServiceErrorCode =
  | 'not_found'
  | 'forbidden'
  | 'conflict'
  | 'validation_failed'
  | 'invalid_credentials'
  | 'rate_limited'
  | 'unauthenticated'
  | 'session_expired'
  | 'token_revoked'
  | 'last_admin'
  | 'postmarket_invalid_transition'
  | 'disclosure_invalid_transition'
  | 'sharing_invalid_transition'
  | 'sharing_agreement_required'

/** A failure of a use case, as a value. */
export interface ServiceError extends Problem {
  readonly code: ServiceErrorCode
}

/** A use case's outcome. */
export type ServiceResult<T> = Result<T, ServiceError>

/** Builds a service error. */
export function serviceError(code: ServiceErrorCode, message: string, details?: unknown): { ok: false; error: ServiceError } {
  return { ok: false, error: details === undefined ? { code, message } : { code, message, details } }
}

/** The audit fields that come from the context. */
export function auditFrom(ctx: Pick<OrgContext, 'actor' | 'scope'>, entry: Omit<AuditInput, 'orgId' | 'actorId' | 'actorLabel'>): AuditInput {
  return { ...entry, orgId: ctx.scope.orgId, actorId: ctx.actor.id, actorLabel: ctx.actor.label }
}

/**
 * Runs a write and its audit entry in one transaction: either both are stored or neither. The write returns the
 * value and the entry to record, or an error, which rolls the transaction back.
 */
export async function auditedWrite<T>(
  db: Kysely<Database>,
  write: (trx: Kysely<Database>) => Promise<ServiceResult<{ value: T; audit: AuditInput }>>,
): Promise<ServiceResult<T>> {
  const rollback = Symbol('rollback')
  let failure: ServiceResult<T> | undefined
  try {
    return await db.transaction().execute(async (trx) => {
      const result = await write(trx)
      if (!result.ok) {
        failure = result
        throw rollback
      }
      await auditRepository.append(trx, result.value.audit)
      return { ok: true as const, value: result.value.value }
    })
  } catch (err) {
    if (err === rollback && failure) return failure
    throw err
  }
}

/** Refuses a use case to roles below the one it needs. */
export function requireRole(ctx: OrgContext, needed: Role): ServiceResult<void> {
  return roleAtLeast(ctx.role, needed)
    ? { ok: true, value: undefined }
    : serviceError('forbidden', `this action needs the ${needed} role in ${ctx.org.name}`)
}
