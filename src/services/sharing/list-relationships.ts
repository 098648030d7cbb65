import { sharingRepository, type Relationship } from '../../store/repositories/sharing.js'
import type { OrgContext, ServiceResult } from '../context.js'

/** The organization's relationships on either side (requests, invitations, approved, ended). */
export async function listRelationships(ctx: OrgContext): Promise<ServiceResult<Relationship[]>> {
  return { ok: true, value: await sharingRepository.list(ctx.db, ctx.scope) }
}
