import type { OrganizationKind, Role } from '../tenancy/tenancy.js'
import type { TlpLabel } from '../tlp/tlp.js'

/** The kinds of artifact a manufacturer can share with a relationship; a product's own record is always covered. */
export const SHAREABLE_KINDS = ['sbom', 'vex', 'advisory', 'mds2', 'assessment'] as const

/** A kind of artifact a relationship can be scoped to. */
export type ShareableKind = (typeof SHAREABLE_KINDS)[number]

/** Every kind of shared artifact: the scoped kinds plus the product record itself. */
export type ArtifactKind = 'product' | ShareableKind

/** Whether a string names a kind a relationship can be scoped to. */
export function isShareableKind(value: string): value is ShareableKind {
  return (SHAREABLE_KINDS as readonly string[]).includes(value)
}

/** What the sharing policy needs to know about an artifact: its owner, label, kind and product. */
export interface ArtifactHeader {
  readonly kind: ArtifactKind
  readonly id: string
  readonly ownerOrgId: string
  readonly tlp: TlpLabel
  /** The product the artifact belongs to; absent for organization-wide artifacts. */
  readonly productId?: string | null
  /** For TLP:RED, the users it was given to by name. */
  readonly namedRecipients?: readonly string[]
}

/** An approved relationship as seen by the policy: what a recipient organization may receive from a manufacturer. */
export interface SharingGrant {
  readonly relationshipId: string
  readonly manufacturerOrgId: string
  readonly recipientOrgId: string
  /** Every product of the manufacturer, now and later, or only the listed ones. */
  readonly allProducts: boolean
  readonly productIds: readonly string[]
  readonly artifactKinds: readonly ShareableKind[]
}

/** Who is reading: nobody logged in, or a user or API token acting in one organization. */
export type Viewer =
  | { readonly kind: 'anonymous' }
  | {
      readonly kind: 'member'
      readonly orgId: string
      readonly orgKind: OrganizationKind
      /** The user, or null for an API token of the organization. */
      readonly userId: string | null
      readonly role: Role
      /** The viewer organization's approved relationships as a recipient (loaded fresh for every read). */
      readonly grants: readonly SharingGrant[]
    }
