import { parseProfile } from '../../domain/mds2/index.js'
import { mds2Repository } from '../../store/repositories/mds2.js'
import { auditFrom, auditedWrite, requireRole, serviceError, type OrgContext, type ServiceResult } from '../context.js'
import type { Mds2ProfileView } from './get-profile.js'

/** Saves the organization's requirement profile (analysts and admins); it must be a valid profile naming MDS2 questions. */
export async function saveMds2Profile(ctx: OrgContext, value: unknown): Promise<ServiceResult<Mds2ProfileView>> {
  const allowed = requireRole(ctx, 'analyst')
  if (!allowed.ok) return allowed
  const parsed = parseProfile(value)
  if (!parsed.ok) return serviceError('validation_failed', parsed.error.message, { code: parsed.error.code, problems: parsed.error.details })
  const profile = parsed.value
  return auditedWrite(ctx.db, async (trx) => {
    const updatedAt = await mds2Repository.saveProfile(trx, ctx.scope, profile, ctx.actor.label)
    return {
      ok: true,
      value: {
        value: { profile, source: 'organization', updatedAt, updatedBy: ctx.actor.label },
        audit: auditFrom(ctx, {
          action: 'mds2.profile_update',
          targetType: 'mds2_profile',
          targetId: ctx.scope.orgId,
          details: {
            id: profile.id,
            name: profile.name,
            requirements: profile.requirements.length,
            mandatory: profile.requirements.filter((r) => r.mandatory).map((r) => r.id),
          },
        }),
      },
    }
  })
}
