import { confidenceOfLevel, fleetStatuses, matchAdvisoryProduct, pickMatch, remediationsFor, remediationsOfResponses, resolveVendor, serialMatches, statusOfDecision } from '../../domain/affected/index.js'
import type { AffectedEntry, AffectedSource, DeviceFacts, FleetStatus, ProductMatch } from '../../domain/affected/index.js'
import { effectiveDecision } from '../../domain/findings/index.js'
import { parseCsafAdvisory } from '../../domain/kb/index.js'
import type { KbStatement, ProductAffected } from '../../domain/kb/index.js'
import { affectedRepository, type AffectedDeviceRow } from '../../store/repositories/affected.js'
import { fleetGenerationRepository } from '../../store/repositories/fleet-generation.js'
import { kbRepository } from '../../store/repositories/kb.js'
import { serviceError, type OrgContext, type ServiceResult } from '../context.js'
import { decisionOf } from '../findings/views.js'
import { compareText, derivedOf, generationCache } from '../fleet/generation-cache.js'

/** What to list: one advisory or vulnerability, one device, some statuses, a least confidence, not-affected lines too. */
export interface AffectedFilter {
  /** A CSAF tracking id (case-insensitive). */
  readonly advisory?: string
  /** A vulnerability id or one of its aliases. */
  readonly vulnerability?: string
  readonly deviceId?: string
  readonly statuses?: readonly FleetStatus[]
  readonly minConfidence?: number
  /** known_not_affected lines (with the manufacturer's justification) are hidden unless asked for. */
  readonly includeNotAffected?: boolean
}

interface AdvisoryStatement {
  readonly advisory: string
  readonly source: AffectedSource
  readonly vulnerability: string
  readonly statement: KbStatement
}

function trackingIdOf(statement: KbStatement): string {
  const cut = statement.sourceId.lastIndexOf(':')
  return cut > 0 ? statement.sourceId.slice(0, cut) : statement.sourceId
}

function factsOf(row: AffectedDeviceRow): DeviceFacts {
  return { manufacturer: row.manufacturer, model: row.model, softwareVersion: row.software_version, serialNumber: row.serial_number, udiDi: row.udi_di }
}

function deviceRef(row: AffectedDeviceRow): AffectedEntry['device'] {
  return { id: row.id, assetTag: row.asset_tag, serialNumber: row.serial_number, manufacturer: row.manufacturer, model: row.model, softwareVersion: row.software_version }
}

/** Published advisories first (they are the manufacturer's own current text), then the knowledge base's CSAF statements. */
async function readAdvisoryStatements(ctx: OrgContext): Promise<AdvisoryStatement[]> {
  const [published, kb] = await Promise.all([affectedRepository.publishedAdvisories(ctx.db), affectedRepository.csafStatements(ctx.db)])
  const out: AdvisoryStatement[] = []
  const seen = new Set<string>()
  for (const file of published) {
    let json: unknown
    try {
      json = JSON.parse(file.content)
    } catch {
      continue
    }
    const statements = parseCsafAdvisory(json, `published:${file.trackingId}`)
    if (!statements.ok) continue
    seen.add(file.trackingId.toLowerCase())
    for (const statement of statements.value) out.push({ advisory: file.trackingId, source: 'published_advisory', vulnerability: statement.ids[0] ?? statement.sourceId, statement })
  }
  for (const row of kb) {
    const advisory = trackingIdOf(row.statement)
    if (seen.has(advisory.toLowerCase())) continue
    out.push({ advisory, source: 'csaf_advisory', vulnerability: row.vulnerabilityId, statement: row.statement })
  }
  return out
}

// Parsed statements are the same for every organization: one slot per database, keyed by the KB and advisory generations.
const statementCache = generationCache<readonly AdvisoryStatement[]>({ slots: 1, weight: Number.POSITIVE_INFINITY })

// An organization's computed lines, keyed by its device generation, the shared inputs and the KB (ADR 0095).
const organizationCache = generationCache<OrganizationLines>({ slots: 16, weight: 250_000 })

/** The generations the affected lines of an organization depend on. */
async function generationsOf(ctx: OrgContext): Promise<{ statements: string; lines: string }> {
  const [fleet, kb] = await Promise.all([fleetGenerationRepository.current(ctx.db, ctx.scope), kbRepository.generation(ctx.db)])
  return { statements: `${fleet.advisories}|${kb}`, lines: `${fleet.devices}|${fleet.shared}|${kb}` }
}

