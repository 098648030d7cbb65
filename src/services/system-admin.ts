import type { Kysely } from 'kysely'
import { isOrganizationKind, isRole, slugify, type OrganizationKind, type Role } from '../domain/tenancy/tenancy.js'
import type { Database, OrganizationRow } from '../store/schema.js'
import { organizationRepository } from '../store/repositories/organizations.js'
import { memberRepository, userRepository } from '../store/repositories/users.js'
import { scopeFor } from '../store/scope.js'
import { hashPassword, passwordProblem } from './auth/passwords.js'
import { auditedWrite, serviceError, type Actor, type OrgContext, type ServiceResult } from './context.js'

/** The operator of the instance, acting from the command line. */
export const SYSTEM_ACTOR: Actor = { kind: 'system', id: null, label: 'system' }

/** Finds an organization by slug or id, or creates it when a kind is given. */
export async function ensureOrganization(
  db: Kysely<Database>,
  input: { name: string; kind: OrganizationKind; slug?: string },
  actor: Actor = SYSTEM_ACTOR,
): Promise<OrganizationRow> {
  const slug = input.slug ?? slugify(input.name)
  const existing = await organizationRepository.findBySlug(db, slug)
  if (existing) return existing
  const created = await auditedWrite(db, async (trx) => {
    const org = await organizationRepository.create(trx, { slug, name: input.name, kind: input.kind })
    return {
      ok: true,
      value: { value: org, audit: { orgId: org.id, actorId: actor.id, actorLabel: actor.label, action: 'organization.create', targetType: 'organization', targetId: org.id, details: { name: org.name, kind: org.kind } } },
    }
  })
  if (!created.ok) throw new Error(created.error.message)
  return created.value
}

/** Creates (or updates the password of) a user and gives it a role in an organization named by slug. */
export async function createUserInOrganization(
  db: Kysely<Database>,
  input: { email: string; name: string; password: string; orgSlug: string; role: string },
  actor: Actor = SYSTEM_ACTOR,
): Promise<ServiceResult<{ userId: string; orgId: string; created: boolean }>> {
  if (!isRole(input.role)) return serviceError('validation_failed', `role must be admin, analyst or viewer, not ${input.role}`)
  const weak = passwordProblem(input.password)
  if (weak) return serviceError('validation_failed', weak)
  const org = await organizationRepository.findBySlug(db, input.orgSlug)
  if (!org) return serviceError('not_found', `no organization with slug ${input.orgSlug}`)
  const role: Role = input.role
  const passwordHash = await hashPassword(input.password)
  return auditedWrite(db, async (trx) => {
    let user = await userRepository.findByEmail(trx, input.email)
    const created = !user
    if (!user) user = await userRepository.create(trx, { email: input.email, name: input.name, passwordHash })
    else await userRepository.setPassword(trx, user.id, passwordHash)
    await memberRepository.add(trx, scopeFor(org.id), user.id, role)
    return {
      ok: true,
      value: {
        value: { userId: user.id, orgId: org.id, created },
        audit: { orgId: org.id, actorId: actor.id, actorLabel: actor.label, action: created ? 'user.create' : 'user.update', targetType: 'user', targetId: user.id, details: { email: user.email, role } },
      },
    }
  })
}

/** Opens an organization as the system operator (admin rights), for the CLI and the demo seed. */
export async function systemContext(db: Kysely<Database>, orgSlug: string): Promise<ServiceResult<OrgContext>> {
  const org = await organizationRepository.findBySlug(db, orgSlug)
  if (!org || !isOrganizationKind(org.kind)) return serviceError('not_found', `no organization with slug ${orgSlug}`)
  return {
    ok: true,
    value: { db, scope: scopeFor(org.id), org: { id: org.id, slug: org.slug, name: org.name, kind: org.kind }, actor: SYSTEM_ACTOR, role: 'admin' },
  }
}
