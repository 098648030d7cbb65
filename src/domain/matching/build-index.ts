import { parseCpe } from '../cpe/index.js'
import type { Wfn } from '../cpe/index.js'
import { scoreCvssVector } from '../cvss/index.js'
import { packageKey, purlIdentity } from '../kb/index.js'
import type { CpeConfigurationAffected, CpeMatchStatement, EpssScore, KbStatement, KevEntry, PackageAffected, ProductAffected } from '../kb/index.js'
import { compileVers, parseVers } from '../vers/index.js'
import type { CompiledVers } from '../vers/index.js'
import { schemeNameFor } from '../versions/index.js'
import type { FindingEnrichment } from './model.js'

/** A statement as the store hands it over: the statement and the alias group it belongs to. */
export interface IndexedStatement {
  readonly vulnerabilityId: string
  readonly statement: KbStatement
}

/** What the index is built from: statements, and the KEV and EPSS enrichments. */
export interface MatchIndexInput {
  readonly statements: Iterable<IndexedStatement>
  readonly kev?: Iterable<KevEntry>
  readonly epss?: Iterable<EpssScore>
}

/** A range compiled on first use (most ranges are never needed for a given SBOM); null when it cannot be compiled. */
export class LazyRange {
  #compiled: CompiledVers | null | undefined
  constructor(readonly text: string) {}

  /** The compiled range, or null when the text is not a usable vers range. */
  get compiled(): CompiledVers | null {
    if (this.#compiled === undefined) {
      const parsed = parseVers(this.text)
      const compiled = parsed.ok ? compileVers(parsed.value) : parsed
      this.#compiled = compiled.ok ? compiled.value : null
    }
    return this.#compiled
  }
}

/** A package statement under its package key. */
export interface PurlEntry {
  readonly vulnerabilityId: string
  readonly statement: KbStatement
  readonly affected: PackageAffected
  readonly key: string
  /** The affected package's distribution release (a copy, read first for every candidate version). */
  readonly release: string | null
  readonly ranges: readonly LazyRange[]
  readonly versions: ReadonlySet<string>
  /** Scan cache (match.ts): the text of this statement's finding reason around the version, made on its first hit. */
  reasonParts: { readonly range: LazyRange | null; readonly head: string; readonly tail: string } | undefined
}

/** One vulnerable CPE criterion with its configuration. */
export interface CpeEntry {
  readonly vulnerabilityId: string
  readonly statement: KbStatement
  readonly configuration: CpeConfigurationAffected
  readonly nodeIndex: number
  readonly match: CpeMatchStatement
  readonly wfn: Wfn
  readonly range: LazyRange
}

/** A named product with its parsed identities. */
export interface ProductEntry {
  readonly vulnerabilityId: string
  readonly statement: KbStatement
  readonly product: ProductAffected
  readonly wfn: Wfn | null
  readonly range: LazyRange | null
}

/** The in-memory matching index: statements by package key, CPE vendor:product, and product identity. */
export interface MatchIndex {
  readonly purl: ReadonlyMap<string, readonly PurlEntry[]>
  readonly cpe: ReadonlyMap<string, readonly CpeEntry[]>
  /** Criteria whose vendor or product has a wildcard: compared with every CPE. */
  readonly cpeWildcard: readonly CpeEntry[]
  readonly products: ReadonlyMap<string, readonly ProductEntry[]>
  readonly statements: number
  readonly skippedWithdrawn: number
  /** The aliases of each vulnerability group. */
  aliasesOf(vulnerabilityId: string): readonly string[]
  /** KEV, EPSS and best CVSS of a vulnerability (computed once per vulnerability). */
  enrichmentOf(vulnerabilityId: string): FindingEnrichment
}

/** The vendor:product key of a WFN, or null when either has a wildcard or is ANY/NA. */
export function cpeKey(wfn: Wfn): string | null {
  const v = wfn.vendor
  const p = wfn.product
  if (v.kind !== 'value' || p.kind !== 'value' || v.lead || v.trail || p.lead || p.trail) return null
  return `${v.literal}:${p.literal}`
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key)
  if (list) list.push(value)
  else map.set(key, [value])
}

