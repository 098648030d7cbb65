import { compareCpe, formatCpe, parseCpe } from '../cpe/index.js'
import type { CpeValue, Wfn } from '../cpe/index.js'
import { hasPurlAdvisoryData, purlIdentity } from '../kb/index.js'
import type { CpeNode } from '../kb/index.js'
import type { VersionScheme } from '../versions/index.js'
import type { LazyRange, CpeEntry, MatchIndex, ProductEntry, PurlEntry } from './build-index.js'
import { cpeKey } from './build-index.js'
import type { Confidence, CpeFinding, Finding, FindingComponent, FindingEnrichment, MatchComponent, MatchGuard, MatchReport, ProductFinding, PurlFinding } from './model.js'

// The hot loop of a scan (10,000 components against hundreds of thousands of statements) does per component only
// the work of its candidate keys: purl and CPE parses, index look-ups and version parses are memoised per index,
// findings are flat objects built once with enrichment taken by reference, and guard lists are shared constants.

const ANY: CpeValue = { kind: 'any' }

/** A memo that forgets everything when it grows past its limit (scans see the same strings again and again). */
class Memo<K, V> {
  readonly #map = new Map<K, V>()
  constructor(readonly limit: number) {}

  get(key: K): V | undefined {
    return this.#map.get(key)
  }

