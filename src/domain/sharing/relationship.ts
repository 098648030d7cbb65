import { fail, ok, problem, type Problem, type Result } from '../result.js'
import type { OrganizationKind } from '../tenancy/tenancy.js'

/** The states of a relationship between a manufacturer and a recipient organization. */
export const RELATIONSHIP_STATUSES = ['requested', 'invited', 'approved', 'declined', 'revoked'] as const

/** A relationship's state. */
export type RelationshipStatus = (typeof RELATIONSHIP_STATUSES)[number]

/** The organization kinds that can receive a manufacturer's artifacts through a relationship. */
export const RECIPIENT_KINDS: readonly OrganizationKind[] = ['hdo', 'researcher']

/** Which side of a relationship an organization is on. */
export type RelationshipSide = 'manufacturer' | 'recipient'

/** What a side can do to a relationship. */
export type RelationshipAction = 'approve' | 'decline' | 'revoke'

/**
 * The relationship state machine: the side that did not start a pending relationship approves or declines it
 * (the manufacturer a request, the recipient an invitation); the side that started it can withdraw it (decline);
 * either side can revoke an approved one.
 */
export function nextStatus(status: RelationshipStatus, side: RelationshipSide, action: RelationshipAction): Result<RelationshipStatus, Problem> {
  const refuse = (why: string) => fail(problem('sharing_invalid_transition', why))
  switch (action) {
    case 'approve':
      if (status === 'requested' && side === 'manufacturer') return ok('approved')
      if (status === 'invited' && side === 'recipient') return ok('approved')
      return refuse(`the ${side} cannot approve a relationship that is ${status}`)
    case 'decline':
      if (status === 'requested' || status === 'invited') return ok('declined')
      return refuse(`a relationship that is ${status} cannot be declined`)
    case 'revoke':
      if (status === 'approved') return ok('revoked')
      return refuse(`only an approved relationship can be revoked, this one is ${status}`)
  }
}
