import { mds2Repository, type Mds2VersionListing } from '../../store/repositories/mds2.js'
import type { OrgContext, ServiceResult } from '../context.js'

/** Lists the organization's product versions with the state of their MDS2 (revision, completeness, TLP). */
export async function listMds2Documents(ctx: OrgContext): Promise<ServiceResult<Mds2VersionListing[]>> {
  return { ok: true, value: await mds2Repository.listVersions(ctx.db, ctx.scope) }
}
