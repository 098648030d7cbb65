import type { Kysely } from 'kysely'
import { findingsRepository } from '../../store/repositories/findings.js'
import type { Database } from '../../store/schema.js'
import { serviceError, type OrgContext, type ServiceResult } from '../context.js'
import { systemContext } from '../system-admin.js'

/** The operator's context for the VEX commands: the named organization, or the only manufacturer when none is named. */
export async function vexCommandContext(db: Kysely<Database>, orgSlug: string | undefined): Promise<ServiceResult<OrgContext>> {
  if (orgSlug) return systemContext(db, orgSlug)
  const slugs = await findingsRepository.manufacturerSlugs(db)
  if (slugs.length !== 1) return serviceError('validation_failed', `name the organization with --org (manufacturers: ${slugs.join(', ') || 'none'})`)
  return systemContext(db, slugs[0]!)
}

/** The product version of a product name and version in the organization. */
export async function versionIdByName(ctx: OrgContext, productName: string, version: string): Promise<ServiceResult<string>> {
  const found = await findingsRepository.versionByName(ctx.db, ctx.scope, productName, version)
  return found ? { ok: true, value: found.id } : serviceError('not_found', `no version ${version} of a product named ${productName} in ${ctx.org.slug}`)
}
