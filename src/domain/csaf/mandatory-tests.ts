// The mandatory tests of CSAF 2.0 §6.1: a document failing any of them is invalid.
import { PackageURL } from 'packageurl-js'
import { cweNames } from './data/cwe-catalog.js'
import { cvssV2Properties, cvssV3Properties, parseCvssVector, scoreCvss, severityOf } from './cvss.js'
import type { CvssVector } from './cvss.js'
import {
  asArray,
  asObject,
  asString,
  branchesOf,
  dig,
  fullProductNamesOf,
  hashListsOf,
  memoized,
  objectsAt,
  productGroupDefinitions,
  productGroupMembers,
  productIdDefinitions,
  productIdReferences,
  productsNamedBy,
  stringsAt,
  vulnerabilitiesOf,
} from './document.js'
import type { JsonObject, Located } from './document.js'
import { compareInstants, parseInstant } from './dates.js'
import type { Instant } from './dates.js'
import { isValidLanguageTag } from './language.js'
import type { CsafFinding, CsafTest } from './types.js'
import { compareParsedCsafVersions, parseCsafVersion } from './versions.js'
import type { CsafVersion } from './versions.js'

type Finder = (doc: unknown) => CsafFinding[]

function mandatory(id: string, title: string, find: (doc: unknown, report: (path: string, message: string) => void) => void): CsafTest {
  const run: Finder = (doc) => {
    const findings: CsafFinding[] = []
    find(doc, (path, message) => findings.push({ test: id, path, message }))
    return findings
  }
  return { id, group: 'mandatory', title, run }
}

/** The document category profiles of CSAF 2.0 §4 with extra requirements. */
export const profiles = {
  incidentResponse: 'csaf_security_incident_response',
  informational: 'csaf_informational_advisory',
  securityAdvisory: 'csaf_security_advisory',
  vex: 'csaf_vex',
} as const

function categoryOf(doc: unknown): string | undefined {
  return asString(dig(doc, 'document', 'category'))
}

function duplicates(items: readonly Located<string>[]): Located<string>[] {
  const seen = new Set<string>()
  const repeated: Located<string>[] = []
  for (const item of items) {
    if (seen.has(item.value)) repeated.push(item)
    else seen.add(item.value)
  }
  return repeated
}

interface RevisionEntry {
  readonly number: string
  /** The number parsed, undefined when it is neither an integer nor a semantic version. */
  readonly version: CsafVersion | undefined
  readonly date: string
  readonly time: Instant
  readonly path: string
}

const never: Instant = { seconds: -Infinity, fraction: '' }

// Seven tests read the revision history; its dates and numbers are parsed once per validation.
const revisionHistory = memoized((doc: unknown): readonly RevisionEntry[] => {
  const entries: RevisionEntry[] = []
  asArray(dig(doc, 'document', 'tracking', 'revision_history')).forEach((item, index) => {
    const entry = asObject(item)
    const number = asString(entry?.number)
    const date = asString(entry?.date)
    if (number !== undefined && date !== undefined) {
      entries.push({ number, version: parseCsafVersion(number), date, time: parseInstant(date) ?? never, path: `/document/tracking/revision_history/${index}` })
    }
  })
  return entries
})

function isBelowOne(version: CsafVersion | undefined): boolean {
  return version !== undefined && version.major === 0
}

function isPrerelease(version: CsafVersion | undefined): boolean {
  return version !== undefined && version.prerelease.length > 0
}

const trackingVersion = memoized((doc: unknown): { readonly text: string; readonly version: CsafVersion | undefined } | undefined => {
  const text = asString(dig(doc, 'document', 'tracking', 'version'))
  return text === undefined ? undefined : { text, version: parseCsafVersion(text) }
})

const affectedStatuses = ['first_affected', 'known_affected', 'last_affected']
const statusGroups: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['affected', affectedStatuses],
  ['not affected', ['known_not_affected']],
  ['fixed', ['first_fixed', 'fixed']],
  ['under investigation', ['under_investigation']],
]

interface CvssObject {
  readonly cvss: JsonObject
  readonly path: string
  readonly kind: 'v2' | 'v3'
  /** The object's vectorString parsed; undefined when it is missing or malformed. */
  readonly vector: CvssVector | undefined
}