async function advisoryStatements(ctx: OrgContext, generation: string): Promise<readonly AdvisoryStatement[]> {
  return statementCache.get(ctx.db, 'statements', generation, () => readAdvisoryStatements(ctx))
}

function cvssOf(statement: KbStatement): string | null {
  for (const s of statement.severities) if (s.kind === 'cvss') return s.vector
  return null
}

/** The organization's devices grouped by resolved vendor id, and the vendor id of a name (resolved once per name). */
interface VendorIndex {
  readonly byVendor: ReadonlyMap<string, readonly AffectedDeviceRow[]>
  readonly vendorOf: (name: string) => string
}

function vendorIndex(devices: readonly AffectedDeviceRow[]): VendorIndex {
  const byVendor = new Map<string, AffectedDeviceRow[]>()
  // resolveVendor memoises per name itself.
  const vendorOf = (name: string) => resolveVendor(name).id
  for (const d of devices) {
    if (!d.manufacturer) continue
    const id = vendorOf(d.manufacturer)
    const list = byVendor.get(id)
    if (list) list.push(d)
    else byVendor.set(id, [d])
  }
  return { byVendor, vendorOf }
}

// The answers of matchAdvisoryProduct per advisory product and device key. A parsed statement is kept as long as the
// knowledge base and the published advisories do not change, and the answer for a key never changes, so the answers
// outlive a device generation: after a device edit only new keys are matched. Cleared when one grows past the bound.
const ANSWERS = new WeakMap<object, Map<string, ProductMatch | null>>()
const MAX_ANSWERS = 200_000

function answersOf(product: object): Map<string, ProductMatch | null> {
  let answers = ANSWERS.get(product)
  if (!answers) ANSWERS.set(product, (answers = new Map()))
  else if (answers.size > MAX_ANSWERS) answers.clear()
  return answers
}

/** Lines from one advisory statement: each of its products against the devices of the same vendor. */
function statementEntries(index: VendorIndex, item: AdvisoryStatement): AffectedEntry[] {
  const matches = new Map<AffectedDeviceRow, ProductMatch[]>()
  for (const affected of item.statement.affected) {
    if (affected.kind !== 'product' || !affected.vendor) continue
    const serials = affected.serialNumbers
    // Identical devices (same names, version, serial when the product lists serials) get the same answer: match once.
    const answers = answersOf(affected)
    for (const device of index.byVendor.get(index.vendorOf(affected.vendor)) ?? []) {
      // A serial number outside the product's list is never a match (matchAdvisoryProduct says so too): skip the names work.
      if (serials.length > 0 && device.serial_number && !serials.some((p) => serialMatches(p, device.serial_number!))) continue
      const key = [device.manufacturer, device.model, device.software_version, device.udi_di, serials.length > 0 ? device.serial_number : ''].join('\u0000')
      let match = answers.get(key)
      if (match === undefined) answers.set(key, (match = matchAdvisoryProduct(factsOf(device), affected as ProductAffected)))
      if (!match) continue
      const list = matches.get(device)
      if (list) list.push(match)
      else matches.set(device, [match])
    }
  }
  const out: AffectedEntry[] = []
  for (const [device, found] of matches) {
    const chosen = pickMatch(found)
    if (!chosen) continue
    out.push({
      device: deviceRef(device),
      advisory: item.advisory,
      advisoryTitle: item.statement.title,
      vulnerability: item.vulnerability,
      status: chosen.status,
      source: item.source,
      confidence: chosen.confidence,
      matchedOn: chosen.matchedOn,
      reasons: chosen.reasons,
      justification: null,
      remediations: remediationsFor(item.statement.remediations, chosen.productId),
      guidance: item.statement.description,
      cvss: cvssOf(item.statement),
    })
  }
  return out
}

const URGENCY: readonly FleetStatus[] = ['known_affected', 'under_investigation', 'fixed', 'known_not_affected']