  set(key: K, value: V): V {
    if (this.#map.size >= this.limit) this.#map.clear()
    this.#map.set(key, value)
    return value
  }
}

/** A package statement that contains a version: everything of its finding except the component. */
interface PurlOutcome {
  readonly entry: PurlEntry
  readonly enrichment: FindingEnrichment
  readonly aliases: readonly string[]
  readonly range: string
  readonly guards: readonly MatchGuard[]
  readonly confidence: Confidence
  readonly reason: string
}

/** The package statements a purl's version is in, and how many pairs could not be compared (version errors). */
interface PurlOutcomes {
  readonly hits: readonly PurlOutcome[]
  readonly versionErrors: number
}

/**
 * What a purl string resolves to in one index: its identity, the entries under its package key, and (once
 * computed) the outcomes of its own version. The outcome depends only on the purl and the index, so a purl seen
 * again (the same SBOM re-scanned, or another SBOM with the same package version) costs a look-up.
 */
interface PurlPlan {
  // The identity's fields without its package key: a plan outlives the scan in the memo, the key is only looked up.
  readonly type: string
  readonly version: string | null
  readonly distro: string | null
  readonly entries: readonly PurlEntry[] | undefined
  readonly products: readonly ProductEntry[] | undefined
  outcomes: PurlOutcomes | undefined
}

/** What a component name resolves to in one index: products under its model number and its name. */
interface NamePlan {
  readonly model: readonly ProductEntry[] | undefined
  readonly name: readonly ProductEntry[] | undefined
}

/** Per-index memos, kept beside the index (the index itself is not changed). */
interface IndexMemo {
  readonly purls: Memo<string, PurlPlan | null>
  readonly names: Memo<string, NamePlan>
  readonly cpes: Memo<string, Wfn | null>
  /** Parsed versions per version scheme: the component versions of a scan are parsed once per scheme. */
  readonly versions: Map<VersionScheme, Memo<string, unknown>>
  /** Whether the index has any model-number or name product keys (most indexes have none). */
  readonly productNames: boolean
  /** Whether the index has any products under a purl's package key (most indexes have none). */
  readonly purlProducts: boolean
  /** A distribution release as compared with a distro qualifier: lower case, without a leading 'v'. */
  readonly releases: Map<string, string>
}

const memos = new WeakMap<MatchIndex, IndexMemo>()
const memoLimit = 200_000

function memoOf(index: MatchIndex): IndexMemo {
  let memo = memos.get(index)
  if (!memo) {
    let productNames = false
    let purlProducts = false
    for (const key of index.products.keys()) {
      if (key.startsWith('model:') || key.startsWith('name:')) productNames = true
      else if (key.startsWith('purl:')) purlProducts = true
      if (productNames && purlProducts) break
    }
    memo = { purls: new Memo(memoLimit), names: new Memo(memoLimit), cpes: new Memo(memoLimit), versions: new Map(), productNames, purlProducts, releases: new Map() }
    memos.set(index, memo)
  }
  return memo
}

function purlPlan(index: MatchIndex, memo: IndexMemo, purl: string): PurlPlan | null {
  const known = memo.purls.get(purl)
  if (known !== undefined) return known
  const identity = purlIdentity(purl)
  if (identity === null) return memo.purls.set(purl, null)
  const products = memo.purlProducts ? index.products.get(`purl:${identity.key}`) : undefined
  return memo.purls.set(purl, { type: identity.type, version: identity.version, distro: identity.distro, entries: index.purl.get(identity.key), products, outcomes: undefined })
}

function namePlan(index: MatchIndex, memo: IndexMemo, name: string): NamePlan {
  const known = memo.names.get(name)
  if (known !== undefined) return known
  const lower = name.toLowerCase()
  return memo.names.set(name, { model: index.products.get(`model:${lower}`), name: index.products.get(`name:${lower}`) })
}

function cpeOf(memo: IndexMemo, cpe: string): Wfn | null {
  const known = memo.cpes.get(cpe)
  if (known !== undefined) return known
  const parsed = parseCpe(cpe)
  return memo.cpes.set(cpe, parsed.ok ? parsed.value : null)
}

/** The version parsed in a scheme (memoised per index), or null when the scheme cannot read it. */
function parsedVersion(memo: IndexMemo, scheme: VersionScheme, version: string): unknown {
  let byVersion = memo.versions.get(scheme)
  if (!byVersion) memo.versions.set(scheme, (byVersion = new Memo(memoLimit)))
  const known = byVersion.get(version)
  if (known !== undefined) return known
  return byVersion.set(version, scheme.parse(version))
}

/** Lower-case, '_' for spaces, without company suffixes: how NVD spells vendors and products. */
function cpeWord(text: string): string {
  return text
    .toLowerCase()
    .replace(/[,.]?\s+(inc|llc|ltd|gmbh|corp|corporation|co|ag|sa|bv|limited)\.?$/g, '')
    .trim()
    .replace(/\s+/g, '_')
}

function literal(text: string): CpeValue {
  return { kind: 'value', literal: text, lead: '', trail: '' }
}

function guessedCpes(component: MatchComponent): Wfn[] {
  const product = cpeWord(component.name)
  if (product === '') return []
  const vendors = new Set<string>([product])
  if (component.supplier) vendors.add(cpeWord(component.supplier))
  return [...vendors].map((vendor) => ({
    part: ANY, vendor: literal(vendor), product: literal(product), version: ANY, update: ANY, edition: ANY, language: ANY, sw_edition: ANY, target_sw: ANY, target_hw: ANY, other: ANY,
  }))
}

// Guard lists and their confidence, shared by every finding that has them (findings are read-only).
const noGuards: readonly MatchGuard[] = Object.freeze([])
const releaseUnknown: readonly MatchGuard[] = Object.freeze(['release_unknown'])
const allVersions: readonly MatchGuard[] = Object.freeze(['all_versions'])
const releaseUnknownAllVersions: readonly MatchGuard[] = Object.freeze(['release_unknown', 'all_versions'])
const nameOnly: readonly MatchGuard[] = Object.freeze(['name_only'])

function confidenceOf(guards: readonly MatchGuard[]): Confidence {
  if (guards.length === 0) return 'high'
  for (const g of guards) if (g !== 'release_unknown' && g !== 'platform_not_in_sbom') return 'low'
  return 'medium'
}

// Versions the scheme of a range could not read: counted once per compared pair, as before.
const NOT_IN = 0
const IN = 1
const ERROR = 2

/** Whether the version lies in a range: IN, NOT_IN, or ERROR when the range or the version cannot be read. */
function rangeHas(memo: IndexMemo, range: LazyRange, version: string): number {
  const compiled = range.compiled
  if (!compiled) return ERROR
  const key = parsedVersion(memo, compiled.scheme, version)
  if (key === null) return ERROR
  return compiled.containsParsed(key) ? IN : NOT_IN
}

// Version-free (and, for guessed names, part-free) forms of a WFN, made once per WFN object.
const versionless = new WeakMap<Wfn, Wfn>()
const versionAndPartless = new WeakMap<Wfn, Wfn>()
const formatted = new WeakMap<Wfn, string>()

function withoutVersion(wfn: Wfn, ignorePart: boolean): Wfn {
  const memo = ignorePart ? versionAndPartless : versionless
  let out = memo.get(wfn)
  if (!out) memo.set(wfn, (out = ignorePart ? { ...wfn, version: ANY, part: ANY } : { ...wfn, version: ANY }))
  return out
}

function formattedCpe(wfn: Wfn): string {
  let out = formatted.get(wfn)
  if (out === undefined) formatted.set(wfn, (out = formatCpe(wfn)))
  return out
}

interface Cover {
  readonly covers: boolean
  readonly crossed: boolean
}
const covered: Cover = { covers: true, crossed: false }
const notCovered: Cover = { covers: false, crossed: false }
const crossedCovered: Cover = { covers: true, crossed: true }
const crossedNotCovered: Cover = { covers: false, crossed: true }

/** Whether a WFN criterion covers a name when versions are left out (versions are compared as ranges instead). */
function coversIgnoringVersion(criterion: Wfn, name: Wfn, ignorePart = false): Cover {
  // A guessed name does not know whether it is an application, an OS or hardware: its part is left out as well.
  const comparison = compareCpe(withoutVersion(criterion, ignorePart), withoutVersion(name, ignorePart))
  if (comparison.vendorProductCrossed) {
    // Crossed pairs are DISJOINT for NISTIR 7696; they are reported at low confidence rather than dropped or trusted.
    for (const k in comparison.attributes) {
      if (k !== 'vendor' && k !== 'product' && comparison.attributes[k as keyof typeof comparison.attributes] === 'DISJOINT') return crossedNotCovered
    }
    return crossedCovered
  }
  return comparison.result === 'SUPERSET' || comparison.result === 'EQUAL' ? covered : notCovered
}

function nodeSatisfiedBy(memo: IndexMemo, node: CpeNode, names: readonly Wfn[]): boolean {
  const hit = (criteria: string) => {
    const wfn = cpeOf(memo, criteria)
    if (!wfn) return false
    for (const n of names) {
      const cover = coversIgnoringVersion(wfn, n)
      if (cover.covers && !cover.crossed) return true
    }
    return false
  }
  const matches = node.operator === 'AND' ? node.matches.every((m) => hit(m.criteria)) : node.matches.some((m) => hit(m.criteria))
  return node.negate ? !matches : matches
}

// The outcome of a version that is in none of its package's statements (most versions of most packages).
const noOutcomes: PurlOutcomes = Object.freeze({ hits: Object.freeze([]), versionErrors: 0 })

function releaseKey(memo: IndexMemo, release: string): string {
  let key = memo.releases.get(release)
  if (key === undefined) memo.releases.set(release, (key = release.toLowerCase().replace(/^v/, '')))
  return key
}

/** The package statements of a package key that contain a version, in index order. */
function purlOutcomes(index: MatchIndex, memo: IndexMemo, plan: PurlPlan, entries: readonly PurlEntry[], version: string): PurlOutcomes {
  let hits: PurlOutcome[] | null = null
  let versionErrors = 0
  let distro: string | null = null
  for (const entry of entries) {
    let releaseGuard = false
    const release = entry.release
    if (release !== null) {
      if (plan.distro === null) releaseGuard = true
      else if (!(distro ??= plan.distro.toLowerCase()).includes(releaseKey(memo, release))) continue
    }
    const listed = entry.versions.size > 0 && (entry.versions.has(version) || entry.versions.has(version.toLowerCase()))
    let range: LazyRange | null = null
    if (!listed) {
      let error = false
      for (const r of entry.ranges) {
        const has = rangeHas(memo, r, version)
        if (has === IN) {
          range = r
          break
        }
        if (has === ERROR) error = true
      }
      if (range === null) {
        if (error) versionErrors++
        continue
      }
    }
    const star = range !== null && (range.compiled?.range.star ?? false)
    const guards = releaseGuard ? (star ? releaseUnknownAllVersions : releaseUnknown) : star ? allVersions : noGuards
    const rangeText = range === null ? `listed versions (${entry.versions.size})` : range.text
    if (hits === null) hits = []
    hits.push({
      entry,
      enrichment: index.enrichmentOf(entry.vulnerabilityId),
      aliases: index.aliasesOf(entry.vulnerabilityId),
      range: rangeText,
      guards,
      confidence: confidenceOf(guards),
      reason: reasonOf(entry, range, rangeText, version),
    })
  }
  return hits === null && versionErrors === 0 ? noOutcomes : { hits: hits ?? noOutcomes.hits, versionErrors }
}

/**
 * Why a package version is affected: '<ecosystem> package <name> <version> is in <range> (<source> <id>)'. The text
 * before and after the version is made once per statement (and its first range) and kept on the entry, so a hit
 * costs one two-part concatenation that shares both halves with every other version of the package.
 */
function reasonOf(entry: PurlEntry, range: LazyRange | null, rangeText: string, version: string): string {
  let parts = entry.reasonParts
  if (parts === undefined || parts.range !== range) {
    const statement = entry.statement
    parts = { range, head: `${entry.affected.ecosystem} package ${entry.affected.name} `, tail: ` is in ${rangeText} (${statement.source} ${statement.sourceId})` }
    // Only the first range's text is kept (nearly every statement has one range); listed versions are kept too.
    if (range === null || range === entry.ranges[0]) entry.reasonParts = parts
  }
  return parts.head + version + parts.tail
}

/**
 * Matches components against the index. Every finding says why (source, identifier, range, version compared,
 * confidence and the guards that lowered it). Components with neither purl nor CPE are listed as unmatched.
 */
export function matchComponents(index: MatchIndex, components: readonly MatchComponent[]): MatchReport {
  const memo = memoOf(index)
  const count = components.length
  const plans: (PurlPlan | null)[] = new Array(count)
  const wfns: (Wfn | null)[] = new Array(count)
  // The SBOM's declared CPEs: the platforms an AND configuration may require (a device SBOM lists its OS and hardware).
  const sbomNames: Wfn[] = []
  let withPurl = 0
  let withCpe = 0
  for (let i = 0; i < count; i++) {
    const c = components[i] as MatchComponent
    const plan = c.purl ? purlPlan(index, memo, c.purl) : null
    const wfn = c.cpe ? cpeOf(memo, c.cpe) : null
    plans[i] = plan
    wfns[i] = wfn
    if (plan) withPurl++
    if (wfn) {
      withCpe++
      sbomNames.push(wfn)
    }
  }

  const findings: Finding[] = []
  // Findings of each component ref, for the duplicate check (a source listing one package twice, or two refs alike).
  const byRef = new Map<string, Finding[]>()
  const affectedRefs = new Set<string>()
  const byConfidence = { high: 0, medium: 0, low: 0 }
  let versionErrors = 0
  const emit = (finding: Finding) => {
    const ref = finding.component.ref
    let list = byRef.get(ref)
    if (list === undefined) byRef.set(ref, (list = []))
    else {
      for (const f of list) {
        if (f.vulnerabilityId === finding.vulnerabilityId && f.sourceId === finding.sourceId && f.kind === finding.kind && f.status === finding.status) return
      }
    }
    list.push(finding)
    findings.push(finding)
    byConfidence[finding.confidence]++
    if (finding.status === 'affected') affectedRefs.add(ref)
  }

  // The component being matched: its source, identities, the version compared, and its view (made on first finding).
  let component: MatchComponent = components[0] as MatchComponent
  let plan: PurlPlan | null = null
  let wfn: Wfn | null = null
  let version: string | null = null
  let view: FindingComponent | null = null
  const viewOf = (): FindingComponent => {
    if (view === null) {
      view = { ref: component.ref, name: component.name, version: component.version ?? plan?.version ?? null, purl: component.purl ?? null, cpe: component.cpe ?? null }
    }
    return view
  }

  for (let i = 0; i < count; i++) {
    component = components[i] as MatchComponent
    plan = plans[i] as PurlPlan | null
    wfn = wfns[i] as Wfn | null
    view = null
    const cpeVersion = wfn?.version.kind === 'value' ? wfn.version.literal : null
    version = plan?.version ?? component.version ?? cpeVersion ?? null

    if (plan) {
      if (plan.entries !== undefined && version !== null) matchPurlEntries(plan, plan.entries, version)
      if (plan.products !== undefined) for (const entry of plan.products) matchProduct(entry, 'purl', noGuards)
    }

    // Only components with no package identity get guessed CPEs: guessing for a purl package is the classic false positive.
    if (wfn) matchCpeCandidate(wfn, false)
    else if (!plan || plan.type === 'generic') for (const guess of guessedCpes(component)) matchCpeCandidate(guess, true)

    if (memo.productNames) {
      const names = namePlan(index, memo, component.name)
      if (names.model !== undefined) for (const entry of names.model) matchProduct(entry, 'model_number', noGuards)
      if (!plan && !wfn && names.name !== undefined) for (const entry of names.name) matchProduct(entry, 'name', nameOnly)
    }
  }

  function matchPurlEntries(p: PurlPlan, entries: readonly PurlEntry[], version: string): void {
    // The outcome of a purl that carries its version is kept in its plan; without one it depends on the component.
    let outcomes = p.version === null ? undefined : p.outcomes
    if (outcomes === undefined) {
      outcomes = purlOutcomes(index, memo, p, entries, version)
      if (p.version !== null) p.outcomes = outcomes
    }
    versionErrors += outcomes.versionErrors
    for (const o of outcomes.hits) {
      const entry = o.entry
      const statement = entry.statement
      const finding: PurlFinding = {
        kind: 'purl',
        kev: o.enrichment.kev,
        epss: o.enrichment.epss,
        cvss: o.enrichment.cvss,
        component: viewOf(),
        vulnerabilityId: entry.vulnerabilityId,
        aliases: o.aliases,
        source: statement.source,
        sourceId: statement.sourceId,
        origin: statement.origin,
        packageKey: entry.key,
        ecosystem: entry.affected.ecosystem,
        range: o.range,
        versionCompared: version,
        status: entry.affected.status,
        confidence: o.confidence,
        guards: o.guards,
        reason: o.reason,
      }
      emit(finding)
    }
  }

  function matchCpeCandidate(name: Wfn, guessed: boolean): void {
    const key = cpeKey(name)
    if (key) {
      const entries = index.cpe.get(key)
      if (entries !== undefined) for (const entry of entries) matchCpe(name, guessed, entry)
    }
    for (const entry of index.cpeWildcard) matchCpe(name, guessed, entry)
    if (key) {
      const products = index.products.get(`cpe:${key}`)
      if (products !== undefined) for (const entry of products) matchProduct(entry, guessed ? 'name' : 'cpe', guessed ? nameOnly : noGuards)
    }
  }

  function matchCpe(name: Wfn, guessed: boolean, entry: CpeEntry): void {
    const cover = coversIgnoringVersion(entry.wfn, name, guessed)
    if (!cover.covers) return
    const compared = guessed ? component.version ?? null : name.version.kind === 'value' ? name.version.literal : version
    const star = entry.range.compiled?.range.star ?? false
    if (!star) {
      if (compared === null) return
      const has = rangeHas(memo, entry.range, compared)
      if (has === ERROR) versionErrors++
      if (has !== IN) return
    }
    const guards: MatchGuard[] = []
    if (star) guards.push('all_versions')
    if (cover.crossed) guards.push('vendor_product_crossed')
    if (guessed) guards.push('name_only')
    if (plan && hasPurlAdvisoryData(plan.type)) guards.push('ecosystem_has_purl_data')
    const platforms: { criteria: string; present: boolean }[] = []
    const config = entry.configuration
    if (config.operator === 'AND') {
      config.nodes.forEach((node, n) => {
        if (n === entry.nodeIndex) return
        const present = nodeSatisfiedBy(memo, node, sbomNames)
        for (const m of node.matches) platforms.push({ criteria: m.criteria, present })
      })
      if (platforms.some((x) => !x.present)) guards.push('platform_not_in_sbom')
    }
    const shown = formattedCpe(name)
    const statement = entry.statement
    const enrichment = index.enrichmentOf(entry.vulnerabilityId)
    const finding: CpeFinding = {
      kind: 'cpe',
      kev: enrichment.kev,
      epss: enrichment.epss,
      cvss: enrichment.cvss,
      component: viewOf(),
      vulnerabilityId: entry.vulnerabilityId,
      aliases: index.aliasesOf(entry.vulnerabilityId),
      source: statement.source,
      sourceId: statement.sourceId,
      origin: statement.origin,
      criteria: entry.match.criteria,
      componentCpe: shown,
      platforms,
      range: entry.match.range,
      versionCompared: compared,
      status: config.status,
      confidence: confidenceOf(guards),
      guards,
      reason: `${guessed ? 'guessed ' : ''}CPE ${shown} is covered by ${entry.match.criteria}${star ? ' (every version)' : ` and ${compared} is in ${entry.match.range}`} (${statement.source} ${statement.sourceId})`,
    }
    emit(finding)
  }

  function matchProduct(entry: ProductEntry, on: 'purl' | 'cpe' | 'model_number' | 'name', guards: readonly MatchGuard[]): void {
    const product = entry.product
    if (on === 'name' && product.vendor && component.supplier && cpeWord(product.vendor) !== cpeWord(component.supplier)) return
    if (on === 'cpe' && entry.wfn && wfn && !coversIgnoringVersion(entry.wfn, wfn).covers) return
    let range: string | null = null
    if (on === 'purl' && product.purl) {
      const id = purlIdentity(product.purl)
      if (id?.version && id.version !== version) return
      if (id?.version) range = `=${id.version}`
    }
    if (entry.range) {
      if (version === null) return
      const has = rangeHas(memo, entry.range, version)
      if (has === ERROR) versionErrors++
      if (has !== IN) return
      range = entry.range.text
    } else if (product.version && range === null) {
      if (version !== null && version !== product.version) return
      range = `=${product.version}`
    }
    const statement = entry.statement
    const enrichment = index.enrichmentOf(entry.vulnerabilityId)
    const finding: ProductFinding = {
      kind: 'product',
      kev: enrichment.kev,
      epss: enrichment.epss,
      cvss: enrichment.cvss,
      component: viewOf(),
      vulnerabilityId: entry.vulnerabilityId,
      aliases: index.aliasesOf(entry.vulnerabilityId),
      source: statement.source,
      sourceId: statement.sourceId,
      origin: statement.origin,
      productId: product.productId,
      productName: product.name,
      matchedOn: on,
      range: range ?? 'any version',
      versionCompared: version,
      status: product.status,
      confidence: confidenceOf(guards),
      guards,
      reason: `${product.name} (${on.replace('_', ' ')}) is ${product.status.replace('_', ' ')} per ${statement.source} ${statement.sourceId}`,
    }
    emit(finding)
  }

  const unmatchedComponents: { ref: string; name: string }[] = []
  for (let i = 0; i < count; i++) {
    if (!plans[i] && !wfns[i]) {
      const c = components[i] as MatchComponent
      unmatchedComponents.push({ ref: c.ref, name: c.name })
    }
  }
  return {
    findings,
    unmatchedComponents,
    stats: {
      components: count,
      withPurl,
      withCpe,
      withoutIdentity: unmatchedComponents.length,
      findings: findings.length,
      affectedComponents: affectedRefs.size,
      byConfidence,
      versionErrors,
    },
  }
}
