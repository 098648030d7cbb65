import { compareCpe, formatCpe, parseCpe } from '../cpe/index.js'
import type { CpeValue, Wfn } from '../cpe/index.js'
import { hasPurlAdvisoryData, purlIdentity } from '../kb/index.js'
import type { CpeNode } from '../kb/index.js'
import type { LazyRange, CpeEntry, MatchIndex, ProductEntry, PurlEntry } from './build-index.js'
import { cpeKey } from './build-index.js'
import type { Confidence, Finding, FindingComponent, MatchComponent, MatchGuard, MatchReport } from './model.js'

const ANY: CpeValue = { kind: 'any' }

interface PreparedComponent {
  readonly source: MatchComponent
  readonly view: FindingComponent
  readonly purl: ReturnType<typeof purlIdentity>
  readonly wfn: Wfn | null
  readonly version: string | null
  /** The CPE used for matching: the declared one, or one guessed from supplier and name. */
  readonly cpeCandidates: readonly { readonly wfn: Wfn; readonly guessed: boolean }[]
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

function prepare(component: MatchComponent): PreparedComponent {
  const purl = component.purl ? purlIdentity(component.purl) : null
  const parsedCpe = component.cpe ? parseCpe(component.cpe) : null
  const wfn = parsedCpe?.ok ? parsedCpe.value : null
  const cpeVersion = wfn?.version.kind === 'value' ? wfn.version.literal : null
  const version = purl?.version ?? component.version ?? cpeVersion ?? null
  // Only components with no package identity get guessed CPEs: guessing for a purl package is the classic false positive.
  const cpeCandidates = wfn ? [{ wfn, guessed: false }] : purl && purl.type !== 'generic' ? [] : guessedCpes(component).map((w) => ({ wfn: w, guessed: true }))
  return {
    source: component,
    view: { ref: component.ref, name: component.name, version: component.version ?? purl?.version ?? null, purl: component.purl ?? null, cpe: component.cpe ?? null },
    purl,
    wfn,
    version,
    cpeCandidates,
  }
}

function confidenceOf(guards: readonly MatchGuard[]): Confidence {
  if (guards.some((g) => g !== 'release_unknown' && g !== 'platform_not_in_sbom')) return 'low'
  return guards.length > 0 ? 'medium' : 'high'
}

type Containment = { readonly kind: 'in'; readonly range: string } | { readonly kind: 'out' } | { readonly kind: 'error' }

function containedIn(ranges: readonly LazyRange[], version: string): Containment {
  let error = false
  for (const range of ranges) {
    const compiled = range.compiled
    if (!compiled) {
      error = true
      continue
    }
    const result = compiled.contains(version)
    if (!result.ok) error = true
    else if (result.value) return { kind: 'in', range: range.text }
  }
  return error ? { kind: 'error' } : { kind: 'out' }
}

function isStar(range: LazyRange): boolean {
  return range.compiled?.range.star ?? false
}

/** Whether a WFN criterion covers a name when versions are left out (versions are compared as ranges instead). */
function coversIgnoringVersion(criterion: Wfn, name: Wfn, ignorePart = false): { readonly covers: boolean; readonly crossed: boolean } {
  // A guessed name does not know whether it is an application, an OS or hardware: its part is left out as well.
  const part = ignorePart ? { part: ANY } : {}
  const comparison = compareCpe({ ...criterion, version: ANY, ...part }, { ...name, version: ANY, ...part })
  if (comparison.vendorProductCrossed) {
    // Crossed pairs are DISJOINT for NISTIR 7696; they are reported at low confidence rather than dropped or trusted.
    const rest = Object.entries(comparison.attributes).every(([k, r]) => k === 'vendor' || k === 'product' || r !== 'DISJOINT')
    return { covers: rest, crossed: true }
  }
  return { covers: comparison.result === 'SUPERSET' || comparison.result === 'EQUAL', crossed: false }
}

function nodeSatisfiedBy(node: CpeNode, names: readonly Wfn[]): boolean {
  const hit = (criteria: string) => {
    const wfn = parseCpe(criteria)
    return wfn.ok && names.some((n) => coversIgnoringVersion(wfn.value, n).covers && !coversIgnoringVersion(wfn.value, n).crossed)
  }
  const matches = node.operator === 'AND' ? node.matches.every((m) => hit(m.criteria)) : node.matches.some((m) => hit(m.criteria))
  return node.negate ? !matches : matches
}

/**
 * Matches components against the index. Every finding says why (source, identifier, range, version compared,
 * confidence and the guards that lowered it). Components with neither purl nor CPE are listed as unmatched.
 */
export function matchComponents(index: MatchIndex, components: readonly MatchComponent[]): MatchReport {
  const prepared = components.map(prepare)
  // The SBOM's declared CPEs: the platforms an AND configuration may require (a device SBOM lists its OS and hardware).
  const sbomNames = prepared.map((p) => p.wfn).filter((w): w is Wfn => w !== null)
  const findings: Finding[] = []
  const seen = new Set<string>()
  let versionErrors = 0
  const emit = (finding: Finding) => {
    const key = `${finding.component.ref}\u0000${finding.vulnerabilityId}\u0000${finding.sourceId}\u0000${finding.kind}\u0000${finding.status}`
    if (seen.has(key)) return
    seen.add(key)
    findings.push(finding)
  }
  const base = (p: PreparedComponent, e: { vulnerabilityId: string; statement: PurlEntry['statement'] }) => ({
    ...index.enrichmentOf(e.vulnerabilityId),
    component: p.view,
    vulnerabilityId: e.vulnerabilityId,
    aliases: index.aliasesOf(e.vulnerabilityId),
    source: e.statement.source,
    sourceId: e.statement.sourceId,
    origin: e.statement.origin,
  })

  for (const p of prepared) {
    if (p.purl) {
      for (const entry of index.purl.get(p.purl.key) ?? []) {
        if (p.version === null) continue
        const guards: MatchGuard[] = []
        const release = entry.affected.release
        if (release !== null) {
          if (p.purl.distro === null) guards.push('release_unknown')
          else if (!p.purl.distro.toLowerCase().includes(release.toLowerCase().replace(/^v/, ''))) continue
        }
        const listed = entry.versions.has(p.version) || entry.versions.has(p.version.toLowerCase())
        const contained = listed ? ({ kind: 'in', range: `listed versions (${entry.versions.size})` } as const) : containedIn(entry.ranges, p.version)
        if (contained.kind === 'error') versionErrors++
        if (contained.kind !== 'in') continue
        if (!listed && entry.ranges.some((r) => r.text === contained.range && isStar(r))) guards.push('all_versions')
        emit({
          kind: 'purl',
          ...base(p, entry),
          packageKey: entry.key,
          ecosystem: entry.affected.ecosystem,
          range: contained.range,
          versionCompared: p.version,
          status: entry.affected.status,
          confidence: confidenceOf(guards),
          guards,
          reason: `${entry.affected.ecosystem} package ${entry.affected.name} ${p.version} is in ${contained.range} (${entry.statement.source} ${entry.statement.sourceId})`,
        })
      }
      for (const entry of index.products.get(`purl:${p.purl.key}`) ?? []) matchProduct(p, entry, 'purl', [])
    }

    for (const candidate of p.cpeCandidates) {
      const key = cpeKey(candidate.wfn)
      const entries = key ? [...(index.cpe.get(key) ?? []), ...index.cpeWildcard] : index.cpeWildcard
      for (const entry of entries) matchCpe(p, candidate.wfn, candidate.guessed, entry)
      if (key) for (const entry of index.products.get(`cpe:${key}`) ?? []) matchProduct(p, entry, candidate.guessed ? 'name' : 'cpe', candidate.guessed ? ['name_only'] : [])
    }

    for (const entry of index.products.get(`model:${p.source.name.toLowerCase()}`) ?? []) matchProduct(p, entry, 'model_number', [])
    if (!p.purl && !p.wfn) for (const entry of index.products.get(`name:${p.source.name.toLowerCase()}`) ?? []) matchProduct(p, entry, 'name', ['name_only'])
  }

  function matchCpe(p: PreparedComponent, name: Wfn, guessed: boolean, entry: CpeEntry): void {
    const cover = coversIgnoringVersion(entry.wfn, name, guessed)
    if (!cover.covers) return
    const version = guessed ? p.source.version ?? null : name.version.kind === 'value' ? name.version.literal : p.version
    const star = isStar(entry.range)
    if (!star) {
      if (version === null) return
      const contained = containedIn([entry.range], version)
      if (contained.kind === 'error') versionErrors++
      if (contained.kind !== 'in') return
    }
    const guards: MatchGuard[] = []
    if (star) guards.push('all_versions')
    if (cover.crossed) guards.push('vendor_product_crossed')
    if (guessed) guards.push('name_only')
    if (p.purl && hasPurlAdvisoryData(p.purl.type)) guards.push('ecosystem_has_purl_data')
    const platforms: { criteria: string; present: boolean }[] = []
    const config = entry.configuration
    const others = config.nodes.filter((_, i) => i !== entry.nodeIndex)
    if (config.operator === 'AND') {
      for (const node of others) {
        const present = nodeSatisfiedBy(node, sbomNames)
        for (const m of node.matches) platforms.push({ criteria: m.criteria, present })
      }
      if (platforms.some((x) => !x.present)) guards.push('platform_not_in_sbom')
    }
    const shown = formatCpe(name)
    emit({
      kind: 'cpe',
      ...base(p, entry),
      criteria: entry.match.criteria,
      componentCpe: shown,
      platforms,
      range: entry.match.range,
      versionCompared: version,
      status: config.status,
      confidence: confidenceOf(guards),
      guards,
      reason: `${guessed ? 'guessed ' : ''}CPE ${shown} is covered by ${entry.match.criteria}${star ? ' (every version)' : ` and ${version} is in ${entry.match.range}`} (${entry.statement.source} ${entry.statement.sourceId})`,
    })
  }

  function matchProduct(p: PreparedComponent, entry: ProductEntry, on: 'purl' | 'cpe' | 'model_number' | 'name', guards: MatchGuard[]): void {
    const product = entry.product
    if (on === 'name' && product.vendor && p.source.supplier && cpeWord(product.vendor) !== cpeWord(p.source.supplier)) return
    if (on === 'cpe' && entry.wfn && p.wfn && !coversIgnoringVersion(entry.wfn, p.wfn).covers) return
    const version = p.version
    let range: string | null = null
    if (on === 'purl' && product.purl) {
      const id = purlIdentity(product.purl)
      if (id?.version && id.version !== p.version) return
      if (id?.version) range = `=${id.version}`
    }
    if (entry.range) {
      if (version === null) return
      const contained = containedIn([entry.range], version)
      if (contained.kind === 'error') versionErrors++
      if (contained.kind !== 'in') return
      range = entry.range.text
    } else if (product.version && range === null) {
      if (version !== null && version !== product.version) return
      range = `=${product.version}`
    }
    emit({
      kind: 'product',
      ...base(p, entry),
      productId: product.productId,
      productName: product.name,
      matchedOn: on,
      range: range ?? 'any version',
      versionCompared: version,
      status: product.status,
      confidence: confidenceOf(guards),
      guards,
      reason: `${product.name} (${on.replace('_', ' ')}) is ${product.status.replace('_', ' ')} per ${entry.statement.source} ${entry.statement.sourceId}`,
    })
  }

  const unmatchedComponents = prepared.filter((p) => !p.purl && !p.wfn).map((p) => ({ ref: p.source.ref, name: p.source.name }))
  const byConfidence = { high: 0, medium: 0, low: 0 }
  for (const f of findings) byConfidence[f.confidence]++
  return {
    findings,
    unmatchedComponents,
    stats: {
      components: components.length,
      withPurl: prepared.filter((p) => p.purl).length,
      withCpe: prepared.filter((p) => p.wfn).length,
      withoutIdentity: unmatchedComponents.length,
      findings: findings.length,
      affectedComponents: new Set(findings.filter((f) => f.status === 'affected').map((f) => f.component.ref)).size,
      byConfidence,
      versionErrors,
    },
  }
}
