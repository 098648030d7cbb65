import type { Component, Sbom } from './model.js'

/** A quality element a component can lack. */
export type ComponentGap = 'supplier' | 'name' | 'version' | 'identifier' | 'dependency' | 'supportLevel' | 'endOfSupport' | 'matchingIdentifier'

/** A quality element the document as a whole can lack. */
export type DocumentGap = 'author' | 'timestamp' | 'components'

/** The quality of one component: which elements it has not. */
export interface ComponentQuality {
  readonly ref: string
  readonly name: string
  readonly version?: string
  /** True when the NTIA component elements (supplier, name, version, unique identifier) are all present. */
  readonly ntiaComplete: boolean
  readonly gaps: readonly ComponentGap[]
}

/** The quality report of an SBOM: NTIA minimum elements, FDA support fields, matching identifiers, a 0-100 score. */
export interface QualityReport {
  readonly components: number
  readonly dependencies: number
  readonly ntia: {
    readonly componentsComplete: number
    readonly missing: { readonly supplier: number; readonly name: number; readonly version: number; readonly identifier: number }
    /** Components that appear in no dependency or containment relationship. */
    readonly withoutDependencyRelationship: number
    readonly author: boolean
    readonly timestamp: boolean
  }
  /** Components that state the FDA field. */
  readonly fda: { readonly supportLevel: number; readonly endOfSupport: number }
  /** Components with an identifier usable for vulnerability matching. */
  readonly identifiers: { readonly purl: number; readonly cpe: number }
  readonly score: number
  readonly documentGaps: readonly DocumentGap[]
  readonly perComponent: readonly ComponentQuality[]
}

/**
 * How the score is made (weights add to 100): NTIA component elements 50 (supplier, name, version, identifier and
 * dependency, 10 each, as the share of components having them), SBOM author 5 and timestamp 5, FDA level of support 15
 * and end-of-support date 15, an identifier usable for matching (purl or CPE) 10. No components scores 0 on shares.
 */
export const scoreWeights = { supplier: 10, name: 10, version: 10, identifier: 10, dependency: 10, author: 5, timestamp: 5, supportLevel: 15, endOfSupport: 15, matchingIdentifier: 10 } as const

/** Computes the NTIA/FDA quality report of an SBOM. */
export function qualityReport(sbom: Sbom): QualityReport {
  const related = relatedRefs(sbom)
  const perComponent = sbom.components.map((component) => componentQuality(component, related))
  const count = (gap: ComponentGap) => perComponent.filter((c) => c.gaps.includes(gap)).length
  const total = sbom.components.length
  const share = (gap: ComponentGap) => (total === 0 ? 0 : (total - count(gap)) / total)
  const author = sbom.authors.length > 0 || sbom.tools.length > 0
  const timestamp = sbom.timestamp !== undefined
  const raw =
    scoreWeights.supplier * share('supplier') +
    scoreWeights.name * share('name') +
    scoreWeights.version * share('version') +
    scoreWeights.identifier * share('identifier') +
    scoreWeights.dependency * share('dependency') +
    (author ? scoreWeights.author : 0) +
    (timestamp ? scoreWeights.timestamp : 0) +
    scoreWeights.supportLevel * share('supportLevel') +
    scoreWeights.endOfSupport * share('endOfSupport') +
    scoreWeights.matchingIdentifier * share('matchingIdentifier')
  const documentGaps: DocumentGap[] = []
  if (!author) documentGaps.push('author')
  if (!timestamp) documentGaps.push('timestamp')
  if (total === 0) documentGaps.push('components')
  return {
    components: total,
    dependencies: sbom.dependencies.reduce((sum, d) => sum + d.dependsOn.length, 0),
    ntia: {
      componentsComplete: perComponent.filter((c) => c.ntiaComplete).length,
      missing: { supplier: count('supplier'), name: count('name'), version: count('version'), identifier: count('identifier') },
      withoutDependencyRelationship: count('dependency'),
      author,
      timestamp,
    },
    fda: { supportLevel: total - count('supportLevel'), endOfSupport: total - count('endOfSupport') },
    identifiers: { purl: sbom.components.filter((c) => c.purl !== undefined).length, cpe: sbom.components.filter((c) => c.cpe !== undefined).length },
    score: Math.round(raw),
    documentGaps,
    perComponent,
  }
}

function componentQuality(component: Component, related: ReadonlySet<string>): ComponentQuality {
  const gaps: ComponentGap[] = []
  if ((component.supplier ?? component.manufacturer ?? component.publisher) === undefined) gaps.push('supplier')
  if (component.name.trim() === '') gaps.push('name')
  if (component.version === undefined) gaps.push('version')
  if (component.purl === undefined && component.cpe === undefined && component.swid === undefined) gaps.push('identifier')
  if (!related.has(component.ref) && component.parent === undefined) gaps.push('dependency')
  if (component.supportLevel === undefined) gaps.push('supportLevel')
  if (component.endOfSupport === undefined) gaps.push('endOfSupport')
  if (component.purl === undefined && component.cpe === undefined) gaps.push('matchingIdentifier')
  const ntiaComplete = !gaps.some((g) => g === 'supplier' || g === 'name' || g === 'version' || g === 'identifier')
  return { ref: component.ref, name: component.name, ...(component.version === undefined ? {} : { version: component.version }), ntiaComplete, gaps }
}

/** Refs that take part in a dependency edge or a containment relationship (NTIA's "included in"). */
function relatedRefs(sbom: Sbom): Set<string> {
  const refs = new Set<string>()
  for (const dependency of sbom.dependencies) {
    refs.add(dependency.ref)
    for (const ref of dependency.dependsOn) refs.add(ref)
  }
  for (const relationship of sbom.relationships) {
    if (relationship.type === 'CONTAINS' || relationship.type === 'CONTAINED_BY' || relationship.type === 'contains') {
      refs.add(relationship.from)
      refs.add(relationship.to)
    }
  }
  return refs
}
