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

/** The FDA table rows of every component (the subject first when it is not already a component). */
export function fdaTableRows(sbom: Sbom, vulnerabilities: VulnerabilityLookup = () => []): FdaTableRow[] {
  const components = sbom.subject === undefined || sbom.components.some((c) => c.ref === sbom.subject?.ref) ? sbom.components : [sbom.subject, ...sbom.components]
  return components.map((component) => ({
    component: component.group === undefined ? component.name : `${component.group}/${component.name}`,
    version: component.version ?? '',
    supplier: component.supplier ?? component.manufacturer ?? component.publisher ?? '',
    levelOfSupport: supportLevelPhrase(component.supportLevel ?? ('unknown' satisfies SupportLevel)),
    endOfSupport: component.endOfSupport ?? '',
    knownVulnerabilities: [...vulnerabilities(component)].join(', '),
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
