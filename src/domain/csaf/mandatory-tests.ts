// The mandatory tests of CSAF 2.0 §6.1: a document failing any of them is invalid.
import { PackageURL } from 'packageurl-js'
import { cweNames } from './data/cwe-catalog.js'
import { cvssV2Properties, cvssV3Properties, metricSlot, parseCvssSlots, scoreCvssTextInto, severityOf, slotValueEquals } from './cvss.js'
import type { CvssSlots } from './cvss.js'
import { isPlainPurl } from './plain-purl.js'
import {
  asArray,
  asObject,
  asString,
  dig,
  memoized,
  objectsAt,
  productGroupMembers,
  productStatusNames,
  productsNamedBy,
} from './document.js'
import type { JsonObject } from './document.js'
import { compareInstants, parseInstant } from './dates.js'
import type { Instant } from './dates.js'
import { isValidLanguageTag } from './language.js'
import type { CsafFinding, CsafTest } from './types.js'
import { compareParsedCsafVersions, parseCsafVersion } from './versions.js'
import type { CsafVersion } from './versions.js'

type Finder = (doc: unknown) => CsafFinding[]
type Report = (path: string, message: string) => void

// No findings: shared, so that a passing test (almost every test on almost every document) allocates nothing.
const noFindings = Object.freeze([]) as unknown as CsafFinding[]

// Where the running one-pass run (appendMandatoryFindings) collects its findings; empty between runs.
const noSink: CsafFinding[] = []
let sink = noSink

/** A mandatory test with what the one-pass run calls directly: its finder and a reporter that appends to the sink. */
interface MandatoryTest extends CsafTest {
  readonly find: (doc: unknown, report: Report) => void
  readonly append: Report
}

function mandatory(id: string, title: string, find: (doc: unknown, report: Report) => void): MandatoryTest {
  // One reporter per test, made once: a test runs to completion before it runs again (validation is synchronous and
  // no test validates), so the findings of the current run can live in this closure.
  let findings = noFindings
  const report = (path: string, message: string) => {
    if (findings === noFindings) findings = []
    findings.push({ test: id, path, message })
  }
  const run: Finder = (doc) => {
    findings = noFindings
    try {
      find(doc, report)
      return findings
    } finally {
      findings = noFindings
    }
  }
  const append: Report = (path, message) => {
    sink.push({ test: id, path, message })
  }
  return { id, group: 'mandatory', title, run, find, append }
}

/** The document category profiles of CSAF 2.0 §4 with extra requirements. */
export const profiles = {
  incidentResponse: 'csaf_security_incident_response',
  informational: 'csaf_informational_advisory',
  securityAdvisory: 'csaf_security_advisory',
  vex: 'csaf_vex',
} as const

// The tests share one collected view of the document (memoized per validation): the parts they read, and the product
// tree flattened into parallel arrays. A location is kept as indices; a JSON pointer is built only for a finding.
interface DocumentView {
  readonly root: JsonObject | undefined
  readonly document: JsonObject | undefined
  readonly tree: JsonObject | undefined
  /** The vulnerability objects and their indices in /vulnerabilities. */
  readonly vulnerabilities: readonly JsonObject[]
  readonly vulnerabilityIndex: readonly number[]
}

const noObjects: readonly JsonObject[] = []
const noIndices: readonly number[] = []

const viewOf = memoized((doc: unknown): DocumentView => {
  const root = asObject(doc)
  const list = root?.vulnerabilities
  let vulnerabilities = noObjects
  let vulnerabilityIndex = noIndices
  if (Array.isArray(list) && list.length > 0) {
    const objects: JsonObject[] = []
    const indices: number[] = []
    for (let index = 0; index < list.length; index++) {
      const vulnerability = asObject(list[index])
      if (vulnerability) {
        objects.push(vulnerability)
        indices.push(index)
      }
    }
    vulnerabilities = objects
    vulnerabilityIndex = indices
  }
  return { root, document: asObject(root?.document), tree: asObject(root?.product_tree), vulnerabilities, vulnerabilityIndex }
})

function vulnerabilityPath(view: DocumentView, position: number): string {
  return `/vulnerabilities/${view.vulnerabilityIndex[position] as number}`
}

// Where a full_product_name object sits: in a branch, in /product_tree/full_product_names or in a relationship.
const inBranch = 0
const inFullProductNames = 1
const inRelationship = 2

/** The product tree flattened: every branch (depth first) and every full_product_name object, in document order. */
interface ProductTreeView {
  readonly branches: readonly JsonObject[]
  /**
   * Per branch at 2p and 2p + 1: the position of its parent branch in `branches` (-1 at the top) and its index in the
   * parent's list (one array of pairs instead of two arrays).
   */
  readonly branchLinks: readonly number[]
  /** The full_product_name objects, in the order of productIdDefinitions. */
  readonly products: readonly JsonObject[]
  /** Per product at 2p and 2p + 1: where it sits, and the branch position or the array index that locates it. */
  readonly productPlaces: readonly number[]
  /** The product ids the products define, and how many definitions there are (more than ids: one repeats). */
  readonly definedIds: ReadonlySet<string>
  readonly definitionCount: number
}

const productTreeOf = memoized((doc: unknown): ProductTreeView => {
  const branches: JsonObject[] = []
  const branchLinks: number[] = []
  const products: JsonObject[] = []
  const productPlaces: number[] = []
  const definedIds = new Set<string>()
  let definitionCount = 0
  const tree = viewOf(doc).tree
  if (tree) {
    collectBranches(tree.branches, -1, 0, branches, branchLinks)
    for (let position = 0; position < branches.length; position++) {
      const product = asObject((branches[position] as JsonObject).product)
      if (product) {
        products.push(product)
        productPlaces.push(inBranch, position)
      }
    }
    const names = tree.full_product_names
    if (Array.isArray(names)) {
      for (let index = 0; index < names.length; index++) {
        const product = asObject(names[index])
        if (product) {
          products.push(product)
          productPlaces.push(inFullProductNames, index)
        }
      }
    }
    const relationships = tree.relationships
    if (Array.isArray(relationships)) {
      for (let index = 0; index < relationships.length; index++) {
        const product = asObject(asObject(relationships[index])?.full_product_name)
        if (product) {
          products.push(product)
          productPlaces.push(inRelationship, index)
        }
      }
    }
    for (const product of products) {
      const id = product.product_id
      if (typeof id === 'string') {
        definedIds.add(id)
        definitionCount++
      }
    }
  }
  return { branches, branchLinks, products, productPlaces, definedIds, definitionCount }
})

function collectBranches(list: unknown, parent: number, depth: number, branches: JsonObject[], links: number[]): void {
  // The schema allows at most 30 levels; the guard only protects against hostile input.
  if (depth > 64 || !Array.isArray(list)) return
  for (let index = 0; index < list.length; index++) {
    const branch = asObject(list[index])
    if (!branch) continue
    const position = branches.length
    branches.push(branch)
    links.push(parent, index)
    collectBranches(branch.branches, position, depth + 1, branches, links)
  }
}

