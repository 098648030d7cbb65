import { emptyDocument, suggestFromSbom, type Mds2Suggestion } from '../../domain/mds2/index.js'
import { sbomRepository } from '../../store/repositories/sboms.js'
import { serviceError, type OrgContext, type ServiceResult } from '../context.js'
import { loadRevision } from '../sbom/load-revision.js'

/** The suggestions for a product version's MDS2 and the SBOM revision they come from (null when it has no SBOM). */
export interface Mds2Suggestions {
  readonly source: { readonly revisionId: string; readonly revision: number; readonly format: string; readonly specVersion: string; readonly components: number } | null
  readonly suggestions: readonly Mds2Suggestion[]
}

/**
 * Suggests MDS2 answers from the latest SBOM of the product version (any member). They are only suggestions: the
 * editor shows each beside its question, and nothing changes until the author accepts one.
 */
export async function suggestMds2FromSbom(ctx: OrgContext, versionId: string): Promise<ServiceResult<Mds2Suggestions>> {
  const owner = await sbomRepository.findVersion(ctx.db, ctx.scope, versionId)
  if (!owner) return serviceError('not_found', 'no such product version')
  const [latest] = await sbomRepository.latestRevisions(ctx.db, ctx.scope, [versionId])
  if (!latest) return { ok: true, value: { source: null, suggestions: [] } }
  const loaded = await loadRevision(ctx, latest.id)
  if (!loaded.ok) return loaded
  const { sbom, revision } = loaded.value
  const label = `revision ${revision.revision} of the SBOM of ${owner.product.name} ${owner.version.version}`
  return {
    ok: true,
    value: {
      source: { revisionId: revision.id, revision: revision.revision, format: sbom.format, specVersion: sbom.specVersion, components: sbom.components.length },
      // Against an empty document: the editor leaves out those its draft already carries.
      suggestions: suggestFromSbom({ sbom, label }, emptyDocument()),
    },
  }
}
