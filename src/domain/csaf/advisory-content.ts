// The editable content of a medsec advisory and its mapping onto the CSAF builder's input (pure; the web editor
// shares the types, the server builds, validates and publishes).
import type { AdvisoryInput, AdvisoryNote, AdvisoryProduct, AdvisoryReference, AdvisoryVulnerability } from './builder.js'

/** The TLP labels a CSAF 2.0 advisory can carry (CLEAR is written WHITE inside the document). */
export type AdvisoryTlpLabel = 'CLEAR' | 'GREEN' | 'AMBER' | 'RED'

/** Extra identification of one product version in one advisory. */
export interface AdvisoryIdentification {
  readonly purl?: string
  readonly cpe?: string
  /** Serial numbers or ranges as CSAF patterns (e.g. `CT5-2023-*`). */
  readonly serialNumbers?: readonly string[]
}

/** What an author edits: everything of the document except publisher, tracking and the product tree's source. */
export interface AdvisoryContent {
  readonly category: 'csaf_security_advisory' | 'csaf_vex'
  readonly title: string
  readonly lang?: string
  readonly tlp: AdvisoryTlpLabel
  readonly notes: readonly AdvisoryNote[]
  readonly references: readonly AdvisoryReference[]
  /** The CSAF product ids (from the catalogue) the advisory covers. */
  readonly productIds: readonly string[]
  readonly identification?: Readonly<Record<string, AdvisoryIdentification>>
  /** Vulnerabilities; their product lists name CSAF product ids of the catalogue. */
  readonly vulnerabilities: readonly AdvisoryVulnerability[]
}

/** One released product version of the manufacturer, with the CSAF product id advisories give it. */
export interface AdvisoryCatalogueEntry {
  readonly csafProductId: string
  readonly productId: string
  readonly productVersionId: string
  readonly productName: string
  readonly version: string
  readonly modelNumber: string | null
}

/** Publisher and tracking of a document as the server assigns them. */
export interface AdvisoryMeta {
  readonly vendor: string
  readonly publisher: AdvisoryInput['publisher']
  readonly tracking: AdvisoryInput['tracking']
  /** The provider folder the document is (or will be) published in; gives the canonical self reference. */
  readonly publishedAt?: string
}

/** The builder input for an advisory: the covered catalogue entries grouped by product, with their identification. */
export function advisoryInputOf(content: AdvisoryContent, catalogue: readonly AdvisoryCatalogueEntry[], meta: AdvisoryMeta): AdvisoryInput {
  const selected = new Set(content.productIds)
  const products = new Map<string, AdvisoryProduct>()
  for (const entry of catalogue) {
    if (!selected.has(entry.csafProductId)) continue
    const extra = content.identification?.[entry.csafProductId] ?? {}
    const version = {
      id: entry.csafProductId,
      version: entry.version,
      ...(entry.modelNumber ? { modelNumbers: [entry.modelNumber] } : {}),
      ...(extra.purl ? { purl: extra.purl } : {}),
      ...(extra.cpe ? { cpe: extra.cpe } : {}),
      ...(extra.serialNumbers && extra.serialNumbers.length > 0 ? { serialNumbers: extra.serialNumbers } : {}),
    }
    const product = products.get(entry.productId)
    products.set(entry.productId, { vendor: meta.vendor, name: entry.productName, versions: [...(product?.versions ?? []), version] })
  }
  return {
    category: content.category,
    title: content.title,
    ...(content.lang ? { lang: content.lang } : {}),
    publisher: meta.publisher,
    tracking: meta.tracking,
    tlp: content.tlp,
    ...(meta.publishedAt ? { publishedAt: meta.publishedAt } : {}),
    notes: content.notes,
    references: content.references,
    products: [...products.values()],
    vulnerabilities: content.vulnerabilities,
  }
}

/** The CSAF product id of a product version: the model number (or name) and version, e.g. `ACT-5000-3.1`. */
export function csafProductIdOf(product: { readonly name: string; readonly modelNumber: string | null }, version: string): string {
  const clean = (text: string) => text.trim().replace(/[^A-Za-z0-9._]+/g, '-').replace(/^-+|-+$/g, '')
  return `${clean(product.modelNumber || product.name)}-${clean(version)}`
}
