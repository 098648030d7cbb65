import { exportStatements, type ExportedFinding } from '../../domain/findings/index.js'
import { serializeCsafVex, serializeCycloneDxVex, serializeOpenVex, type VexDocument, type VexFormat } from '../../domain/vex/index.js'
import type { OrgContext, ServiceResult } from '../context.js'
import { listFindings } from './list-findings.js'

/** An exported VEX document with its file name and the product version's TLP label. */
export interface VexExport {
  readonly filename: string
  readonly format: VexFormat
  readonly tlp: string
  readonly document: Record<string, unknown>
}

const csafTlp = (tlp: string): 'WHITE' | 'GREEN' | 'AMBER' | 'RED' => (tlp === 'CLEAR' ? 'WHITE' : tlp === 'GREEN' ? 'GREEN' : tlp === 'RED' ? 'RED' : 'AMBER')

/** Exports a product version's present findings with their effective decisions as CycloneDX VEX, OpenVEX or CSAF VEX (any member). */
export async function exportVex(ctx: OrgContext, productVersionId: string, format: VexFormat, now = new Date()): Promise<ServiceResult<VexExport>> {
  const listed = await listFindings(ctx, productVersionId)
  if (!listed.ok) return listed
  const { productVersion, findings } = listed.value
  const exported: ExportedFinding[] = findings
    .filter((f) => f.status === 'present')
    .map((f) => ({
      vulnerabilityId: f.vulnerability.id,
      aliases: f.vulnerability.aliases,
      sourceStatus: f.sourceStatus,
      decision: f.decision,
      component: {
        ref: f.component.ref,
        name: f.component.name,
        ...(f.component.version ? { version: f.component.version } : {}),
        ...(f.component.purl ? { purl: f.component.purl } : {}),
        ...(f.component.cpe ? { cpe: f.component.cpe } : {}),
      },
    }))
  const stamp = now.toISOString()
  const slug = `${productVersion.productName}-${productVersion.version}`.toLowerCase().replace(/[^a-z0-9.]+/g, '-')
  const model: VexDocument = {
    id: `https://medsec.invalid/vex/${ctx.org.slug}/${slug}/${stamp}`,
    author: ctx.org.name,
    authorRole: 'manufacturer',
    timestamp: stamp,
    version: 1,
    statements: exportStatements(exported),
  }
  const document =
    format === 'cyclonedx'
      ? serializeCycloneDxVex(model, { specVersion: '1.6' })
      : format === 'openvex'
        ? serializeOpenVex(model)
        : serializeCsafVex({ ...model, id: `${ctx.org.slug}-vex-${slug}` }, { publisherNamespace: `https://${ctx.org.slug}.medsec.invalid`, tlp: csafTlp(productVersion.tlp), now: stamp })
  const extension = format === 'cyclonedx' ? 'cdx.json' : format === 'openvex' ? 'openvex.json' : 'csaf.json'
  return { ok: true, value: { filename: `${slug}.vex.${extension}`, format, tlp: productVersion.tlp, document } }
}
