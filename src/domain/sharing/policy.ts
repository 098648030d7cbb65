import type { TlpLabel } from '../tlp/tlp.js'
import type { ArtifactHeader, SharingGrant, Viewer } from './artifacts.js'

/** Why a read is allowed or refused; stable codes for logs, tests and the access log. */
export type ReadReason =
  | 'owner'
  | 'tlp_clear'
  | 'tlp_green_platform'
  | 'tlp_amber_recipient'
  | 'tlp_amber_strict_recipient_user'
  | 'tlp_red_named_recipient'
  | 'anonymous_needs_clear'
  | 'no_relationship'
  | 'amber_strict_needs_user'
  | 'red_not_named'

/** The policy's answer: allowed or not, why, and whether the read must be written to the access log. */
export interface ReadDecision {
  readonly allowed: boolean
  readonly reason: ReadReason
  /** True for an allowed read of an AMBER, AMBER+STRICT or RED artifact by another organization. */
  readonly logAccess: boolean
}

const RESTRICTED: ReadonlySet<TlpLabel> = new Set(['AMBER', 'AMBER+STRICT', 'RED'])

function decide(allowed: boolean, reason: ReadReason, tlp: TlpLabel): ReadDecision {
  return { allowed, reason, logAccess: allowed && reason !== 'owner' && RESTRICTED.has(tlp) }
}

/** Whether a grant covers an artifact: same manufacturer, the artifact's product in scope, its kind in scope. */
export function grantCovers(grant: SharingGrant, artifact: ArtifactHeader): boolean {
  if (grant.manufacturerOrgId !== artifact.ownerOrgId) return false
  const productCovered = grant.allProducts || (artifact.productId != null && grant.productIds.includes(artifact.productId))
  if (!productCovered) return false
  return artifact.kind === 'product' || grant.artifactKinds.includes(artifact.kind)
}

/**
 * The TLP 2.0 read policy of the platform, the one place that decides who may read a shared artifact:
 * the owner organization always; CLEAR anyone, even anonymous; GREEN every organization on the platform;
 * AMBER the recipient organizations of an approved relationship covering the product and kind, their users and
 * their API tokens (the organization's own integrations, its "clients" in TLP 2.0 terms); AMBER+STRICT the same
 * recipient organizations but only their logged-in users (no onward integrations); RED only users named on the
 * artifact, and only while their organization's relationship covers it.
 */
export function canRead(artifact: ArtifactHeader, viewer: Viewer): ReadDecision {
  const tlp = artifact.tlp
  if (tlp === 'CLEAR') return decide(true, 'tlp_clear', tlp)
  if (viewer.kind === 'anonymous') return decide(false, 'anonymous_needs_clear', tlp)
  if (viewer.orgId === artifact.ownerOrgId) return decide(true, 'owner', tlp)
  switch (tlp) {
    case 'GREEN':
      return decide(true, 'tlp_green_platform', tlp)
    case 'AMBER':
      return viewer.grants.some((g) => g.recipientOrgId === viewer.orgId && grantCovers(g, artifact))
        ? decide(true, 'tlp_amber_recipient', tlp)
        : decide(false, 'no_relationship', tlp)
    case 'AMBER+STRICT':
      if (!viewer.grants.some((g) => g.recipientOrgId === viewer.orgId && grantCovers(g, artifact))) return decide(false, 'no_relationship', tlp)
      return viewer.userId ? decide(true, 'tlp_amber_strict_recipient_user', tlp) : decide(false, 'amber_strict_needs_user', tlp)
    case 'RED':
      if (!viewer.grants.some((g) => g.recipientOrgId === viewer.orgId && grantCovers(g, artifact))) return decide(false, 'no_relationship', tlp)
      return viewer.userId && (artifact.namedRecipients ?? []).includes(viewer.userId)
        ? decide(true, 'tlp_red_named_recipient', tlp)
        : decide(false, 'red_not_named', tlp)
  }
}
