import { exportStatements, type ExportedFinding } from '../../domain/findings/index.js'
import { serializeCycloneDxVex, serializeOpenVex, type VexDocument, type VexFormat } from '../../domain/vex/index.js'
import { csafTlpOf, generateCsafDocument } from '../advisories/generate-from-findings.js'
import { serviceError, type OrgContext, type ServiceResult } from '../context.js'
import { listFindings } from './list-findings.js'

/** An exported VEX document with its file name and the product version's TLP label. */
export interface VexExport {
  readonly filename: string
  readonly format: VexFormat
  readonly tlp: string
  readonly document: Record<string, unknown>
}

/**
 * Exports a product version's present findings with their effective decisions as CycloneDX VEX, OpenVEX or CSAF VEX
 * (any member). CSAF VEX comes from the advisory generator (generate-from-findings.ts), so it states the same as a
 * csaf_vex advisory generated in the UI: the product version as the product, every present finding, version 1 final.
 */
export async function exportVex(ctx: OrgContext, productVersionId: string, format: VexFormat, now = new Date()): Promise<ServiceResult<VexExport>> {
  const listed = await listFindings(ctx, productVersionId)
  if (!listed.ok) return listed
  const { productVersion, findings } = listed.value
  const slug = `${productVersion.productName}-${productVersion.version}`.toLowerCase().replace(/[^a-z0-9.]+/g, '-')
  const stamp = now.toISOString()
  if (format === 'csaf') {
    const generated = await generateCsafDocument(
      ctx,
      {
        productId: productVersion.productId,
        productVersionIds: [productVersionId],
        selection: { kind: 'all' },
        category: 'csaf_vex',
        tlp: csafTlpOf(productVersion.tlp),
        trackingId: `${ctx.org.slug}-vex-${slug}`,
        tracking: { status: 'final', revisions: [{ date: stamp, number: '1', summary: 'Initial version.' }] },
        allowEmpty: true,
      },
      undefined,
      now,
    )
    if (!generated.ok) return generated
    if (!generated.value.document) return serviceError('validation_failed', 'the CSAF VEX document could not be built', generated.value.report)
    return { ok: true, value: { filename: `${slug}.vex.csaf.json`, format, tlp: productVersion.tlp, document: generated.value.document } }
  }
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
  const model: VexDocument = {
    id: `https://medsec.invalid/vex/${ctx.org.slug}/${slug}/${stamp}`,
    author: ctx.org.name,
    authorRole: 'manufacturer',
    timestamp: stamp,
    version: 1,
    statements: exportStatements(exported),
  }
  const document = format === 'cyclonedx' ? serializeCycloneDxVex(model, { specVersion: '1.6' }) : serializeOpenVex(model)
  const extension = format === 'cyclonedx' ? 'cdx.json' : 'openvex.json'
  return { ok: true, value: { filename: `${slug}.vex.${extension}`, format, tlp: productVersion.tlp, document } }
}
