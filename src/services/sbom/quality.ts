import { qualityReport, type ComponentGap, type QualityReport } from '../../domain/sbom/index.js'
import type { OrgContext, ServiceResult } from '../context.js'
import { loadRevision } from './load-revision.js'

/** The quality report of a stored revision: the whole report but the per-component list, cut to the components with gaps. */
export interface RevisionQuality extends Omit<QualityReport, 'perComponent'> {
  /** How many components lack each element. */
  readonly gapCounts: Readonly<Record<ComponentGap, number>>
  readonly componentsWithGaps: QualityReport['perComponent']
  /** Components with gaps left out of the list above. */
  readonly omitted: number
  readonly warnings: readonly { readonly code: string; readonly message: string }[]
}

const gaps: readonly ComponentGap[] = ['supplier', 'name', 'version', 'identifier', 'dependency', 'supportLevel', 'endOfSupport', 'matchingIdentifier']

/** Computes the NTIA/FDA quality report of a stored revision (with its FDA edits). */
export async function sbomQuality(ctx: OrgContext, revisionId: string, limit = 500): Promise<ServiceResult<RevisionQuality>> {
  const loaded = await loadRevision(ctx, revisionId)
  if (!loaded.ok) return loaded
  const { perComponent, ...report } = qualityReport(loaded.value.sbom)
  const withGaps = perComponent.filter((c) => c.gaps.length > 0)
  const gapCounts = Object.fromEntries(gaps.map((gap) => [gap, perComponent.filter((c) => c.gaps.includes(gap)).length])) as Record<ComponentGap, number>
  return {
    ok: true,
    value: {
      ...report,
      gapCounts,
      componentsWithGaps: withGaps.slice(0, limit),
      omitted: Math.max(0, withGaps.length - limit),
      warnings: loaded.value.sbom.warnings.slice(0, limit).map((w) => ({ code: w.code, message: w.message })),
    },
  }
}
