// Builds csaf_security_advisory and csaf_vex documents from a plain description of products and vulnerabilities.
import { fail, ok, problem } from '../result.js'
import type { Result } from '../result.js'
import { parseCvssVector, scoreCvss, severityOf } from './cvss.js'
import { csafFileName } from './filename.js'
import { isBelowOne, parseCsafVersion } from './versions.js'

/** One version (or version range) of a product with its identification helpers. */
export interface AdvisoryProductVersion {
  /** The CSAF product_id; generated as CSAFPID-<n> when missing. */
  readonly id?: string
  readonly version?: string
  /** A version range, preferably in vers (e.g. vers:generic/<2.4); used instead of version. */
  readonly range?: string
  readonly purl?: string
  readonly cpe?: string
  readonly modelNumbers?: readonly string[]
  /** Serial numbers; CSAF expresses a range as a pattern with * and ? wildcards (e.g. SN-2023-*). */
  readonly serialNumbers?: readonly string[]
  readonly skus?: readonly string[]
  readonly hashes?: readonly { readonly filename: string; readonly algorithm: string; readonly value: string }[]
}

/** A product of the vendor with its versions. */
export interface AdvisoryProduct {
  readonly vendor: string
  readonly name: string
  readonly versions: readonly AdvisoryProductVersion[]
}

/** The product status lists of a vulnerability, each a list of product ids. */
export interface AdvisoryProductStatus {
  readonly known_affected?: readonly string[]
  readonly known_not_affected?: readonly string[]
  readonly fixed?: readonly string[]
  readonly under_investigation?: readonly string[]
  readonly first_affected?: readonly string[]
  readonly last_affected?: readonly string[]
  readonly first_fixed?: readonly string[]
  readonly recommended?: readonly string[]
}

/** A remediation (the action statement of CSAF VEX). */
export interface AdvisoryRemediation {
  readonly category: 'vendor_fix' | 'mitigation' | 'workaround' | 'no_fix_planned' | 'none_available'
  readonly details: string
  readonly productIds: readonly string[]
  readonly url?: string
  readonly date?: string
}

/** A note, as in CSAF. */
export interface AdvisoryNote {
  readonly category: 'description' | 'details' | 'faq' | 'general' | 'legal_disclaimer' | 'other' | 'summary'
  readonly text: string
  readonly title?: string
}

/** A reference, as in CSAF. */
export interface AdvisoryReference {
  readonly url: string
  readonly summary: string
  readonly category?: 'external' | 'self'
}

/** A vulnerability of the advisory. */
export interface AdvisoryVulnerability {
  readonly cve?: string
  readonly ids?: readonly { readonly systemName: string; readonly text: string }[]
  readonly title?: string
  readonly cwe?: { readonly id: string; readonly name: string }
  readonly notes: readonly AdvisoryNote[]
  readonly references?: readonly AdvisoryReference[]
  /** CVSS vectors (v2, v3.0 or v3.1) and the products they score; scores are computed from the vector. */
  readonly scores?: readonly { readonly vector: string; readonly productIds: readonly string[] }[]
  readonly productStatus: AdvisoryProductStatus
  readonly remediations?: readonly AdvisoryRemediation[]
  /** VEX justifications of not-affected products. */
  readonly flags?: readonly { readonly label: string; readonly productIds: readonly string[]; readonly date?: string }[]
  /** Impact statements of not-affected products. */
  readonly impacts?: readonly { readonly details: string; readonly productIds: readonly string[] }[]
  readonly discoveryDate?: string
  readonly releaseDate?: string
}

/** A revision of the document. */
export interface AdvisoryRevision {
  readonly date: string
  readonly number: string
  readonly summary: string
}

/** Everything the builder needs for a CSAF 2.0 security advisory or VEX document. */
export interface AdvisoryInput {
  readonly category: 'csaf_security_advisory' | 'csaf_vex'
  readonly title: string
  readonly lang?: string
  readonly publisher: {
    readonly name: string
    readonly namespace: string
    readonly category?: 'coordinator' | 'discoverer' | 'other' | 'translator' | 'user' | 'vendor'
    readonly contactDetails?: string
  }
  readonly tracking: {
    readonly id: string
    readonly status: 'draft' | 'interim' | 'final'
    /** The revision history, oldest first; the document version is its last number. */
    readonly revisions: readonly AdvisoryRevision[]
    readonly generator?: { readonly name: string; readonly version?: string }
  }
  /** TLP label; CLEAR (TLP 2.0) is written as WHITE, the CSAF 2.0 word. */
  readonly tlp?: 'CLEAR' | 'WHITE' | 'GREEN' | 'AMBER' | 'RED'
  /** Base URL where the document will be published; gives the canonical self reference (§6.2.11). */
  readonly publishedAt?: string
  readonly notes?: readonly AdvisoryNote[]
  readonly references?: readonly AdvisoryReference[]
  readonly products: readonly AdvisoryProduct[]
  readonly vulnerabilities: readonly AdvisoryVulnerability[]
}

