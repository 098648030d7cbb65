import { mds2Repository, type Mds2ProductVersion } from '../../store/repositories/mds2.js'
import { serviceError, type OrgContext, type ServiceResult } from '../context.js'

/** Finds one of the organization's product versions by product name and version string. */
export async function findProductVersion(ctx: OrgContext, productName: string, version: string): Promise<ServiceResult<Mds2ProductVersion>> {
  const found = await mds2Repository.findProductVersionByName(ctx.db, ctx.scope, productName.trim(), version.trim())
  return found ? { ok: true, value: found } : serviceError('not_found', `${ctx.org.name} has no product '${productName}' with version '${version}'`)
}
