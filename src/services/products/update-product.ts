import type { TlpLabel } from '../../domain/tlp/tlp.js'
import type { ProductRow } from '../../store/schema.js'
import { productRepository } from '../../store/repositories/products.js'
import { auditFrom, auditedWrite, requireRole, serviceError, type OrgContext, type ServiceResult } from '../context.js'

/** The product fields that can be edited; absent fields stay, null clears an optional one. */
export interface ProductEdit {
  readonly name?: string
  readonly modelNumber?: string | null
  readonly udiDi?: string | null
  readonly tlp?: TlpLabel
}

/** Edits a product's name, model number, UDI-DI or TLP (analysts and admins); the audit entry records before and after. */
export async function updateProduct(ctx: OrgContext, productId: string, edit: ProductEdit): Promise<ServiceResult<ProductRow>> {
  const allowed = requireRole(ctx, 'analyst')
  if (!allowed.ok) return allowed
  const name = edit.name?.trim()
  if (name === '') return serviceError('validation_failed', 'a product needs a name')
  const blankToNull = (value: string | null | undefined) => (value === undefined ? undefined : value === null || value.trim() === '' ? null : value.trim())
  const fields = { ...(name === undefined ? {} : { name }), modelNumber: blankToNull(edit.modelNumber), udiDi: blankToNull(edit.udiDi), ...(edit.tlp === undefined ? {} : { tlp: edit.tlp }) }
  return auditedWrite(ctx.db, async (trx) => {
    const before = await productRepository.find(trx, ctx.scope, productId)
    if (!before) return serviceError('not_found', 'no such product')
    if (name !== undefined && name !== before.name && (await productRepository.findByName(trx, ctx.scope, name))) return serviceError('conflict', `a product named ${name} exists`)
    const after = await productRepository.update(trx, ctx.scope, productId, fields)
    if (!after) return serviceError('not_found', 'no such product')
    const changed = (['name', 'model_number', 'udi_di', 'tlp'] as const).filter((key) => before[key] !== after[key])
    return {
      ok: true,
      value: {
        value: after,
        audit: auditFrom(ctx, {
          action: 'product.update',
          targetType: 'product',
          targetId: productId,
          details: { changed: Object.fromEntries(changed.map((key) => [key, { before: before[key], after: after[key] }])) },
        }),
      },
    }
  })
}
