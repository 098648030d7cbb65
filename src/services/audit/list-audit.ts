import { auditRepository, type AuditEntry, type AuditFilter } from '../../store/repositories/audit.js'
import { requireRole, type OrgContext, type ServiceResult } from '../context.js'

/** One page of the organization's audit trail, newest first; admins only. */
export async function listAudit(ctx: OrgContext, filter: AuditFilter): Promise<ServiceResult<{ total: number; entries: AuditEntry[] }>> {
  const allowed = requireRole(ctx, 'admin')
  if (!allowed.ok) return allowed
  return { ok: true, value: await auditRepository.list(ctx.db, ctx.scope, filter) }
}
