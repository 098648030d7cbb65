import type { Sbom } from '../../domain/sbom/index.js'
import { sbomRepository, type SbomRevisionMeta, type VersionWithProduct } from '../../store/repositories/sboms.js'
import { serviceError, type OrgContext, type ServiceResult } from '../context.js'
import { componentFromRow, dependenciesFromRows, type StoredDocument } from './stored-model.js'

/** A stored revision rebuilt as the model, with where it belongs. */
export interface LoadedRevision {
  readonly revision: SbomRevisionMeta
  readonly owner: VersionWithProduct
  readonly sbom: Sbom
}

/** Loads a stored revision of the organization as the model (components carry their FDA edits). */
export async function loadRevision(ctx: OrgContext, revisionId: string): Promise<ServiceResult<LoadedRevision>> {
  const revision = await sbomRepository.findRevision(ctx.db, ctx.scope, revisionId)
  if (!revision) return serviceError('not_found', 'no such SBOM revision')
  const [owner, components, dependencies] = await Promise.all([
    sbomRepository.findVersion(ctx.db, ctx.scope, revision.product_version_id),
    sbomRepository.components(ctx.db, ctx.scope, revisionId),
    sbomRepository.dependencies(ctx.db, ctx.scope, revisionId),
  ])
  if (!owner) return serviceError('not_found', 'no such SBOM revision')
  const document = revision.document as StoredDocument
  return { ok: true, value: { revision, owner, sbom: { ...document, components: components.map(componentFromRow), dependencies: dependenciesFromRows(dependencies) } } }
}

/** The latest revision id of a product version, or not_found when the version has no SBOM. */
export async function latestRevisionId(ctx: OrgContext, versionId: string): Promise<ServiceResult<string>> {
  const owner = await sbomRepository.findVersion(ctx.db, ctx.scope, versionId)
  if (!owner) return serviceError('not_found', 'no such product version')
  const [latest] = await sbomRepository.latestRevisions(ctx.db, ctx.scope, [versionId])
  return latest ? { ok: true, value: latest.id } : serviceError('not_found', `${owner.product.name} ${owner.version.version} has no SBOM yet`)
}
