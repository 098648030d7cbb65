import { sbomRepository, type ComponentQuery } from '../../store/repositories/sboms.js'
import { serviceError, type OrgContext, type ServiceResult } from '../context.js'
import { componentView, type ComponentView } from './views.js'

/** A page of a revision's component table. */
export interface ComponentPage {
  readonly total: number
  readonly offset: number
  readonly components: readonly ComponentView[]
}

/** Largest page of components one request returns. */
export const MAX_COMPONENT_PAGE = 100_000

/** Lists a revision's components: searched, filtered by type or support level, sorted and paged. */
export async function listSbomComponents(ctx: OrgContext, revisionId: string, query: ComponentQuery): Promise<ServiceResult<ComponentPage>> {
  if (!(await sbomRepository.findRevision(ctx.db, ctx.scope, revisionId))) return serviceError('not_found', 'no such SBOM revision')
  const limit = Math.min(query.limit ?? 1000, MAX_COMPONENT_PAGE)
  const found = await sbomRepository.queryComponents(ctx.db, ctx.scope, revisionId, { ...query, limit })
  return { ok: true, value: { total: found.total, offset: query.offset ?? 0, components: found.rows.map(componentView) } }
}
