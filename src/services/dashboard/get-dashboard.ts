import { auditRepository, type AuditEntry } from '../../store/repositories/audit.js'
import { deviceRepository } from '../../store/repositories/devices.js'
import { productRepository } from '../../store/repositories/products.js'
import { memberRepository } from '../../store/repositories/users.js'
import { roleAtLeast } from '../../domain/tenancy/tenancy.js'
import type { OrgContext, ServiceResult } from '../context.js'

/** The figures on an organization's home page. */
export interface Dashboard {
  readonly organization: OrgContext['org']
  readonly role: OrgContext['role']
  readonly counts: { readonly products: number; readonly devices: number; readonly members: number }
  readonly recentActivity: readonly AuditEntry[]
}

/** Gathers the dashboard: counts of what the organization holds and, for admins, the latest activity. */
export async function getDashboard(ctx: OrgContext): Promise<ServiceResult<Dashboard>> {
  const [products, devices, members, activity] = await Promise.all([
    productRepository.count(ctx.db, ctx.scope),
    deviceRepository.count(ctx.db, ctx.scope),
    memberRepository.list(ctx.db, ctx.scope),
    roleAtLeast(ctx.role, 'admin') ? auditRepository.list(ctx.db, ctx.scope, { limit: 8, offset: 0 }) : undefined,
  ])
  return {
    ok: true,
    value: { organization: ctx.org, role: ctx.role, counts: { products, devices, members: members.length }, recentActivity: activity?.entries ?? [] },
  }
}
