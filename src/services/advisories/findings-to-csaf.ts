// The mapping of a product's findings and triage decisions onto CSAF vulnerabilities (pure: the service
// generate-from-findings.ts reads the data, this decides the product status, flags, threats, remediations and scores).
import type { AdvisoryNote, AdvisoryReference, AdvisoryRemediation, AdvisoryVulnerability } from '../../domain/csaf/builder.js'
import { parseCvssVector } from '../../domain/csaf/index.js'
import type { TriageDecision } from '../../domain/findings/index.js'
import type { VexJustification, VexResponse } from '../../domain/vex/index.js'

/** A product version the advisory covers, with its CSAF product id. */
export interface GenerationVersion {
  readonly csafProductId: string
  readonly productVersionId: string
  readonly productName: string
  readonly version: string
}

/** A finding of a covered product version with its effective decision (null: untriaged). */
export interface GenerationFinding {
  readonly productVersionId: string
  readonly status: 'present' | 'resolved'
  readonly component: { readonly name: string; readonly version: string | null; readonly purl: string | null; readonly cpe: string | null }
  readonly vulnerabilityId: string
  readonly aliases: readonly string[]
  /** What the knowledge base's source says (a CSAF/VEX source may say not_affected or fixed). */
  readonly sourceStatus: string
  /** The CVSS vector of the finding's lead match, when it has one. */
  readonly vector: string | null
  readonly decision: TriageDecision | null
}

/** What the knowledge base knows about a vulnerability. */
export interface VulnerabilityKnowledge {
  readonly title: string | null
  readonly description: string | null
  readonly references: readonly string[]
  readonly vectors: readonly string[]
}

/** Which vulnerabilities to state: those with a decision, every present one, or a list of ids or aliases. */
export type VulnerabilitySelection = { readonly kind: 'decided' } | { readonly kind: 'all' } | { readonly kind: 'listed'; readonly ids: readonly string[] }

/** The vulnerabilities of the document and what the selection could not find. */
export interface GeneratedVulnerabilities {
  readonly vulnerabilities: readonly AdvisoryVulnerability[]
  /** The vulnerability (alias group) ids stated, in document order. */
  readonly stated: readonly string[]
  /** Listed ids that no finding of the covered versions has. */
  readonly unknown: readonly string[]
}

type ListName = 'known_affected' | 'under_investigation' | 'fixed' | 'known_not_affected'

// When one product version holds the vulnerability in several components, the worst status describes the device.
const precedence: readonly ListName[] = ['known_affected', 'under_investigation', 'fixed', 'known_not_affected']

/** The CSAF remediation category of a triage response (CycloneDX analysis response). */
export const remediationOfResponse: Readonly<Record<VexResponse, AdvisoryRemediation['category']>> = {
  update: 'vendor_fix',
  rollback: 'vendor_fix',
  workaround_available: 'workaround',
  will_not_fix: 'no_fix_planned',
  can_not_fix: 'none_available',
}

const justificationText: Readonly<Record<VexJustification, string>> = {
  component_not_present: 'the vulnerable component is not present',
  vulnerable_code_not_present: 'the vulnerable code is not present',
  vulnerable_code_not_in_execute_path: 'the vulnerable code is not in the execute path',
  vulnerable_code_cannot_be_controlled_by_adversary: 'the vulnerable code cannot be controlled by an adversary',
  inline_mitigations_already_exist: 'inline mitigations already exist',
}

const cvePattern = /^CVE-[0-9]{4}-[0-9]{4,}$/

/** What one finding says about its product version. */
interface Outcome {
  readonly list: ListName
  readonly justification: VexJustification | null
  readonly line: string
  readonly remediations: readonly { readonly category: AdvisoryRemediation['category']; readonly details: string | null }[]
}

function componentLabel(component: GenerationFinding['component']): string {
  const name = [component.name, component.version].filter(Boolean).join(' ')
  const identity = component.purl ?? component.cpe
  return identity ? `${name} (${identity})` : name
}

