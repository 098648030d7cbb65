import { isCve5Record } from './cve5.js'
import { isCsafDocument } from './csaf.js'
import { arrayOf, objectOf, textOf } from './json.js'
import type { KbSourceKind } from './model.js'
import { nvdCvesOf } from './nvd.js'

/** Tells which feed a parsed JSON document comes from, by its content; null when it is none of them. */
export function detectJsonKind(json: unknown): Exclude<KbSourceKind, 'epss'> | null {
  if (isCsafDocument(json)) return 'csaf'
  if (isCve5Record(json)) return 'cve5'
  const doc = objectOf(json)
  if (doc && typeof doc['catalogVersion'] === 'string' && Array.isArray(doc['vulnerabilities'])) return 'kev'
  if (nvdCvesOf(json).length > 0 || doc?.['format'] === 'NVD_CVE') return 'nvd'
  if (isOsvLike(doc) || (Array.isArray(json) && json.length > 0 && json.every((r) => isOsvLike(objectOf(r)))) || (doc && Array.isArray(doc['vulns']))) return 'osv'
  return null
}

function isOsvLike(doc: Readonly<Record<string, unknown>> | undefined): boolean {
  if (doc === undefined || textOf(doc['id']) === null) return false
  return typeof doc['modified'] === 'string' || Array.isArray(doc['affected']) || typeof doc['schema_version'] === 'string'
}

/** The OSV records of a document: one record, an array of records, or an OSV API `{vulns: [...]}` answer. */
export function osvRecordsOf(json: unknown): readonly unknown[] {
  if (Array.isArray(json)) return json
  const doc = objectOf(json)
  if (doc && Array.isArray(doc['vulns'])) return arrayOf(doc['vulns'])
  return [json]
}

/** Tells whether the first line of a text file is an EPSS CSV header. */
export function looksLikeEpss(firstLine: string): boolean {
  return /^#model_version|^cve,epss,percentile/i.test(firstLine.trim())
}