/** Lines from the findings of the product versions the devices are linked to, with the manufacturer's decisions applied. */
async function findingEntries(ctx: OrgContext, devices: readonly AffectedDeviceRow[]): Promise<AffectedEntry[]> {
  const linked = devices.filter((d) => d.product_version_id !== null)
  const findings = await affectedRepository.visibleFindings(ctx.db, linked.map((d) => d.product_version_id!))
  if (findings.length === 0) return []
  const decisionRows = await affectedRepository.decisionsOf(ctx.db, findings.map((f) => f.org_id), findings.map((f) => f.vulnerability_id))
  const decisionsByOrg = new Map<string, ReturnType<typeof decisionOf>[]>()
  for (const row of decisionRows) decisionsByOrg.set(row.org_id, [...(decisionsByOrg.get(row.org_id) ?? []), decisionOf(row)])
  type Line = Omit<AffectedEntry, 'device'>
  const perVersion = new Map<string, Map<string, Line>>()
  for (const f of findings) {
    const effective = effectiveDecision({ productVersionId: f.product_version_id, productId: f.product_id, vulnerabilityId: f.vulnerability_id, packageId: f.package_id }, decisionsByOrg.get(f.org_id) ?? [])
    const decision = effective?.decision ?? null
    const status = statusOfDecision(decision?.state ?? null)
    const component = `${f.component_name}${f.component_version ? `@${f.component_version}` : ''}`
    const lines = perVersion.get(f.product_version_id) ?? new Map<string, Line>()
    perVersion.set(f.product_version_id, lines)
    const previous = lines.get(f.vulnerability_id)
    const reason = decision
      ? `the manufacturer's decision for ${component}: ${decision.state}${decision.justification ? ` (${decision.justification})` : ''}`
      : `component ${component} is in the range of ${f.source} ${f.source_id} (${f.range}); the manufacturer has not decided yet`
    const line: Line = {
      advisory: null,
      advisoryTitle: null,
      vulnerability: f.vulnerability_id,
      status,
      source: 'manufacturer_findings',
      confidence: confidenceOfLevel(f.confidence),
      matchedOn: ['linked_product_version', `component:${component}`],
      reasons: ['the device is linked to the product version the finding belongs to', reason],
      justification: status === 'known_not_affected' ? (decision?.justification ?? decision?.state ?? null) : null,
      remediations: decision ? remediationsOfResponses(decision.responses, decision.detail) : [],
      guidance: decision?.detail ?? null,
      cvss: null,
    }
    if (!previous) lines.set(f.vulnerability_id, line)
    else {
      // Several components with one vulnerability: the most urgent status stands for the device.
      const lead = URGENCY.indexOf(line.status) < URGENCY.indexOf(previous.status) ? line : previous
      lines.set(f.vulnerability_id, {
        ...lead,
        confidence: Math.max(line.confidence, previous.confidence),
        matchedOn: [...new Set([...previous.matchedOn, ...line.matchedOn])],
        reasons: [...previous.reasons, reason],
        remediations: [...previous.remediations, ...line.remediations].filter((r, i, all) => all.findIndex((x) => x.category === r.category && x.details === r.details) === i),
      })
    }
  }
  const out: AffectedEntry[] = []
  for (const device of linked) {
    for (const line of perVersion.get(device.product_version_id!)?.values() ?? []) out.push({ device: deviceRef(device), ...line })
  }
  return out
}

/** Most urgent first, then by advisory, vulnerability and asset tag (the order of every listing). */
function byUrgency(a: AffectedEntry, b: AffectedEntry): number {
  return (
    URGENCY.indexOf(a.status) - URGENCY.indexOf(b.status) ||
    compareText(a.advisory ?? '~', b.advisory ?? '~') ||
    compareText(a.vulnerability, b.vulnerability) ||
    compareText(a.device.assetTag, b.device.assetTag)
  )
}

/**
 * An organization's affected lines for one set of generations: its devices by vendor, the parsed statements, and the
 * lines computed so far (per statement, from findings, and sorted listings), each computed on first use.
 */
interface OrganizationLines {
  readonly devices: readonly AffectedDeviceRow[]
  readonly index: VendorIndex
  readonly statements: readonly AdvisoryStatement[]
  readonly perStatement: Map<AdvisoryStatement, readonly AffectedEntry[]>
  findings?: Promise<readonly AffectedEntry[]>
}

async function organizationLines(ctx: OrgContext): Promise<OrganizationLines> {
  const generations = await generationsOf(ctx)
  return organizationCache.get(
    ctx.db,
    ctx.scope.orgId,
    generations.lines + '|' + generations.statements,
    async () => {
      const [devices, statements] = await Promise.all([affectedRepository.devices(ctx.db, ctx.scope), advisoryStatements(ctx, generations.statements)])
      return { devices, index: vendorIndex(devices), statements, perStatement: new Map() }
    },
    (lines) => lines.devices.length,
  )
}