function cvssObject(vector: string): Result<{ key: 'cvss_v2' | 'cvss_v3'; value: Record<string, unknown> }> {
  const parsed = parseCvssVector(vector)
  const scores = parsed && scoreCvss(parsed)
  if (!parsed || !scores) return fail(problem('cvss_vector_invalid', `invalid CVSS vector ${vector}`))
  if (parsed.version === '2.0') return ok({ key: 'cvss_v2', value: { version: '2.0', vectorString: vector, baseScore: scores.baseScore } })
  return ok({ key: 'cvss_v3', value: { version: parsed.version, vectorString: vector, baseScore: scores.baseScore, baseSeverity: severityOf(scores.baseScore) } })
}

function withoutEmpty<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0))) as T
}

function productTree(products: readonly AdvisoryProduct[]): { tree: Record<string, unknown>; ids: Set<string> } {
  const ids = new Set<string>()
  let counter = 0
  const vendors = new Map<string, AdvisoryProduct[]>()
  for (const product of products) vendors.set(product.vendor, [...(vendors.get(product.vendor) ?? []), product])
  const branches = [...vendors.entries()].map(([vendor, list]) => ({
    category: 'vendor',
    name: vendor,
    branches: list.map((product) => ({
      category: 'product_name',
      name: product.name,
      branches: product.versions.map((version) => {
        const productId = version.id ?? `CSAFPID-${String(++counter).padStart(4, '0')}`
        ids.add(productId)
        const label = version.range ?? version.version ?? 'all versions'
        const helper = withoutEmpty({
          cpe: version.cpe,
          purl: version.purl,
          model_numbers: version.modelNumbers,
          serial_numbers: version.serialNumbers,
          skus: version.skus,
          hashes: version.hashes?.map((h) => ({ filename: h.filename, file_hashes: [{ algorithm: h.algorithm, value: h.value }] })),
        })
        return {
          category: version.range !== undefined ? 'product_version_range' : 'product_version',
          name: label,
          product: withoutEmpty({
            name: `${vendor} ${product.name} ${label}`,
            product_id: productId,
            product_identification_helper: Object.keys(helper).length > 0 ? helper : undefined,
          }),
        }
      }),
    })),
  }))
  return { tree: { branches }, ids }
}

/**
 * Builds a CSAF 2.0 document from the input. The version is the last revision number; a draft with no revision
 * gets version 0, a final or interim one version 1. Checks what the builder itself must guarantee (known product
 * ids, valid CVSS vectors, consistent versions); run validateCsaf on the result for the full verdict.
 */
