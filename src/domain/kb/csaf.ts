import { fail, ok, problem } from '../result.js'
import type { Problem, Result } from '../result.js'
import { parseVers } from '../vers/index.js'
import { numberOf, objectOf, objectsOf, textOf, textsOf, unique } from './json.js'
import type { JsonRecord } from './json.js'
import type { AffectedStatus, KbRemediation, KbSeverity, KbStatement, ProductAffected } from './model.js'

/** Whether a JSON document looks like a CSAF 2.x advisory. */
export function isCsafDocument(json: unknown): boolean {
  const doc = objectOf(json)
  const document = objectOf(doc?.['document'])
  return typeof document?.['csaf_version'] === 'string'
}

/** A product's identity as the product tree states it. */
type Identity = Omit<ProductAffected, 'kind' | 'status'>

interface BranchContext {
  readonly vendor: string | null
  readonly product: string | null
  readonly version: string | null
  readonly range: string | null
}

const statusOf: Readonly<Record<string, AffectedStatus>> = {
  known_affected: 'affected',
  first_affected: 'affected',
  last_affected: 'affected',
  known_not_affected: 'not_affected',
  fixed: 'fixed',
  first_fixed: 'fixed',
  under_investigation: 'under_investigation',
}

/**
 * Reads a CSAF 2.0 advisory into one statement per vulnerability: every product the vulnerability's product status
 * names, with the identities the product tree gives it (purl, CPE, model and serial numbers, vendor/product/version
 * or a vers range) and its status (affected, not affected, fixed, under investigation).
 */
export function parseCsafAdvisory(json: unknown, origin: string): Result<readonly KbStatement[]> {
  const doc = objectOf(json)
  const document = objectOf(doc?.['document'])
  const tracking = objectOf(document?.['tracking'])
  const trackingId = textOf(tracking?.['id'])
  if (!doc || !document || !trackingId) return fail(problem('csaf_invalid', 'a CSAF document has document.tracking.id'))
  const problems: Problem[] = []
  const identities = productIdentities(objectOf(doc['product_tree']) ?? {}, problems)
  const publisher = textOf(objectOf(document['publisher'])?.['name'])
  const groups = productGroups(doc)
  const statements: KbStatement[] = []
  objectsOf(doc['vulnerabilities']).forEach((vulnerability, index) => {
    const cve = textOf(vulnerability['cve'])
    const sourceId = `${trackingId}:${cve ?? `vulnerability-${index + 1}`}`
    const affected: ProductAffected[] = []
    const status = objectOf(vulnerability['product_status']) ?? {}
    for (const [key, mapped] of Object.entries(statusOf)) {
      for (const productId of textsOf(status[key])) {
        const identity = identities.get(productId)
        if (identity) affected.push({ kind: 'product', ...identity, status: mapped })
        else problems.push(problem('csaf_unknown_product', `${sourceId}: product ${productId} is not in the product tree`))
      }
    }
    const severities: KbSeverity[] = []
    for (const score of objectsOf(vulnerability['scores'])) {
      for (const key of ['cvss_v3', 'cvss_v2']) {
        const data = objectOf(score[key])
        const vector = textOf(data?.['vectorString'])
        if (vector) severities.push({ kind: 'cvss', vector, publishedScore: numberOf(data?.['baseScore']), author: publisher })
      }
    }
    const threats = objectsOf(vulnerability['threats']).filter((t) => t['category'] === 'impact').map((t) => textOf(t['details'])).filter((t): t is string => t !== null)
    for (const t of unique(threats)) severities.push({ kind: 'rating', value: `impact: ${t}`, author: publisher })
    const remediations = csafRemediations(vulnerability, groups)
    const notes = objectsOf(vulnerability['notes'])
    const description = notes.find((n) => n['category'] === 'description') ?? notes.find((n) => n['category'] === 'summary')
    statements.push({
      kind: 'statement',
      source: 'csaf',
      sourceId,
      ids: cve ? [cve] : [sourceId],
      related: [],
      origin,
      title: textOf(vulnerability['title']) ?? textOf(document['title']),
      description: textOf(description?.['text']),
      published: textOf(tracking?.['initial_release_date']),
      modified: textOf(tracking?.['current_release_date']),
      withdrawn: null,
      severities,
      affected,
      references: unique(objectsOf(vulnerability['references']).map((r) => textOf(r['url'])).filter((u): u is string => u !== null)),
      problems,
      ...(remediations.length > 0 ? { remediations } : {}),
    })
  })
  return ok(statements)
}

/** The product groups of a CSAF document: group id to product ids. */
export function productGroups(doc: unknown): Map<string, readonly string[]> {
  const tree = objectOf(objectOf(doc)?.['product_tree'])
  return new Map(objectsOf(tree?.['product_groups']).map((g) => [textOf(g['group_id']) ?? '', textsOf(g['product_ids'])] as const))
}

/** The remediations of one CSAF vulnerability object, each with the product ids it names (groups resolved). */
export function csafRemediations(vulnerability: unknown, groups: ReadonlyMap<string, readonly string[]> = new Map()): KbRemediation[] {
  return objectsOf(objectOf(vulnerability)?.['remediations']).flatMap((r) => {
    const details = textOf(r['details'])
    const category = textOf(r['category'])
    if (!details || !category) return []
    return [{ category, details, url: textOf(r['url']), productIds: unique([...textsOf(r['product_ids']), ...textsOf(r['group_ids']).flatMap((g) => groups.get(g) ?? [])]) }]
  })
}

function productIdentities(tree: JsonRecord, problems: Problem[]): Map<string, Identity> {
  const out = new Map<string, Identity>()
  const visit = (branch: JsonRecord, context: BranchContext) => {
    const category = textOf(branch['category'])
    const name = textOf(branch['name'])
    let next = context
    if (category === 'vendor') next = { ...next, vendor: name }
    else if (category === 'product_name') next = { ...next, product: name }
    else if (category === 'product_version') next = { ...next, version: name }
    else if (category === 'product_version_range' && name) {
      if (parseVers(name).ok) next = { ...next, range: name }
      else problems.push(problem('csaf_range_unsupported', `the range '${name}' is not a vers range`))
    }
    const product = objectOf(branch['product'])
    if (product) addProduct(out, product, next)
    for (const child of objectsOf(branch['branches'])) visit(child, next)
  }
  const empty: BranchContext = { vendor: null, product: null, version: null, range: null }
  for (const branch of objectsOf(tree['branches'])) visit(branch, empty)
  for (const product of objectsOf(tree['full_product_names'])) addProduct(out, product, empty)
  // A relationship product ('X as a component of Y') is matched by its component's identities.
  for (const relationship of objectsOf(tree['relationships'])) {
    const full = objectOf(relationship['full_product_name'])
    const id = textOf(full?.['product_id'])
    const component = out.get(textOf(relationship['product_reference']) ?? '')
    if (!id || !component) continue
    out.set(id, { ...component, productId: id, name: textOf(full?.['name']) ?? component.name })
  }
  return out
}

function addProduct(out: Map<string, Identity>, product: JsonRecord, context: BranchContext): void {
  const id = textOf(product['product_id'])
  if (!id) return
  const helper = objectOf(product['product_identification_helper']) ?? {}
  out.set(id, {
    productId: id,
    name: textOf(product['name']) ?? id,
    vendor: context.vendor,
    product: context.product,
    version: context.version,
    range: context.range,
    purl: textOf(helper['purl']),
    cpe: textOf(helper['cpe']),
    modelNumbers: textsOf(helper['model_numbers']),
    serialNumbers: textsOf(helper['serial_numbers']),
  })
}
