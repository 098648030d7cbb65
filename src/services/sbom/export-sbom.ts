import { fdaTableCsv, fdaTableRows, findingsLookup, toCycloneDxJson, toCycloneDxXml, toSpdxJson, type FdaTableRow, type Sbom } from '../../domain/sbom/index.js'
import { listFindings } from '../findings/list-findings.js'
import { fdaTableXlsx } from '../sbom-files/fda-table-xlsx.js'
import type { OrgContext, ServiceResult } from '../context.js'
import { loadRevision } from './load-revision.js'
import { fileSafe, type Download } from './views.js'

/** The formats a stored revision exports to. */
export const sbomExportFormats = ['cyclonedx-json', 'cyclonedx-xml', 'spdx-json', 'fda-csv', 'fda-xlsx'] as const

/** One of {@link sbomExportFormats}. */
export type SbomExportFormat = (typeof sbomExportFormats)[number]

/**
 * The FDA table of a revision, its known vulnerabilities from the product version's findings (those triaged
 * not_affected or false_positive left out).
 */
async function fdaRows(ctx: OrgContext, versionId: string, sbom: Sbom): Promise<ServiceResult<FdaTableRow[]>> {
  const found = await listFindings(ctx, versionId)
  if (!found.ok) return found
  const findings = found.value.findings.map((f) => ({
    componentRef: f.component.ref,
    componentName: f.component.name,
    componentVersion: f.component.version,
    vulnerabilityId: f.vulnerability.id,
    status: f.status,
    triageState: f.decision?.state ?? null,
  }))
  return { ok: true, value: fdaTableRows(sbom, findingsLookup(findings), found.value.lastMatch !== null) }
}

/** Exports a stored revision, with its FDA edits, as CycloneDX 1.6 JSON or XML, SPDX 2.3 JSON, or the FDA premarket table. */
export async function exportSbom(ctx: OrgContext, revisionId: string, format: SbomExportFormat): Promise<ServiceResult<Download>> {
  const loaded = await loadRevision(ctx, revisionId)
  if (!loaded.ok) return loaded
  const { sbom, owner, revision } = loaded.value
  const base = fileSafe(`${owner.product.name}-${owner.version.version}-r${revision.revision}`)
  const text = (value: string) => new TextEncoder().encode(value)
  switch (format) {
    case 'cyclonedx-json':
      return { ok: true, value: { filename: `${base}.cdx.json`, contentType: 'application/vnd.cyclonedx+json; version=1.6', bytes: text(toCycloneDxJson(sbom)) } }
    case 'cyclonedx-xml':
      return { ok: true, value: { filename: `${base}.cdx.xml`, contentType: 'application/vnd.cyclonedx+xml; version=1.6', bytes: text(toCycloneDxXml(sbom)) } }
    case 'spdx-json':
      return {
        ok: true,
        value: {
          filename: `${base}.spdx.json`,
          contentType: 'application/spdx+json',
          bytes: text(toSpdxJson(sbom, { namespace: `https://medsec.example/spdx/${revision.id}`, created: revision.created_at.toISOString().replace(/\.\d{3}Z$/, 'Z') })),
        },
      }
    case 'fda-csv': {
      const rows = await fdaRows(ctx, owner.version.id, sbom)
      if (!rows.ok) return rows
      return { ok: true, value: { filename: `${base}-fda-sbom.csv`, contentType: 'text/csv; charset=utf-8', bytes: text(fdaTableCsv(rows.value)) } }
    }
    case 'fda-xlsx': {
      const rows = await fdaRows(ctx, owner.version.id, sbom)
      if (!rows.ok) return rows
      return {
        ok: true,
        value: { filename: `${base}-fda-sbom.xlsx`, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', bytes: await fdaTableXlsx(rows.value) },
      }
    }
  }
}