function outcomeOf(finding: GenerationFinding): Outcome {
  const component = componentLabel(finding.component)
  if (finding.status === 'resolved') return { list: 'fixed', justification: null, line: `${component}: no longer in the product's SBOM`, remediations: [] }
  const d = finding.decision
  if (!d) {
    if (finding.sourceStatus === 'not_affected') return { list: 'known_not_affected', justification: null, line: `${component}: the supplier states it is not affected`, remediations: [] }
    if (finding.sourceStatus === 'fixed') return { list: 'fixed', justification: null, line: `${component}: fixed according to the supplier`, remediations: [] }
    return { list: 'under_investigation', justification: null, line: `${component}: under investigation`, remediations: [] }
  }
  const detail = d.detail ? `: ${d.detail}` : ''
  switch (d.state) {
    case 'exploitable':
      return {
        list: 'known_affected',
        justification: null,
        line: `${component}: affected${detail}`,
        remediations: d.responses.length > 0 ? d.responses.map((r) => ({ category: remediationOfResponse[r], details: d.detail })) : [{ category: 'none_available', details: d.detail }],
      }
    case 'not_affected':
      return { list: 'known_not_affected', justification: d.justification, line: `${component}: not affected, ${d.justification ? justificationText[d.justification] : 'see the detail'}${detail}`, remediations: [] }
    case 'false_positive':
      // The match was wrong: the vulnerable component is not what this product contains.
      return { list: 'known_not_affected', justification: 'component_not_present', line: `${component}: not affected, the match to this vulnerability is a false positive${detail}`, remediations: [] }
    case 'resolved':
      return { list: 'fixed', justification: null, line: `${component}: fixed${detail}`, remediations: [] }
    default:
      return { list: 'under_investigation', justification: null, line: `${component}: under investigation${detail}`, remediations: [] }
  }
}

function defaultDetails(category: AdvisoryRemediation['category'], fixedIn: readonly string[]): string {
  if (category === 'vendor_fix') return fixedIn.length > 0 ? `Update to ${fixedIn.join(' or ')}.` : 'Update to a fixed version.'
  if (category === 'workaround') return 'Apply the workaround the manufacturer describes.'
  if (category === 'no_fix_planned') return 'No fix is planned.'
  if (category === 'mitigation') return 'Apply the mitigation the manufacturer describes.'
  return 'No remediation is available yet.'
}

function matchesId(finding: GenerationFinding, id: string): boolean {
  const wanted = id.trim().toUpperCase()
  return finding.vulnerabilityId.toUpperCase() === wanted || finding.aliases.some((a) => a.toUpperCase() === wanted)
}

function systemNameOf(id: string): string {
  if (id.startsWith('GHSA-')) return 'GitHub Security Advisory'
  const prefix = /^([A-Za-z]+)-/.exec(id)?.[1]
  return prefix ?? 'alias'
}

function referenceOf(url: string): AdvisoryReference {
  let host = url
  try {
    host = new URL(url).host
  } catch {
    // not a URL the parser knows; the text stands as summary
  }
  return { url, summary: `Reference (${host})`, category: 'external' }
}

/** Adds a product to the entry of a grouping key, keeping first-seen order. */
function addTo<K>(groups: Map<string, { key: K; productIds: string[] }>, id: string, key: K, productId: string): void {
  const group = groups.get(id) ?? { key, productIds: [] }
  if (!group.productIds.includes(productId)) group.productIds.push(productId)
  groups.set(id, group)
}

/**
 * The CSAF vulnerabilities of the covered product versions: per vulnerability and version the worst status of its
 * findings (affected > under investigation > fixed > not affected); not-affected versions get a flag with the
 * justification and an impact statement; affected ones a remediation per response (none_available without one);
 * the CVSS v3.x vector (else v2) of the findings or the knowledge base scores the affected and investigated ones.
 */
