import type { ProductRow, ProductVersionRow } from '../../store/schema.js'
import { productRepository } from '../../store/repositories/products.js'
import { sbomRepository } from '../../store/repositories/sboms.js'
import { serviceError, type OrgContext, type ServiceResult } from '../context.js'

/** The latest SBOM of a version, in short. */
export interface LatestSbom {
  readonly revisionId: string
  readonly revision: number
  readonly components: number
  readonly uploadedAt: Date
}

/** A version with its latest SBOM, if it has one. */
export interface VersionDetail extends ProductVersionRow {
  readonly sbom: LatestSbom | null
}

/** A product with its versions and their latest SBOMs. */
export interface ProductDetail extends ProductRow {
  readonly versions: readonly VersionDetail[]
}

/** Gets one of the organization's products with its versions and their latest SBOM revisions. */
export async function getProduct(ctx: OrgContext, productId: string): Promise<ServiceResult<ProductDetail>> {
  const product = await productRepository.findWithVersions(ctx.db, ctx.scope, productId)
  if (!product) return serviceError('not_found', 'no such product')
  const latest = await sbomRepository.latestRevisions(ctx.db, ctx.scope, product.versions.map((v) => v.id))
  const byVersion = new Map(latest.map((r) => [r.product_version_id, r]))
  return {
    ok: true,
    value: {
      ...product,
      versions: product.versions.map((v) => {
        const revision = byVersion.get(v.id)
        return { ...v, sbom: revision ? { revisionId: revision.id, revision: revision.revision, components: revision.component_count, uploadedAt: revision.created_at } : null }
      }),
    },
  }
}
