import { parseCalendarDate } from '../../domain/inventory/index.js'
import { sharedCatalogueRepository } from '../../store/repositories/fleet.js'
import { auditFrom, auditedWrite, requireRole, serviceError, type OrgContext, type ServiceResult } from '../context.js'

/** Declares (or clears with null) the security end of support of one of the manufacturer's own product versions. */
export async function setSecurityEndOfSupport(ctx: OrgContext, productVersionId: string, date: string | null): Promise<ServiceResult<{ id: string; version: string; securityEndOfSupport: string | null }>> {
  const allowed = requireRole(ctx, 'analyst')
  if (!allowed.ok) return allowed
  if (ctx.org.kind !== 'manufacturer') return serviceError('forbidden', 'only manufacturers declare the end of support of their products')
  const parsed = date === null ? null : parseCalendarDate(date)
  if (parsed === undefined) return serviceError('validation_failed', `"${date}" is not a date; write YYYY-MM-DD`)
  if (!/^[0-9a-f-]{36}$/i.test(productVersionId)) return serviceError('not_found', 'no such product version')
  return auditedWrite(ctx.db, async (trx) => {
    const updated = await sharedCatalogueRepository.setSecurityEndOfSupport(trx, ctx.scope, productVersionId, parsed)
    if (!updated) return serviceError('not_found', 'no such product version')
    return {
      ok: true,
      value: {
        value: { ...updated, securityEndOfSupport: parsed },
        audit: auditFrom(ctx, { action: 'product.version_end_of_support', targetType: 'product_version', targetId: updated.id, details: { version: updated.version, securityEndOfSupport: parsed } }),
      },
    }
  })
}
