import type { Kysely } from 'kysely'
import type { ShareableKind } from '../../domain/sharing/artifacts.js'
import type { EventType } from '../../domain/sharing/events.js'
import { TLP_LABELS, type TlpLabel } from '../../domain/tlp/tlp.js'
import { findingsRepository } from '../../store/repositories/findings.js'
import { productRepository } from '../../store/repositories/products.js'
import type { Database } from '../../store/schema.js'
import type { OrgScope } from '../../store/scope.js'
import { emitEvent } from './emit-event.js'

/** A change to one of a manufacturer's product artifacts that its own staff and its entitled recipients hear about. */
export interface ProductArtifactEvent {
  readonly type: EventType
  readonly productId: string
  readonly kind: ShareableKind
  readonly artifactId: string
  /** The artifact's own label; the event is never more visible than the product either. */
  readonly tlp: TlpLabel
  /** What happened, without the product's name (it is prefixed). */
  readonly title: string
  readonly data?: Readonly<Record<string, unknown>>
}

function stricter(a: TlpLabel, b: TlpLabel): TlpLabel {
  return TLP_LABELS.indexOf(a) >= TLP_LABELS.indexOf(b) ? a : b
}

/**
 * Emits a product artifact event inside the caller's transaction: the audience is everyone the TLP policy lets read
 * the artifact (the manufacturer's members and the recipients whose relationship covers the product and the kind),
 * so a hospital hears of a new advisory, SBOM or VEX change exactly when it could open it.
 */
export async function emitProductArtifactEvent(trx: Kysely<Database>, scope: OrgScope, event: ProductArtifactEvent): Promise<void> {
  const product = await productRepository.find(trx, scope, event.productId)
  if (!product) return
  await emitEvent(trx, {
    type: event.type,
    sourceOrgId: scope.orgId,
    title: `${product.name}: ${event.title}`,
    link: '/shared',
    data: { ...event.data, productId: product.id, productName: product.name },
    audience: { kind: 'artifact', artifact: { kind: event.kind, id: event.artifactId, ownerOrgId: scope.orgId, tlp: stricter(product.tlp, event.tlp), productId: product.id } },
  })
}

/**
 * Tells the manufacturer's own members that a match run found new findings on a product version (inside the run's
 * transaction). Findings are the manufacturer's internal triage queue, so nobody else hears of them; recipients hear
 * of the VEX decisions and advisories that follow.
 */
export async function emitNewFindings(trx: Kysely<Database>, scope: OrgScope, productVersionId: string, added: number): Promise<void> {
  if (added <= 0) return
  const header = await findingsRepository.versionHeader(trx, scope, productVersionId)
  if (!header) return
  await emitEvent(trx, {
    type: 'product.finding_new',
    sourceOrgId: scope.orgId,
    title: `${header.productName} ${header.version}: ${added} new vulnerability finding${added === 1 ? '' : 's'}`,
    link: `/products/${header.productId}/versions/${header.id}/findings`,
    data: { productId: header.productId, productVersionId: header.id, version: header.version, added },
    audience: { kind: 'orgs', orgIds: [scope.orgId] },
  })
}
