declare const scopeBrand: unique symbol

/**
 * The organization a tenant query is limited to. Only the authentication layer creates one (after checking
 * membership or the token's organization), and every tenant repository requires one, so no query can forget it.
 */
export interface OrgScope {
  readonly orgId: string
  readonly [scopeBrand]: true
}

/** Creates a scope for an organization whose access has already been checked. */
export function scopeFor(orgId: string): OrgScope {
  return { orgId } as OrgScope
}
