// The optional tests of CSAF 2.0 §6.2: findings are warnings and do not make a document invalid.
import {
  asArray,
  asObject,
  asString,
  branchesOf,
  dig,
  fullProductNamesOf,
  hashListsOf,
  objectsAt,
  productGroupMembers,
  productIdDefinitions,
  productIdReferences,
  productsNamedBy,
  stringsAt,
  vulnerabilitiesOf,
} from './document.js'
import { compareInstants, parseInstant } from './dates.js'
import type { Instant } from './dates.js'
import { parseCvssVector, scoreCvss, withPropertyMetrics } from './cvss.js'
import type { JsonObject } from './document.js'
import { csafFileName } from './filename.js'
import { usesPrivateLanguageSubtag } from './language.js'
import { additionalPropertyFindings } from './strict-schema.js'
import type { CsafFinding, CsafTest } from './types.js'

function optional(id: string, title: string, find: (doc: unknown, report: (path: string, message: string) => void) => void): CsafTest {
  const run = (doc: unknown): CsafFinding[] => {
    const findings: CsafFinding[] = []
    find(doc, (path, message) => findings.push({ test: id, path, message }))
    return findings
  }
  return { id, group: 'optional', title, run }
}

const affectedStatuses = ['first_affected', 'known_affected', 'last_affected']

function revisionDates(doc: unknown): Instant[] {
  return asArray(dig(doc, 'document', 'tracking', 'revision_history'))
    .map((entry) => asString(asObject(entry)?.date))
    .map((date) => (date === undefined ? undefined : parseInstant(date)))
    .filter((time): time is Instant => time !== undefined)
}

function trackingDate(doc: unknown, key: string): Instant | undefined {
  const text = asString(dig(doc, 'document', 'tracking', key))
  return text === undefined ? undefined : parseInstant(text)
}

const unusedProduct = optional('6.2.1', 'Unused Definition of Product ID', (doc, report) => {
  // In an informational advisory every listed product is affected, so definitions need no reference.
  if (dig(doc, 'document', 'category') === 'csaf_informational_advisory') return
  const referenced = new Set(productIdReferences(doc).map((r) => r.value))
  for (const definition of productIdDefinitions(doc)) {
    if (!referenced.has(definition.value)) report(definition.path, `product id '${definition.value}' is never referenced`)
  }
})

function affectedProductsWithout(doc: unknown, report: (path: string, message: string) => void, key: 'remediations' | 'scores', what: string): void {
  const groups = productGroupMembers(doc)
  for (const { vulnerability, path } of vulnerabilitiesOf(doc)) {
    const covered = new Set<string>()
    for (const item of objectsAt(vulnerability, key, path)) {
      const ids = key === 'scores' ? new Set(stringsAt(item.value.products, '').map((s) => s.value)) : productsNamedBy(item.value, groups)
      ids.forEach((id) => covered.add(id))
    }
    for (const status of affectedStatuses) {
      for (const id of stringsAt(dig(vulnerability, 'product_status', status), `${path}/product_status/${status}`)) {
        if (!covered.has(id.value)) report(id.path, `affected product '${id.value}' has no ${what}`)
      }
    }
  }
}

const missingRemediation = optional('6.2.2', 'Missing Remediation', (doc, report) => affectedProductsWithout(doc, report, 'remediations', 'remediation'))

const missingScore = optional('6.2.3', 'Missing Score', (doc, report) => affectedProductsWithout(doc, report, 'scores', 'score'))

const buildMetadata = optional('6.2.4', 'Build Metadata in Revision History', (doc, report) => {
  asArray(dig(doc, 'document', 'tracking', 'revision_history')).forEach((entry, index) => {
    const number = asString(asObject(entry)?.number)
    if (number?.includes('+')) report(`/document/tracking/revision_history/${index}/number`, `revision ${number} carries build metadata`)
  })
})

const olderInitialRelease = optional('6.2.5', 'Older Initial Release Date than Revision History', (doc, report) => {
  const initial = trackingDate(doc, 'initial_release_date')
  const dates = revisionDates(doc)
  if (initial !== undefined && dates.length > 0 && dates.every((date) => compareInstants(initial, date) < 0)) {
    report('/document/tracking/initial_release_date', 'the initial release date is older than the oldest revision')
  }
})

const olderCurrentRelease = optional('6.2.6', 'Older Current Release Date than Revision History', (doc, report) => {
  const current = trackingDate(doc, 'current_release_date')
  const dates = revisionDates(doc)
  if (current !== undefined && dates.some((date) => compareInstants(current, date) < 0)) {
    report('/document/tracking/current_release_date', 'the current release date is older than the newest revision')
  }
})

const missingInvolvementDate = optional('6.2.7', 'Missing Date in Involvements', (doc, report) => {
  for (const { vulnerability, path } of vulnerabilitiesOf(doc)) {
    for (const involvement of objectsAt(vulnerability, 'involvements', path)) {
      if (involvement.value.date === undefined) report(involvement.path, 'the involvement has no date')
    }
  }
})

function onlyHashAlgorithm(algorithm: string) {
  return (doc: unknown, report: (path: string, message: string) => void) => {
    for (const list of hashListsOf(doc)) {
      const algorithms = new Set(list.value.map((hash) => asString(hash.value.algorithm)?.toLowerCase()))
      if (algorithms.size === 1 && algorithms.has(algorithm)) report(list.path, `${algorithm} is the only hash algorithm`)
    }
  }
}

const md5Only = optional('6.2.8', 'Use of MD5 as the only Hash Algorithm', onlyHashAlgorithm('md5'))

const sha1Only = optional('6.2.9', 'Use of SHA-1 as the only Hash Algorithm', onlyHashAlgorithm('sha1'))

