/** The kinds of organization on the platform. */
export const ORGANIZATION_KINDS = ['manufacturer', 'hdo', 'researcher', 'regulator'] as const

/** A kind of organization: a device manufacturer (MDM), a hospital (HDO), a researcher group or a regulator. */
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number]

/** The roles a user or token can hold in an organization, from most to least powerful. */
export const ROLES = ['admin', 'analyst', 'viewer'] as const

/** A role in one organization. */
export type Role = (typeof ROLES)[number]

const rank: Record<Role, number> = { admin: 3, analyst: 2, viewer: 1 }

/** Whether a role grants at least the rights of another. */
export function roleAtLeast(role: Role, needed: Role): boolean {
  return rank[role] >= rank[needed]
}

/** Whether a string names an organization kind. */
export function isOrganizationKind(value: string): value is OrganizationKind {
  return (ORGANIZATION_KINDS as readonly string[]).includes(value)
}

/** Whether a string names a role. */
export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value)
}

/** Turns an organization name into a URL-safe slug. */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
}
