import { supportLevels, type SupportLevel } from '../../domain/sbom/index.js'
import { sbomRepository } from '../../store/repositories/sboms.js'
import { auditFrom, auditedWrite, requireRole, serviceError, type OrgContext, type ServiceResult } from '../context.js'
import { componentView, type ComponentView } from './views.js'

/** The FDA fields to set; absent stays as it is, null clears. */
export interface SupportEdit {
  readonly supportLevel?: SupportLevel | null
  readonly endOfSupport?: string | null
}

const isoDate = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/

/**
 * Sets the FDA level of support and end-of-support date of a stored component (analysts and admins). The audit entry
 * keeps before and after; exports and quality reports of the revision carry the edit.
 */
export async function editComponentSupport(ctx: OrgContext, revisionId: string, componentId: string, edit: SupportEdit): Promise<ServiceResult<ComponentView>> {
  const allowed = requireRole(ctx, 'analyst')
  if (!allowed.ok) return allowed
  if (edit.supportLevel !== undefined && edit.supportLevel !== null && !supportLevels.includes(edit.supportLevel)) {
    return serviceError('validation_failed', `the level of support must be one of ${supportLevels.join(', ')}`)
  }
  const endOfSupport = edit.endOfSupport === undefined || edit.endOfSupport === null ? edit.endOfSupport : edit.endOfSupport.trim() || null
  if (typeof endOfSupport === 'string' && (!isoDate.test(endOfSupport) || Number.isNaN(Date.parse(endOfSupport)))) {
    return serviceError('validation_failed', 'the end-of-support date must be an ISO 8601 date, e.g. 2027-12-31')
  }
  return auditedWrite(ctx.db, async (trx) => {
    const before = await sbomRepository.findComponent(trx, ctx.scope, revisionId, componentId)
    if (!before) return serviceError('not_found', 'no such component in this SBOM revision')
    const after = await sbomRepository.updateComponentSupport(trx, ctx.scope, componentId, {
      supportLevel: edit.supportLevel === undefined ? before.support_level : edit.supportLevel,
      endOfSupport: endOfSupport === undefined ? before.end_of_support : endOfSupport,
      editedBy: ctx.actor.label,
    })
    return {
      ok: true,
      value: {
        value: componentView(after),
        audit: auditFrom(ctx, {
          action: 'sbom.component_support_edit',
          targetType: 'sbom_component',
          targetId: componentId,
          details: {
            revisionId,
            ref: before.bom_ref,
            name: before.name,
            version: before.version,
            before: { supportLevel: before.support_level, endOfSupport: before.end_of_support },
            after: { supportLevel: after.support_level, endOfSupport: after.end_of_support },
          },
        }),
      },
    }
  })
}