// Most package statements list no single versions: they share one empty set instead of holding one each.
const noVersions: ReadonlySet<string> = new Set<string>()
const noRanges: readonly LazyRange[] = Object.freeze([])

/** Builds the matching index from knowledge-base rows; withdrawn statements are left out. */
export function buildMatchIndex(input: MatchIndexInput): MatchIndex {
  const purl = new Map<string, PurlEntry[]>()
  const cpe = new Map<string, CpeEntry[]>()
  const cpeWildcard: CpeEntry[] = []
  const products = new Map<string, ProductEntry[]>()
  // A group's statements: one statement alone (most groups), promoted to a list at the second. The aliases of a
  // group are derived from its statements on demand, so the index holds no set of ids per group.
  const groupStatements = new Map<string, KbStatement | KbStatement[]>()
  const ranges = new Map<string, LazyRange>()
  const lazy = (text: string) => {
    let range = ranges.get(text)
    if (!range) ranges.set(text, (range = new LazyRange(text)))
    return range
  }
  // Range lists are shared by every statement with the same ranges (far fewer lists than statements), which also
  // keeps them in cache during a scan. Keyed by the one text, or by the JSON of several, in two maps (no collision).
  const singleRanges = new Map<string, readonly LazyRange[]>()
  const multipleRanges = new Map<string, readonly LazyRange[]>()
  const rangesOf = (texts: readonly string[]) => {
    if (texts.length === 0) return noRanges
    const lists = texts.length === 1 ? singleRanges : multipleRanges
    const key = texts.length === 1 ? (texts[0] as string) : JSON.stringify(texts)
    let list = lists.get(key)
    if (!list) lists.set(key, (list = Object.freeze(texts.map(lazy))))
    return list
  }
  const schemes = new Map<string, string>()
  const schemeOf = (ecosystemOrType: string) => {
    let scheme = schemes.get(ecosystemOrType)
    if (scheme === undefined) schemes.set(ecosystemOrType, (scheme = schemeNameFor(ecosystemOrType)))
    return scheme
  }
  let statements = 0
  let skippedWithdrawn = 0
  for (const { vulnerabilityId, statement } of input.statements) {
    if (statement.withdrawn) {
      skippedWithdrawn++
      continue
    }
    statements++
    const known = groupStatements.get(vulnerabilityId)
    if (known === undefined) groupStatements.set(vulnerabilityId, statement)
    else if (Array.isArray(known)) known.push(statement)
    else groupStatements.set(vulnerabilityId, [known as KbStatement, statement])
    for (const affected of statement.affected) {
      if (affected.kind === 'package') {
        if (!affected.purlType) continue
        const key = packageKey(affected.purlType, affected.namespace, affected.name)
        // Explicit versions are compared as text as well as in the scheme's order (see match.ts).
        const pypi = affected.versions.length > 0 && schemeOf(affected.ecosystem || affected.purlType) === 'pypi'
        const versions = affected.versions.length === 0 ? noVersions : new Set(pypi ? affected.versions.map((v) => v.toLowerCase()) : affected.versions)
        push(purl, key, { vulnerabilityId, statement, affected, key, release: affected.release, ranges: rangesOf(affected.ranges), versions, reasonParts: undefined })
      } else if (affected.kind === 'cpe') {
        affected.nodes.forEach((node, nodeIndex) => {
          for (const match of node.matches) {
            if (!match.vulnerable) continue
            const wfn = parseCpe(match.criteria)
            if (!wfn.ok) continue
            const entry: CpeEntry = { vulnerabilityId, statement, configuration: affected, nodeIndex, match, wfn: wfn.value, range: lazy(match.range) }
            const key = cpeKey(wfn.value)
            if (key) push(cpe, key, entry)
            else cpeWildcard.push(entry)
          }
        })
      } else {
        const wfn = affected.cpe ? parseCpe(affected.cpe) : null
        const entry: ProductEntry = { vulnerabilityId, statement, product: affected, wfn: wfn?.ok ? wfn.value : null, range: affected.range ? lazy(affected.range) : null }
        for (const key of productKeys(affected, entry.wfn)) push(products, key, entry)
      }
    }
  }
  const kev = new Map<string, KevEntry>()
  for (const k of input.kev ?? []) kev.set(k.cveId, k)
  const epss = new Map<string, EpssScore>()
  for (const e of input.epss ?? []) epss.set(e.cveId, e)
  const enrichment = new Map<string, FindingEnrichment>()
  // Scores by vector: a knowledge base has far fewer distinct vectors than vulnerabilities (the first scan of an
  // SBOM computes the enrichment of every vulnerability it hits).
  const scores = new Map<string, ReturnType<typeof scoreCvssVector>>()
  const scoreOf = (vector: string) => {
    let score = scores.get(vector)
    if (score === undefined) scores.set(vector, (score = scoreCvssVector(vector)))
    return score
  }
  const aliasLists = new Map<string, readonly string[]>()
  const statementsOf = (vulnerabilityId: string): readonly KbStatement[] => {
    const known = groupStatements.get(vulnerabilityId)
    return known === undefined ? [] : Array.isArray(known) ? known : [known as KbStatement]
  }
  return {
    purl,
    cpe,
    cpeWildcard,
    products,
    statements,
    skippedWithdrawn,
    aliasesOf(vulnerabilityId) {
      let list = aliasLists.get(vulnerabilityId)
      if (!list) {
        // Most groups are one statement with a few ids: a list is enough to keep them unique.
        const ids: string[] = []
        for (const s of statementsOf(vulnerabilityId)) for (const id of s.ids) if (id !== vulnerabilityId && !ids.includes(id)) ids.push(id)
        aliasLists.set(vulnerabilityId, (list = ids.sort()))
      }
      return list
    },
    enrichmentOf(vulnerabilityId) {
      const known = enrichment.get(vulnerabilityId)
      if (known) return known
      // The group id first, then its aliases in order: the first KEV entry and EPSS score found win.
      const aliases = this.aliasesOf(vulnerabilityId)
      let kevEntry = kev.get(vulnerabilityId)
      let epssEntry = epss.get(vulnerabilityId)
      for (const id of aliases) {
        kevEntry ??= kev.get(id)
        epssEntry ??= epss.get(id)
      }
      const computed: FindingEnrichment = {
        kev: kevEntry ? { dateAdded: kevEntry.dateAdded, dueDate: kevEntry.dueDate } : null,
        epss: epssEntry ? { score: epssEntry.epss, percentile: epssEntry.percentile, date: epssEntry.scoreDate } : null,
        cvss: bestCvss(statementsOf(vulnerabilityId), scoreOf),
      }
      enrichment.set(vulnerabilityId, computed)
      return computed
    },
  }
}