export function vulnerabilitiesFromFindings(
  versions: readonly GenerationVersion[],
  findings: readonly GenerationFinding[],
  knowledge: ReadonlyMap<string, VulnerabilityKnowledge>,
  selection: VulnerabilitySelection,
): GeneratedVulnerabilities {
  const covered = new Map(versions.map((v) => [v.productVersionId, v]))
  const relevant = findings.filter((f) => covered.has(f.productVersionId))
  const unknown: string[] = []
  let chosen: string[]
  if (selection.kind === 'listed') {
    chosen = []
    for (const id of selection.ids) {
      const found = relevant.find((f) => matchesId(f, id))
      if (!found) unknown.push(id)
      else if (!chosen.includes(found.vulnerabilityId)) chosen.push(found.vulnerabilityId)
    }
  } else {
    const present = relevant.filter((f) => f.status === 'present' && (selection.kind === 'all' || f.decision !== null))
    chosen = [...new Set(present.map((f) => f.vulnerabilityId))].sort()
  }

  const usedCves = new Set<string>()
  const vulnerabilities: AdvisoryVulnerability[] = []
  const stated: string[] = []
  for (const vulnerabilityId of chosen) {
    const ofVulnerability = relevant.filter((f) => f.vulnerabilityId === vulnerabilityId)
    const aliases = [...new Set(ofVulnerability.flatMap((f) => f.aliases))]
    const status = new Map<ListName, string[]>()
    const flags = new Map<string, { key: VexJustification; productIds: string[] }>()
    const impacts = new Map<string, { key: string; productIds: string[] }>()
    const pending: { productId: string; productName: string; remediations: Outcome['remediations'] }[] = []
    const lines: string[] = []
    for (const version of versions) {
      const here = ofVulnerability.filter((f) => f.productVersionId === version.productVersionId)
      // Present findings decide; a version whose findings were all resolved (component removed or updated) is fixed.
      const deciding = here.some((f) => f.status === 'present') ? here.filter((f) => f.status === 'present') : here
      if (deciding.length === 0) continue
      const outcomes = deciding.map(outcomeOf)
      const list = precedence.find((name) => outcomes.some((o) => o.list === name)) ?? 'under_investigation'
      const id = version.csafProductId
      status.set(list, [...(status.get(list) ?? []), id])
      lines.push(`${version.productName} ${version.version}: ${outcomes.map((o) => o.line).join('; ')}.`)
      if (list === 'known_not_affected') {
        const justification = outcomes.find((o) => o.justification !== null)?.justification ?? null
        // One flag per product (test 6.1.33); the impact statement carries every component's reason.
        if (justification) addTo(flags, justification, justification, id)
        const details = `${version.productName} ${version.version} is not affected: ${outcomes.map((o) => o.line).join('; ')}.`
        addTo(impacts, details, details, id)
      }
      if (list === 'known_affected') pending.push({ productId: id, productName: version.productName, remediations: outcomes.filter((o) => o.list === 'known_affected').flatMap((o) => o.remediations) })
    }
    if (status.size === 0) continue

    const fixedOf = (productName: string) => versions.filter((v) => v.productName === productName && (status.get('fixed') ?? []).includes(v.csafProductId)).map((v) => `${v.productName} ${v.version}`)
    const remediations = new Map<string, { key: { category: AdvisoryRemediation['category']; details: string }; productIds: string[] }>()
    for (const { productId, productName, remediations: wanted } of pending) {
      for (const r of wanted) {
        const details = r.details ?? defaultDetails(r.category, fixedOf(productName))
        addTo(remediations, JSON.stringify([r.category, details]), { category: r.category, details }, productId)
      }
    }

    const scored = [...(status.get('known_affected') ?? []), ...(status.get('under_investigation') ?? [])]
    const vectors = [...ofVulnerability.flatMap((f) => (f.vector ? [f.vector] : [])), ...(knowledge.get(vulnerabilityId)?.vectors ?? [])]
    const usable = vectors.filter((v) => parseCvssVector(v) !== undefined)
    const vector = usable.find((v) => v.startsWith('CVSS:3.1/')) ?? usable.find((v) => v.startsWith('CVSS:3.0/')) ?? usable.find((v) => !v.startsWith('CVSS:'))

    const cve = [vulnerabilityId, ...aliases].find((id) => cvePattern.test(id) && !usedCves.has(id))
    if (cve) usedCves.add(cve)
    const otherIds = [vulnerabilityId, ...aliases].filter((id, i, all) => id !== cve && all.indexOf(id) === i).slice(0, 20)
    const known = knowledge.get(vulnerabilityId)
    const notes: AdvisoryNote[] = [
      known?.description
        ? { category: 'description', title: 'Description', text: known.description }
        : { category: 'general', title: 'Status', text: `Status of ${cve ?? vulnerabilityId} in the listed products.` },
      { category: 'details', title: 'Assessment', text: lines.join('\n') },
    ]
    const references: AdvisoryReference[] = [
      ...(cve ? [{ url: `https://nvd.nist.gov/vuln/detail/${cve}`, summary: `NVD: ${cve}`, category: 'external' as const }] : []),
      ...(known?.references ?? []).filter((url) => /^https?:\/\//.test(url)).slice(0, 10).map(referenceOf),
    ].filter((r, i, all) => all.findIndex((o) => o.url === r.url) === i)

    stated.push(vulnerabilityId)
    vulnerabilities.push({
      ...(cve ? { cve } : {}),
      ...(otherIds.length > 0 ? { ids: otherIds.map((text) => ({ systemName: systemNameOf(text), text })) } : {}),
      title: known?.title ?? cve ?? vulnerabilityId,
      notes,
      references,
      scores: vector && scored.length > 0 ? [{ vector, productIds: scored }] : [],
      productStatus: Object.fromEntries(precedence.flatMap((name) => (status.has(name) ? [[name, status.get(name)!]] : []))),
      remediations: [...remediations.values()].map(({ key, productIds }) => ({ category: key.category, details: key.details, productIds })),
      flags: [...flags.values()].map(({ key, productIds }) => ({ label: key, productIds })),
      impacts: [...impacts.values()].map(({ key, productIds }) => ({ details: key, productIds })),
    })
  }
  return { vulnerabilities, stated, unknown }
}