function branchPath(view: ProductTreeView, position: number): string {
  const parent = view.branchLinks[2 * position] as number
  const index = view.branchLinks[2 * position + 1] as number
  return parent < 0 ? `/product_tree/branches/${index}` : `${branchPath(view, parent)}/branches/${index}`
}

function productPath(view: ProductTreeView, position: number): string {
  const place = view.productPlaces[2 * position]
  const index = view.productPlaces[2 * position + 1] as number
  if (place === inBranch) return `${branchPath(view, index)}/product`
  if (place === inFullProductNames) return `/product_tree/full_product_names/${index}`
  return `/product_tree/relationships/${index}/full_product_name`
}

function categoryOf(doc: unknown): string | undefined {
  return asString(viewOf(doc).document?.category)
}

function trackingOf(doc: unknown): JsonObject | undefined {
  return asObject(viewOf(doc).document?.tracking)
}

interface RevisionEntry {
  readonly number: string
  /** The number parsed, undefined when it is neither an integer nor a semantic version. */
  readonly version: CsafVersion | undefined
  readonly date: string
  /** The date parsed; only when the history has two entries or more (a single entry is never compared). */
  readonly time: Instant
  /** The entry's index in /document/tracking/revision_history. */
  readonly index: number
}

const never: Instant = { seconds: -Infinity, fraction: '' }
const noRevisions: readonly RevisionEntry[] = []

function revisionPath(entry: RevisionEntry): string {
  return `/document/tracking/revision_history/${entry.index}`
}

// Seven tests read the revision history; its dates and numbers are parsed once per validation.
const revisionHistory = memoized((doc: unknown): readonly RevisionEntry[] => {
  const list = trackingOf(doc)?.revision_history
  if (!Array.isArray(list) || list.length === 0) return noRevisions
  let count = 0
  for (let index = 0; index < list.length; index++) {
    const entry = asObject(list[index])
    if (typeof entry?.number === 'string' && typeof entry.date === 'string') count++
  }
  const entries: RevisionEntry[] = []
  for (let index = 0; index < list.length; index++) {
    const entry = asObject(list[index])
    const number = entry?.number
    const date = entry?.date
    if (typeof number === 'string' && typeof date === 'string') {
      entries.push({ number, version: parseCsafVersion(number), date, time: count > 1 ? (parseInstant(date) ?? never) : never, index })
    }
  }
  return entries
})

function isBelowOne(version: CsafVersion | undefined): boolean {
  return version !== undefined && version.major === 0
}

function isPrerelease(version: CsafVersion | undefined): boolean {
  return version !== undefined && version.prerelease.length > 0
}

const trackingVersion = memoized((doc: unknown): { readonly text: string; readonly version: CsafVersion | undefined } | undefined => {
  const text = asString(trackingOf(doc)?.version)
  return text === undefined ? undefined : { text, version: parseCsafVersion(text) }
})

const affectedStatuses = ['first_affected', 'known_affected', 'last_affected']
const statusGroups: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['affected', affectedStatuses],
  ['not affected', ['known_not_affected']],
  ['fixed', ['first_fixed', 'fixed']],
  ['under investigation', ['under_investigation']],
]

// The lists of a vulnerability's items that name products, in the order test 6.1.1 reads them.
const referenceLists: ReadonlyArray<readonly [string, string]> = [
  ['remediations', 'product_ids'],
  ['scores', 'products'],
  ['threats', 'product_ids'],
  ['flags', 'product_ids'],
]

interface CvssObject {
  readonly cvss: JsonObject
  /** Position of the vulnerability in the view, index of the score, and which of its two objects. */
  readonly vulnerability: number
  readonly score: number
  readonly kind: 'v2' | 'v3'
  /** The object's vectorString, and that text parsed; undefined when it is missing or malformed. */
  readonly vectorString: string | undefined
  readonly vector: CvssSlots | undefined
}

const noCvssObjects: readonly CvssObject[] = []

function cvssPath(view: DocumentView, cvss: CvssObject): string {
  return `${vulnerabilityPath(view, cvss.vulnerability)}/scores/${cvss.score}/cvss_${cvss.kind}`
}

function cvssObject(cvss: JsonObject, vulnerability: number, score: number, kind: 'v2' | 'v3'): CvssObject {
  const text = cvss.vectorString
  const vectorString = typeof text === 'string' ? text : undefined
  return { cvss, vulnerability, score, kind, vectorString, vector: vectorString === undefined ? undefined : parseCvssSlots(vectorString) }
}

// Tests 6.1.9 and 6.1.10 both read every CVSS object and its vector; the vectors are parsed once per validation.
const cvssObjects = memoized((doc: unknown): readonly CvssObject[] => {
  const { vulnerabilities } = viewOf(doc)
  let found: CvssObject[] | undefined
  for (let position = 0; position < vulnerabilities.length; position++) {
    const scores = (vulnerabilities[position] as JsonObject).scores
    if (!Array.isArray(scores)) continue
    for (let index = 0; index < scores.length; index++) {
      const score = asObject(scores[index])
      if (!score) continue
      const v2 = asObject(score.cvss_v2)
      const v3 = asObject(score.cvss_v3)
      if (v2) (found ??= []).push(cvssObject(v2, position, index, 'v2'))
      if (v3) (found ??= []).push(cvssObject(v3, position, index, 'v3'))
    }
  }
  return found ?? noCvssObjects
})

// The index of the first string of `list` that is not a defined product id, or -1 (also when `list` is no array).
function firstUndefinedId(list: unknown, defined: ReadonlySet<string>): number {
  if (!Array.isArray(list)) return -1
  for (let index = 0; index < list.length; index++) {
    const id: unknown = list[index]
    if (typeof id === 'string' && !defined.has(id)) return index
  }
  return -1
}

// Reports the undefined product ids of `list` from index `from` on; `container` is the list's JSON pointer.
function reportUndefinedIds(list: readonly unknown[], from: number, defined: ReadonlySet<string>, container: string, report: Report): void {
  for (let index = from; index < list.length; index++) {
    const id: unknown = list[index]
    if (typeof id === 'string' && !defined.has(id)) report(`${container}/${index}`, `product id '${id}' is not defined in the product tree`)
  }
}