// Tests 6.1.9 and 6.1.10 both read every CVSS object and its vector; the vectors are parsed once per validation.
const cvssObjects = memoized((doc: unknown): readonly CvssObject[] => {
  const found: CvssObject[] = []
  const add = (cvss: JsonObject, path: string, kind: 'v2' | 'v3') => {
    const vectorString = asString(cvss.vectorString)
    found.push({ cvss, path, kind, vector: vectorString === undefined ? undefined : parseCvssVector(vectorString) })
  }
  for (const { vulnerability, path } of vulnerabilitiesOf(doc)) {
    for (const score of objectsAt(vulnerability, 'scores', path)) {
      const v2 = asObject(score.value.cvss_v2)
      const v3 = asObject(score.value.cvss_v3)
      if (v2) add(v2, `${score.path}/cvss_v2`, 'v2')
      if (v3) add(v3, `${score.path}/cvss_v3`, 'v3')
    }
  }
  return found
})

const missingProductDefinition = mandatory('6.1.1', 'Missing Definition of Product ID', (doc, report) => {
  const defined = new Set(productIdDefinitions(doc).map((d) => d.value))
  for (const reference of productIdReferences(doc)) {
    if (!defined.has(reference.value)) report(reference.path, `product id '${reference.value}' is not defined in the product tree`)
  }
})

const multipleProductDefinition = mandatory('6.1.2', 'Multiple Definition of Product ID', (doc, report) => {
  for (const repeat of duplicates(productIdDefinitions(doc))) report(repeat.path, `product id '${repeat.value}' is defined more than once`)
})