export function buildCsafAdvisory(input: AdvisoryInput, now: string): Result<Record<string, unknown>> {
  const { tree, ids } = productTree(input.products)
  const explicitIds = input.products.flatMap((p) => p.versions.flatMap((v) => (v.id === undefined ? [] : [v.id])))
  if (new Set(explicitIds).size !== explicitIds.length) return fail(problem('advisory_product_id_duplicate', 'a product id is used twice'))

  const revisions = input.tracking.revisions.length > 0
    ? input.tracking.revisions
    : [{ date: now, number: input.tracking.status === 'draft' ? '0' : '1', summary: input.tracking.status === 'draft' ? 'Draft.' : 'Initial version.' }]
  for (const revision of revisions) {
    if (!parseCsafVersion(revision.number)) return fail(problem('advisory_version_invalid', `revision number ${revision.number} is neither an integer nor a semantic version`))
    if (input.tracking.status !== 'draft' && isBelowOne(revision.number)) {
      return fail(problem('advisory_version_unreleased', `a ${input.tracking.status} document cannot list revision ${revision.number}`))
    }
  }
  const last = revisions[revisions.length - 1] as AdvisoryRevision
  const first = revisions[0] as AdvisoryRevision

  const vulnerabilities: Record<string, unknown>[] = []
  for (const [index, vulnerability] of input.vulnerabilities.entries()) {
    const referenced = [
      ...Object.values(vulnerability.productStatus).flat(),
      ...(vulnerability.scores ?? []).flatMap((s) => s.productIds),
      ...(vulnerability.remediations ?? []).flatMap((r) => r.productIds),
      ...(vulnerability.flags ?? []).flatMap((f) => f.productIds),
      ...(vulnerability.impacts ?? []).flatMap((i) => i.productIds),
    ] as string[]
    const unknown = referenced.find((id) => !ids.has(id))
    if (unknown !== undefined) return fail(problem('advisory_product_unknown', `vulnerability ${index} names unknown product ${unknown}`))
    const scores: Record<string, unknown>[] = []
    for (const score of vulnerability.scores ?? []) {
      const cvss = cvssObject(score.vector)
      if (!cvss.ok) return cvss
      scores.push({ [cvss.value.key]: cvss.value.value, products: [...score.productIds] })
    }
    const status = Object.fromEntries(Object.entries(vulnerability.productStatus).filter(([, list]) => Array.isArray(list) && list.length > 0))
    vulnerabilities.push(
      withoutEmpty({
        cve: vulnerability.cve,
        cwe: vulnerability.cwe,
        discovery_date: vulnerability.discoveryDate,
        flags: vulnerability.flags?.map((f) => withoutEmpty({ label: f.label, product_ids: [...f.productIds], date: f.date })),
        ids: vulnerability.ids?.map((i) => ({ system_name: i.systemName, text: i.text })),
        notes: vulnerability.notes.map((n) => withoutEmpty({ category: n.category, text: n.text, title: n.title })),
        product_status: Object.keys(status).length > 0 ? status : undefined,
        references: vulnerability.references?.map((r) => ({ category: r.category ?? 'external', summary: r.summary, url: r.url })),
        release_date: vulnerability.releaseDate,
        remediations: vulnerability.remediations?.map((r) => withoutEmpty({ category: r.category, date: r.date, details: r.details, product_ids: [...r.productIds], url: r.url })),
        scores,
        threats: vulnerability.impacts?.map((i) => ({ category: 'impact', details: i.details, product_ids: [...i.productIds] })),
        title: vulnerability.title,
      }),
    )
  }

  const references = [...(input.references ?? []).map((r) => ({ category: r.category ?? 'external', summary: r.summary, url: r.url }))]
  if (input.publishedAt !== undefined) {
    const base = input.publishedAt.replace(/\/+$/, '')
    references.unshift({ category: 'self', summary: 'Canonical URL', url: `${base}/${csafFileName(input.tracking.id)}` })
  }
  const tlp = input.tlp === 'CLEAR' ? 'WHITE' : input.tlp
  const document = withoutEmpty({
    category: input.category,
    csaf_version: '2.0',
    distribution: tlp === undefined ? undefined : { tlp: { label: tlp, url: 'https://www.first.org/tlp/' } },
    lang: input.lang ?? 'en',
    notes: input.notes?.map((n) => withoutEmpty({ category: n.category, text: n.text, title: n.title })),
    publisher: withoutEmpty({
      category: input.publisher.category ?? 'vendor',
      contact_details: input.publisher.contactDetails,
      name: input.publisher.name,
      namespace: input.publisher.namespace,
    }),
    references,
    title: input.title,
    tracking: withoutEmpty({
      current_release_date: last.date,
      generator: input.tracking.generator === undefined ? undefined : { engine: withoutEmpty({ name: input.tracking.generator.name, version: input.tracking.generator.version }) },
      id: input.tracking.id,
      initial_release_date: first.date,
      revision_history: revisions.map((r) => ({ date: r.date, number: r.number, summary: r.summary })),
      status: input.tracking.status,
      version: last.number,
    }),
  })
  return ok(sortedKeys({ document, product_tree: tree, vulnerabilities }) as Record<string, unknown>)
}

const collator = new Intl.Collator('en')

/** A deep copy with every object's keys in alphabetical order, as test 6.2.13 (Sorting) asks. */
export function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys)
  if (typeof value !== 'object' || value === null) return value
  const entries = Object.entries(value).sort(([a], [b]) => collator.compare(a, b))
  return Object.fromEntries(entries.map(([key, child]) => [key, sortedKeys(child)]))
}
