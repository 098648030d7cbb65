import { deriveEndOfSupport, effectiveEndOfSupport, unsupportedWindow, type EndOfSupport, type UnsupportedWindow } from '../../domain/lifecycle/capital-plan.js'
import { supportStatus, type SupportStatus } from '../../domain/lifecycle/support-life.js'
import { deviceRiskScore, type ControlKind, type DeviceRiskBreakdown, type DeviceVulnerability } from '../../domain/risk/device-risk.js'
import { matchesGroup, parseGroupFilter, type GroupFilter } from '../../domain/risk/risk-register.js'
import { fleetRepository, sharedCatalogueRepository } from '../../store/repositories/fleet.js'
import { fleetGenerationRepository } from '../../store/repositories/fleet-generation.js'
import { kbRepository } from '../../store/repositories/kb.js'
import { fleetRiskRepository, type DeviceRiskFacts } from '../../store/repositories/fleet-risk.js'
import type { FleetRiskControlRow, FleetRiskEntryRow } from '../../store/tables/fleet-risk.js'
import type { OrgContext } from '../context.js'
import { fleetVulnerabilitySource } from './affected-vulnerability-source.js'
import type { DeviceVulnerabilitySource } from './device-vulnerabilities.js'
import { generationCache } from './generation-cache.js'
import { today as todayOf } from './get-device.js'

/** Where one device stands on security support: its end of support (declared or derived), status and window. */
export interface DeviceSupport {
  readonly endOfSupport: EndOfSupport
  readonly support: SupportStatus
  readonly window: UnsupportedWindow
  /** The manufacturer offers a later version of the same product supported longer. */
  readonly upgradeAvailable: boolean
}

/** One device assessed: its facts, support position and (when asked) its risk score and the register entries covering it. */
export interface DeviceAssessment extends DeviceSupport {
  readonly device: DeviceRiskFacts
  readonly risk: DeviceRiskBreakdown | null
  readonly vulnerabilities: readonly DeviceVulnerability[]
  readonly entryIds: readonly string[]
}

/** The fleet assessed on a day. */
export interface FleetAssessment {
  readonly today: string
  readonly devices: readonly DeviceAssessment[]
  readonly entries: readonly FleetRiskEntryRow[]
  readonly controls: readonly FleetRiskControlRow[]
}

/** What to assess. */
export interface AssessOptions {
  readonly today?: string
  /** Only this device (the device page). */
  readonly deviceId?: string
  /** Score risk (reads vulnerabilities and the register); false for the support-life views only. */
  readonly withRisk?: boolean
  readonly source?: DeviceVulnerabilitySource
}

/**
 * The support position of each linked product version: its effective end of support, and whether the manufacturer
 * offers another visible version of the same product whose (declared or derived) end of support is later.
 */
async function versionSupport(ctx: OrgContext, versionIds: readonly string[]): Promise<Map<string, { endOfSupport: EndOfSupport; upgradeAvailable: boolean }>> {
  const out = new Map<string, { endOfSupport: EndOfSupport; upgradeAvailable: boolean }>()
  if (versionIds.length === 0) return out
  const [linked, catalogue] = await Promise.all([fleetRepository.linkedVersions(ctx.db, ctx.scope), sharedCatalogueRepository.listVisible(ctx.db)])
  const productIds = new Set(versionIds.flatMap((id) => (linked.has(id) ? [linked.get(id)!.productId] : [])))
  const siblings = catalogue.filter((v) => productIds.has(v.productId))
  const components = await fleetRiskRepository.supportComponents(ctx.db, [...new Set([...versionIds, ...siblings.map((v) => v.productVersionId)])])
  const endOf = (id: string, declared: string | null) => effectiveEndOfSupport(declared, deriveEndOfSupport(components.filter((c) => c.productVersionId === id)))
  const latestByProduct = new Map<string, string>()
  for (const v of siblings) {
    const end = endOf(v.productVersionId, v.securityEndOfSupport)
    if (end.kind !== 'unknown' && end.date > (latestByProduct.get(v.productId) ?? '')) latestByProduct.set(v.productId, end.date)
  }
  for (const id of versionIds) {
    const version = linked.get(id)
    const endOfSupport = endOf(id, version?.securityEndOfSupport ?? null)
    const latest = version ? latestByProduct.get(version.productId) : undefined
    out.set(id, { endOfSupport, upgradeAvailable: endOfSupport.kind !== 'unknown' && latest !== undefined && latest > endOfSupport.date })
  }
  return out
}

/** The register entries covering a device: its own, and every group it belongs to. */
function coveringEntries(device: DeviceRiskFacts, byDevice: ReadonlyMap<string, FleetRiskEntryRow[]>, groups: readonly { entry: FleetRiskEntryRow; filter: GroupFilter }[]): FleetRiskEntryRow[] {
  const candidate = { modality: device.modality, manufacturer: device.manufacturer, model: device.model, softwareVersion: device.software_version, department: device.department, location: device.location }
  return [...(byDevice.get(device.id) ?? []), ...groups.filter((g) => matchesGroup(g.filter, candidate)).map((g) => g.entry)]
}