const missingProductDefinition = mandatory('6.1.1', 'Missing Definition of Product ID', (doc, report) => {
  const defined = productTreeOf(doc).definedIds
  const view = viewOf(doc)
  const tree = view.tree
  if (tree) {
    const groups = tree.product_groups
    if (Array.isArray(groups)) {
      for (let index = 0; index < groups.length; index++) {
        const list = asObject(groups[index])?.product_ids
        const from = firstUndefinedId(list, defined)
        if (from >= 0) reportUndefinedIds(list as unknown[], from, defined, `/product_tree/product_groups/${index}/product_ids`, report)
      }
    }
    const relationships = tree.relationships
    if (Array.isArray(relationships)) {
      for (let index = 0; index < relationships.length; index++) {
        const relationship = asObject(relationships[index])
        if (!relationship) continue
        for (const key of relationshipReferenceKeys) {
          const id = relationship[key]
          if (typeof id === 'string' && !defined.has(id)) report(`/product_tree/relationships/${index}/${key}`, `product id '${id}' is not defined in the product tree`)
        }
      }
    }
  }
  const { vulnerabilities } = view
  for (let position = 0; position < vulnerabilities.length; position++) {
    const vulnerability = vulnerabilities[position] as JsonObject
    const status = asObject(vulnerability.product_status)
    if (status) {
      for (const name of productStatusNames) {
        const list = status[name]
        const from = firstUndefinedId(list, defined)
        if (from >= 0) reportUndefinedIds(list as unknown[], from, defined, `${vulnerabilityPath(view, position)}/product_status/${name}`, report)
      }
    }
    for (const [key, listKey] of referenceLists) {
      const items = vulnerability[key]
      if (!Array.isArray(items)) continue
      for (let index = 0; index < items.length; index++) {
        const list = asObject(items[index])?.[listKey]
        const from = firstUndefinedId(list, defined)
        if (from >= 0) reportUndefinedIds(list as unknown[], from, defined, `${vulnerabilityPath(view, position)}/${key}/${index}/${listKey}`, report)
      }
    }
  }
})

const relationshipReferenceKeys = ['product_reference', 'relates_to_product_reference']

const multipleProductDefinition = mandatory('6.1.2', 'Multiple Definition of Product ID', (doc, report) => {
  const view = productTreeOf(doc)
  const { products } = view
  // Every id defined once: nothing to report, and no second set to fill.
  if (view.definedIds.size === view.definitionCount) return
  const seen = new Set<string>()
  for (let position = 0; position < products.length; position++) {
    const id = (products[position] as JsonObject).product_id
    if (typeof id !== 'string') continue
    if (seen.has(id)) report(`${productPath(view, position)}/product_id`, `product id '${id}' is defined more than once`)
    else seen.add(id)
  }
})

const circularProductDefinition = mandatory('6.1.3', 'Circular Definition of Product ID', (doc, report) => {
  const tree = viewOf(doc).tree
  if (!tree || !Array.isArray(tree.relationships)) return
  // Each product defined by a relationship depends on the two products it combines.
  const dependsOn = new Map<string, string[]>()
  const relationships = objectsAt(tree, 'relationships', '/product_tree')
  for (const relationship of relationships) {
    const id = asString(dig(relationship.value, 'full_product_name', 'product_id'))
    if (id === undefined) continue
    const refs = [asString(relationship.value.product_reference), asString(relationship.value.relates_to_product_reference)]
    dependsOn.set(id, [...(dependsOn.get(id) ?? []), ...refs.filter((r): r is string => r !== undefined)])
  }
  for (const relationship of relationships) {
    const id = asString(dig(relationship.value, 'full_product_name', 'product_id'))
    if (id === undefined) continue
    const visited = new Set<string>()
    const stack = [...(dependsOn.get(id) ?? [])]
    let circular = false
    while (stack.length > 0 && !circular) {
      const next = stack.pop() as string
      if (next === id) circular = true
      else if (!visited.has(next)) {
        visited.add(next)
        stack.push(...(dependsOn.get(next) ?? []))
      }
    }
    if (circular) report(`${relationship.path}/full_product_name/product_id`, `product id '${id}' is defined in terms of itself`)
  }
})

const groupReferenceKeys = ['remediations', 'threats', 'flags']

// The group ids the product tree defines, as [id, index in /product_tree/product_groups].
function groupDefinitions(doc: unknown): readonly (readonly [string, number])[] {
  const groups = viewOf(doc).tree?.product_groups
  if (!Array.isArray(groups)) return []
  const found: (readonly [string, number])[] = []
  for (let index = 0; index < groups.length; index++) {
    const id = asObject(groups[index])?.group_id
    if (typeof id === 'string') found.push([id, index])
  }
  return found
}

const missingGroupDefinition = mandatory('6.1.4', 'Missing Definition of Product Group ID', (doc, report) => {
  const view = viewOf(doc)
  const { vulnerabilities } = view
  let defined: Set<string> | undefined
  for (let position = 0; position < vulnerabilities.length; position++) {
    const vulnerability = vulnerabilities[position] as JsonObject
    for (const key of groupReferenceKeys) {
      const items = vulnerability[key]
      if (!Array.isArray(items)) continue
      for (let index = 0; index < items.length; index++) {
        const groupIds = asObject(items[index])?.group_ids
        if (!Array.isArray(groupIds)) continue
        for (let member = 0; member < groupIds.length; member++) {
          const group: unknown = groupIds[member]
          if (typeof group !== 'string') continue
          defined ??= new Set(groupDefinitions(doc).map(([id]) => id))
          if (!defined.has(group)) report(`${vulnerabilityPath(view, position)}/${key}/${index}/group_ids/${member}`, `product group id '${group}' is not defined`)
        }
      }
    }
  }
})

const multipleGroupDefinition = mandatory('6.1.5', 'Multiple Definition of Product Group ID', (doc, report) => {
  const groups = viewOf(doc).tree?.product_groups
  if (!Array.isArray(groups) || groups.length < 2) return
  const seen = new Set<string>()
  for (const [id, index] of groupDefinitions(doc)) {
    if (seen.has(id)) report(`/product_tree/product_groups/${index}/group_id`, `product group id '${id}' is defined more than once`)
    else seen.add(id)
  }
})

// How many of the four status groups of a product_status have a list that holds a string (6.1.6 reads only strings).
function groupsWithIds(status: JsonObject): number {
  let count = 0
  for (const [, names] of statusGroups) {
    for (const name of names) {
      if (holdsString(status[name])) {
        count++
        break
      }
    }
  }
  return count
}

function holdsString(list: unknown): boolean {
  if (!Array.isArray(list)) return false
  for (let index = 0; index < list.length; index++) if (typeof list[index] === 'string') return true
  return false
}

const contradictingStatus = mandatory('6.1.6', 'Contradicting Product Status', (doc, report) => {
  const view = viewOf(doc)
  const { vulnerabilities } = view
  for (let position = 0; position < vulnerabilities.length; position++) {
    const status = asObject((vulnerabilities[position] as JsonObject).product_status)
    // A contradiction needs ids in two groups; most vulnerabilities fill one group only and need no map.
    if (!status || groupsWithIds(status) < 2) continue
    let groupOf: Map<string, string> | undefined
    for (const [group, names] of statusGroups) {
      for (const name of names) {
        const list = status[name]
        if (!Array.isArray(list)) continue
        for (let index = 0; index < list.length; index++) {
          const id: unknown = list[index]
          if (typeof id !== 'string') continue
          groupOf ??= new Map<string, string>()
          const earlier = groupOf.get(id)
          if (earlier !== undefined && earlier !== group) {
            report(`${vulnerabilityPath(view, position)}/product_status/${name}/${index}`, `product id '${id}' is both ${earlier} and ${group}`)
          } else groupOf.set(id, group)
        }
      }
    }
  }
})

function cvssVersionOf(score: JsonObject, key: string): string | undefined {
  const cvss = asObject(score[key])
  return cvss === undefined ? undefined : asString(cvss.version)
}

