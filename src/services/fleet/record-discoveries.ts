import { randomUUID } from 'node:crypto'
import type { DiscoveredEntity } from '../../domain/inventory/discovery.js'
import { fleetRepository } from '../../store/repositories/fleet.js'
import type { FleetDiscoveryRow } from '../../store/tables/fleet.js'
import { auditFrom, auditedWrite, requireRole, type OrgContext, type ServiceResult } from '../context.js'

/** Stores the entities a discovery run found as inventory proposals (analysts and admins); one audit entry per run. */
export async function recordDiscoveries(ctx: OrgContext, found: readonly DiscoveredEntity[], summary: { probed: number; hosts: string; ports: string }): Promise<ServiceResult<FleetDiscoveryRow[]>> {
  const allowed = requireRole(ctx, 'analyst')
  if (!allowed.ok) return allowed
  const runId = randomUUID()
  const respondedAt = new Date()
  return auditedWrite(ctx.db, async (trx) => {
    const rows = await fleetRepository.addDiscoveries(
      trx,
      ctx.scope,
      found.map((f) => ({ ...f, runId, respondedAt })),
    )
    return {
      ok: true,
      value: { value: rows, audit: auditFrom(ctx, { action: 'fleet.discovery_run', targetType: 'fleet_discovery_run', targetId: runId, details: { ...summary, found: found.length } }) },
    }
  })
}
