import { fail, ok, problem } from '../result.js'
import type { Problem, Result } from '../result.js'
import { parseCsafAdvisory } from './csaf.js'
import { parseCve5Record } from './cve5.js'
import { detectJsonKind, osvRecordsOf } from './detect.js'
import { parseKevCatalog } from './kev-epss.js'
import type { KbRecord, KbSourceKind } from './model.js'
import { nvdCvesOf, parseNvd11Item, parseNvdCve } from './nvd.js'
import { parseOsvRecord } from './osv.js'

/** The records of one JSON document and what could not be read in it. */
export interface DocumentRecords {
  readonly kind: Exclude<KbSourceKind, 'epss'>
  readonly records: readonly KbRecord[]
  readonly problems: readonly Problem[]
}

/**
 * Reads a parsed JSON document of any JSON feed into records; the kind is detected from the content unless given.
 * A record that fails to read is reported as a problem and the others are kept.
 */
export function recordsOfJson(json: unknown, origin: string, kind?: Exclude<KbSourceKind, 'epss'>): Result<DocumentRecords> {
  const detected = kind ?? detectJsonKind(json)
  if (!detected) return fail(problem('kb_unknown_document', `${origin}: not an OSV, NVD, CVE 5, KEV or CSAF document`))
  const records: KbRecord[] = []
  const problems: Problem[] = []
  const take = (result: Result<KbRecord>) => (result.ok ? records.push(result.value) : problems.push(result.error))
  switch (detected) {
    case 'osv':
      for (const record of osvRecordsOf(json)) take(parseOsvRecord(record, origin))
      break
    case 'nvd':
      for (const { format, cve } of nvdCvesOf(json)) take(format === '2.0' ? parseNvdCve(cve, origin) : parseNvd11Item(cve, origin))
      break
    case 'cve5':
      take(parseCve5Record(json, origin))
      break
    case 'kev': {
      const catalog = parseKevCatalog(json)
      if (!catalog.ok) return catalog
      records.push(...catalog.value.entries)
      if (catalog.value.skipped > 0) problems.push(problem('kev_entries_skipped', `${catalog.value.skipped} KEV entries had no CVE id or date`))
      break
    }
    case 'csaf': {
      const statements = parseCsafAdvisory(json, origin)
      if (!statements.ok) return statements
      records.push(...statements.value)
      break
    }
  }
  return ok({ kind: detected, records, problems })
}