const missingTlp = optional('6.2.10', 'Missing TLP label', (doc, report) => {
  if (dig(doc, 'document', 'distribution', 'tlp', 'label') === undefined) report('/document/distribution/tlp/label', 'the document has no TLP label')
})

const missingCanonicalUrl = optional('6.2.11', 'Missing Canonical URL', (doc, report) => {
  const id = asString(dig(doc, 'document', 'tracking', 'id'))
  const canonical = asArray(dig(doc, 'document', 'references')).some((item) => {
    const reference = asObject(item)
    const url = asString(reference?.url)
    return reference?.category === 'self' && url !== undefined && id !== undefined && url.startsWith('https://') && url.endsWith(csafFileName(id))
  })
  if (!canonical) report('/document/references', 'no self reference gives the canonical https URL of the document')
})

const missingLanguage = optional('6.2.12', 'Missing Document Language', (doc, report) => {
  if (dig(doc, 'document', 'lang') === undefined) report('/document/lang', 'the document language is missing')
})

const collator = new Intl.Collator('en')

const sorting = optional('6.2.13', 'Sorting', (doc, report) => {
  const check = (value: unknown, path: string, depth: number) => {
    if (depth > 256 || typeof value !== 'object' || value === null) return
    if (Array.isArray(value)) {
      value.forEach((item, index) => check(item, `${path}/${index}`, depth + 1))
      return
    }
    const keys = Object.keys(value)
    const sorted = [...keys].sort((a, b) => collator.compare(a, b))
    if (keys.some((key, index) => key !== sorted[index])) report(path === '' ? '/' : path, 'the keys are not sorted alphabetically')
    for (const key of keys) check((value as Record<string, unknown>)[key], `${path}/${escapePointer(key)}`, depth + 1)
  }
  check(doc, '', 0)
})

function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1')
}

const privateLanguage = optional('6.2.14', 'Use of Private Language', (doc, report) => {
  for (const key of ['lang', 'source_lang']) {
    const tag = asString(dig(doc, 'document', key))
    if (tag !== undefined && usesPrivateLanguageSubtag(tag)) report(`/document/${key}`, `'${tag}' uses a private-use subtag`)
  }
})

const defaultLanguage = optional('6.2.15', 'Use of Default Language', (doc, report) => {
  for (const key of ['lang', 'source_lang']) {
    const tag = asString(dig(doc, 'document', key))
    if (tag?.toLowerCase() === 'i-default') report(`/document/${key}`, 'i-default is not a language')
  }
})

const missingHelper = optional('6.2.16', 'Missing Product Identification Helper', (doc, report) => {
  for (const product of fullProductNamesOf(doc)) {
    if (product.value.product_identification_helper === undefined) report(product.path, 'the product has no product identification helper')
  }
})

const cveInIds = optional('6.2.17', 'CVE in field IDs', (doc, report) => {
  for (const { vulnerability, path } of vulnerabilitiesOf(doc)) {
    for (const id of objectsAt(vulnerability, 'ids', path)) {
      const text = asString(id.value.text)
      if (text !== undefined && /^CVE-[0-9]{4}-[0-9]{4,}$/.test(text)) report(`${id.path}/text`, `${text} belongs in the cve field`)
    }
  }
})

const rangeWithoutVers = optional('6.2.18', 'Product Version Range without vers', (doc, report) => {
  for (const branch of branchesOf(doc)) {
    const name = asString(branch.value.name)
    if (branch.value.category === 'product_version_range' && name !== undefined && !name.startsWith('vers:')) {
      report(`${branch.path}/name`, `version range '${name}' is not written in vers`)
    }
  }
})

const cvssForFixed = optional('6.2.19', 'CVSS for Fixed Products', (doc, report) => {
  for (const { vulnerability, path } of vulnerabilitiesOf(doc)) {
    const fixed = new Set<string>()
    for (const status of ['first_fixed', 'fixed']) stringsAt(dig(vulnerability, 'product_status', status), '').forEach((s) => fixed.add(s.value))
    for (const score of objectsAt(vulnerability, 'scores', path)) {
      const product = stringsAt(score.value.products, '').find((p) => fixed.has(p.value))
      if (product === undefined) continue
      for (const key of ['cvss_v2', 'cvss_v3']) {
        const cvss = asObject(score.value[key])
        if (cvss && environmentalScoreOf(cvss) !== 0) {
          report(`${score.path}/${key}`, `the environmental score should be 0 because '${product.value}' is fixed`)
        }
      }
    }
  }
})

// The environmental score as given or, failing that, as computed from the vector and the metric properties.
function environmentalScoreOf(cvss: JsonObject): number | undefined {
  const vector = asString(cvss.vectorString)
  const parsed = vector === undefined ? undefined : parseCvssVector(vector)
  const computed = parsed && scoreCvss(withPropertyMetrics(parsed, cvss))?.environmentalScore
  const given = typeof cvss.environmentalScore === 'number' ? cvss.environmentalScore : undefined
  if (given !== undefined && given > 0) return given
  return computed
}

const additionalProperties = optional('6.2.20', 'Additional Properties', (doc, report) => {
  for (const finding of additionalPropertyFindings(doc)) report(finding.path, finding.message)
})

/** Every optional test of CSAF 2.0 §6.2. */
export const optionalTests: readonly CsafTest[] = [
  unusedProduct,
  missingRemediation,
  missingScore,
  buildMetadata,
  olderInitialRelease,
  olderCurrentRelease,
  missingInvolvementDate,
  md5Only,
  sha1Only,
  missingTlp,
  missingCanonicalUrl,
  missingLanguage,
  sorting,
  privateLanguage,
  defaultLanguage,
  missingHelper,
  cveInIds,
  rangeWithoutVers,
  cvssForFixed,
  additionalProperties,
]