// True when a vulnerability's only score object cannot name a product twice for one CVSS version, so that 6.1.7 has
// nothing to find there and needs no set of keys: its two versions differ (or one is absent) and its product ids are
// distinct. A NUL character in an id or a version could make two different pairs share a key; then the set decides.
function scoreCannotRepeat(score: JsonObject | undefined): boolean {
  const products = score?.products
  if (!score || !Array.isArray(products)) return true
  const v2 = cvssVersionOf(score, 'cvss_v2')
  const v3 = cvssVersionOf(score, 'cvss_v3')
  if (v2 === undefined && v3 === undefined) return true
  if (v2 === v3 || (v2 ?? '').includes('\u0000') || (v3 ?? '').includes('\u0000') || products.length > 8) return false
  for (let i = 0; i < products.length; i++) {
    const product: unknown = products[i]
    if (typeof product !== 'string') continue
    if (product.includes('\u0000')) return false
    for (let j = 0; j < i; j++) if (products[j] === product) return false
  }
  return true
}

// Whether no cvss version and no product id of these scores holds a NUL. Then a key `${product}\u0000cvss ${version}`
// holds exactly one NUL, right after the product id, so two keys are equal exactly when product and version are: the
// pairs can be kept as a set of product ids per version, without building a key string per pair.
function scoresWithoutNul(scores: readonly unknown[]): boolean {
  for (let index = 0; index < scores.length; index++) {
    const score = asObject(scores[index])
    if (!score) continue
    if ((cvssVersionOf(score, 'cvss_v2') ?? '').includes('\u0000') || (cvssVersionOf(score, 'cvss_v3') ?? '').includes('\u0000')) return false
    const products = score.products
    if (!Array.isArray(products)) continue
    for (let member = 0; member < products.length; member++) {
      const product: unknown = products[member]
      if (typeof product === 'string' && product.includes('\u0000')) return false
    }
  }
  return true
}

// The product ids seen with `version` so far (one set per version string, shared by cvss_v2 and cvss_v3).
function productsSeenWith(seenByVersion: Map<string, Set<string>>, version: string | undefined): Set<string> | undefined {
  if (version === undefined) return undefined
  let products = seenByVersion.get(version)
  if (!products) seenByVersion.set(version, (products = new Set<string>()))
  return products
}

const multipleScores = mandatory('6.1.7', 'Multiple Scores with same Version per Product', (doc, report) => {
  const view = viewOf(doc)
  const { vulnerabilities } = view
  for (let position = 0; position < vulnerabilities.length; position++) {
    const scores = (vulnerabilities[position] as JsonObject).scores
    if (!Array.isArray(scores) || (scores.length === 1 && scoreCannotRepeat(asObject(scores[0])))) continue
    const byVersion = scoresWithoutNul(scores)
    let seen: Set<string> | undefined
    let seenByVersion: Map<string, Set<string>> | undefined
    for (let index = 0; index < scores.length; index++) {
      const score = asObject(scores[index])
      if (!score) continue
      const products = score.products
      if (!Array.isArray(products)) continue
      const v2 = cvssVersionOf(score, 'cvss_v2')
      const v3 = cvssVersionOf(score, 'cvss_v3')
      if (v2 === undefined && v3 === undefined) continue
      if (byVersion) {
        // The same checks in the same order as the keyed loop below, with the pairs kept per version.
        seenByVersion ??= new Map<string, Set<string>>()
        const seenV2 = productsSeenWith(seenByVersion, v2)
        const seenV3 = productsSeenWith(seenByVersion, v3)
        for (let member = 0; member < products.length; member++) {
          const product: unknown = products[member]
          if (typeof product !== 'string') continue
          if (seenV2) {
            if (seenV2.has(product)) report(`${vulnerabilityPath(view, position)}/scores/${index}/products/${member}`, `product id '${product}' has more than one cvss ${v2 as string} score`)
            seenV2.add(product)
          }
          if (seenV3) {
            if (seenV3.has(product)) report(`${vulnerabilityPath(view, position)}/scores/${index}/products/${member}`, `product id '${product}' has more than one cvss ${v3 as string} score`)
            seenV3.add(product)
          }
        }
        continue
      }
      for (let member = 0; member < products.length; member++) {
        const product: unknown = products[member]
        if (typeof product !== 'string') continue
        seen ??= new Set<string>()
        for (let which = 0; which < 2; which++) {
          const version = which === 0 ? v2 : v3
          if (version === undefined) continue
          const key = `${product}\u0000cvss ${version}`
          if (seen.has(key)) report(`${vulnerabilityPath(view, position)}/scores/${index}/products/${member}`, `product id '${product}' has more than one cvss ${version} score`)
          seen.add(key)
        }
      }
    }
  }
})

// 6.1.8 (Invalid CVSS) is the CVSS part of the JSON schema check; see schema-validation.ts.

// The scores of the vector being checked by 6.1.9 (base, temporal, environmental), reused from object to object.
const vectorScores = new Float64Array(3)

const invalidCvssComputation = mandatory('6.1.9', 'Invalid CVSS computation', (doc, report) => {
  const objects = cvssObjects(doc)
  for (let position = 0; position < objects.length; position++) {
    const object = objects[position] as CvssObject
    const parsed = object.vector
    // The text a vector was parsed from scores as the parsed vector does (see scoreCvssText), without rebuilding it.
    if (!parsed || !scoreCvssTextInto(object.vectorString as string, vectorScores)) continue
    const base = vectorScores[0] as number
    const temporal = vectorScores[1] as number
    const environmental = vectorScores[2] as number
    reportIfNot(doc, object, 'baseScore', base, report)
    reportIfNot(doc, object, 'temporalScore', temporal, report)
    reportIfNot(doc, object, 'environmentalScore', environmental, report)
    if (parsed.version !== '2.0') {
      reportIfNot(doc, object, 'baseSeverity', severityOf(base), report)
      reportIfNot(doc, object, 'temporalSeverity', severityOf(temporal), report)
      reportIfNot(doc, object, 'environmentalSeverity', severityOf(environmental), report)
    }
  }
})

// Reports a property of a CVSS object that is present and differs from what its vector gives (6.1.9).
function reportIfNot(doc: unknown, object: CvssObject, property: string, expected: unknown, report: Report): void {
  const { cvss } = object
  if (property in cvss && cvss[property] !== expected) {
    report(`${cvssPath(viewOf(doc), object)}/${property}`, `${property} is ${JSON.stringify(cvss[property])} but the vector gives ${JSON.stringify(expected)}`)
  }
}

// The slot of each CVSS property's metric in a vector of either family: a cvss_v2 object may hold a 3.x vector.
const propertySlots = {
  v2: { v2: cvssV2Properties.map(([, metric]) => metricSlot('2.0', metric)), v3: cvssV2Properties.map(([, metric]) => metricSlot('3.1', metric)) },
  v3: { v2: cvssV3Properties.map(([, metric]) => metricSlot('2.0', metric)), v3: cvssV3Properties.map(([, metric]) => metricSlot('3.1', metric)) },
} as const

