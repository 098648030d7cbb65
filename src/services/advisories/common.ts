import { createHash } from 'node:crypto'
import type { Kysely } from 'kysely'
import { advisoryInputOf, csafProductIdOf, type AdvisoryCatalogueEntry, type AdvisoryContent, type AdvisoryMeta } from '../../domain/csaf/advisory-content.js'
import type { AdvisoryRevision } from '../../domain/csaf/builder.js'
import { buildCsafAdvisory, csafFileName, validateCsaf, type CsafReport } from '../../domain/csaf/index.js'
import type { Database } from '../../store/schema.js'
import type { OrgScope } from '../../store/scope.js'
import { productRepository } from '../../store/repositories/products.js'
import type { AdvisoryRow } from '../../store/tables/advisories.js'
import type { OrgContext } from '../context.js'

/** The generator named in every document's tracking. */
export const GENERATOR = { name: 'medsec', version: '0.1.0' } as const

/** The instance's public base URL for documents built outside a request: MEDSEC_PUBLIC_URL, else http://localhost:<PORT or 8080>. */
export function publicBaseUrl(): string {
  return process.env.MEDSEC_PUBLIC_URL?.trim().replace(/\/+$/, '') || `http://localhost:${process.env.PORT ?? 8080}`
}

/** The folder name of a TLP label in the provider's directory distribution (CSAF 2.0 labels, lower-case). */
export function tlpFolder(tlp: AdvisoryContent['tlp']): string {
  return tlp === 'CLEAR' ? 'white' : tlp.toLowerCase()
}

/** The base URL of an organization's CSAF provider. */
export function providerBase(base: string, slug: string): string {
  return `${base}/orgs/${encodeURIComponent(slug)}/.well-known/csaf`
}

/** The organization's product versions with the CSAF product ids advisories give them. */
export async function catalogueOf(db: Kysely<Database>, scope: OrgScope): Promise<AdvisoryCatalogueEntry[]> {
  const products = await productRepository.list(db, scope)
  const used = new Set<string>()
  const entries: AdvisoryCatalogueEntry[] = []
  for (const product of products) {
    for (const version of product.versions) {
      let id = csafProductIdOf({ name: product.name, modelNumber: product.model_number }, version.version)
      // Two products with the same model number keep distinct ids.
      if (used.has(id)) id = `${id}-${version.id.slice(0, 8)}`
      used.add(id)
      entries.push({ csafProductId: id, productId: product.id, productVersionId: version.id, productName: product.name, version: version.version, modelNumber: product.model_number })
    }
  }
  return entries
}

/** The tracking of a document: status, revision history (oldest first), the dates they imply. */
export interface Tracking {
  readonly status: 'draft' | 'interim' | 'final'
  readonly revisions: readonly AdvisoryRevision[]
}

/** The publisher, tracking and canonical folder of an advisory's document. */
export function metaOf(org: OrgContext['org'], trackingId: string, tracking: Tracking, tlp: AdvisoryContent['tlp'], base: string): AdvisoryMeta {
  const year = (tracking.revisions[0]?.date ?? new Date().toISOString()).slice(0, 4)
  return {
    vendor: org.name,
    publisher: { name: org.name, namespace: `${base}/orgs/${encodeURIComponent(org.slug)}`, category: 'vendor' },
    tracking: { id: trackingId, status: tracking.status, revisions: tracking.revisions, generator: GENERATOR },
    publishedAt: `${providerBase(base, org.slug)}/${tlpFolder(tlp)}/${year}`,
  }
}

/** A built document and its validation; a builder problem is reported as an error finding. */
export interface BuiltDocument {
  readonly document: Record<string, unknown> | null
  readonly report: CsafReport
}

/** Builds the CSAF document of an advisory and validates it with the full validator. */
export function buildAndValidate(content: AdvisoryContent, catalogue: readonly AdvisoryCatalogueEntry[], meta: AdvisoryMeta, now: Date): BuiltDocument {
  const unknown = content.productIds.filter((id) => !catalogue.some((entry) => entry.csafProductId === id))
  if (unknown.length > 0) {
    const message = `not a product version of this organization: ${unknown.join(', ')}`
    return { document: null, report: { valid: false, errors: [{ test: 'advisory_product_unknown', path: '/product_tree', message }], warnings: [], infos: [] } }
  }
  const built = buildCsafAdvisory(advisoryInputOf(content, catalogue, meta), now.toISOString())
  if (!built.ok) return { document: null, report: { valid: false, errors: [{ test: built.error.code, path: '/', message: built.error.message }], warnings: [], infos: [] } }
  return { document: built.value, report: validateCsaf(built.value) }
}

/** The database ids of the products an advisory covers (for the sharing policy). */
export function productIdsOf(content: AdvisoryContent, catalogue: readonly AdvisoryCatalogueEntry[]): string[] {
  return [...new Set(catalogue.filter((entry) => content.productIds.includes(entry.csafProductId)).map((entry) => entry.productId))]
}

/** The tracking stored on an advisory row. */
export function trackingOf(row: Pick<AdvisoryRow, 'status' | 'revisions'>): Tracking {
  return { status: row.status, revisions: row.revisions as AdvisoryRevision[] }
}

/** The provider path of a published document: `<tlp>/<year>/<file>.json`. */
export function filePath(tlp: AdvisoryContent['tlp'], year: string, trackingId: string): string {
  return `${tlpFolder(tlp)}/${year}/${csafFileName(trackingId)}`
}

/** Hex digest of bytes. */
export function digest(algorithm: 'sha256' | 'sha512', bytes: Uint8Array | string): string {
  return createHash(algorithm).update(bytes).digest('hex')
}
