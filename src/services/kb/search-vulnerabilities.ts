import type { Kysely } from 'kysely'
import { kbRepository } from '../../store/repositories/kb.js'
import type { Database } from '../../store/schema.js'
import type { ServiceResult } from '../context.js'
import { scoredVectors } from './get-vulnerability.js'

/** One search hit: the vulnerability, its aliases, sources, KEV/EPSS and highest recomputed CVSS base score. */
export interface VulnerabilitySummary {
  readonly id: string
  readonly aliases: readonly string[]
  readonly title: string | null
  readonly sources: readonly string[]
  readonly packages: number
  readonly kev: boolean
  readonly epss: number | null
  readonly epssPercentile: number | null
  readonly cvssScore: number | null
  readonly severity: string | null
  readonly published: string | null
}

/** A page of search results. */
export interface VulnerabilityPage {
  readonly total: number
  readonly items: readonly VulnerabilitySummary[]
}

/** Searches the knowledge base by id, alias or package / CPE / product name; paged. */
export async function searchVulnerabilities(db: Kysely<Database>, query: string, page: { limit: number; offset: number }): Promise<ServiceResult<VulnerabilityPage>> {
  const found = await kbRepository.search(db, query, page.limit, page.offset)
  const statements = await kbRepository.statementsOf(db, found.ids)
  const items: VulnerabilitySummary[] = []
  for (const id of found.ids) {
    const own = statements.filter((s) => s.vulnerabilityId === id).map((s) => s.statement)
    const aliases = (await kbRepository.aliasesOf(db, id)).filter((a) => a !== id)
    const ids = [id, ...aliases]
    const [kev, epss] = await Promise.all([kbRepository.kevOf(db, ids), kbRepository.epssOf(db, ids)])
    const best = scoredVectors(own).filter((v) => v.baseScore !== null).sort((a, b) => (b.baseScore ?? 0) - (a.baseScore ?? 0))[0]
    items.push({
      id,
      aliases,
      title: own.map((s) => s.title ?? s.description?.slice(0, 160) ?? null).find((t) => t !== null) ?? kev[0]?.name ?? null,
      sources: [...new Set(own.map((s) => s.source))],
      packages: own.reduce((n, s) => n + s.affected.length, 0),
      kev: kev.length > 0,
      epss: epss[0]?.epss ?? null,
      epssPercentile: epss[0]?.percentile ?? null,
      cvssScore: best?.baseScore ?? null,
      severity: best?.severity ?? null,
      published: own.map((s) => s.published).filter((p): p is string => p !== null).sort()[0] ?? null,
    })
  }
  return { ok: true, value: { total: found.total, items } }
}
