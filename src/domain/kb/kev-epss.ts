import { fail, ok, problem } from '../result.js'
import type { Result } from '../result.js'
import { objectOf, objectsOf, textOf } from './json.js'
import type { EpssScore, KevEntry } from './model.js'

const cvePattern = /^CVE-\d{4}-\d{4,}$/

/** Reads the CISA KEV catalog JSON: every entry with a CVE id, plus the catalog version. */
export function parseKevCatalog(json: unknown): Result<{ readonly catalogVersion: string | null; readonly entries: readonly KevEntry[]; readonly skipped: number }> {
  const doc = objectOf(json)
  if (!doc || !Array.isArray(doc['vulnerabilities'])) return fail(problem('kev_invalid', 'a KEV catalog has a vulnerabilities array'))
  const entries: KevEntry[] = []
  let skipped = 0
  for (const v of objectsOf(doc['vulnerabilities'])) {
    const cveId = textOf(v['cveID'])
    const dateAdded = textOf(v['dateAdded'])
    if (!cveId || !cvePattern.test(cveId) || !dateAdded) {
      skipped++
      continue
    }
    entries.push({
      kind: 'kev',
      cveId,
      vendorProject: textOf(v['vendorProject']) ?? '',
      product: textOf(v['product']) ?? '',
      name: textOf(v['vulnerabilityName']) ?? '',
      dateAdded,
      dueDate: textOf(v['dueDate']),
      requiredAction: textOf(v['requiredAction']),
      knownRansomwareCampaignUse: textOf(v['knownRansomwareCampaignUse']),
      notes: textOf(v['notes']),
    })
  }
  return ok({ catalogVersion: textOf(doc['catalogVersion']), entries, skipped })
}

/** The score date of an EPSS CSV header line such as '#model_version:v2023.03.01,score_date:2023-09-20T00:00:00+0000'. */
export function epssScoreDate(headerLine: string): string | null {
  const match = /score_date:(\d{4}-\d{2}-\d{2})/.exec(headerLine)
  return match ? (match[1] as string) : null
}

/**
 * Reads one line of an EPSS CSV ('cve,epss,percentile'). Comment and header lines give null; a malformed data line
 * gives a problem, so a broken file is reported rather than silently half-read.
 */
export function parseEpssLine(line: string, scoreDate: string | null): Result<EpssScore | null> {
  const text = line.trim()
  if (text === '' || text.startsWith('#') || /^cve,/i.test(text)) return ok(null)
  const [cveId, epss, percentile] = text.split(',')
  const e = Number(epss)
  const p = Number(percentile)
  if (!cveId || !cvePattern.test(cveId) || epss === undefined || percentile === undefined || !Number.isFinite(e) || !Number.isFinite(p) || e < 0 || e > 1 || p < 0 || p > 1) {
    return fail(problem('epss_invalid_line', `not an EPSS line: '${text.slice(0, 80)}'`))
  }
  return ok({ kind: 'epss', cveId, epss: e, percentile: p, scoreDate })
}
