import type { Component, Sbom, SupportLevel } from './model.js'
import { supportLevelPhrase } from './support.js'

/** One row of the FDA premarket SBOM table (guidance section V.A.4.b). */
export interface FdaTableRow {
  readonly component: string
  readonly version: string
  readonly supplier: string
  readonly levelOfSupport: string
  readonly endOfSupport: string
  readonly knownVulnerabilities: string
}

/** The column titles of the FDA table, in order. */
export const fdaTableColumns: readonly string[] = ['Component', 'Version', 'Supplier', 'Level of support', 'End-of-support date', 'Known vulnerabilities']

/** Finds the known vulnerability ids of a component; the table lists none when not given. */
export type VulnerabilityLookup = (component: Component) => readonly string[]

/** A product version's finding as the FDA table needs it: which component, which vulnerability, and its triage. */
export interface TableFinding {
  readonly componentRef: string
  readonly componentName: string
  readonly componentVersion: string | null
  readonly vulnerabilityId: string
  readonly status: 'present' | 'resolved'
  /** The triage state in force (null: untriaged). */
  readonly triageState: string | null
}

/** Triage states that say the vulnerability does not apply, so it is not listed as known. */
const NOT_APPLICABLE: ReadonlySet<string> = new Set(['not_affected', 'false_positive'])

/**
 * The known vulnerabilities of each component from the product version's findings: present findings, except those
 * triaged not_affected or false_positive, found by the component's bom-ref, else by its name and version.
 */
export function findingsLookup(findings: readonly TableFinding[]): VulnerabilityLookup {
  const byRef = new Map<string, Set<string>>()
  const byName = new Map<string, Set<string>>()
  const add = (map: Map<string, Set<string>>, key: string, id: string) => map.set(key, (map.get(key) ?? new Set()).add(id))
  for (const f of findings) {
    if (f.status !== 'present' || (f.triageState !== null && NOT_APPLICABLE.has(f.triageState))) continue
    add(byRef, f.componentRef, f.vulnerabilityId)
    add(byName, `${f.componentName}@${f.componentVersion ?? ''}`, f.vulnerabilityId)
  }
  return (component) => [...(byRef.get(component.ref) ?? byName.get(`${component.name}@${component.version ?? ''}`) ?? [])].sort()
}

/** The known-vulnerabilities cell: the ids and their count, or "None known" once the version has been matched. */
export function knownVulnerabilitiesCell(ids: readonly string[], matched: boolean): string {
  if (ids.length === 0) return matched ? 'None known' : ''
  return `${ids.join(', ')} (${ids.length})`
}

/**
 * The FDA table rows of every component (the subject first when it is not already a component). `matched` says the
 * lookup comes from a vulnerability match of the version, so that an empty cell can read "None known".
 */
export function fdaTableRows(sbom: Sbom, vulnerabilities: VulnerabilityLookup = () => [], matched = false): FdaTableRow[] {
  const components = sbom.subject === undefined || sbom.components.some((c) => c.ref === sbom.subject?.ref) ? sbom.components : [sbom.subject, ...sbom.components]
  return components.map((component) => ({
    component: component.group === undefined ? component.name : `${component.group}/${component.name}`,
    version: component.version ?? '',
    supplier: component.supplier ?? component.manufacturer ?? component.publisher ?? '',
    levelOfSupport: supportLevelPhrase(component.supportLevel ?? ('unknown' satisfies SupportLevel)),
    endOfSupport: component.endOfSupport ?? '',
    knownVulnerabilities: knownVulnerabilitiesCell(vulnerabilities(component), matched),
  }))
}

/** Writes the rows as RFC 4180 CSV with a header; cells that a spreadsheet would run as a formula are defused. */
export function fdaTableCsv(rows: readonly FdaTableRow[]): string {
  const lines = [fdaTableColumns.map(csvCell).join(',')]
  for (const row of rows) {
    lines.push([row.component, row.version, row.supplier, row.levelOfSupport, row.endOfSupport, row.knownVulnerabilities].map(csvCell).join(','))
  }
  return lines.join('\r\n') + '\r\n'
}

function csvCell(value: string): string {
  // A leading =, +, - or @ makes spreadsheets evaluate the cell (CSV injection); a quote mark keeps it text.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe
}
