import { productRepository, type ProductWithVersions } from '../../store/repositories/products.js'
import type { OrgContext, ServiceResult } from '../context.js'

/** Lists the organization's products with their versions. */
export async function listProducts(ctx: OrgContext): Promise<ServiceResult<ProductWithVersions[]>> {
  return { ok: true, value: await productRepository.list(ctx.db, ctx.scope) }
}