const inconsistentCvss = mandatory('6.1.10', 'Inconsistent CVSS', (doc, report) => {
  const objects = cvssObjects(doc)
  for (let position = 0; position < objects.length; position++) {
    const object = objects[position] as CvssObject
    const parsed = object.vector
    if (!parsed) continue
    const { cvss } = object
    const properties = object.kind === 'v2' ? cvssV2Properties : cvssV3Properties
    const slots = propertySlots[object.kind][parsed.version === '2.0' ? 'v2' : 'v3']
    for (let row = 0; row < properties.length; row++) {
      const entry = properties[row] as (typeof properties)[number]
      const property = entry[0]
      const values = entry[2]
      const value = cvss[property]
      // A metric the vector leaves out may be given by the property alone (the suite's reading of §6.1.10).
      if (typeof value !== 'string') continue
      const slot = slots[row] as number
      if (slot < 0 || (parsed.bounds[2 * slot] as number) < 0) continue
      // The lookup may find an inherited property (e.g. "toString"), which equals no metric value, as before.
      const expected: unknown = values[value] ?? value
      if (typeof expected !== 'string' || !slotValueEquals(parsed, slot, expected)) {
        report(`${cvssPath(viewOf(doc), object)}/${property}`, `${property} ${value} contradicts the vector string`)
      }
    }
  }
})

const cwe = mandatory('6.1.11', 'CWE', (doc, report) => {
  const view = viewOf(doc)
  const { vulnerabilities } = view
  for (let position = 0; position < vulnerabilities.length; position++) {
    const weakness = asObject((vulnerabilities[position] as JsonObject).cwe)
    if (!weakness) continue
    const id = asString(weakness.id)
    if (id === undefined) continue
    const name = asString(weakness.name)
    const official = cweNames.get(id)
    if (official === undefined) report(`${vulnerabilityPath(view, position)}/cwe/id`, `no weakness ${id} in the CWE catalogue`)
    else if (name !== undefined && name !== official) report(`${vulnerabilityPath(view, position)}/cwe/name`, `the name of ${id} is '${official}'`)
  }
})

const language = mandatory('6.1.12', 'Language', (doc, report) => {
  const document = viewOf(doc).document
  if (!document) return
  for (const key of languageKeys) {
    const tag = asString(document[key])
    if (tag !== undefined && !isValidLanguageTag(tag)) report(`/document/${key}`, `'${tag}' is not a valid language tag`)
  }
})

const languageKeys = ['lang', 'source_lang']

const purl = mandatory('6.1.13', 'PURL', (doc, report) => {
  // The products that define a product id, as productIdDefinitions lists them.
  const view = productTreeOf(doc)
  const { products } = view
  for (let position = 0; position < products.length; position++) {
    const product = products[position] as JsonObject
    if (typeof product.product_id !== 'string') continue
    const helper = asObject(product.product_identification_helper)
    if (!helper) continue
    const value = helper.purl
    if (typeof value !== 'string' || isPlainPurl(value)) continue
    try {
      PackageURL.fromString(value)
    } catch (error) {
      report(`${productPath(view, position)}/product_identification_helper/purl`, `invalid purl: ${error instanceof Error ? error.message : String(error)}`)
    }
  }
})

// The orders in which tests 6.1.14, 6.1.16 and 6.1.21 read the revision history.
type EntryOrder = (a: RevisionEntry, b: RevisionEntry) => number
const byNumber: EntryOrder = (a, b) => compareParsedCsafVersions(a.version, b.version)
const latestFirst: EntryOrder = (a, b) => compareInstants(b.time, a.time) || compareParsedCsafVersions(b.version, a.version)
const earliestFirst: EntryOrder = (a, b) => compareInstants(a.time, b.time) || compareParsedCsafVersions(a.version, b.version)

// True when the orders above are total preorders on entries like this one: its number parsed (an unparsed number
// compares equal to every other) and no pre-release part is long enough for two different numeric parts to compare
// equal as JS numbers (compareParsedCsafVersions stops at such a part).
const ordersConsistently = (entry: RevisionEntry) => entry.version !== undefined && entry.version.prerelease.every(isShort)
const isShort = (part: string) => part.length <= 15

// The entries in `order`, as a stable sort gives them. For a total preorder, a history already in that order (the
// usual case) is returned as it is, without a sorted copy; otherwise the sort itself decides, as before.
function sortedBy(entries: readonly RevisionEntry[], order: EntryOrder): readonly RevisionEntry[] {
  if (entries.every(ordersConsistently)) {
    let index = 1
    while (index < entries.length && order(entries[index - 1] as RevisionEntry, entries[index] as RevisionEntry) <= 0) index++
    if (index >= entries.length) return entries
  }
  return [...entries].sort(order)
}

// The entry a stable sort in `order` puts first: for a total preorder, the first of the least entries, found in one
// pass; otherwise the sort decides.
function firstBy(entries: readonly RevisionEntry[], order: EntryOrder): RevisionEntry {
  if (!entries.every(ordersConsistently)) return [...entries].sort(order)[0] as RevisionEntry
  let first = entries[0] as RevisionEntry
  for (let index = 1; index < entries.length; index++) {
    const entry = entries[index] as RevisionEntry
    if (order(entry, first) < 0) first = entry
  }
  return first
}

const sortedRevisionHistory = mandatory('6.1.14', 'Sorted Revision History', (doc, report) => {
  const entries = revisionHistory(doc)
  if (entries.length < 2) return
  const numbered = sortedBy(entries, byNumber)
  for (let i = 1; i < numbered.length; i++) {
    const previous = numbered[i - 1] as RevisionEntry
    const current = numbered[i] as RevisionEntry
    if (compareInstants(current.time, previous.time) < 0) {
      report(revisionPath(current), `revision ${current.number} is dated before revision ${previous.number}`)
    }
  }
})

const translator = mandatory('6.1.15', 'Translator', (doc, report) => {
  const document = viewOf(doc).document
  if (document !== undefined && dig(document, 'publisher', 'category') === 'translator' && document.source_lang === undefined) {
    report('/document/source_lang', 'a translator must give the source language')
  }
})

function trackingStatus(doc: unknown): string | undefined {
  return asString(trackingOf(doc)?.status)
}

// The version without its build metadata, and for a draft also without its pre-release part.
function comparableVersion(version: string, draft: boolean): string {
  for (let i = 0; i < version.length; i++) {
    const char = version.charCodeAt(i)
    if (char === 43 /* + */ || (draft && char === 45) /* - */) return version.slice(0, i)
  }
  return version
}

const latestDocumentVersion = mandatory('6.1.16', 'Latest Document Version', (doc, report) => {
  const version = trackingVersion(doc)?.text
  const entries = revisionHistory(doc)
  if (version === undefined || entries.length === 0) return
  const latest = entries.length === 1 ? (entries[0] as RevisionEntry) : firstBy(entries, latestFirst)
  // A draft may carry a pre-release of the latest revision; build metadata never counts.
  const draft = trackingStatus(doc) === 'draft'
  if (comparableVersion(latest.number, draft) !== comparableVersion(version, draft)) {
    report('/document/tracking/version', `version ${version} is not the latest revision ${latest.number}`)
  }
})

