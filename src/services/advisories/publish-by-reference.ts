import type { Kysely } from 'kysely'
import type { Database } from '../../store/schema.js'
import { advisoryRepository, csafProviderRepository } from '../../store/repositories/advisories.js'
import { serviceError, type ServiceResult } from '../context.js'
import { systemContext } from '../system-admin.js'
import { publishAdvisory, type PublishInput } from './publish-advisory.js'
import type { AdvisoryView } from './views.js'

/**
 * Publishes an advisory named by id or tracking id as the operator (CLI); the organization is found from the
 * advisory when no slug is given, and must be given when the tracking id exists in several organizations.
 */
export async function publishByReference(db: Kysely<Database>, reference: string, orgSlug: string | undefined, input: PublishInput): Promise<ServiceResult<AdvisoryView>> {
  let slug = orgSlug
  if (slug === undefined) {
    const owners = await csafProviderRepository.ownersOf(db, reference)
    if (owners.length === 0) return serviceError('not_found', `no advisory ${reference}`)
    if (owners.length > 1) return serviceError('conflict', `${reference} exists in ${owners.join(', ')}; name one with --org`)
    slug = owners[0]!
  }
  const ctx = await systemContext(db, slug)
  if (!ctx.ok) return ctx
  const advisory = (await advisoryRepository.find(db, ctx.value.scope, reference)) ?? (await advisoryRepository.findByTrackingId(db, ctx.value.scope, reference))
  if (!advisory) return serviceError('not_found', `no advisory ${reference} in ${slug}`)
  return publishAdvisory(ctx.value, advisory.id, input)
}
