import type { Kysely } from 'kysely'
import type { Database } from '../../store/schema.js'
import { organizationRepository, type OrganizationWithRole } from '../../store/repositories/organizations.js'

/** The organizations a user belongs to, with the role in each, for the organization switcher. */
export async function myOrganizations(db: Kysely<Database>, userId: string): Promise<OrganizationWithRole[]> {
  return organizationRepository.listForUser(db, userId)
}
