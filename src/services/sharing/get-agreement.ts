import type { Kysely } from 'kysely'
import type { Database } from '../../store/schema.js'
import { sharingRepository } from '../../store/repositories/sharing.js'
import { serviceError, type ServiceResult } from '../context.js'

/** The current terms of use for sharing. */
export async function getAgreement(db: Kysely<Database>): Promise<ServiceResult<{ version: number; title: string; body: string; publishedAt: Date }>> {
  const current = await sharingRepository.currentAgreement(db)
  return current ? { ok: true, value: current } : serviceError('not_found', 'no terms of use are published')
}
