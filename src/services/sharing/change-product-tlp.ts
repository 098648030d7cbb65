import { isTlpDowngrade, type TlpLabel } from '../../domain/tlp/tlp.js'
import { sharedProductRepository } from '../../store/repositories/sharing-products.js'
import { sharingRepository } from '../../store/repositories/sharing.js'
import { userRepository } from '../../store/repositories/users.js'
import { auditFrom, auditedWrite, requireRole, serviceError, type OrgContext, type ServiceResult } from '../context.js'

/**
 * Changes the TLP label of a product (and, by default, of its versions); analysts and admins of the manufacturer.
 * A downgrade (a looser label) is audited as `product.tlp_downgrade`, a tightening as `product.tlp_change`; a RED
 * product names the users who may read it.
 */
export async function changeProductTlp(
  ctx: OrgContext,
  productId: string,
  tlp: TlpLabel,
  options: { versions?: boolean; namedRecipients?: readonly string[] } = {},
): Promise<ServiceResult<{ productId: string; from: TlpLabel; to: TlpLabel; downgrade: boolean; namedRecipients: string[] }>> {
  const allowed = requireRole(ctx, 'analyst')
  if (!allowed.ok) return allowed
  const versionsToo = options.versions ?? true
  const named = [...new Set(options.namedRecipients ?? [])]
  if (named.length > 0 && tlp !== 'RED') return serviceError('validation_failed', 'only a TLP:RED product names its recipients')
  const known = await userRepository.existingIds(ctx.db, named)
  if (known.length !== named.length) return serviceError('validation_failed', 'some named recipients are not users')
  return auditedWrite(ctx.db, async (trx) => {
    const from = await sharedProductRepository.setTlp(trx, ctx.scope, productId, tlp, versionsToo)
    if (!from) return serviceError('not_found', 'no such product')
    // Names are kept only for RED; any other label clears them.
    await sharingRepository.setNamedRecipients(trx, ctx.scope, 'product', productId, tlp === 'RED' ? named : [])
    const downgrade = isTlpDowngrade(from, tlp)
    return {
      ok: true,
      value: {
        value: { productId, from, to: tlp, downgrade, namedRecipients: named },
        audit: auditFrom(ctx, { action: downgrade ? 'product.tlp_downgrade' : 'product.tlp_change', targetType: 'product', targetId: productId, details: { from, to: tlp, versions: versionsToo, namedRecipients: named } }),
      },
    }
  })
}
