// CSAF 2.0 VEX (profile csaf_vex) to and from the normalised VEX model.
import { asArray, asObject, asString, dig, objectsAt, productGroupMembers, productsNamedBy, stringsAt, vulnerabilitiesOf } from '../csaf/document.js'
import type { JsonObject } from '../csaf/document.js'
import { sortedKeys } from '../csaf/builder.js'
import { fail, ok, problem } from '../result.js'
import type { Result } from '../result.js'
import { compact, isVexJustification } from './model.js'
import type { VexDocument, VexJustification, VexProduct, VexResponse, VexStatement, VexStatus } from './model.js'

const statusLists: ReadonlyArray<readonly [string, VexStatus]> = [
  ['known_affected', 'affected'],
  ['first_affected', 'affected'],
  ['last_affected', 'affected'],
  ['known_not_affected', 'not_affected'],
  ['fixed', 'fixed'],
  ['first_fixed', 'fixed'],
  ['under_investigation', 'under_investigation'],
]

const responseOfRemediation: Readonly<Record<string, VexResponse>> = {
  vendor_fix: 'update',
  workaround: 'workaround_available',
  mitigation: 'workaround_available',
  no_fix_planned: 'will_not_fix',
  none_available: 'can_not_fix',
}

const remediationOfResponse: Readonly<Record<VexResponse, string>> = {
  update: 'vendor_fix',
  rollback: 'vendor_fix',
  workaround_available: 'workaround',
  will_not_fix: 'no_fix_planned',
  can_not_fix: 'none_available',
}

/** Every product of the tree by product id, with the version of its product_version branch when there is one. */
function productsById(doc: unknown): Map<string, VexProduct> {
  const found = new Map<string, VexProduct>()
  const add = (product: JsonObject, version: string | undefined) => {
    const id = asString(product.product_id)
    if (id === undefined || found.has(id)) return
    const helper = asObject(product.product_identification_helper)
    found.set(id, compact({ ref: id, name: asString(product.name), version, purl: asString(helper?.purl), cpe: asString(helper?.cpe) }))
  }
  const walk = (branches: unknown, version: string | undefined, depth: number) => {
    if (depth > 64) return
    for (const item of asArray(branches)) {
      const branch = asObject(item)
      if (!branch) continue
      const here = branch.category === 'product_version' ? asString(branch.name) : version
      const product = asObject(branch.product)
      if (product) add(product, here)
      walk(branch.branches, here, depth + 1)
    }
  }
  walk(dig(doc, 'product_tree', 'branches'), undefined, 0)
  for (const item of asArray(dig(doc, 'product_tree', 'full_product_names'))) {
    const product = asObject(item)
    if (product) add(product, undefined)
  }
  for (const item of asArray(dig(doc, 'product_tree', 'relationships'))) {
    const product = asObject(asObject(item)?.full_product_name)
    if (product) add(product, undefined)
  }
  return found
}

interface ProductFacts {
  justification?: VexJustification
  impacts: string[]
  actions: string[]
  responses: VexResponse[]
}

function addUnique<T>(list: T[], value: T): void {
  if (!list.includes(value)) list.push(value)
}

