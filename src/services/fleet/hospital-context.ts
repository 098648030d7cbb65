import type { Kysely } from 'kysely'
import { fleetRepository } from '../../store/repositories/fleet.js'
import type { Database } from '../../store/schema.js'
import { serviceError, type OrgContext, type ServiceResult } from '../context.js'
import { ensureOrganization, systemContext } from '../system-admin.js'

/**
 * The organization a command-line fleet command works in: the one named by slug, else the instance's only hospital.
 * An instance with no hospital gets one ("Hospital", slug "hospital"), so a single hospital can start at once.
 */
export async function hospitalContext(db: Kysely<Database>, slug?: string): Promise<ServiceResult<OrgContext & { createdOrganization: boolean }>> {
  if (slug) {
    const ctx = await systemContext(db, slug)
    return ctx.ok ? { ok: true, value: { ...ctx.value, createdOrganization: false } } : ctx
  }
  const hospitals = await fleetRepository.hospitalSlugs(db)
  if (hospitals.length > 1) return serviceError('validation_failed', `this instance has ${hospitals.length} hospitals (${hospitals.join(', ')}); name one with --org`)
  const created = hospitals.length === 0
  const org = created ? await ensureOrganization(db, { name: 'Hospital', kind: 'hdo', slug: 'hospital' }) : { slug: hospitals[0]! }
  const ctx = await systemContext(db, org.slug)
  return ctx.ok ? { ok: true, value: { ...ctx.value, createdOrganization: created } } : ctx
}
