import { roleAtLeast, type OrganizationKind, type Role } from '../../domain/tenancy/tenancy.js'

/** Who sends a request in the authorization matrix. */
export type MatrixPrincipal =
  | { readonly kind: 'anonymous' }
  | { readonly kind: 'user' | 'token'; readonly orgKind: OrganizationKind; readonly role: Role }

/** Whose organization the path names, seen from the principal: its own, one it has a relationship with, or another. */
export type OrgRelation = 'own' | 'related' | 'foreign'

/** What the matrix may fill in for a request: path parameters (other than orgId) and a body that passes validation. */
export interface RequestSample {
  readonly params?: Readonly<Record<string, string>>
  /** A valid body; a function gets a counter so that creating routes can use fresh names. */
  readonly body?: unknown | ((n: number) => unknown)
}

/** One route's rule: who may pass its guards (the organization guard and the service's role and kind checks). */
export interface RouteRule {
  readonly allow: (principal: MatrixPrincipal, relation: OrgRelation) => boolean
  readonly sample?: RequestSample
}

/** Anyone, logged in or not. */
export const anyone: RouteRule['allow'] = () => true

/** Any logged-in user or API token. */
export const signedIn: RouteRule['allow'] = (p) => p.kind !== 'anonymous'

/** Members of the organization in the path with at least a role, optionally only some kinds of organization and only people. */
export function member(role: Role, options: { kinds?: readonly OrganizationKind[]; usersOnly?: boolean } = {}): RouteRule['allow'] {
  return (p, relation) =>
    relation === 'own' && p.kind !== 'anonymous' && roleAtLeast(p.role, role) && (!options.kinds || options.kinds.includes(p.orgKind)) && (!options.usersOnly || p.kind === 'user')
}

/** Logged-in people only (not tokens), in any organization they belong to. */
export const usersOnly: RouteRule['allow'] = (p) => p.kind === 'user'

const RECIPIENTS: readonly OrganizationKind[] = ['hdo', 'researcher']
const UUID = '00000000-0000-4000-8000-00000000abcd'

/**
 * THE RULES of the authorization matrix test (src/server/sharing/authorization-matrix.test.ts): one line per route,
 * keyed "METHOD /path" as fastify prints it. Adding a route without a line here fails that test, so add one:
 * `'POST /api/orgs/:orgId/things': { allow: member('analyst', { kinds: ['manufacturer'] }), sample: { body: {...} } },`
 * A route with a body needs a sample body that passes its schema (else the guard is never reached in the test).
 */
export const ROUTE_RULES: Readonly<Record<string, RouteRule>> = {
  // foundation
  'GET /api/health': { allow: anyone },
  'GET /api/openapi.json': { allow: anyone },
  'POST /api/auth/login': { allow: anyone, sample: { body: { email: 'nobody@example.invalid', password: 'not the password' } } },
  'POST /api/auth/logout': { allow: usersOnly },
  'GET /api/auth/session': { allow: usersOnly },
  'GET /api/orgs/:orgId': { allow: member('viewer') },
  'GET /api/orgs/:orgId/dashboard': { allow: member('viewer') },
  'GET /api/orgs/:orgId/members': { allow: member('viewer') },
  'POST /api/orgs/:orgId/members': { allow: member('admin'), sample: { body: (n: number) => ({ email: `matrix-${n}@example.invalid`, role: 'viewer', name: 'Matrix', password: 'long enough password' }) } },
  'PATCH /api/orgs/:orgId/members/:userId': { allow: member('admin'), sample: { body: { role: 'viewer' } } },
  'DELETE /api/orgs/:orgId/members/:userId': { allow: member('admin') },
  'GET /api/orgs/:orgId/tokens': { allow: member('admin') },
  'POST /api/orgs/:orgId/tokens': { allow: member('admin'), sample: { body: (n: number) => ({ name: `matrix ${n}`, role: 'viewer' }) } },
  'DELETE /api/orgs/:orgId/tokens/:tokenId': { allow: member('admin') },
  'GET /api/orgs/:orgId/audit': { allow: member('admin') },
  'GET /api/orgs/:orgId/products': { allow: member('viewer') },
  'POST /api/orgs/:orgId/products': { allow: member('analyst', { kinds: ['manufacturer'] }), sample: { body: (n: number) => ({ name: `Matrix product ${n}` }) } },

  // sharing, notifications (issue 9)
  'GET /api/sharing/agreement': { allow: anyone },
  'GET /api/public/products': { allow: anyone },
  'GET /api/orgs/:orgId/sharing/relationships': { allow: member('viewer') },
  'GET /api/orgs/:orgId/sharing/directory': { allow: member('viewer') },
  'POST /api/orgs/:orgId/sharing/requests': { allow: member('admin', { kinds: RECIPIENTS, usersOnly: true }), sample: { body: { manufacturerOrgId: 'MANUFACTURER', acceptAgreementVersion: 1 } } },
  'POST /api/orgs/:orgId/sharing/invitations': { allow: member('admin', { kinds: ['manufacturer'], usersOnly: true }), sample: { body: { recipientOrgId: 'RECIPIENT', allProducts: true, acceptAgreementVersion: 1 } } },
  'POST /api/orgs/:orgId/sharing/relationships/:relationshipId/approve': { allow: member('admin'), sample: { body: { acceptAgreementVersion: 1 } } },
  'POST /api/orgs/:orgId/sharing/relationships/:relationshipId/decline': { allow: member('admin') },
  'POST /api/orgs/:orgId/sharing/relationships/:relationshipId/revoke': { allow: member('admin') },
  'PUT /api/orgs/:orgId/sharing/relationships/:relationshipId/scope': { allow: member('admin'), sample: { body: { allProducts: true } } },
  'GET /api/orgs/:orgId/sharing/access-log': { allow: member('analyst') },
  'GET /api/orgs/:orgId/shared/products': { allow: member('viewer') },
  'GET /api/orgs/:orgId/shared/products/:productId': { allow: member('viewer') },
  'GET /api/orgs/:orgId/shared/products/:productId/export': { allow: member('viewer') },
  'PATCH /api/orgs/:orgId/products/:productId/tlp': { allow: member('analyst'), sample: { body: { tlp: 'AMBER' } } },
  'GET /api/orgs/:orgId/regulator/overview': { allow: member('viewer', { kinds: ['regulator'] }) },
  'GET /api/orgs/:orgId/notifications': { allow: member('viewer', { usersOnly: true }) },
  'GET /api/orgs/:orgId/notifications/unread-count': { allow: member('viewer', { usersOnly: true }) },
  'POST /api/orgs/:orgId/notifications/read': { allow: member('viewer', { usersOnly: true }) },
  'GET /api/orgs/:orgId/notifications/preferences': { allow: member('viewer', { usersOnly: true }) },
  'PUT /api/orgs/:orgId/notifications/preferences': { allow: member('viewer', { usersOnly: true }), sample: { body: { preferences: [] } } },
  'GET /api/orgs/:orgId/webhooks': { allow: member('admin') },
  'POST /api/orgs/:orgId/webhooks': { allow: member('admin'), sample: { body: { url: 'http://127.0.0.1:9/matrix' } } },
  'DELETE /api/orgs/:orgId/webhooks/:webhookId': { allow: member('admin') },
  'GET /api/orgs/:orgId/webhooks/deliveries': { allow: member('admin') },
  'POST /api/orgs/:orgId/webhooks/deliveries/:deliveryId/retry': { allow: member('admin') },
}

/** The id the matrix puts in path parameters it has no sample for: a well-formed id that names nothing. */
export const MATRIX_UNKNOWN_ID = UUID