const documentStatusDraft = mandatory('6.1.17', 'Document Status Draft', (doc, report) => {
  const version = trackingVersion(doc)
  const status = trackingStatus(doc)
  if (version !== undefined && status !== undefined && status !== 'draft' && (isBelowOne(version.version) || isPrerelease(version.version))) {
    report('/document/tracking/status', `version ${version.text} requires status draft`)
  }
})

const releasedRevisionHistory = mandatory('6.1.18', 'Released Revision History', (doc, report) => {
  const status = trackingStatus(doc)
  if (status !== 'final' && status !== 'interim') return
  for (const entry of revisionHistory(doc)) {
    if (isBelowOne(entry.version)) report(`${revisionPath(entry)}/number`, `a ${status} document must not list the pre-release revision ${entry.number}`)
  }
})

const prereleaseRevisions = mandatory('6.1.19', 'Revision History Entries for Pre-release Versions', (doc, report) => {
  for (const entry of revisionHistory(doc)) {
    if (isPrerelease(entry.version)) report(`${revisionPath(entry)}/number`, `revision ${entry.number} is a pre-release version`)
  }
})

const nonDraftVersion = mandatory('6.1.20', 'Non-draft Document Version', (doc, report) => {
  const version = trackingVersion(doc)
  const status = trackingStatus(doc)
  if (version !== undefined && (status === 'final' || status === 'interim') && isPrerelease(version.version)) {
    report('/document/tracking/version', `a ${status} document must not have the pre-release version ${version.text}`)
  }
})

const missingRevision = mandatory('6.1.21', 'Missing Item in Revision History', (doc, report) => {
  const entries = revisionHistory(doc)
  if (entries.length === 0) return
  // The major versions in the order of the dates, each once (includes compares as a set does: NaN equals NaN).
  const majors: number[] = []
  for (const entry of entries.length === 1 ? entries : sortedBy(entries, earliestFirst)) {
    const major = entry.version?.major ?? NaN
    if (!majors.includes(major)) majors.push(major)
  }
  const first = majors[0] as number
  if (first !== 0 && first !== 1) report('/document/tracking/revision_history', `the revision history starts at ${first}, not 0 or 1`)
  for (let index = 0; index < majors.length; index++) {
    if ((majors[index] as number) > first + index) report('/document/tracking/revision_history', `major version ${first + index} is missing`)
  }
})

const multipleRevisions = mandatory('6.1.22', 'Multiple Definition in Revision History', (doc, report) => {
  const entries = revisionHistory(doc)
  if (entries.length < 2) return
  const seen = new Set<string>()
  for (const entry of entries) {
    if (seen.has(entry.number)) report(`${revisionPath(entry)}/number`, `revision ${entry.number} is listed more than once`)
    else seen.add(entry.number)
  }
})

const multipleCve = mandatory('6.1.23', 'Multiple Use of Same CVE', (doc, report) => {
  const view = viewOf(doc)
  const { vulnerabilities } = view
  if (vulnerabilities.length < 2) return
  const seen = new Set<string>()
  for (let position = 0; position < vulnerabilities.length; position++) {
    const cve = (vulnerabilities[position] as JsonObject).cve
    if (typeof cve !== 'string') continue
    if (seen.has(cve)) report(`${vulnerabilityPath(view, position)}/cve`, `${cve} is used by more than one vulnerability`)
    else seen.add(cve)
  }
})

const multipleInvolvements = mandatory('6.1.24', 'Multiple Definition in Involvements', (doc, report) => {
  const view = viewOf(doc)
  const { vulnerabilities } = view
  for (let position = 0; position < vulnerabilities.length; position++) {
    const involvements = (vulnerabilities[position] as JsonObject).involvements
    if (!Array.isArray(involvements) || involvements.length < 2) continue
    const seen = new Set<string>()
    for (let index = 0; index < involvements.length; index++) {
      const involvement = asObject(involvements[index])
      if (!involvement) continue
      const key = `${String(involvement.party)}\u0000${String(involvement.date)}`
      if (seen.has(key)) report(`${vulnerabilityPath(view, position)}/involvements/${index}`, 'the same party is listed twice for the same date')
      else seen.add(key)
    }
  }
})

const multipleHashAlgorithms = mandatory('6.1.25', 'Multiple Use of Same Hash Algorithm', (doc, report) => {
  const view = productTreeOf(doc)
  const { products } = view
  for (let position = 0; position < products.length; position++) {
    const helper = asObject((products[position] as JsonObject).product_identification_helper)
    if (!helper) continue
    const hashes = helper.hashes
    if (!Array.isArray(hashes)) continue
    for (let index = 0; index < hashes.length; index++) {
      const fileHashes = asObject(hashes[index])?.file_hashes
      if (!Array.isArray(fileHashes) || fileHashes.length < 2) continue
      const seen = new Set<string>()
      for (let member = 0; member < fileHashes.length; member++) {
        const algorithm = asObject(fileHashes[member])?.algorithm
        if (typeof algorithm !== 'string') continue
        if (seen.has(algorithm)) {
          report(`${productPath(view, position)}/product_identification_helper/hashes/${index}/file_hashes/${member}/algorithm`, `hash algorithm ${algorithm} is used more than once`)
        } else seen.add(algorithm)
      }
    }
  }
})

const knownProfiles = ['csaf_base', ...Object.values(profiles)]

const prohibitedCategory = mandatory('6.1.26', 'Prohibited Document Category Name', (doc, report) => {
  const category = categoryOf(doc)
  if (category === undefined || knownProfiles.includes(category)) return
  if (category.toLowerCase().startsWith('csaf_')) {
    report('/document/category', `the prefix csaf_ is reserved`)
    return
  }
  const squeezed = category.replace(/[\s_-]+/g, '').toLowerCase()
  const profileNames = ['securityincidentresponse', 'informationaladvisory', 'securityadvisory', 'vex']
  if (profileNames.some((name) => squeezed === name || squeezed === `csaf${name}`)) {
    report('/document/category', `'${category}' is too close to a profile name`)
  }
})

function profileTest(id: string, title: string, categories: readonly string[], find: (doc: unknown, report: Report) => void): MandatoryTest {
  return mandatory(id, title, (doc, report) => {
    const category = categoryOf(doc)
    if (category !== undefined && categories.includes(category)) find(doc, report)
  })
}

// Every category that some profile test applies to.
const profileCategories: ReadonlySet<string> = new Set(Object.values(profiles))

const informationalProfiles = [profiles.incidentResponse, profiles.informational]
const advisoryProfiles = [profiles.securityAdvisory, profiles.vex]

const documentNotes = profileTest('6.1.27.1', 'Document Notes', informationalProfiles, (doc, report) => {
  const notes = asArray(dig(doc, 'document', 'notes'))
  if (!notes.some((n) => ['description', 'details', 'general', 'summary'].includes(asString(asObject(n)?.category) ?? ''))) {
    report('/document/notes', 'needs a note of category description, details, general or summary')
  }
})