/** Parses a CSAF 2.0 document of category csaf_vex (other categories with product status are read the same way). */
export function parseCsafVex(input: unknown): Result<VexDocument> {
  const document = asObject(asObject(input)?.document)
  if (!document || asString(document.csaf_version) !== '2.0') return fail(problem('csaf_not_a_document', 'not a CSAF 2.0 document'))
  const products = productsById(input)
  const groups = productGroupMembers(input)
  const statements: VexStatement[] = []
  for (const { vulnerability, path } of vulnerabilitiesOf(input)) {
    const ids = objectsAt(vulnerability, 'ids', path).map((i) => asString(i.value.text)).filter((t): t is string => t !== undefined)
    const cve = asString(vulnerability.cve)
    const id = cve ?? ids[0]
    if (id === undefined) continue
    const facts = new Map<string, ProductFacts>()
    const factsOf = (productId: string) => {
      let entry = facts.get(productId)
      if (!entry) facts.set(productId, (entry = { impacts: [], actions: [], responses: [] }))
      return entry
    }
    for (const flag of objectsAt(vulnerability, 'flags', path)) {
      const label = flag.value.label
      if (isVexJustification(label)) for (const productId of productsNamedBy(flag.value, groups)) factsOf(productId).justification = label
    }
    for (const threat of objectsAt(vulnerability, 'threats', path)) {
      const details = asString(threat.value.details)
      if (threat.value.category !== 'impact' || details === undefined) continue
      for (const productId of productsNamedBy(threat.value, groups)) addUnique(factsOf(productId).impacts, details)
    }
    for (const remediation of objectsAt(vulnerability, 'remediations', path)) {
      const details = asString(remediation.value.details)
      const response = responseOfRemediation[asString(remediation.value.category) ?? '']
      for (const productId of productsNamedBy(remediation.value, groups)) {
        if (details !== undefined) addUnique(factsOf(productId).actions, details)
        if (response !== undefined) addUnique(factsOf(productId).responses, response)
      }
    }
    const description = objectsAt(vulnerability, 'notes', path).find((n) => n.value.category === 'description')
    const vulnerabilityModel = compact({ id, aliases: ids.filter((alias) => alias !== id), description: asString(description?.value.text) })
    // Products with the same status and the same reasons share one statement, in document order.
    const byKey = new Map<string, { status: VexStatus; facts: ProductFacts | undefined; products: VexProduct[] }>()
    for (const [list, status] of statusLists) {
      for (const productId of stringsAt(dig(vulnerability, 'product_status', list), '')) {
        const productFacts = facts.get(productId.value)
        const key = JSON.stringify([status, productFacts ?? null])
        const group = byKey.get(key) ?? { status, facts: productFacts, products: [] }
        byKey.set(key, group)
        const product = products.get(productId.value) ?? { ref: productId.value }
        if (!group.products.some((p) => p.ref === product.ref)) group.products.push(product)
      }
    }
    for (const { status, facts: reasons, products: list } of byKey.values()) {
      statements.push(
        compact({
          vulnerability: vulnerabilityModel,
          products: list,
          status,
          justification: status === 'not_affected' ? reasons?.justification : undefined,
          impactStatement: status === 'not_affected' && reasons && reasons.impacts.length > 0 ? reasons.impacts.join('\n') : undefined,
          actionStatement: reasons && reasons.actions.length > 0 ? reasons.actions.join('\n') : undefined,
          responses: reasons && reasons.responses.length > 0 ? reasons.responses : undefined,
        }),
      )
    }
  }
  const tracking = asObject(document.tracking)
  const version = asString(tracking?.version)
  return ok(
    compact({
      id: asString(tracking?.id),
      author: asString(dig(document, 'publisher', 'name')),
      timestamp: asString(tracking?.initial_release_date),
      lastUpdated: asString(tracking?.current_release_date),
      version: version !== undefined && /^\d+$/.test(version) ? Number(version) : undefined,
      statements,
    }),
  )
}

/** Options of {@link serializeCsafVex}: the publisher namespace (a URL) and the TLP label. */
export interface CsafVexOptions {
  readonly publisherNamespace?: string
  readonly tlp?: 'WHITE' | 'GREEN' | 'AMBER' | 'RED'
  /** Used for missing document dates. */
  readonly now?: string
}

const cvePattern = /^CVE-[0-9]{4}-[0-9]{4,}$/

/**
 * Serializes the model as a CSAF 2.0 csaf_vex document. A not-affected statement with neither justification nor
 * impact statement gets a generic impact statement, and an affected one without action a none_available
 * remediation, because the profile (6.1.27.9/10) requires them.
 */
