// Shared by the CVSS & risk pages: the assessment as the API returns it, and the calculator's metric selection
// <-> vector string mapping over the domain's metric definitions.
import type { CvssMetricGroup, CvssScore, CvssVersion, CvssVersionDefinition, RubricAnswer, RubricMetricRationale } from '../domain/cvss/index.js'
import type { PostmarketCase } from '../domain/risk/index.js'

/** An assessment as `GET /api/orgs/:orgId/assessments/:id` returns it. */
export interface Assessment {
  readonly id: string
  readonly vulnerabilityId: string
  readonly title: string | null
  readonly product: { readonly id: string; readonly name: string } | null
  readonly version: { readonly id: string; readonly version: string } | null
  readonly cvss: CvssScore | null
  readonly rubric: { readonly answers: Readonly<Record<string, RubricAnswer>>; readonly rationale: readonly RubricMetricRationale[] } | null
  readonly case: PostmarketCase
  readonly allowedTransitions: readonly string[]
  readonly risk: 'controlled' | 'uncontrolled' | null
  readonly determinationDate: string | null
  readonly nextDueDate: string | null
  readonly createdBy: string
  readonly createdAt: string
  readonly updatedAt: string
}

/** The value chosen for each metric of one version, by metric key. */
export type MetricSelection = Readonly<Record<string, string>>

/** The vector the selection spells: mandatory metrics when chosen, optional ones unless Not Defined. */
export function vectorOf(definition: CvssVersionDefinition, selection: MetricSelection): string {
  const parts = definition.metrics.flatMap((metric) => {
    const value = selection[metric.key]
    return value === undefined || value === metric.notDefined ? [] : [`${metric.key}:${value}`]
  })
  return definition.prefix + parts.join('/')
}

/** The mandatory metrics the selection still lacks, in vector order. */
export function missingMandatory(definition: CvssVersionDefinition, selection: MetricSelection): string[] {
  return definition.metrics.filter((m) => m.mandatory && selection[m.key] === undefined).map((m) => m.key)
}

/** The version a typed vector claims by its prefix (none means v2), or undefined for an unknown prefix. */
export function versionOfText(text: string): CvssVersion | undefined {
  if (!text.startsWith('CVSS:')) return '2.0'
  const prefix = text.slice(0, 9)
  return ({ 'CVSS:3.0/': '3.0', 'CVSS:3.1/': '3.1', 'CVSS:4.0/': '4.0' } as const)[prefix]
}

/** How each version's groups are titled, in display order. */
export const groupTitles: Readonly<Record<CvssMetricGroup, string>> = {
  base: 'Base',
  temporal: 'Temporal',
  threat: 'Threat',
  environmental: 'Environmental',
  supplemental: 'Supplemental (does not change the score)',
}

/** The case states and commands in words. */
export const stateLabels: Readonly<Record<string, string>> = { draft: 'Draft', determined: 'Determined', remediating: 'Remediating', closed: 'Closed' }

/** Event kinds of the case history in words. */
export const eventLabels: Readonly<Record<string, string>> = {
  determined: 'Determined',
  redetermined: 'Re-determined',
  remediation_started: 'Remediation started',
  closed: 'Closed',
  reopened: 'Reopened',
}

/** Today's date (UTC) as YYYY-MM-DD. */
export function today(): string {
  return new Date().toISOString().slice(0, 10)
}