const circularProductDefinition = mandatory('6.1.3', 'Circular Definition of Product ID', (doc, report) => {
  // Each product defined by a relationship depends on the two products it combines.
  const dependsOn = new Map<string, string[]>()
  const relationships = objectsAt(asObject(dig(doc, 'product_tree')) ?? {}, 'relationships', '/product_tree')
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

const missingGroupDefinition = mandatory('6.1.4', 'Missing Definition of Product Group ID', (doc, report) => {
  const defined = new Set(productGroupDefinitions(doc).map((d) => d.value))
  for (const { vulnerability, path } of vulnerabilitiesOf(doc)) {
    for (const key of ['remediations', 'threats', 'flags']) {
      for (const item of objectsAt(vulnerability, key, path)) {
        for (const group of stringsAt(item.value.group_ids, `${item.path}/group_ids`)) {
          if (!defined.has(group.value)) report(group.path, `product group id '${group.value}' is not defined`)
        }
      }
    }
  }
})

const multipleGroupDefinition = mandatory('6.1.5', 'Multiple Definition of Product Group ID', (doc, report) => {
  for (const repeat of duplicates(productGroupDefinitions(doc))) report(repeat.path, `product group id '${repeat.value}' is defined more than once`)
})

const contradictingStatus = mandatory('6.1.6', 'Contradicting Product Status', (doc, report) => {
  for (const { vulnerability, path } of vulnerabilitiesOf(doc)) {
    const status = asObject(vulnerability.product_status)
    if (!status) continue
    const groupOf = new Map<string, string>()
    for (const [group, names] of statusGroups) {
      for (const name of names) {
        for (const id of stringsAt(status[name], `${path}/product_status/${name}`)) {
          const earlier = groupOf.get(id.value)
          if (earlier !== undefined && earlier !== group) {
            report(id.path, `product id '${id.value}' is both ${earlier} and ${group}`)
          } else groupOf.set(id.value, group)
        }
      }
    }
  }
})

const multipleScores = mandatory('6.1.7', 'Multiple Scores with same Version per Product', (doc, report) => {
  for (const { vulnerability, path } of vulnerabilitiesOf(doc)) {
    const seen = new Set<string>()
    for (const score of objectsAt(vulnerability, 'scores', path)) {
      const versions: string[] = []
      const v2 = asString(dig(score.value, 'cvss_v2', 'version'))
      const v3 = asString(dig(score.value, 'cvss_v3', 'version'))
      if (v2 !== undefined) versions.push(`cvss ${v2}`)
      if (v3 !== undefined) versions.push(`cvss ${v3}`)
      for (const product of stringsAt(score.value.products, `${score.path}/products`)) {
        for (const version of versions) {
          const key = `${product.value}\u0000${version}`
          if (seen.has(key)) report(product.path, `product id '${product.value}' has more than one ${version} score`)
          seen.add(key)
        }
      }
    }
  }
})

// 6.1.8 (Invalid CVSS) is the CVSS part of the JSON schema check; see schema-validation.ts.

const invalidCvssComputation = mandatory('6.1.9', 'Invalid CVSS computation', (doc, report) => {
  for (const { cvss, path, vector: parsed } of cvssObjects(doc)) {
    const scores = parsed && scoreCvss(parsed)
    if (!scores) continue
    const checks: [string, unknown][] = [
      ['baseScore', scores.baseScore],
      ['temporalScore', scores.temporalScore],
      ['environmentalScore', scores.environmentalScore],
    ]
    if (parsed.version !== '2.0') {
      checks.push(['baseSeverity', severityOf(scores.baseScore)])
      checks.push(['temporalSeverity', severityOf(scores.temporalScore)])
      checks.push(['environmentalSeverity', severityOf(scores.environmentalScore)])
    }
    for (const [property, expected] of checks) {
      if (property in cvss && cvss[property] !== expected) {
        report(`${path}/${property}`, `${property} is ${JSON.stringify(cvss[property])} but the vector gives ${JSON.stringify(expected)}`)
      }
    }
  }
})

const inconsistentCvss = mandatory('6.1.10', 'Inconsistent CVSS', (doc, report) => {
  for (const { cvss, path, kind, vector: parsed } of cvssObjects(doc)) {
    if (!parsed) continue
    const properties = kind === 'v2' ? cvssV2Properties : cvssV3Properties
    for (const [property, metric, values] of properties) {
      const value = asString(cvss[property])
      const inVector = parsed.metrics.get(metric)
      // A metric the vector leaves out may be given by the property alone (the suite's reading of §6.1.10).
      if (value === undefined || inVector === undefined) continue
      if ((values[value] ?? value) !== inVector) {
        report(`${path}/${property}`, `${property} ${value} contradicts the vector string`)
      }
    }
  }
})

const cwe = mandatory('6.1.11', 'CWE', (doc, report) => {
  for (const { vulnerability, path } of vulnerabilitiesOf(doc)) {
    const id = asString(dig(vulnerability, 'cwe', 'id'))
    const name = asString(dig(vulnerability, 'cwe', 'name'))
    if (id === undefined) continue
    const official = cweNames.get(id)
    if (official === undefined) report(`${path}/cwe/id`, `no weakness ${id} in the CWE catalogue`)
    else if (name !== undefined && name !== official) report(`${path}/cwe/name`, `the name of ${id} is '${official}'`)
  }
})

const language = mandatory('6.1.12', 'Language', (doc, report) => {
  for (const key of ['lang', 'source_lang']) {
    const tag = asString(dig(doc, 'document', key))
    if (tag !== undefined && !isValidLanguageTag(tag)) report(`/document/${key}`, `'${tag}' is not a valid language tag`)
  }
})

const purl = mandatory('6.1.13', 'PURL', (doc, report) => {
  // The products that define a product id, as productIdDefinitions lists them.
  for (const product of fullProductNamesOf(doc)) {
    if (typeof product.value.product_id !== 'string') continue
    const value = asString(asObject(product.value.product_identification_helper)?.purl)
    if (value === undefined) continue
    try {
      PackageURL.fromString(value)
    } catch (error) {
      report(`${product.path}/product_identification_helper/purl`, `invalid purl: ${error instanceof Error ? error.message : String(error)}`)
    }
  }
})

const sortedRevisionHistory = mandatory('6.1.14', 'Sorted Revision History', (doc, report) => {
  const entries = revisionHistory(doc)
  const byNumber = [...entries].sort((a, b) => compareParsedCsafVersions(a.version, b.version))
  for (let i = 1; i < byNumber.length; i++) {
    const previous = byNumber[i - 1] as RevisionEntry
    const current = byNumber[i] as RevisionEntry
    if (compareInstants(current.time, previous.time) < 0) {
      report(current.path, `revision ${current.number} is dated before revision ${previous.number}`)
    }
  }
})

const translator = mandatory('6.1.15', 'Translator', (doc, report) => {
  if (dig(doc, 'document', 'publisher', 'category') === 'translator' && dig(doc, 'document', 'source_lang') === undefined) {
    report('/document/source_lang', 'a translator must give the source language')
  }
})

function trackingStatus(doc: unknown): string | undefined {
  return asString(dig(doc, 'document', 'tracking', 'status'))
}

const latestDocumentVersion = mandatory('6.1.16', 'Latest Document Version', (doc, report) => {
  const version = trackingVersion(doc)?.text
  const entries = revisionHistory(doc)
  if (version === undefined || entries.length === 0) return
  const latest = [...entries].sort((a, b) => compareInstants(b.time, a.time) || compareParsedCsafVersions(b.version, a.version))[0] as RevisionEntry
  // A draft may carry a pre-release of the latest revision; build metadata never counts.
  const normalize = (v: string) => (trackingStatus(doc) === 'draft' ? v.split(/[+-]/)[0] : v.split('+')[0])
  if (normalize(latest.number) !== normalize(version)) {
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
    if (isBelowOne(entry.version)) report(`${entry.path}/number`, `a ${status} document must not list the pre-release revision ${entry.number}`)
  }
})

const prereleaseRevisions = mandatory('6.1.19', 'Revision History Entries for Pre-release Versions', (doc, report) => {
  for (const entry of revisionHistory(doc)) {
    if (isPrerelease(entry.version)) report(`${entry.path}/number`, `revision ${entry.number} is a pre-release version`)
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
  const majors = [...new Set([...entries].sort((a, b) => compareInstants(a.time, b.time) || compareParsedCsafVersions(a.version, b.version)).map((e) => e.version?.major ?? NaN))]
  const first = majors[0] as number
  if (first !== 0 && first !== 1) report('/document/tracking/revision_history', `the revision history starts at ${first}, not 0 or 1`)
  majors.forEach((major, index) => {
    if (major > first + index) report('/document/tracking/revision_history', `major version ${first + index} is missing`)
  })
})

const multipleRevisions = mandatory('6.1.22', 'Multiple Definition in Revision History', (doc, report) => {
  const numbers = revisionHistory(doc).map((e) => ({ value: e.number, path: `${e.path}/number` }))
  for (const repeat of duplicates(numbers)) report(repeat.path, `revision ${repeat.value} is listed more than once`)
})

const multipleCve = mandatory('6.1.23', 'Multiple Use of Same CVE', (doc, report) => {
  const cves: Located<string>[] = []
  for (const { vulnerability, path } of vulnerabilitiesOf(doc)) {
    const cve = asString(vulnerability.cve)
    if (cve !== undefined) cves.push({ value: cve, path: `${path}/cve` })
  }
  for (const repeat of duplicates(cves)) report(repeat.path, `${repeat.value} is used by more than one vulnerability`)
})

const multipleInvolvements = mandatory('6.1.24', 'Multiple Definition in Involvements', (doc, report) => {
  for (const { vulnerability, path } of vulnerabilitiesOf(doc)) {
    const keys = objectsAt(vulnerability, 'involvements', path).map((i) => ({
      value: `${String(i.value.party)}\u0000${String(i.value.date)}`,
      path: i.path,
    }))
    for (const repeat of duplicates(keys)) report(repeat.path, 'the same party is listed twice for the same date')
  }
})

const multipleHashAlgorithms = mandatory('6.1.25', 'Multiple Use of Same Hash Algorithm', (doc, report) => {
  for (const list of hashListsOf(doc)) {
    const algorithms = list.value.flatMap((hash) => {
      const algorithm = asString(hash.value.algorithm)
      return algorithm === undefined ? [] : [{ value: algorithm, path: `${hash.path}/algorithm` }]
    })
    for (const repeat of duplicates(algorithms)) report(repeat.path, `hash algorithm ${repeat.value} is used more than once`)
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

function profileTest(id: string, title: string, categories: readonly string[], find: (doc: unknown, report: (path: string, message: string) => void) => void): CsafTest {
  return mandatory(id, title, (doc, report) => {
    const category = categoryOf(doc)
    if (category !== undefined && categories.includes(category)) find(doc, report)
  })
}

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

const vulnerabilityNotes = profileTest('6.1.27.5', 'Vulnerability Notes', advisoryProfiles, (doc, report) => {
  for (const { vulnerability, path } of vulnerabilitiesOf(doc)) {
    if (vulnerability.notes === undefined) report(`${path}/notes`, 'the profile requires notes on every vulnerability')
  }
})

const productStatus = profileTest('6.1.27.6', 'Product Status', [profiles.securityAdvisory], (doc, report) => {
  for (const { vulnerability, path } of vulnerabilitiesOf(doc)) {
    if (vulnerability.product_status === undefined) report(`${path}/product_status`, 'the profile requires a product status')
  }
})

const vexStatuses = ['fixed', 'known_affected', 'known_not_affected', 'under_investigation']

const vexProductStatus = profileTest('6.1.27.7', 'VEX Product Status', [profiles.vex], (doc, report) => {
  for (const { vulnerability, path } of vulnerabilitiesOf(doc)) {
    const status = asObject(vulnerability.product_status)
    if (!vexStatuses.some((s) => status?.[s] !== undefined)) {
      report(`${path}/product_status`, 'needs fixed, known_affected, known_not_affected or under_investigation')
    }
  }
})

const vulnerabilityId = profileTest('6.1.27.8', 'Vulnerability ID', [profiles.vex], (doc, report) => {
  for (const { vulnerability, path } of vulnerabilitiesOf(doc)) {
    if (vulnerability.cve === undefined && vulnerability.ids === undefined) report(path, 'needs a cve or ids')
  }
})

const impactStatement = profileTest('6.1.27.9', 'Impact Statement', [profiles.vex], (doc, report) => {
  const groups = productGroupMembers(doc)
  for (const { vulnerability, path } of vulnerabilitiesOf(doc)) {
    const explained = new Set<string>()
    for (const flag of objectsAt(vulnerability, 'flags', path)) productsNamedBy(flag.value, groups).forEach((id) => explained.add(id))
    for (const threat of objectsAt(vulnerability, 'threats', path)) {
      if (threat.value.category === 'impact') productsNamedBy(threat.value, groups).forEach((id) => explained.add(id))
    }
    for (const id of stringsAt(dig(vulnerability, 'product_status', 'known_not_affected'), `${path}/product_status/known_not_affected`)) {
      if (!explained.has(id.value)) report(id.path, `not affected product '${id.value}' has no impact statement`)
    }
  }
})

const actionStatement = profileTest('6.1.27.10', 'Action Statement', [profiles.vex], (doc, report) => {
  const groups = productGroupMembers(doc)
  for (const { vulnerability, path } of vulnerabilitiesOf(doc)) {
    const covered = new Set<string>()
    for (const remediation of objectsAt(vulnerability, 'remediations', path)) productsNamedBy(remediation.value, groups).forEach((id) => covered.add(id))
    for (const id of stringsAt(dig(vulnerability, 'product_status', 'known_affected'), `${path}/product_status/known_affected`)) {
      if (!covered.has(id.value)) report(id.path, `affected product '${id.value}' has no action statement (remediation)`)
    }
  }
})

const hasVulnerabilities = profileTest('6.1.27.11', 'Vulnerabilities', advisoryProfiles, (doc, report) => {
  if (asObject(doc)?.vulnerabilities === undefined) report('/vulnerabilities', 'the profile requires vulnerabilities')
})

const translation = mandatory('6.1.28', 'Translation', (doc, report) => {
  const lang = asString(dig(doc, 'document', 'lang'))
  const source = asString(dig(doc, 'document', 'source_lang'))
  if (lang !== undefined && source !== undefined && lang.toLowerCase() === source.toLowerCase()) {
    report('/document/lang', 'a translation must differ from its source language')
  }
})

const remediationWithoutProduct = mandatory('6.1.29', 'Remediation without Product Reference', (doc, report) => {
  for (const { vulnerability, path } of vulnerabilitiesOf(doc)) {
    for (const remediation of objectsAt(vulnerability, 'remediations', path)) {
      if (remediation.value.product_ids === undefined && remediation.value.group_ids === undefined) {
        report(remediation.path, 'a remediation must name product_ids or group_ids')
      }
    }
  }
})

const mixedVersioning = mandatory('6.1.30', 'Mixed Integer and Semantic Versioning', (doc, report) => {
  const scheme = trackingVersion(doc)?.version?.kind
  if (scheme === undefined) return
  for (const entry of revisionHistory(doc)) {
    const kind = entry.version?.kind
    if (kind !== undefined && kind !== scheme) report(`${entry.path}/number`, `revision ${entry.number} does not use ${scheme} versioning like the document`)
  }
})

// Operators and words that make a product_version name a range (those belong in product_version_range).
const rangeIndicators = /<|>|(^|\s)(after|all|before|earlier|later|prior|versions)(\s|$)/i

const versionRangeInVersion = mandatory('6.1.31', 'Version Range in Product Version', (doc, report) => {
  for (const branch of branchesOf(doc)) {
    const name = asString(branch.value.name)
    if (branch.value.category === 'product_version' && name !== undefined && rangeIndicators.test(name)) {
      report(`${branch.path}/name`, `product_version '${name}' describes a range`)
    }
  }
})

const flagWithoutProduct = mandatory('6.1.32', 'Flag without Product Reference', (doc, report) => {
  for (const { vulnerability, path } of vulnerabilitiesOf(doc)) {
    for (const flag of objectsAt(vulnerability, 'flags', path)) {
      if (flag.value.product_ids === undefined && flag.value.group_ids === undefined) report(flag.path, 'a flag must name product_ids or group_ids')
    }
  }
})

const multipleFlags = mandatory('6.1.33', 'Multiple Flags with VEX Justification Codes per Product', (doc, report) => {
  const groups = productGroupMembers(doc)
  for (const { vulnerability, path } of vulnerabilitiesOf(doc)) {
    const flagged = new Set<string>()
    for (const flag of objectsAt(vulnerability, 'flags', path)) {
      for (const id of productsNamedBy(flag.value, groups)) {
        if (flagged.has(id)) report(flag.path, `product '${id}' has more than one VEX justification flag`)
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

