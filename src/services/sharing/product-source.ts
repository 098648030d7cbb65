import { canRead } from '../../domain/sharing/policy.js'
import { sharedProductRepository, type SharedProduct, type SharedProductFilter } from '../../store/repositories/sharing-products.js'
import type { ArtifactSource } from './shared-artifacts.js'

/** Products and their versions as shared artifacts (kind "product"); a version more restricted than the viewer may see is left out. */
export const productSource: ArtifactSource<SharedProduct, SharedProductFilter> = {
  kind: 'product',
  find: (db, id) => sharedProductRepository.findWithHeader(db, id),
  listVisible: (db, viewer, filter) => sharedProductRepository.listVisible(db, viewer, filter),
}

/** Keeps only the versions a viewer may read (a version can carry a stricter label than its product). */
export function visibleVersions(product: SharedProduct, viewer: Parameters<typeof canRead>[1], namedRecipients: readonly string[]): SharedProduct {
  return {
    ...product,
    versions: product.versions.filter((v) => canRead({ kind: 'product', id: product.id, ownerOrgId: product.manufacturer.id, tlp: v.tlp, productId: product.id, namedRecipients }, viewer).allowed),
  }
}
