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
  // products and SBOMs (issue 5)
  'GET /api/orgs/:orgId/products/:productId': { allow: member('viewer') },
  'PATCH /api/orgs/:orgId/products/:productId': { allow: member('analyst'), sample: { body: { udiDi: '00000000000000' } } },
  'POST /api/orgs/:orgId/products/:productId/versions': { allow: member('analyst'), sample: { body: (n: number) => ({ version: `matrix-${n}` }) } },
  'POST /api/orgs/:orgId/product-versions/:versionId/sboms': { allow: member('analyst'), sample: { body: { filename: 'matrix.cdx.json', contentBase64: 'e30=' } } },
  'GET /api/orgs/:orgId/product-versions/:versionId/sboms': { allow: member('viewer') },
  'GET /api/orgs/:orgId/sboms/diff': { allow: member('viewer') },
  'GET /api/orgs/:orgId/sboms/:revisionId/components': { allow: member('viewer') },
  'PATCH /api/orgs/:orgId/sboms/:revisionId/components/:componentId': { allow: member('analyst'), sample: { body: { supportLevel: 'unknown' } } },
  'GET /api/orgs/:orgId/sboms/:revisionId/quality': { allow: member('viewer') },
  'GET /api/orgs/:orgId/sboms/:revisionId/export': { allow: member('viewer') },
  'GET /api/orgs/:orgId/sboms/:revisionId/original': { allow: member('viewer') },

  // MDS2 (issue 8): reads for every member; writes need an analyst (a missing document or upload is a 404 after the guard)
  'GET /api/orgs/:orgId/mds2/documents': { allow: member('viewer') },
  'GET /api/orgs/:orgId/mds2/diff/:beforeVersionId/:afterVersionId': { allow: member('viewer') },
  'GET /api/orgs/:orgId/mds2/versions/:versionId': { allow: member('viewer') },
  'PUT /api/orgs/:orgId/mds2/versions/:versionId': { allow: member('analyst'), sample: { body: { document: { header: {}, answers: {} } } } },
  'GET /api/orgs/:orgId/mds2/versions/:versionId/suggestions': { allow: member('viewer') },
  'GET /api/orgs/:orgId/mds2/versions/:versionId/revisions': { allow: member('viewer') },
  'GET /api/orgs/:orgId/mds2/versions/:versionId/diff': { allow: member('viewer') },
  'GET /api/orgs/:orgId/mds2/versions/:versionId/export': { allow: member('viewer') },
  'POST /api/orgs/:orgId/mds2/uploads': { allow: member('analyst'), sample: { body: { filename: 'matrix.json', contentBase64: 'e30=' } } },
  'GET /api/orgs/:orgId/mds2/uploads': { allow: member('viewer') },
  'GET /api/orgs/:orgId/mds2/uploads/:uploadId': { allow: member('viewer') },
  'DELETE /api/orgs/:orgId/mds2/uploads/:uploadId': { allow: member('analyst') },
  'GET /api/orgs/:orgId/mds2/uploads/:uploadId/original': { allow: member('viewer') },
  'GET /api/orgs/:orgId/mds2/profile': { allow: member('viewer') },
  'GET /api/orgs/:orgId/mds2/profile/default': { allow: member('viewer') },
  'PUT /api/orgs/:orgId/mds2/profile': { allow: member('analyst'), sample: { body: { id: 'matrix', name: 'Matrix', requirements: [{ id: 'r', questionId: 'ALOF-1', acceptable: ['Yes'], weight: 1, mandatory: false }] } } },
  'POST /api/orgs/:orgId/mds2/comparisons': { allow: member('viewer'), sample: { body: { ids: [UUID] } } },
  'POST /api/orgs/:orgId/mds2/comparisons/export': { allow: member('viewer'), sample: { body: { ids: [UUID] } } },

  // scoring and risk (issue 4): pure calculators for anyone signed in; assessments are tenant data
  'POST /api/cvss/score': { allow: signedIn, sample: { body: { vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' } } },
  'GET /api/cvss/metrics': { allow: signedIn },
  'GET /api/rubric/questions': { allow: signedIn },
  'POST /api/rubric/evaluate': { allow: signedIn, sample: { body: { answers: {} } } },
  'POST /api/risk/fda': { allow: signedIn, sample: { body: { exploitability: 'high', harm: 'serious', date: '2026-01-10' } } },
  'POST /api/risk/sp800-30': { allow: signedIn, sample: { body: { likelihood: 'high', impact: 'moderate' } } },
  'POST /api/risk/fips199': { allow: signedIn, sample: { body: { informationTypes: [{ name: 'images', confidentiality: 'moderate', integrity: 'high', availability: 'low' }] } } },
  'GET /api/orgs/:orgId/assessments': { allow: member('viewer') },
  'GET /api/orgs/:orgId/assessments/:assessmentId': { allow: member('viewer') },
  'POST /api/orgs/:orgId/assessments': { allow: member('analyst'), sample: { body: (n: number) => ({ vulnerabilityId: `MATRIX-${n}`, cvssVector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }) } },
  'POST /api/orgs/:orgId/assessments/:assessmentId/transitions': { allow: member('analyst'), sample: { body: { kind: 'start_remediation' } } },

  // vulnerability knowledge base (issue 6): instance-wide public data for anyone signed in
  'GET /api/kb/vulnerabilities': { allow: signedIn },
  'GET /api/kb/vulnerabilities/:id': { allow: signedIn, sample: { params: { id: 'CVE-2023-4863' } } },
  'POST /api/kb/match': { allow: signedIn, sample: { body: { components: [{ ref: 'a', name: 'openssl', version: '1.1.1k' }] } } },
  'GET /api/kb/stats': { allow: signedIn },
  // findings, triage and VEX (issue 6 item 4, issue 7 items 1-2)
  'GET /api/orgs/:orgId/product-versions/:versionId/findings': { allow: member('viewer'), sample: { params: { versionId: UUID } } },
  'POST /api/orgs/:orgId/product-versions/:versionId/findings/rematch': { allow: member('analyst'), sample: { params: { versionId: UUID } } },
  'PUT /api/orgs/:orgId/findings/:findingId/decision': { allow: member('analyst'), sample: { params: { findingId: UUID }, body: { scope: 'product_version', state: 'in_triage' } } },
  'DELETE /api/orgs/:orgId/findings/:findingId/decision': { allow: member('analyst'), sample: { params: { findingId: UUID } } },
  'GET /api/orgs/:orgId/product-versions/:versionId/vex': { allow: member('viewer'), sample: { params: { versionId: UUID } } },
  'POST /api/orgs/:orgId/vex/import': { allow: member('analyst'), sample: { body: { document: { '@context': 'https://openvex.dev/ns/v0.2.0', statements: [] } } } },
  // background jobs (issue 6 item 4): the organization's matching jobs and the instance's KB re-matches, for admins
  'GET /api/orgs/:orgId/jobs': { allow: member('admin') },

  // fleet (issue 10): reads for every member, writes for analysts; end of support is a manufacturer's statement
  'GET /api/orgs/:orgId/devices': { allow: member('viewer') },
  'GET /api/orgs/:orgId/devices/export': { allow: member('viewer') },
  'GET /api/orgs/:orgId/devices/:deviceId': { allow: member('viewer') },
  'PATCH /api/orgs/:orgId/devices/:deviceId': { allow: member('analyst'), sample: { body: {} } },
  'GET /api/orgs/:orgId/devices/:deviceId/link-candidates': { allow: member('viewer') },
  'PUT /api/orgs/:orgId/devices/:deviceId/link': { allow: member('analyst'), sample: { body: { productVersionId: UUID } } },
  'DELETE /api/orgs/:orgId/devices/:deviceId/link': { allow: member('analyst') },
  'POST /api/orgs/:orgId/fleet/imports/preview': { allow: member('analyst'), sample: { body: { filename: 'matrix.csv', contentBase64: 'YXNzZXRfdGFnCk1BVFJJWC0xCg==' } } },
  'POST /api/orgs/:orgId/fleet/imports': { allow: member('analyst'), sample: { body: { filename: 'matrix.csv', contentBase64: 'YXNzZXRfdGFnCk1BVFJJWC0xCg==' } } },
  'GET /api/orgs/:orgId/fleet/imports': { allow: member('viewer') },
  'GET /api/orgs/:orgId/fleet/mappings': { allow: member('viewer') },
  'PUT /api/orgs/:orgId/fleet/mappings': { allow: member('analyst'), sample: { body: { name: 'matrix', mapping: { asset_tag: 'assetTag' } } } },
  'GET /api/orgs/:orgId/fleet/discoveries': { allow: member('viewer') },
  'GET /api/orgs/:orgId/fleet/discovery-settings': { allow: member('viewer') },
  'POST /api/orgs/:orgId/fleet/discoveries/run': { allow: member('admin', { kinds: ['hdo'] }), sample: { body: { hosts: '127.0.0.1', ports: '104' } } },
  'POST /api/orgs/:orgId/fleet/discoveries/:discoveryId/accept': { allow: member('analyst'), sample: { body: {} } },
  'POST /api/orgs/:orgId/fleet/discoveries/:discoveryId/dismiss': { allow: member('analyst') },
  'GET /api/orgs/:orgId/fleet/lifecycle': { allow: member('viewer') },
  'GET /api/orgs/:orgId/fleet/affected': { allow: member('viewer') },
  'GET /api/orgs/:orgId/devices/:deviceId/vulnerabilities': { allow: member('viewer') },
  'PUT /api/orgs/:orgId/product-versions/:versionId/security-end-of-support': { allow: member('analyst', { kinds: ['manufacturer'] }), sample: { body: { date: '2030-12-31' } } },
  // fleet risk and support-life plan (issue 10, parts 5-7): reads for every member, register writes for analysts, accepting a risk for admins
  'GET /api/orgs/:orgId/fleet/dashboard': { allow: member('viewer') },
  'GET /api/orgs/:orgId/fleet/risk': { allow: member('viewer') },
  'GET /api/orgs/:orgId/devices/:deviceId/risk': { allow: member('viewer') },
  'PUT /api/orgs/:orgId/devices/:deviceId/patch-status': { allow: member('analyst'), sample: { body: { status: 'current' } } },
  'GET /api/orgs/:orgId/fleet/risk-register': { allow: member('viewer') },
  'POST /api/orgs/:orgId/fleet/risk-register': { allow: member('analyst'), sample: { body: { title: 'Matrix risk', group: { modality: 'CT' }, likelihood: 'low', impact: 'low' } } },
  'PATCH /api/orgs/:orgId/fleet/risk-register/:entryId': { allow: member('analyst'), sample: { params: { entryId: UUID }, body: { title: 'Matrix' } } },
  'POST /api/orgs/:orgId/fleet/risk-register/:entryId/acceptance': { allow: member('admin'), sample: { params: { entryId: UUID }, body: { owner: 'CISO', expires: '2099-01-01', rationale: 'matrix' } } },
  'POST /api/orgs/:orgId/fleet/risk-register/:entryId/controls': { allow: member('analyst'), sample: { params: { entryId: UUID }, body: { kind: 'monitoring', description: 'matrix' } } },
  'DELETE /api/orgs/:orgId/fleet/risk-register/:entryId/controls/:controlId': { allow: member('analyst'), sample: { params: { entryId: UUID, controlId: UUID } } },
  'GET /api/orgs/:orgId/fleet/lifecycle/plan': { allow: member('viewer') },
  'GET /api/orgs/:orgId/fleet/lifecycle/plan/export': { allow: member('viewer') },

  // coordinated vulnerability disclosure (issue 11): programme settings for manufacturer admins; cases readable by
  // every member (a missing case is a 404 after the guard), handled by analysts; cases shared with a party likewise
  'GET /api/orgs/:orgId/disclosure/programme': { allow: member('viewer', { kinds: ['manufacturer'] }) },
  'PUT /api/orgs/:orgId/disclosure/programme': {
    allow: member('admin', { kinds: ['manufacturer'] }),
    sample: { body: { intakeOpen: true, contactEmail: null, websiteUrl: null, policyUrl: null, acknowledgmentsUrl: null, hiringUrl: null, preferredLanguages: ['en'], clockPolicy: { acknowledgeBusinessDays: 5, triageBusinessDays: 14, remediateCalendarDays: 90, uncontrolledCommunicateCalendarDays: 30, uncontrolledRemediateCalendarDays: 60, warnBusinessDays: 2, holidays: [] } } },
  },
  'PUT /api/orgs/:orgId/disclosure/programme/pgp-key': { allow: member('admin', { kinds: ['manufacturer'] }), sample: { body: { armoredKey: null } } },
  'GET /api/orgs/:orgId/disclosure/security-txt': { allow: member('viewer', { kinds: ['manufacturer'] }) },
  'GET /api/orgs/:orgId/disclosure/dashboard': { allow: member('viewer') },
  'GET /api/orgs/:orgId/disclosure/cases': { allow: member('viewer') },
  'GET /api/orgs/:orgId/disclosure/cases/:caseId': { allow: member('viewer') },
  'PATCH /api/orgs/:orgId/disclosure/cases/:caseId': { allow: member('analyst'), sample: { body: { findingIds: [] } } },
  'POST /api/orgs/:orgId/disclosure/cases/:caseId/transitions': { allow: member('analyst'), sample: { body: { command: 'acknowledge' } } },
  'PUT /api/orgs/:orgId/disclosure/cases/:caseId/versions/:versionId': { allow: member('analyst') },
  'DELETE /api/orgs/:orgId/disclosure/cases/:caseId/versions/:versionId': { allow: member('analyst') },
  'POST /api/orgs/:orgId/disclosure/cases/:caseId/messages': { allow: member('analyst'), sample: { body: { thread: 'internal', body: 'matrix' } } },
  'GET /api/orgs/:orgId/disclosure/cases/:caseId/attachments/:attachmentId': { allow: member('viewer') },
  'GET /api/orgs/:orgId/disclosure/cases/:caseId/parties': { allow: member('viewer') },
  'POST /api/orgs/:orgId/disclosure/cases/:caseId/parties': { allow: member('analyst'), sample: { body: { partySlug: 'open-device-research', role: 'other' } } },
  'GET /api/orgs/:orgId/disclosure/cases/:caseId/export': { allow: member('viewer') },
  'GET /api/orgs/:orgId/disclosure/shared': { allow: member('viewer') },
  'GET /api/orgs/:orgId/disclosure/shared/:caseId': { allow: member('viewer') },
  'POST /api/orgs/:orgId/disclosure/shared/:caseId/messages': { allow: member('analyst'), sample: { body: { body: 'matrix' } } },
  'GET /api/orgs/:orgId/disclosure/shared/:caseId/attachments/:attachmentId': { allow: member('viewer') },
  'GET /api/public/disclosure/:slug': { allow: anyone, sample: { params: { slug: 'acme-imaging' } } },
  'POST /api/public/disclosure/:slug/reports': { allow: anyone, sample: { params: { slug: 'acme-imaging' }, body: (n: number) => ({ title: `Matrix report ${n}`, description: 'matrix' }) } },
  'GET /api/public/disclosure/portal': { allow: anyone },
  'POST /api/public/disclosure/portal/messages': { allow: anyone, sample: { body: { body: 'matrix' } } },
  'PUT /api/public/disclosure/portal/email-updates': { allow: anyone, sample: { body: { enabled: false } } },
  'GET /api/public/disclosure/portal/attachments/:attachmentId': { allow: anyone },

  // advisories (issue 7 items 4-6): authoring for manufacturer analysts, key rotation for their admins (the public
  // CSAF provider routes are outside /api and tested in src/server/advisories/advisories.test.ts)
  'GET /api/orgs/:orgId/advisories': { allow: member('viewer') },
  'GET /api/orgs/:orgId/advisories/catalogue': { allow: member('viewer') },
  'POST /api/orgs/:orgId/advisories/generate': { allow: member('analyst', { kinds: ['manufacturer'] }), sample: { body: { productId: '00000000-0000-4000-8000-000000000000' } } },
  'POST /api/orgs/:orgId/advisories': { allow: member('analyst', { kinds: ['manufacturer'] }), sample: { body: { content: { category: 'csaf_security_advisory', title: 'Matrix', tlp: 'CLEAR', notes: [], references: [], productIds: [], vulnerabilities: [] } } } },
  'GET /api/orgs/:orgId/advisories/:advisoryId': { allow: member('viewer') },
  'PUT /api/orgs/:orgId/advisories/:advisoryId': { allow: member('analyst'), sample: { body: { content: { category: 'csaf_security_advisory', title: 'Matrix', tlp: 'CLEAR', notes: [], references: [], productIds: [], vulnerabilities: [] } } } },
  'POST /api/orgs/:orgId/advisories/:advisoryId/validate': { allow: member('viewer'), sample: { body: { content: { category: 'csaf_security_advisory', title: 'Matrix', tlp: 'CLEAR', notes: [], references: [], productIds: [], vulnerabilities: [] } } } },
  'POST /api/orgs/:orgId/advisories/:advisoryId/publish': { allow: member('analyst'), sample: { body: { status: 'final' } } },
  'DELETE /api/orgs/:orgId/advisories/:advisoryId': { allow: member('analyst') },
  'GET /api/orgs/:orgId/advisories/:advisoryId/advisory.html': { allow: member('viewer') },
  'GET /api/orgs/:orgId/advisories/:advisoryId/advisory.pdf': { allow: member('viewer') },
  'GET /api/orgs/:orgId/csaf/signing-key': { allow: member('viewer') },
  'POST /api/orgs/:orgId/csaf/signing-key': { allow: member('admin', { kinds: ['manufacturer'] }) },

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
  // a manufacturer's SBOM, MDS2 and VEX of shared product versions, read through the TLP policy (404 after the guard)
  'GET /api/orgs/:orgId/shared/mds2': { allow: member('viewer') },
  'GET /api/orgs/:orgId/shared/products/:productId/versions/:versionId/sbom': { allow: member('viewer') },
  'GET /api/orgs/:orgId/shared/products/:productId/versions/:versionId/sbom/components': { allow: member('viewer') },
  'GET /api/orgs/:orgId/shared/products/:productId/versions/:versionId/sbom/original': { allow: member('viewer') },
  'GET /api/orgs/:orgId/shared/products/:productId/versions/:versionId/mds2': { allow: member('viewer') },
  'GET /api/orgs/:orgId/shared/products/:productId/versions/:versionId/mds2/export': { allow: member('viewer') },
  'GET /api/orgs/:orgId/shared/products/:productId/versions/:versionId/vex': { allow: member('viewer') },
  'GET /api/orgs/:orgId/shared/products/:productId/versions/:versionId/vex/export': { allow: member('viewer') },
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
