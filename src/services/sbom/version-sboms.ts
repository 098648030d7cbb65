import { productRepository } from '../../store/repositories/products.js'
import { sbomRepository } from '../../store/repositories/sboms.js'
import { serviceError, type OrgContext, type ServiceResult } from '../context.js'
import { revisionView, type RevisionView } from './views.js'

/** A product version's page: its product, its SBOM revisions (newest first) and the product's other versions, for diffs. */
export interface VersionSboms {
  readonly product: { readonly id: string; readonly name: string; readonly modelNumber: string | null; readonly udiDi: string | null }
  readonly version: { readonly id: string; readonly version: string }
  readonly revisions: readonly RevisionView[]
  readonly otherVersions: readonly { readonly id: string; readonly version: string; readonly latestRevisionId: string | null }[]
}

/** Gets a product version with its SBOM revisions. */
export async function getVersionSboms(ctx: OrgContext, versionId: string): Promise<ServiceResult<VersionSboms>> {
  const owner = await sbomRepository.findVersion(ctx.db, ctx.scope, versionId)
  if (!owner) return serviceError('not_found', 'no such product version')
  const [revisions, product] = await Promise.all([
    sbomRepository.listRevisions(ctx.db, ctx.scope, versionId),
    productRepository.findWithVersions(ctx.db, ctx.scope, owner.product.id),
  ])
  const others = (product?.versions ?? []).filter((v) => v.id !== versionId)
  const latest = await sbomRepository.latestRevisions(ctx.db, ctx.scope, others.map((v) => v.id))
  const latestOf = new Map(latest.map((r) => [r.product_version_id, r.id]))
  return {
    ok: true,
    value: {
      product: { id: owner.product.id, name: owner.product.name, modelNumber: owner.product.model_number, udiDi: owner.product.udi_di },
      version: { id: owner.version.id, version: owner.version.version },
      revisions: revisions.map(revisionView),
      otherVersions: others.map((v) => ({ id: v.id, version: v.version, latestRevisionId: latestOf.get(v.id) ?? null })),
    },
  }
}