/** The lookup keys of a product: its purl's package key, CPE vendor:product, model and serial numbers, and its name. */
export function productKeys(product: ProductAffected, wfn: Wfn | null): string[] {
  const keys: string[] = []
  if (product.purl) {
    const id = purlIdentity(product.purl)
    if (id) keys.push(`purl:${id.key}`)
  }
  const key = wfn ? cpeKey(wfn) : null
  if (key) keys.push(`cpe:${key}`)
  for (const m of product.modelNumbers) keys.push(`model:${m.toLowerCase()}`)
  for (const s of product.serialNumbers) keys.push(`serial:${s.toLowerCase()}`)
  if (product.product) keys.push(`name:${product.product.toLowerCase()}`)
  return keys
}

// The highest score among the vulnerability's CVSS vectors, recomputed from the vector rather than trusted.
function bestCvss(statements: readonly KbStatement[], scoreOf: (vector: string) => ReturnType<typeof scoreCvssVector>): FindingEnrichment['cvss'] {
  let best: FindingEnrichment['cvss'] = null
  for (const s of statements) {
    for (const severity of s.severities) {
      if (severity.kind !== 'cvss') continue
      const score = scoreOf(severity.vector)
      if (!score.ok) continue
      if (best === null || score.value.baseScore > best.score) {
        best = { vector: score.value.vector, score: score.value.baseScore, severity: score.value.baseSeverity, source: s.source, author: severity.author }
      }
    }
  }
  return best
}
