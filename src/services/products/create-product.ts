import type { TlpLabel } from '../../domain/tlp/tlp.js'
import { productRepository, type ProductWithVersions } from '../../store/repositories/products.js'
import { auditFrom, auditedWrite, requireRole, serviceError, type OrgContext, type ServiceResult } from '../context.js'

/** What a manufacturer gives for a new product. */
export interface NewProductInput {
  readonly name: string
  readonly modelNumber?: string | null
  readonly udiDi?: string | null
  readonly tlp: TlpLabel
  readonly versions?: readonly string[]
}

/** Creates a product (and optionally its first versions); manufacturers only, analysts and admins. */
export async function createProduct(ctx: OrgContext, input: NewProductInput): Promise<ServiceResult<ProductWithVersions>> {
  const allowed = requireRole(ctx, 'analyst')
  if (!allowed.ok) return allowed
  if (ctx.org.kind !== 'manufacturer') return serviceError('forbidden', 'only manufacturers publish products')
  const name = input.name.trim()
  if (!name) return serviceError('validation_failed', 'a product needs a name')
  return auditedWrite(ctx.db, async (trx) => {
    if (await productRepository.findByName(trx, ctx.scope, name)) return serviceError('conflict', `a product named ${name} exists`)
    const product = await productRepository.create(trx, ctx.scope, { name, modelNumber: input.modelNumber ?? null, udiDi: input.udiDi ?? null, tlp: input.tlp })
    const versions = []
    for (const version of new Set(input.versions ?? [])) versions.push(await productRepository.addVersion(trx, ctx.scope, product.id, version, input.tlp))
    return {
      ok: true,
      value: {
        value: { ...product, versions },
        audit: auditFrom(ctx, { action: 'product.create', targetType: 'product', targetId: product.id, details: { name, versions: versions.map((v) => v.version), tlp: input.tlp } }),
      },
    }
  })
}
