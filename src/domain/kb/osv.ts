import { fail, ok, problem } from '../result.js'
import type { Problem, Result } from '../result.js'
import { formatVers, osvRangeToVers } from '../vers/index.js'
import type { OsvRange } from '../vers/index.js'
import { placeEcosystem, splitPackageName } from './ecosystems.js'
import { objectOf, objectsOf, textOf, textsOf, unique } from './json.js'
import type { JsonRecord } from './json.js'
import type { KbAffected, KbSeverity, KbStatement } from './model.js'
import { parsePurl } from '../purl/index.js'

/** Reads one OSV record (schema 1.x) into a statement; ranges that cannot be compared are kept as problems. */
export function parseOsvRecord(json: unknown, origin: string): Result<KbStatement> {
  const record = objectOf(json)
  const id = textOf(record?.['id'])
  if (!record || !id) return fail(problem('osv_invalid', 'an OSV record is an object with an id'))
  const problems: Problem[] = []
  const severities: KbSeverity[] = osvSeverities(record['severity'], null)
  const dbSeverity = textOf(objectOf(record['database_specific'])?.['severity'])
  if (dbSeverity) severities.push({ kind: 'rating', value: dbSeverity, author: id.split('-')[0] ?? null })
  const affected: KbAffected[] = []
  for (const entry of objectsOf(record['affected'])) {
    const pkg = objectOf(entry['package'])
    severities.push(...osvSeverities(entry['severity'], null))
    if (!pkg) continue
    const ecosystem = textOf(pkg['ecosystem']) ?? ''
    const rawName = textOf(pkg['name'])
    if (!rawName) continue
    const placement = placeEcosystem(ecosystem)
    let purlType = placement.purlType
    let { namespace, name } = purlType ? splitPackageName(purlType, rawName) : { namespace: null, name: rawName }
    if (placement.namespace !== null) namespace = placement.namespace
    const purl = textOf(pkg['purl'])
    if (purl) {
      const parsed = parsePurl(purl)
      if (parsed.ok) {
        purlType = parsed.value.type
        namespace = parsed.value.namespace
        name = parsed.value.name
      }
    }
    const ranges: string[] = []
    const fixed: string[] = []
    for (const range of objectsOf(entry['ranges'])) {
      const osvRange = toOsvRange(range)
      for (const e of osvRange.events) if (e.fixed) fixed.push(e.fixed)
      const vers = osvRangeToVers(ecosystem, osvRange)
      if (vers.ok) ranges.push(formatVers(vers.value))
      else problems.push(problem(vers.error.code, `${ecosystem}/${rawName}: ${vers.error.message}`, { package: rawName, type: osvRange.type }))
    }
    affected.push({
      kind: 'package',
      ecosystem,
      purlType,
      namespace,
      name,
      ranges: unique(ranges),
      versions: unique(textsOf(entry['versions'])),
      fixed: unique(fixed),
      release: placement.release,
      status: 'affected',
    })
  }
  return ok({
    kind: 'statement',
    source: 'osv',
    sourceId: id,
    ids: unique([id, ...textsOf(record['aliases'])]),
    related: unique([...textsOf(record['related']), ...textsOf(record['upstream'])]),
    origin,
    title: textOf(record['summary']),
    description: textOf(record['details']),
    published: textOf(record['published']),
    modified: textOf(record['modified']),
    withdrawn: textOf(record['withdrawn']),
    severities,
    affected,
    references: unique(objectsOf(record['references']).map((r) => textOf(r['url'])).filter((u): u is string => u !== null)),
    problems,
  })
}

function toOsvRange(range: JsonRecord): OsvRange {
  const events = objectsOf(range['events']).map((e) => {
    const event: { introduced?: string; fixed?: string; last_affected?: string; limit?: string } = {}
    for (const key of ['introduced', 'fixed', 'last_affected', 'limit'] as const) {
      const value = textOf(e[key])
      if (value !== null) event[key] = value
    }
    return event
  })
  const repo = textOf(range['repo'])
  return repo === null ? { type: textOf(range['type']) ?? '', events } : { type: textOf(range['type']) ?? '', repo, events }
}

function osvSeverities(value: unknown, author: string | null): KbSeverity[] {
  const out: KbSeverity[] = []
  for (const s of objectsOf(value)) {
    const type = textOf(s['type']) ?? ''
    const score = textOf(s['score'])
    if (!score) continue
    if (type.startsWith('CVSS')) out.push({ kind: 'cvss', vector: score, publishedScore: null, author })
    else out.push({ kind: 'rating', value: `${type}: ${score}`, author })
  }
  return out
}
