import { sharedCatalogueRepository, type CatalogueVersion } from '../../store/repositories/fleet.js'
import type { OrgContext } from '../context.js'

/**
 * The manufacturers' product versions an organization may link its devices to. For now: every manufacturer's
 * products labelled TLP:CLEAR or TLP:GREEN (product and version). The sharing capability (issue 9) will decide
 * visibility by recipients and agreements; it replaces these two functions and nothing else.
 */
export async function visibleProductVersions(ctx: OrgContext): Promise<CatalogueVersion[]> {
  return sharedCatalogueRepository.listVisible(ctx.db)
}

/** One product version the organization may see, or undefined. */
export async function findVisibleProductVersion(ctx: OrgContext, productVersionId: string): Promise<CatalogueVersion | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(productVersionId)) return undefined
  return sharedCatalogueRepository.findVisible(ctx.db, productVersionId)
}
