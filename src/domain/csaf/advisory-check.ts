// The advisory editor's check, pure so that the browser runs it as the author types (the same steps as the server's
// build-and-validate on save: catalogue check, builder, full validator).
import { advisoryInputOf } from './advisory-content.js'
import type { AdvisoryCatalogueEntry, AdvisoryContent, AdvisoryMeta } from './advisory-content.js'
import { buildCsafAdvisory } from './builder.js'
import type { CsafReport } from './types.js'
import { validateCsaf } from './validate.js'

/** Builds the CSAF document of an advisory's content and validates it at the full level; never throws. */
export function checkAdvisoryContent(content: AdvisoryContent, catalogue: readonly AdvisoryCatalogueEntry[], meta: AdvisoryMeta, now: string): CsafReport {
  const unknown = content.productIds.filter((id) => !catalogue.some((entry) => entry.csafProductId === id))
  if (unknown.length > 0) {
    const message = `not a product version of this organization: ${unknown.join(', ')}`
    return { valid: false, errors: [{ test: 'advisory_product_unknown', path: '/product_tree', message }], warnings: [], infos: [] }
  }
  const built = buildCsafAdvisory(advisoryInputOf(content, catalogue, meta), now)
  if (!built.ok) return { valid: false, errors: [{ test: built.error.code, path: '/', message: built.error.message }], warnings: [], infos: [] }
  return validateCsaf(built.value)
}