export function serializeCsafVex(model: VexDocument, options: CsafVexOptions = {}): Record<string, unknown> {
  const now = options.now ?? model.lastUpdated ?? model.timestamp ?? '1970-01-01T00:00:00.000Z'
  const productIds = new Map<string, string>()
  const versioned: Record<string, unknown>[] = []
  const plain: Record<string, unknown>[] = []
  const idOf = (product: VexProduct): string => {
    const key = JSON.stringify([product.ref, product.name, product.version, product.purl, product.cpe])
    const existing = productIds.get(key)
    if (existing !== undefined) return existing
    const taken = new Set(productIds.values())
    const id = product.ref !== undefined && !taken.has(product.ref) ? product.ref : `CSAFPID-${productIds.size + 1}`
    productIds.set(key, id)
    const helper = compact({ cpe: product.cpe, purl: product.purl })
    const full = compact({
      name: product.name ?? product.purl ?? product.cpe ?? product.ref ?? id,
      product_id: id,
      product_identification_helper: Object.keys(helper).length > 0 ? helper : undefined,
    })
    if (product.version !== undefined) {
      versioned.push({ category: 'product_name', name: product.name ?? id, branches: [{ category: 'product_version', name: product.version, product: full }] })
    } else plain.push(full)
    return id
  }

  const byVulnerability = new Map<string, VexStatement[]>()
  for (const statement of model.statements) {
    byVulnerability.set(statement.vulnerability.id, [...(byVulnerability.get(statement.vulnerability.id) ?? []), statement])
  }
  const vulnerabilities = [...byVulnerability.entries()].map(([id, statements]) => {
    const first = statements[0] as VexStatement
    const status: Record<string, string[]> = {}
    const flags: Record<string, unknown>[] = []
    const threats: Record<string, unknown>[] = []
    const remediations: Record<string, unknown>[] = []
    for (const statement of statements) {
      const ids = statement.products.map(idOf)
      const list = { affected: 'known_affected', not_affected: 'known_not_affected', fixed: 'fixed', under_investigation: 'under_investigation' }[statement.status]
      status[list] = [...(status[list] ?? []), ...ids.filter((i) => !(status[list] ?? []).includes(i))]
      if (statement.status === 'not_affected') {
        if (statement.justification !== undefined) flags.push({ label: statement.justification, product_ids: ids })
        if (statement.impactStatement !== undefined || statement.justification === undefined) {
          threats.push({ category: 'impact', details: statement.impactStatement ?? 'The product is not affected.', product_ids: ids })
        }
      }
      const responses = statement.responses ?? []
      if (statement.actionStatement !== undefined || responses.length > 0) {
        for (const response of responses.length > 0 ? responses : (['workaround_available'] as const)) {
          remediations.push({ category: remediationOfResponse[response], details: statement.actionStatement ?? response.replace(/_/g, ' '), product_ids: ids })
        }
      } else if (statement.status === 'affected') {
        remediations.push({ category: 'none_available', details: 'No remediation is available yet.', product_ids: ids })
      }
    }
    const ids = [...(cvePattern.test(id) ? [] : [id]), ...first.vulnerability.aliases].map((text) => ({ system_name: 'alias', text }))
    return compact({
      cve: cvePattern.test(id) ? id : undefined,
      flags: flags.length > 0 ? flags : undefined,
      ids: ids.length > 0 ? ids : undefined,
      // The profile requires notes; without a description a general note names the vulnerability.
      notes: [
        first.vulnerability.description === undefined
          ? { category: 'general', text: `Status of ${id} in the listed products.`, title: 'Status' }
          : { category: 'description', text: first.vulnerability.description, title: 'Vulnerability description' },
      ],
      product_status: status,
      remediations: remediations.length > 0 ? remediations : undefined,
      threats: threats.length > 0 ? threats : undefined,
    })
  })

  const count = Math.max(1, model.version ?? 1)
  const version = String(count)
  const initial = model.timestamp ?? now
  const current = model.lastUpdated ?? initial
  const revisionHistory = Array.from({ length: count }, (_, i) => ({
    date: i === count - 1 ? current : initial,
    number: String(i + 1),
    summary: i === 0 ? 'Initial version.' : `Revision ${i + 1}.`,
  }))
  const trackingId = model.id ?? 'medsec-vex'
  const productTree = compact({
    branches: versioned.length > 0 ? versioned : undefined,
    full_product_names: plain.length > 0 ? plain : undefined,
  })
  return sortedKeys({
    document: compact({
      category: 'csaf_vex',
      csaf_version: '2.0',
      distribution: options.tlp === undefined ? undefined : { tlp: { label: options.tlp, url: 'https://www.first.org/tlp/' } },
      publisher: { category: 'vendor', name: model.author ?? 'unknown', namespace: options.publisherNamespace ?? 'https://example.invalid' },
      title: `VEX ${trackingId}`,
      tracking: {
        current_release_date: current,
        id: trackingId,
        initial_release_date: initial,
        revision_history: revisionHistory,
        status: 'final',
        version,
      },
    }),
    product_tree: productTree,
    vulnerabilities,
  }) as Record<string, unknown>
}