const documentReferences = profileTest('6.1.27.2', 'Document References', informationalProfiles, (doc, report) => {
  const references = asArray(dig(doc, 'document', 'references'))
  if (!references.some((r) => asObject(r)?.category === 'external')) report('/document/references', 'needs a reference of category external')
})

const noVulnerabilities = profileTest('6.1.27.3', 'Vulnerabilities', [profiles.informational], (doc, report) => {
  if (asObject(doc)?.vulnerabilities !== undefined) report('/vulnerabilities', 'an informational advisory must not list vulnerabilities')
})

const productTree = profileTest('6.1.27.4', 'Product Tree', advisoryProfiles, (doc, report) => {
  if (asObject(doc)?.product_tree === undefined) report('/product_tree', 'the profile requires a product tree')
})

// Reports every vulnerability for which `lacks` holds, at its path followed by `suffix`.
function reportVulnerabilities(doc: unknown, lacks: (vulnerability: JsonObject) => boolean, suffix: string, message: string, report: Report): void {
  const view = viewOf(doc)
  const { vulnerabilities } = view
  for (let position = 0; position < vulnerabilities.length; position++) {
    if (lacks(vulnerabilities[position] as JsonObject)) report(`${vulnerabilityPath(view, position)}${suffix}`, message)
  }
}

// The conditions of the profile tests, made once (not per run).
const lacksNotes = (vulnerability: JsonObject) => vulnerability.notes === undefined
const lacksProductStatus = (vulnerability: JsonObject) => vulnerability.product_status === undefined
const lacksId = (vulnerability: JsonObject) => vulnerability.cve === undefined && vulnerability.ids === undefined

const vulnerabilityNotes = profileTest('6.1.27.5', 'Vulnerability Notes', advisoryProfiles, (doc, report) => {
  reportVulnerabilities(doc, lacksNotes, '/notes', 'the profile requires notes on every vulnerability', report)
})

const productStatus = profileTest('6.1.27.6', 'Product Status', [profiles.securityAdvisory], (doc, report) => {
  reportVulnerabilities(doc, lacksProductStatus, '/product_status', 'the profile requires a product status', report)
})

const vexStatuses = ['fixed', 'known_affected', 'known_not_affected', 'under_investigation']
const lacksVexStatus = (vulnerability: JsonObject) => {
  const status = asObject(vulnerability.product_status)
  return !vexStatuses.some((s) => status?.[s] !== undefined)
}

const vexProductStatus = profileTest('6.1.27.7', 'VEX Product Status', [profiles.vex], (doc, report) => {
  reportVulnerabilities(doc, lacksVexStatus, '/product_status', 'needs fixed, known_affected, known_not_affected or under_investigation', report)
})

const vulnerabilityId = profileTest('6.1.27.8', 'Vulnerability ID', [profiles.vex], (doc, report) => {
  reportVulnerabilities(doc, lacksId, '', 'needs a cve or ids', report)
})

// Adds the products that the objects of `items` (those `counts` accepts) name directly or through their groups.
function addNamedProducts(items: unknown, counts: (item: JsonObject) => boolean, groups: ReadonlyMap<string, readonly string[]>, into: Set<string>): void {
  if (!Array.isArray(items)) return
  for (let index = 0; index < items.length; index++) {
    const item = asObject(items[index])
    if (item && counts(item)) for (const id of productsNamedBy(item, groups)) into.add(id)
  }
}

const everyItem = () => true
const isImpact = (threat: JsonObject) => threat.category === 'impact'

// Reports each product of the vulnerabilities' product_status list `listName` that `statedFor` leaves out.
function reportUnstated(doc: unknown, listName: string, statedFor: (vulnerability: JsonObject, groups: ReadonlyMap<string, readonly string[]>) => Set<string>, message: (id: string) => string, report: Report): void {
  const view = viewOf(doc)
  const { vulnerabilities } = view
  for (let position = 0; position < vulnerabilities.length; position++) {
    const vulnerability = vulnerabilities[position] as JsonObject
    const list = asObject(vulnerability.product_status)?.[listName]
    if (!Array.isArray(list) || list.length === 0) continue
    const stated = statedFor(vulnerability, productGroupMembers(doc))
    for (let index = 0; index < list.length; index++) {
      const id: unknown = list[index]
      if (typeof id === 'string' && !stated.has(id)) report(`${vulnerabilityPath(view, position)}/product_status/${listName}/${index}`, message(id))
    }
  }
}

// The products a vulnerability explains by a flag or an impact threat (6.1.27.9).
function explainedFor(vulnerability: JsonObject, groups: ReadonlyMap<string, readonly string[]>): Set<string> {
  const explained = new Set<string>()
  addNamedProducts(vulnerability.flags, everyItem, groups, explained)
  addNamedProducts(vulnerability.threats, isImpact, groups, explained)
  return explained
}

// The products a vulnerability covers by a remediation (6.1.27.10).
function coveredFor(vulnerability: JsonObject, groups: ReadonlyMap<string, readonly string[]>): Set<string> {
  const covered = new Set<string>()
  addNamedProducts(vulnerability.remediations, everyItem, groups, covered)
  return covered
}

const impactMessage = (id: string) => `not affected product '${id}' has no impact statement`
const actionMessage = (id: string) => `affected product '${id}' has no action statement (remediation)`

const impactStatement = profileTest('6.1.27.9', 'Impact Statement', [profiles.vex], (doc, report) => {
  reportUnstated(doc, 'known_not_affected', explainedFor, impactMessage, report)
})

const actionStatement = profileTest('6.1.27.10', 'Action Statement', [profiles.vex], (doc, report) => {
  reportUnstated(doc, 'known_affected', coveredFor, actionMessage, report)
})

const hasVulnerabilities = profileTest('6.1.27.11', 'Vulnerabilities', advisoryProfiles, (doc, report) => {
  if (asObject(doc)?.vulnerabilities === undefined) report('/vulnerabilities', 'the profile requires vulnerabilities')
})

const translation = mandatory('6.1.28', 'Translation', (doc, report) => {
  const document = viewOf(doc).document
  if (!document) return
  const lang = asString(document.lang)
  const source = asString(document.source_lang)
  if (lang !== undefined && source !== undefined && lang.toLowerCase() === source.toLowerCase()) {
    report('/document/lang', 'a translation must differ from its source language')
  }
})

// Reports every object of the vulnerabilities' `key` list that names neither product_ids nor group_ids.
function reportWithoutProducts(doc: unknown, key: string, message: string, report: Report): void {
  const view = viewOf(doc)
  const { vulnerabilities } = view
  for (let position = 0; position < vulnerabilities.length; position++) {
    const items = (vulnerabilities[position] as JsonObject)[key]
    if (!Array.isArray(items)) continue
    for (let index = 0; index < items.length; index++) {
      const item = asObject(items[index])
      if (item && item.product_ids === undefined && item.group_ids === undefined) report(`${vulnerabilityPath(view, position)}/${key}/${index}`, message)
    }
  }
}

const remediationWithoutProduct = mandatory('6.1.29', 'Remediation without Product Reference', (doc, report) => {
  reportWithoutProducts(doc, 'remediations', 'a remediation must name product_ids or group_ids', report)
})

