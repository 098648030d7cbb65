import { defaultProfile, parseProfile, type RequirementProfile } from '../../domain/mds2/index.js'
import { mds2Repository } from '../../store/repositories/mds2.js'
import type { OrgContext, ServiceResult } from '../context.js'

/** The organization's requirement profile, and whether it is still the shipped default. */
export interface Mds2ProfileView {
  readonly profile: RequirementProfile
  readonly source: 'default' | 'organization'
  readonly updatedAt: Date | null
  readonly updatedBy: string | null
}

/** The organization's requirement profile; the default profile until the organization saves its own copy. */
export async function getMds2Profile(ctx: OrgContext): Promise<ServiceResult<Mds2ProfileView>> {
  const stored = await mds2Repository.findProfile(ctx.db, ctx.scope)
  if (stored) {
    const parsed = parseProfile(stored.profile)
    // A stored profile was validated when saved; should the catalogue ever drop a question, fall back visibly.
    if (parsed.ok) return { ok: true, value: { profile: parsed.value, source: 'organization', updatedAt: stored.updatedAt, updatedBy: stored.updatedByLabel } }
  }
  return { ok: true, value: { profile: defaultProfile, source: 'default', updatedAt: null, updatedBy: null } }
}

/** The shipped default profile, to start over from (the organization's own profile is left as it is). */
export async function getDefaultMds2Profile(_ctx: OrgContext): Promise<ServiceResult<RequirementProfile>> {
  return { ok: true, value: defaultProfile }
}
