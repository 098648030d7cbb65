import { parseColumnMapping, type ColumnMapping } from '../../domain/inventory/index.js'
import { fleetRepository, type SavedMapping } from '../../store/repositories/fleet.js'
import { auditFrom, auditedWrite, requireRole, serviceError, type OrgContext, type ServiceResult } from '../context.js'

/** The organization's saved column mappings. */
export async function listMappings(ctx: OrgContext): Promise<ServiceResult<SavedMapping[]>> {
  return { ok: true, value: await fleetRepository.listMappings(ctx.db, ctx.scope) }
}

/** Saves (or replaces) a column mapping under a name, for later imports (analysts and admins). */
export async function saveMapping(ctx: OrgContext, name: string, mapping: unknown): Promise<ServiceResult<SavedMapping>> {
  const allowed = requireRole(ctx, 'analyst')
  if (!allowed.ok) return allowed
  const trimmed = name.trim()
  if (!trimmed || trimmed.length > 100) return serviceError('validation_failed', 'a mapping needs a name of 1 to 100 characters')
  const parsed = parseColumnMapping(mapping)
  if (!parsed.ok) return serviceError('validation_failed', parsed.error.message, { code: parsed.error.code })
  const value: ColumnMapping = parsed.value
  return auditedWrite(ctx.db, async (trx) => {
    const saved = await fleetRepository.saveMapping(trx, ctx.scope, trimmed, value)
    return { ok: true, value: { value: saved, audit: auditFrom(ctx, { action: 'fleet.mapping_save', targetType: 'fleet_mapping', targetId: saved.id, details: { name: trimmed, mapping: value } }) } }
  })
}
