import { fail, ok, problem } from '../result.js'
import type { Problem, Result } from '../result.js'
import { formatVers, nvdCpeMatchToVers, versFromConstraints } from '../vers/index.js'
import type { VersConstraint } from '../vers/index.js'
import { compareVersions, schemeNameFor } from '../versions/index.js'
import { ecosystemOfCollectionUrl, placeEcosystem, splitPackageName } from './ecosystems.js'
import { numberOf, objectOf, objectsOf, textOf, textsOf, unique } from './json.js'
import type { JsonRecord } from './json.js'
import type { CpeMatchStatement, KbAffected, KbSeverity, KbStatement } from './model.js'

const unspecified = new Set(['', '0', '*', '-', 'unspecified', 'n/a', 'all'])
const versionTypeSchemes: Readonly<Record<string, string>> = { semver: 'semver', maven: 'maven', python: 'pypi', pypi: 'pypi', rpm: 'rpm', npm: 'npm', go: 'golang', nuget: 'nuget', gem: 'gem' }

/** Whether a JSON document is a CVE JSON 5.x record. */
export function isCve5Record(json: unknown): boolean {
  const doc = objectOf(json)
  return doc?.['dataType'] === 'CVE_RECORD' && objectOf(doc['cveMetadata']) !== undefined
}

/** Reads a CVE JSON 5.x record (cvelistV5 layout) into a statement: the CNA's affected list and every container's metrics. */
export function parseCve5Record(json: unknown, origin: string): Result<KbStatement> {
  const doc = objectOf(json)
  const meta = objectOf(doc?.['cveMetadata'])
  const id = textOf(meta?.['cveId'])
  if (!doc || !meta || !id) return fail(problem('cve5_invalid', 'a CVE 5 record has cveMetadata.cveId'))
  const containers = objectOf(doc['containers']) ?? {}
  const cna = objectOf(containers['cna']) ?? {}
  const problems: Problem[] = []
  const severities: KbSeverity[] = []
  const cnaName = textOf(objectOf(cna['providerMetadata'])?.['shortName']) ?? textOf(meta['assignerShortName'])
  severities.push(...cve5Metrics(cna['metrics'], cnaName))
  for (const adp of objectsOf(containers['adp'])) severities.push(...cve5Metrics(adp['metrics'], textOf(objectOf(adp['providerMetadata'])?.['shortName'])))
  const affected: KbAffected[] = []
  objectsOf(cna['affected']).forEach((entry, index) => affected.push(...cve5Affected(entry, `${id}#${index}`, problems)))
  const english = objectsOf(cna['descriptions']).find((d) => typeof d['lang'] === 'string' && d['lang'].startsWith('en'))
  const rejected = meta['state'] === 'REJECTED'
  return ok({
    kind: 'statement',
    source: 'cve5',
    sourceId: id,
    ids: [id],
    related: [],
    origin,
    title: textOf(cna['title']),
    description: textOf(english?.['value']),
    published: textOf(meta['datePublished']),
    modified: textOf(meta['dateUpdated']),
    withdrawn: rejected ? textOf(meta['dateRejected']) ?? textOf(meta['dateUpdated']) : null,
    severities,
    affected,
    references: unique(objectsOf(cna['references']).map((r) => textOf(r['url'])).filter((u): u is string => u !== null)),
    problems,
  })
}

function cve5Metrics(value: unknown, author: string | null): KbSeverity[] {
  const out: KbSeverity[] = []
  for (const m of objectsOf(value)) {
    for (const key of ['cvssV4_0', 'cvssV3_1', 'cvssV3_0', 'cvssV2_0']) {
      const data = objectOf(m[key])
      const vector = textOf(data?.['vectorString'])
      if (vector) out.push({ kind: 'cvss', vector, publishedScore: numberOf(data?.['baseScore']), author })
    }
    const other = objectOf(m['other'])
    const content = objectOf(other?.['content'])
    const rating = textOf(content?.['value']) ?? textOf(content?.['text'])
    if (rating) out.push({ kind: 'rating', value: `${textOf(other?.['type']) ?? 'other'}: ${rating}`, author })
  }
  return out
}

/**
 * The upper constraint of a CVE 5 range: `lessThan` (exclusive) or `lessThanOrEqual` (inclusive). The schema lets a
 * limit end in '*', an arbitrarily large number at that place: '*' alone is no limit (null), and '2.3.*' stands for
 * every 2.3.x, so it is '< 2.4'. A '*' after anything but a dotted number (e.g. a package name) cannot be compared:
 * undefined.
 */
function upperBound(limit: string, exclusive: boolean): VersConstraint | null | undefined {
  if (unspecified.has(limit)) return null
  if (!limit.endsWith('*')) return { comparator: exclusive ? '<' : '<=', version: limit }
  const branch = /^((?:\d+\.)*)(\d+)\.\*$/.exec(limit)
  if (branch === null) return undefined
  return { comparator: '<', version: `${branch[1]}${Number(branch[2]) + 1}` }
}

/** A status change inside a CVE 5 range: from `at` on (inclusive), the versions have `status`. */
interface StatusChange {
  readonly at: string
  readonly status: string
}

/**
 * The status changes of a range, in version order (the schema asks readers to sort them themselves), or null when
 * one cannot be read or ordered in the scheme.
 */
