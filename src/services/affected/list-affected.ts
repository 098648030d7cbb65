import { confidenceOfLevel, fleetStatuses, matchAdvisoryProduct, pickMatch, remediationsFor, remediationsOfResponses, resolveVendor, statusOfDecision } from '../../domain/affected/index.js'
import type { AffectedEntry, AffectedSource, DeviceFacts, FleetStatus, ProductMatch } from '../../domain/affected/index.js'
import { effectiveDecision } from '../../domain/findings/index.js'
import { parseCsafAdvisory } from '../../domain/kb/index.js'
import type { KbStatement, ProductAffected } from '../../domain/kb/index.js'
import { affectedRepository, type AffectedDeviceRow } from '../../store/repositories/affected.js'
import type { OrgContext, ServiceResult } from '../context.js'
import { decisionOf } from '../findings/views.js'

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
async function advisoryStatements(ctx: OrgContext): Promise<AdvisoryStatement[]> {
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

function cvssOf(statement: KbStatement): string | null {
  for (const s of statement.severities) if (s.kind === 'cvss') return s.vector
  return null
}

/** Lines from advisories: each product of each statement against the devices of the same vendor. */
function advisoryEntries(devices: readonly AffectedDeviceRow[], statements: readonly AdvisoryStatement[]): AffectedEntry[] {
  const byVendor = new Map<string, AffectedDeviceRow[]>()
  const vendorIds = new Map<string, string>()
  const vendorOf = (name: string) => {
    let id = vendorIds.get(name)
    if (id === undefined) vendorIds.set(name, (id = resolveVendor(name).id))
    return id
  }
  for (const d of devices) {
    if (!d.manufacturer) continue
    const id = vendorOf(d.manufacturer)
    const list = byVendor.get(id)
    if (list) list.push(d)
    else byVendor.set(id, [d])
  }
  const out: AffectedEntry[] = []
  for (const item of statements) {
    const matches = new Map<AffectedDeviceRow, ProductMatch[]>()
    for (const affected of item.statement.affected) {
      if (affected.kind !== 'product' || !affected.vendor) continue
      // Identical devices (same names, version, serial when the product lists serials) get the same answer: match once.
      const answers = new Map<string, ProductMatch | null>()
      for (const device of byVendor.get(vendorOf(affected.vendor)) ?? []) {
        const key = [device.manufacturer, device.model, device.software_version, device.udi_di, affected.serialNumbers.length > 0 ? device.serial_number : ''].join('\u0000')
        let match = answers.get(key)
        if (match === undefined) answers.set(key, (match = matchAdvisoryProduct(factsOf(device), affected as ProductAffected)))
        if (!match) continue
        const list = matches.get(device)
        if (list) list.push(match)
        else matches.set(device, [match])
      }
    }
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

/** For one advisory, only the devices whose manufacturer names resolve to a vendor the advisory names (one query for the distinct names first). */
async function devicesOfVendors(ctx: OrgContext, statements: readonly AdvisoryStatement[]): Promise<AffectedDeviceRow[]> {
  const vendors = new Set(statements.flatMap((s) => s.statement.affected.flatMap((a) => (a.kind === 'product' && a.vendor ? [resolveVendor(a.vendor).id] : []))))
  if (vendors.size === 0) return []
  const names = (await affectedRepository.manufacturers(ctx.db, ctx.scope)).filter((name) => vendors.has(resolveVendor(name).id))
  return affectedRepository.devicesOf(ctx.db, ctx.scope, names)
}

/**
 * The organization's devices with their vulnerabilities (any member): from CSAF advisories (published by
 * manufacturers or imported into the knowledge base) matched by vendor, product, version and serial number, and from
 * the findings of the product versions the devices are linked to with the manufacturer's decisions applied.
 */
export async function listAffected(ctx: OrgContext, filter: AffectedFilter = {}): Promise<ServiceResult<AffectedEntry[]>> {
  const wantedAdvisory = filter.advisory?.trim().toLowerCase()
  const wantedVulnerability = filter.vulnerability?.trim().toUpperCase()
  let statements = await advisoryStatements(ctx)
  if (wantedAdvisory) statements = statements.filter((s) => s.advisory.toLowerCase() === wantedAdvisory)
  if (wantedVulnerability) statements = statements.filter((s) => s.vulnerability.toUpperCase() === wantedVulnerability || s.statement.ids.some((id) => id.toUpperCase() === wantedVulnerability))
  const devices = wantedAdvisory && !filter.deviceId ? await devicesOfVendors(ctx, statements) : await affectedRepository.devices(ctx.db, ctx.scope, filter.deviceId)
  const entries = advisoryEntries(devices, statements)
  if (!wantedAdvisory) {
    const fromFindings = await findingEntries(ctx, devices)
    entries.push(...(wantedVulnerability ? fromFindings.filter((e) => e.vulnerability.toUpperCase() === wantedVulnerability) : fromFindings))
  }
  const statuses = new Set(filter.statuses ?? fleetStatuses)
  const minimum = filter.minConfidence ?? 0
  const showNotAffected = filter.includeNotAffected === true || (filter.statuses?.includes('known_not_affected') ?? false)
  const kept = entries.filter((e) => statuses.has(e.status) && e.confidence >= minimum && (showNotAffected || e.status !== 'known_not_affected'))
  kept.sort(
    (a, b) =>
      URGENCY.indexOf(a.status) - URGENCY.indexOf(b.status) ||
      (a.advisory ?? '~').localeCompare(b.advisory ?? '~') ||
      a.vulnerability.localeCompare(b.vulnerability) ||
      a.device.assetTag.localeCompare(b.device.assetTag),
  )
  return { ok: true, value: kept }
}