/**
 * Assesses the organization's devices in one pass: security end of support per device (the manufacturer's declared
 * date, else derived from the version's SBOM), the unsupported-but-in-clinical-use window and, with `withRisk`, the
 * clinical-context risk score with the compensating controls of the register entries that cover each device.
 */
export async function assessFleet(ctx: OrgContext, options: AssessOptions = {}): Promise<FleetAssessment> {
  const today = options.today ?? todayOf()
  const facts = options.deviceId
    ? await fleetRiskRepository.deviceFact(ctx.db, ctx.scope, options.deviceId).then((d) => (d ? [d] : []))
    : await fleetRiskRepository.deviceFacts(ctx.db, ctx.scope)
  const versionIds = [...new Set(facts.flatMap((d) => (d.product_version_id ? [d.product_version_id] : [])))]
  const support = await versionSupport(ctx, versionIds)
  let entries: FleetRiskEntryRow[] = []
  let controls: FleetRiskControlRow[] = []
  let vulnerabilities: ReadonlyMap<string, readonly DeviceVulnerability[]> = new Map()
  if (options.withRisk) {
    entries = await fleetRiskRepository.listEntries(ctx.db, ctx.scope)
    controls = await fleetRiskRepository.activeControls(ctx.db, ctx.scope, entries.map((e) => e.id))
    vulnerabilities = await (options.source ?? fleetVulnerabilitySource)(ctx, facts.map((d) => ({ id: d.id, productVersionId: d.product_version_id })))
  }
  const byDevice = new Map<string, FleetRiskEntryRow[]>()
  const groups: { entry: FleetRiskEntryRow; filter: GroupFilter }[] = []
  for (const entry of entries) {
    if (entry.device_id) byDevice.set(entry.device_id, [...(byDevice.get(entry.device_id) ?? []), entry]) // entries are few
    else {
      const filter = parseGroupFilter(entry.group_filter)
      if (filter.ok) groups.push({ entry, filter: filter.value })
    }
  }
  const controlKinds = new Map<string, ControlKind[]>()
  for (const c of controls) controlKinds.set(c.entry_id, [...(controlKinds.get(c.entry_id) ?? []), c.kind])

  const devices = facts.map((device): DeviceAssessment => {
    const version = device.product_version_id ? support.get(device.product_version_id) : undefined
    const endOfSupport: EndOfSupport = version?.endOfSupport ?? { kind: 'unknown' }
    const date = endOfSupport.kind === 'unknown' ? null : endOfSupport.date
    const status = supportStatus(date, today)
    const base: DeviceSupport = { endOfSupport, support: status, window: unsupportedWindow(date, device.clinical_end_of_life, device.status, today), upgradeAvailable: version?.upgradeAvailable ?? false }
    if (!options.withRisk) return { ...base, device, risk: null, vulnerabilities: [], entryIds: [] }
    const covering = coveringEntries(device, byDevice, groups)
    const own = vulnerabilities.get(device.id) ?? []
    const risk = deviceRiskScore({
      vulnerabilities: own,
      criticality: device.criticality,
      internetExposed: device.internet_exposed,
      networked: Boolean(device.ip_address || device.hostname || device.ae_title),
      storesPhi: device.stores_phi,
      supportEnded: status === 'ended',
      controls: covering.flatMap((e) => controlKinds.get(e.id) ?? []),
    })
    return { ...base, device, risk, vulnerabilities: own, entryIds: covering.map((e) => e.id) }
  })
  return { today, devices, entries, controls }
}

// Whole-fleet assessments per organization (with risk, and support-only), under the generations they were computed from.
const assessmentCache = generationCache<FleetAssessment>({ slots: 16, weight: 250_000 })

/**
 * The whole fleet assessed (as {@link assessFleet} without a device or a source), from the cache when nothing it is
 * computed from changed: the organization's devices and register, the shared inputs (findings, decisions, SBOMs,
 * products, published advisories), the knowledge base (KEV, EPSS, CSAF) and the day (ADR 0095). The generations are
 * read before the data, so a value is never cached under a newer generation than the data it was computed from.
 */
export async function cachedFleetAssessment(ctx: OrgContext, options: { readonly withRisk: boolean; readonly today?: string }): Promise<FleetAssessment> {
  const today = options.today ?? todayOf()
  const [fleet, kb] = await Promise.all([fleetGenerationRepository.current(ctx.db, ctx.scope), options.withRisk ? kbRepository.generation(ctx.db) : ''])
  const key = options.withRisk ? [today, fleet.devices, fleet.register, fleet.shared, kb].join('|') : [today, fleet.devices, fleet.shared].join('|')
  return assessmentCache.get(ctx.db, `${ctx.scope.orgId}:${options.withRisk ? 'risk' : 'support'}`, key, () => assessFleet(ctx, { withRisk: options.withRisk, today }), (a) => a.devices.length)
}