function changesOf(entry: JsonRecord, scheme: string): StatusChange[] | null {
  const changes: StatusChange[] = []
  for (const c of objectsOf(entry['changes'])) {
    const at = textOf(c['at'])
    const status = textOf(c['status'])
    if (at === null || (status !== 'affected' && status !== 'unaffected')) return null
    changes.push({ at, status })
  }
  let orderable = true
  changes.sort((a, b) => {
    const order = compareVersions(scheme, a.at, b.at)
    if (!order.ok) orderable = false
    return order.ok ? order.value : 0
  })
  return orderable ? changes : null
}

/** The vers ranges of a CVE 5 `versions` list in a scheme, with exact versions separate. */
function cve5Ranges(entry: JsonRecord, scheme: string, label: string, problems: Problem[]): { ranges: string[]; fixed: string[]; any: boolean } {
  const ranges: string[] = []
  const fixed: string[] = []
  let any = false
  for (const v of objectsOf(entry['versions'])) {
    const version = textOf(v['version']) ?? ''
    const status = textOf(v['status'])
    const lessThan = textOf(v['lessThan'])
    const lessThanOrEqual = textOf(v['lessThanOrEqual'])
    const upper = lessThan ?? lessThanOrEqual
    // Git ranges name commits: their changes cannot be ordered (the range is reported as not comparable below).
    const changes = upper === null || textOf(v['versionType']) === 'git' ? [] : changesOf(v, scheme)
    if (changes === null) {
      problems.push(problem('cve5_range_unreadable', `${label}: the status changes of the range from '${version}' cannot be read or ordered as ${scheme} versions`))
      continue
    }
    if (status !== 'affected' && !changes.some((c) => c.status === 'affected')) {
      if (status === 'unaffected' && !lessThan && !lessThanOrEqual && !unspecified.has(version)) fixed.push(version)
      continue
    }
    any = true
    if (textOf(v['versionType']) === 'git') {
      problems.push(problem('cve5_range_not_version_comparable', `${label}: a git range names commits, which cannot be compared as versions`))
      continue
    }
    if (upper === null) {
      ranges.push(unspecified.has(version) ? `vers:${scheme}/*` : formatVers(versFromConstraints(scheme, [{ comparator: '=', version }])))
      continue
    }
    // The range from `version` to its limit, cut at each change: one vers range per stretch whose status is affected.
    const starts = [version, ...changes.map((c) => c.at)]
    const statuses = [status, ...changes.map((c) => c.status)]
    statuses.forEach((stretchStatus, i) => {
      if (stretchStatus !== 'affected') return
      const from = starts[i] as string
      const next = starts[i + 1]
      const bound = next !== undefined ? { comparator: '<' as const, version: next } : upperBound(upper, lessThan !== null)
      if (bound === undefined) {
        problems.push(problem('cve5_range_unreadable', `${label}: the upper limit '${upper}' is neither a version nor a version pattern ending in '*'`))
        return
      }
      const constraints: VersConstraint[] = unspecified.has(from) ? [] : [{ comparator: '>=', version: from }]
      if (bound !== null) constraints.push(bound)
      ranges.push(constraints.length === 0 ? `vers:${scheme}/*` : formatVers(versFromConstraints(scheme, constraints)))
    })
  }
  if (!any && entry['defaultStatus'] === 'affected') ranges.push(`vers:${scheme}/*`)
  return { ranges: unique(ranges), fixed, any: ranges.length > 0 }
}

function cve5Affected(entry: JsonRecord, label: string, problems: Problem[]): KbAffected[] {
  const vendor = textOf(entry['vendor'])
  const product = textOf(entry['product'])
  const packageName = textOf(entry['packageName'])
  const collection = textOf(entry['collectionURL'])
  const ecosystem = collection ? ecosystemOfCollectionUrl(collection) : null
  const versionType = textOf(objectsOf(entry['versions'])[0]?.['versionType'] ?? null)?.toLowerCase() ?? ''
  const scheme = ecosystem ? schemeNameFor(ecosystem) : versionTypeSchemes[versionType] ?? 'generic'
  const { ranges, fixed, any } = cve5Ranges(entry, scheme, label, problems)
  if (!any) return []
  if (ecosystem && packageName) {
    const placement = placeEcosystem(ecosystem)
    const type = placement.purlType as string
    const split = splitPackageName(type, packageName)
    return [{ kind: 'package', ecosystem, purlType: type, namespace: split.namespace, name: split.name, ranges, versions: [], fixed, release: null, status: 'affected' }]
  }
  const cpes = textsOf(entry['cpes'])
  if (cpes.length > 0) {
    const matches: CpeMatchStatement[] = []
    for (const criteria of cpes) {
      const own = nvdCpeMatchToVers({ criteria })
      if (!own.ok) {
        problems.push(problem(own.error.code, `${label} ${criteria}: ${own.error.message}`))
        continue
      }
      // A CPE with its own version names that version; a CPE with '*' takes the entry's version ranges.
      if (own.value.star) for (const range of ranges) matches.push({ criteria, vulnerable: true, range })
      else matches.push({ criteria, vulnerable: true, range: formatVers(own.value) })
    }
    return matches.length === 0 ? [] : [{ kind: 'cpe', operator: 'OR', nodes: [{ operator: 'OR', negate: false, matches }], status: 'affected' }]
  }
  const name = product ?? packageName
  if (!name || name.toLowerCase() === 'n/a') return []
  return ranges.map((range, i) => ({
    kind: 'product' as const,
    productId: `${label}.${i}`,
    name: packageName ?? name,
    vendor: vendor && vendor.toLowerCase() !== 'n/a' ? vendor : null,
    product: name,
    version: null,
    range,
    purl: null,
    cpe: null,
    modelNumbers: [],
    serialNumbers: [],
    status: 'affected' as const,
  }))
}
