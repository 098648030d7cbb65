import { fleetRepository, type FleetImportMeta } from '../../store/repositories/fleet.js'
import type { OrgContext, ServiceResult } from '../context.js'

/** The organization's latest inventory imports, newest first. */
export async function listImports(ctx: OrgContext): Promise<ServiceResult<FleetImportMeta[]>> {
  return { ok: true, value: await fleetRepository.listImports(ctx.db, ctx.scope) }
}
