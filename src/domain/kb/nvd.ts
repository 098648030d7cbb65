import { fail, ok, problem } from '../result.js'
import type { Problem, Result } from '../result.js'
import { formatVers, nvdCpeMatchToVers } from '../vers/index.js'
import type { NvdCpeMatch } from '../vers/index.js'
import { numberOf, objectOf, objectsOf, textOf, unique } from './json.js'
import type { JsonRecord } from './json.js'
import type { CpeConfigurationAffected, CpeMatchStatement, CpeNode, KbSeverity, KbStatement } from './model.js'

/**
 * The CVE objects of an NVD document: an API 2.0 page or 2.0 feed file (`vulnerabilities[].cve`), a single
 * `{cve}` wrapper, a bare CVE object, or a legacy 1.1 feed (`CVE_Items`).
 */
export function nvdCvesOf(json: unknown): readonly { readonly format: '2.0' | '1.1'; readonly cve: JsonRecord }[] {
  const doc = objectOf(json)
  if (!doc) return []
  if (Array.isArray(doc['vulnerabilities'])) return objectsOf(doc['vulnerabilities']).map((v) => objectOf(v['cve'])).filter((c): c is JsonRecord => c !== undefined).map((cve) => ({ format: '2.0' as const, cve }))
  if (Array.isArray(doc['CVE_Items'])) return objectsOf(doc['CVE_Items']).map((cve) => ({ format: '1.1' as const, cve }))
  const wrapped = objectOf(doc['cve'])
  if (wrapped && textOf(wrapped['id'])) return [{ format: '2.0', cve: wrapped }]
  // A bare CVE object: NVD's own fields tell it from an OSV record named by a CVE id.
  if (textOf(doc['id'])?.startsWith('CVE-') && (doc['sourceIdentifier'] !== undefined || doc['vulnStatus'] !== undefined)) return [{ format: '2.0', cve: doc }]
  return []
}

/** Reads one NVD API 2.0 CVE object into a statement. */
export function parseNvdCve(cve: JsonRecord, origin: string): Result<KbStatement> {
  const id = textOf(cve['id'])
  if (!id) return fail(problem('nvd_invalid', 'an NVD CVE object has an id'))
  const problems: Problem[] = []
  const severities: KbSeverity[] = []
  const metrics = objectOf(cve['metrics']) ?? {}
  for (const key of ['cvssMetricV40', 'cvssMetricV31', 'cvssMetricV30', 'cvssMetricV2']) {
    for (const m of objectsOf(metrics[key])) {
      const data = objectOf(m['cvssData'])
      const vector = textOf(data?.['vectorString'])
      if (vector) severities.push({ kind: 'cvss', vector, publishedScore: numberOf(data?.['baseScore']), author: textOf(m['source']) })
    }
  }
  const configurations = objectsOf(cve['configurations']).map((c) =>
    configuration(textOf(c['operator']), objectsOf(c['nodes']).map((n) => ({ operator: textOf(n['operator']), negate: n['negate'] === true, matches: objectsOf(n['cpeMatch']).map(nvd20Match) })), problems, id),
  )
  const status = textOf(cve['vulnStatus'])
  const english = objectsOf(cve['descriptions']).find((d) => d['lang'] === 'en')
  return ok({
    kind: 'statement',
    source: 'nvd',
    sourceId: id,
    ids: [id],
    related: [],
    origin,
    title: textOf(cve['cisaVulnerabilityName']),
    description: textOf(english?.['value']),
    published: textOf(cve['published']),
    modified: textOf(cve['lastModified']),
    withdrawn: status === 'Rejected' ? textOf(cve['lastModified']) : null,
    severities,
    affected: configurations,
    references: unique(objectsOf(cve['references']).map((r) => textOf(r['url'])).filter((u): u is string => u !== null)),
    problems,
  })
}

