import type { KbRemediation } from '../kb/model.js'
import type { Remediation } from './model.js'

/** The remediations that concern one product: those naming it, and those that name no product at all. */
export function remediationsFor(remediations: readonly KbRemediation[] | undefined, productId: string | null): Remediation[] {
  return (remediations ?? [])
    .filter((r) => r.productIds.length === 0 || (productId !== null && r.productIds.includes(productId)))
    .map((r) => ({ category: r.category, details: r.details, url: r.url }))
}

/** The action a triage decision's responses call for, as remediations (CycloneDX responses). */
export function remediationsOfResponses(responses: readonly string[], detail: string | null): Remediation[] {
  const words: Readonly<Record<string, string>> = {
    update: 'Update to a version the manufacturer names as fixed.',
    rollback: 'Roll back to a version the manufacturer names as not affected.',
    workaround_available: 'A workaround is available from the manufacturer.',
    can_not_fix: 'The manufacturer cannot fix this in this version.',
    will_not_fix: 'The manufacturer will not fix this in this version.',
  }
  return responses.map((r) => ({ category: r, details: detail ?? words[r] ?? r, url: null }))
}
