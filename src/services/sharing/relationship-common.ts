import type { Kysely } from 'kysely'
import { isShareableKind, SHAREABLE_KINDS, type ShareableKind } from '../../domain/sharing/artifacts.js'
import type { RelationshipSide } from '../../domain/sharing/relationship.js'
import type { Database } from '../../store/schema.js'
import { sharingRepository, type Relationship, type RelationshipScope } from '../../store/repositories/sharing.js'
import { serviceError, type OrgContext, type ServiceResult } from '../context.js'

/** The scope a manufacturer asks for or grants, as the API takes it. */
export interface ScopeInput {
  readonly allProducts?: boolean
  readonly productIds?: readonly string[]
  readonly artifactKinds?: readonly string[]
}

/** Checks a scope against the manufacturer's products and the known artifact kinds. */
export async function checkScope(db: Kysely<Database>, manufacturerOrgId: string, input: ScopeInput, fallback: RelationshipScope): Promise<ServiceResult<RelationshipScope>> {
  const kinds = input.artifactKinds ?? fallback.artifactKinds
  const unknown = kinds.filter((k) => !isShareableKind(k))
  if (unknown.length > 0) return serviceError('validation_failed', `unknown artifact kinds: ${unknown.join(', ')} (known: ${SHAREABLE_KINDS.join(', ')})`)
  const allProducts = input.allProducts ?? fallback.allProducts
  const wanted = [...new Set(input.productIds ?? fallback.productIds)]
  const found = await sharingRepository.productIdsOf(db, manufacturerOrgId, wanted)
  if (found.length !== wanted.length) return serviceError('validation_failed', 'some products are not products of this manufacturer', { unknown: wanted.filter((id) => !found.includes(id)) })
  return { ok: true, value: { allProducts, productIds: allProducts ? [] : found, artifactKinds: [...new Set(kinds)] as ShareableKind[] } }
}

/** Checks that the actor accepts the current terms of use; returns the version accepted. */
export async function checkAgreement(ctx: OrgContext, acceptedVersion: number | undefined): Promise<ServiceResult<number>> {
  const current = await sharingRepository.currentAgreement(ctx.db)
  if (!current) return serviceError('conflict', 'no terms of use are published')
  if (ctx.actor.kind === 'token') return serviceError('forbidden', 'accepting the terms of use needs a logged-in person, not an API token')
  if (acceptedVersion !== current.version) {
    return serviceError('sharing_agreement_required', `accept version ${current.version} of the terms of use (GET /api/sharing/agreement)`, { currentVersion: current.version })
  }
  return { ok: true, value: current.version }
}

/** The side the context's organization is on, when it is part of the relationship. */
export function sideOf(ctx: OrgContext, relationship: Relationship): RelationshipSide {
  return relationship.manufacturer.id === ctx.org.id ? 'manufacturer' : 'recipient'
}

/** The other organization of a relationship. */
export function counterpartOf(ctx: OrgContext, relationship: Relationship): string {
  return relationship.manufacturer.id === ctx.org.id ? relationship.recipient.id : relationship.manufacturer.id
}

/** The scope of a relationship as stored. */
export function scopeOf(relationship: Relationship): RelationshipScope {
  return { allProducts: relationship.allProducts, productIds: relationship.productIds, artifactKinds: relationship.artifactKinds }
}

/** The default kinds a request or invitation asks for when none are named. */
export const DEFAULT_KINDS: readonly ShareableKind[] = SHAREABLE_KINDS