const mixedVersioning = mandatory('6.1.30', 'Mixed Integer and Semantic Versioning', (doc, report) => {
  const scheme = trackingVersion(doc)?.version?.kind
  if (scheme === undefined) return
  for (const entry of revisionHistory(doc)) {
    const kind = entry.version?.kind
    if (kind !== undefined && kind !== scheme) report(`${revisionPath(entry)}/number`, `revision ${entry.number} does not use ${scheme} versioning like the document`)
  }
})

// Operators and words that make a product_version name a range (those belong in product_version_range).
const rangeIndicators = /<|>|(^|\s)(after|all|before|earlier|later|prior|versions)(\s|$)/i

const versionRangeInVersion = mandatory('6.1.31', 'Version Range in Product Version', (doc, report) => {
  const view = productTreeOf(doc)
  const { branches } = view
  for (let position = 0; position < branches.length; position++) {
    const branch = branches[position] as JsonObject
    const name = branch.name
    if (branch.category === 'product_version' && typeof name === 'string' && rangeIndicators.test(name)) {
      report(`${branchPath(view, position)}/name`, `product_version '${name}' describes a range`)
    }
  }
})

const flagWithoutProduct = mandatory('6.1.32', 'Flag without Product Reference', (doc, report) => {
  reportWithoutProducts(doc, 'flags', 'a flag must name product_ids or group_ids', report)
})

const multipleFlags = mandatory('6.1.33', 'Multiple Flags with VEX Justification Codes per Product', (doc, report) => {
  const { vulnerabilities } = viewOf(doc)
  for (let position = 0; position < vulnerabilities.length; position++) {
    const flags = (vulnerabilities[position] as JsonObject).flags
    // One flag names each product once at most (productsNamedBy gives a set): a repeat needs two flag objects.
    if (!Array.isArray(flags) || flags.length < 2) continue
    const groups = productGroupMembers(doc)
    const flagged = new Set<string>()
    for (let index = 0; index < flags.length; index++) {
      const flag = asObject(flags[index])
      if (!flag) continue
      for (const id of productsNamedBy(flag, groups)) {
        if (flagged.has(id)) report(`${vulnerabilityPath(viewOf(doc), position)}/flags/${index}`, `product '${id}' has more than one VEX justification flag`)
        flagged.add(id)
      }
    }
  }
})

/** Every mandatory test of CSAF 2.0 §6.1 except 6.1.8, which the JSON schema check reports. */
export const mandatoryTests: readonly CsafTest[] = [
  missingProductDefinition,
  multipleProductDefinition,
  circularProductDefinition,
  missingGroupDefinition,
  multipleGroupDefinition,
  contradictingStatus,
  multipleScores,
  invalidCvssComputation,
  inconsistentCvss,
  cwe,
  language,
  purl,
  sortedRevisionHistory,
  translator,
  latestDocumentVersion,
  documentStatusDraft,
  releasedRevisionHistory,
  prereleaseRevisions,
  nonDraftVersion,
  missingRevision,
  multipleRevisions,
  multipleCve,
  multipleInvolvements,
  multipleHashAlgorithms,
  prohibitedCategory,
  documentNotes,
  documentReferences,
  noVulnerabilities,
  productTree,
  vulnerabilityNotes,
  productStatus,
  vexProductStatus,
  vulnerabilityId,
  impactStatement,
  actionStatement,
  hasVulnerabilities,
  translation,
  remediationWithoutProduct,
  mixedVersioning,
  versionRangeInVersion,
  flagWithoutProduct,
  multipleFlags,
]


/**
 * Runs every mandatory test on one document in the order of {@link mandatoryTests}, appending their findings to
 * `into`: the findings of running each test alone, in the same order. False, with `into` as it was, when a test
 * throws; the caller then runs the tests one at a time, so that the failure is reported against its test.
 */
export function appendMandatoryFindings(doc: unknown, into: CsafFinding[]): boolean {
  // One direct call per test instead of a loop over the list: each call site sees one function, which V8 can inline;
  // a loop's single call site sees 42 and dispatches through a megamorphic call (about 5 % of a validation).
  // validate.test.ts checks that this pass and the tests run one by one give the same findings.
  const start = into.length
  sink = into
  try {
    missingProductDefinition.find(doc, missingProductDefinition.append)
    multipleProductDefinition.find(doc, multipleProductDefinition.append)
    circularProductDefinition.find(doc, circularProductDefinition.append)
    missingGroupDefinition.find(doc, missingGroupDefinition.append)
    multipleGroupDefinition.find(doc, multipleGroupDefinition.append)
    contradictingStatus.find(doc, contradictingStatus.append)
    multipleScores.find(doc, multipleScores.append)
    invalidCvssComputation.find(doc, invalidCvssComputation.append)
    inconsistentCvss.find(doc, inconsistentCvss.append)
    cwe.find(doc, cwe.append)
    language.find(doc, language.append)
    purl.find(doc, purl.append)
    sortedRevisionHistory.find(doc, sortedRevisionHistory.append)
    translator.find(doc, translator.append)
    latestDocumentVersion.find(doc, latestDocumentVersion.append)
    documentStatusDraft.find(doc, documentStatusDraft.append)
    releasedRevisionHistory.find(doc, releasedRevisionHistory.append)
    prereleaseRevisions.find(doc, prereleaseRevisions.append)
    nonDraftVersion.find(doc, nonDraftVersion.append)
    missingRevision.find(doc, missingRevision.append)
    multipleRevisions.find(doc, multipleRevisions.append)
    multipleCve.find(doc, multipleCve.append)
    multipleInvolvements.find(doc, multipleInvolvements.append)
    multipleHashAlgorithms.find(doc, multipleHashAlgorithms.append)
    prohibitedCategory.find(doc, prohibitedCategory.append)
    // The profile tests 6.1.27.x find nothing outside their profiles: one look at the category skips all eleven.
    const category = categoryOf(doc)
    if (category !== undefined && profileCategories.has(category)) {
      documentNotes.find(doc, documentNotes.append)
      documentReferences.find(doc, documentReferences.append)
      noVulnerabilities.find(doc, noVulnerabilities.append)
      productTree.find(doc, productTree.append)
      vulnerabilityNotes.find(doc, vulnerabilityNotes.append)
      productStatus.find(doc, productStatus.append)
      vexProductStatus.find(doc, vexProductStatus.append)
      vulnerabilityId.find(doc, vulnerabilityId.append)
      impactStatement.find(doc, impactStatement.append)
      actionStatement.find(doc, actionStatement.append)
      hasVulnerabilities.find(doc, hasVulnerabilities.append)
    }
    translation.find(doc, translation.append)
    remediationWithoutProduct.find(doc, remediationWithoutProduct.append)
    mixedVersioning.find(doc, mixedVersioning.append)
    versionRangeInVersion.find(doc, versionRangeInVersion.append)
    flagWithoutProduct.find(doc, flagWithoutProduct.append)
    multipleFlags.find(doc, multipleFlags.append)
    return true
  } catch {
    into.length = start
    return false
  } finally {
    sink = noSink
  }
}
