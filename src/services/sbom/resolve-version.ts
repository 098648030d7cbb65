import { productRepository } from '../../store/repositories/products.js'
import { createProduct } from '../products/create-product.js'
import { addProductVersion } from '../products/add-version.js'
import { serviceError, type OrgContext, type ServiceResult } from '../context.js'

/** The product version an upload by name goes to, and what had to be created for it. */
export interface ResolvedVersion {
  readonly productId: string
  readonly versionId: string
  readonly createdProduct: boolean
  readonly createdVersion: boolean
}

/**
 * Finds a product version by product name and version string. Missing ones fail with not_found and
 * `details.code` product_not_found or product_version_not_found, unless `create` is set, which creates them (audited).
 */
export async function resolveProductVersion(ctx: OrgContext, input: { product: string; version: string; create: boolean }): Promise<ServiceResult<ResolvedVersion>> {
  const name = input.product.trim()
  const versionName = input.version.trim()
  let product = await productRepository.findByName(ctx.db, ctx.scope, name)
  let createdProduct = false
  if (!product) {
    if (!input.create) return serviceError('not_found', `${ctx.org.name} has no product named '${name}' (add --create to create it)`, { code: 'product_not_found' })
    const created = await createProduct(ctx, { name, tlp: 'AMBER' })
    if (!created.ok) return created
    product = created.value
    createdProduct = true
  }
  const existing = await productRepository.findVersion(ctx.db, ctx.scope, product.id, versionName)
  if (existing) return { ok: true, value: { productId: product.id, versionId: existing.id, createdProduct, createdVersion: false } }
  if (!input.create) return serviceError('not_found', `${name} has no version '${versionName}' (add --create to create it)`, { code: 'product_version_not_found' })
  const version = await addProductVersion(ctx, product.id, { version: versionName })
  if (!version.ok) return version
  return { ok: true, value: { productId: product.id, versionId: version.value.id, createdProduct, createdVersion: true } }
}