function linesOfStatement(lines: OrganizationLines, item: AdvisoryStatement): readonly AffectedEntry[] {
  let out = lines.perStatement.get(item)
  if (!out) lines.perStatement.set(item, (out = statementEntries(lines.index, item)))
  return out
}

function statementsFor(statements: readonly AdvisoryStatement[], advisory: string | undefined, vulnerability: string | undefined): readonly AdvisoryStatement[] {
  let out = statements
  if (advisory) out = out.filter((s) => s.advisory.toLowerCase() === advisory)
  if (vulnerability) out = out.filter((s) => s.vulnerability.toUpperCase() === vulnerability || s.statement.ids.some((id) => id.toUpperCase() === vulnerability))
  return out
}

/**
 * Every line of the organization for an advisory and/or vulnerability (or all), sorted; kept with the lines when the
 * filter names a known statement (or none), so requests naming unknown ids cannot grow the cache.
 */
async function sortedLines(ctx: OrgContext, lines: OrganizationLines, advisory: string | undefined, vulnerability: string | undefined): Promise<readonly AffectedEntry[]> {
  const findings = advisory ? [] : await (lines.findings ??= findingEntries(ctx, lines.devices))
  const statements = statementsFor(lines.statements, advisory, vulnerability)
  const build = () => {
    const entries = statements.flatMap((item) => linesOfStatement(lines, item))
    entries.push(...(vulnerability ? findings.filter((e) => e.vulnerability.toUpperCase() === vulnerability) : findings))
    return entries.sort(byUrgency)
  }
  if ((advisory || vulnerability) && statements.length === 0) return build()
  return derivedOf(lines, `sorted\u0000${advisory ?? ''}\u0000${vulnerability ?? ''}`, build)
}

/** One device's lines, computed for it alone (the device page must not pay for the whole fleet). */
async function deviceLines(ctx: OrgContext, deviceId: string, all: readonly AdvisoryStatement[], advisory: string | undefined, vulnerability: string | undefined): Promise<AffectedEntry[]> {
  const devices = await affectedRepository.devices(ctx.db, ctx.scope, deviceId)
  const index = vendorIndex(devices)
  const entries = statementsFor(all, advisory, vulnerability).flatMap((item) => statementEntries(index, item))
  if (!advisory) {
    const fromFindings = await findingEntries(ctx, devices)
    entries.push(...(vulnerability ? fromFindings.filter((e) => e.vulnerability.toUpperCase() === vulnerability) : fromFindings))
  }
  return entries.sort(byUrgency)
}

/**
 * The organization's devices with their vulnerabilities (any member): from CSAF advisories (published by
 * manufacturers or imported into the knowledge base) matched by vendor, product, version and serial number, and from
 * the findings of the product versions the devices are linked to with the manufacturer's decisions applied.
 * Computed lines are cached per organization under the generations of what they are computed from (ADR 0095).
 */
export async function listAffected(ctx: OrgContext, filter: AffectedFilter = {}): Promise<ServiceResult<AffectedEntry[]>> {
  const wantedAdvisory = filter.advisory?.trim().toLowerCase() || undefined
  const wantedVulnerability = filter.vulnerability?.trim().toUpperCase() || undefined
  const lines = filter.deviceId ? undefined : await organizationLines(ctx)
  const statements = lines?.statements ?? (await advisoryStatements(ctx, (await generationsOf(ctx)).statements))
  // An advisory nobody published or imported is an error, not an empty answer: a mistyped tracking id must not read
  // as "no device affected".
  if (wantedAdvisory && !statements.some((s) => s.advisory.toLowerCase() === wantedAdvisory)) {
    return serviceError('not_found', `no advisory ${filter.advisory?.trim()} has been published to this organization or imported into the knowledge base`)
  }
  const entries = lines
    ? await sortedLines(ctx, lines, wantedAdvisory, wantedVulnerability)
    : await deviceLines(ctx, filter.deviceId as string, statements, wantedAdvisory, wantedVulnerability)
  const statuses = new Set(filter.statuses ?? fleetStatuses)
  const minimum = filter.minConfidence ?? 0
  const showNotAffected = filter.includeNotAffected === true || (filter.statuses?.includes('known_not_affected') ?? false)
  return { ok: true, value: entries.filter((e) => statuses.has(e.status) && e.confidence >= minimum && (showNotAffected || e.status !== 'known_not_affected')) }
}