/** Reads one CVE item of a legacy NVD 1.1 JSON feed into the same statement form. */
export function parseNvd11Item(item: JsonRecord, origin: string): Result<KbStatement> {
  const meta = objectOf(objectOf(item['cve'])?.['CVE_data_meta'])
  const id = textOf(meta?.['ID'])
  if (!id) return fail(problem('nvd_invalid', 'an NVD 1.1 item has cve.CVE_data_meta.ID'))
  const problems: Problem[] = []
  const impact = objectOf(item['impact']) ?? {}
  const severities: KbSeverity[] = []
  const v3 = objectOf(objectOf(impact['baseMetricV3'])?.['cvssV3'])
  const v2 = objectOf(objectOf(impact['baseMetricV2'])?.['cvssV2'])
  if (textOf(v3?.['vectorString'])) severities.push({ kind: 'cvss', vector: textOf(v3?.['vectorString']) as string, publishedScore: numberOf(v3?.['baseScore']), author: 'nvd@nist.gov' })
  if (textOf(v2?.['vectorString'])) severities.push({ kind: 'cvss', vector: textOf(v2?.['vectorString']) as string, publishedScore: numberOf(v2?.['baseScore']), author: 'nvd@nist.gov' })
  // 1.1 nests AND nodes with children; each top-level node is one configuration.
  const nodes = objectsOf(objectOf(item['configurations'])?.['nodes'])
  const configurations = nodes.map((node) => {
    const children = objectsOf(node['children'])
    const parts = children.length > 0 ? children : [node]
    return configuration(children.length > 0 ? textOf(node['operator']) : 'OR', parts.map((n) => ({ operator: textOf(n['operator']), negate: n['negate'] === true, matches: objectsOf(n['cpe_match']).map(nvd11Match) })), problems, id)
  })
  const descriptions = objectsOf(objectOf(objectOf(item['cve'])?.['description'])?.['description_data'])
  return ok({
    kind: 'statement',
    source: 'nvd',
    sourceId: id,
    ids: [id],
    related: [],
    origin,
    title: null,
    description: textOf(descriptions.find((d) => d['lang'] === 'en')?.['value']),
    published: textOf(item['publishedDate']),
    modified: textOf(item['lastModifiedDate']),
    withdrawn: null,
    severities,
    affected: configurations,
    references: unique(objectsOf(objectOf(objectOf(item['cve'])?.['references'])?.['reference_data']).map((r) => textOf(r['url'])).filter((u): u is string => u !== null)),
    problems,
  })
}

interface RawMatch {
  readonly match: NvdCpeMatch | null
  readonly vulnerable: boolean
}

function nvd20Match(m: JsonRecord): RawMatch {
  return rawMatch(textOf(m['criteria']), m, m['vulnerable'] !== false)
}

function nvd11Match(m: JsonRecord): RawMatch {
  return rawMatch(textOf(m['cpe23Uri']), m, m['vulnerable'] !== false)
}

function rawMatch(criteria: string | null, m: JsonRecord, vulnerable: boolean): RawMatch {
  if (!criteria) return { match: null, vulnerable }
  const match: { -readonly [K in keyof NvdCpeMatch]: NvdCpeMatch[K] } = { criteria }
  for (const key of ['versionStartIncluding', 'versionStartExcluding', 'versionEndIncluding', 'versionEndExcluding'] as const) {
    const value = textOf(m[key])
    if (value !== null) match[key] = value
  }
  return { match, vulnerable }
}

function configuration(
  operator: string | null,
  nodes: readonly { operator: string | null; negate: boolean; matches: readonly RawMatch[] }[],
  problems: Problem[],
  id: string,
): CpeConfigurationAffected {
  const out: CpeNode[] = nodes.map((n) => {
    const matches: CpeMatchStatement[] = []
    for (const m of n.matches) {
      if (!m.match) continue
      const range = nvdCpeMatchToVers(m.match)
      if (!range.ok) {
        problems.push(problem(range.error.code, `${id} ${m.match.criteria}: ${range.error.message}`))
        continue
      }
      matches.push({ criteria: m.match.criteria, vulnerable: m.vulnerable, range: formatVers(range.value) })
    }
    return { operator: n.operator === 'AND' ? 'AND' : 'OR', negate: n.negate, matches }
  })
  return { kind: 'cpe', operator: operator === 'AND' ? 'AND' : 'OR', nodes: out, status: 'affected' }
}
