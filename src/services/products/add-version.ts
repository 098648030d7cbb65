import type { TlpLabel } from '../../domain/tlp/tlp.js'
import type { ProductVersionRow } from '../../store/schema.js'
import { productRepository } from '../../store/repositories/products.js'
import { auditFrom, auditedWrite, requireRole, serviceError, type OrgContext, type ServiceResult } from '../context.js'

/** Adds a released version to one of the organization's products (analysts and admins); the TLP defaults to the product's. */
export async function addProductVersion(ctx: OrgContext, productId: string, input: { version: string; tlp?: TlpLabel }): Promise<ServiceResult<ProductVersionRow>> {
  const allowed = requireRole(ctx, 'analyst')
  if (!allowed.ok) return allowed
  const version = input.version.trim()
  if (!version) return serviceError('validation_failed', 'a version needs a version string, e.g. 3.2')
  return auditedWrite(ctx.db, async (trx) => {
    const product = await productRepository.find(trx, ctx.scope, productId)
    if (!product) return serviceError('not_found', 'no such product')
    if (await productRepository.findVersion(trx, ctx.scope, productId, version)) return serviceError('conflict', `${product.name} already has a version ${version}`)
    const created = await productRepository.addVersion(trx, ctx.scope, productId, version, input.tlp ?? product.tlp)
    return {
      ok: true,
      value: {
        value: created,
        audit: auditFrom(ctx, { action: 'product.version_create', targetType: 'product_version', targetId: created.id, details: { product: product.name, version, tlp: created.tlp } }),
      },
    }
  })
}
