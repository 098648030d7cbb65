import type { OrganizationKind } from '../../domain/tenancy/tenancy.js'
import { RECIPIENT_KINDS } from '../../domain/sharing/relationship.js'
import { sharingRepository } from '../../store/repositories/sharing.js'
import type { OrgContext, ServiceResult } from '../context.js'

/** The organizations this one can start a relationship with: manufacturers for recipients, recipients for manufacturers. */
export async function sharingDirectory(ctx: OrgContext): Promise<ServiceResult<{ id: string; name: string; kind: OrganizationKind }[]>> {
  const kinds: readonly OrganizationKind[] = ctx.org.kind === 'manufacturer' ? RECIPIENT_KINDS : RECIPIENT_KINDS.includes(ctx.org.kind) ? ['manufacturer'] : []
  if (kinds.length === 0) return { ok: true, value: [] }
  return { ok: true, value: (await sharingRepository.directory(ctx.db, kinds)).filter((o) => o.id !== ctx.org.id) }
}
