import type { Kysely } from 'kysely'
import type { Database } from '../../store/schema.js'
import { auditRepository, type AuditVerification } from '../../store/repositories/audit.js'

/** Walks the whole audit chain of the instance and reports the first broken link. */
export async function verifyAudit(db: Kysely<Database>): Promise<AuditVerification> {
  return auditRepository.verify(db)
}
