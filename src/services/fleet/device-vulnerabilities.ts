import type { DeviceVulnerability, DeviceVulnerabilityStatus } from '../../domain/risk/device-risk.js'
import type { FindingView } from '../findings/views.js'
import { listFindings } from '../findings/list-findings.js'
import { scopeFor } from '../../store/scope.js'
import type { OrgContext } from '../context.js'
import { findVisibleProductVersion } from './product-catalogue.js'

/** A device as a vulnerability source needs it. */
export interface DeviceRef {
  readonly id: string
  readonly productVersionId: string | null
}

/**
 * Where the risk score gets each device's vulnerabilities: given the organization's devices, it answers the
 * vulnerabilities of each (devices without any may be left out of the map). The fleet services use
 * `fleetVulnerabilitySource` (affected-vulnerability-source.ts), which adds the affected-devices matches to these findings.
 */
export type DeviceVulnerabilitySource = (ctx: OrgContext, devices: readonly DeviceRef[]) => Promise<ReadonlyMap<string, readonly DeviceVulnerability[]>>

/** The device status of a finding: resolved is fixed; the manufacturer's not_affected or false_positive hide it; exploitable is affected; untriaged is under investigation. */
export function statusOfFinding(finding: Pick<FindingView, 'status' | 'decision'>): DeviceVulnerabilityStatus {
  if (finding.status === 'resolved') return 'fixed'
  switch (finding.decision?.state) {
    case 'not_affected':
    case 'false_positive':
      return 'not_affected'
    case 'resolved':
      return 'fixed'
    case 'exploitable':
      return 'affected'
    default:
      return 'under_investigation'
  }
}

/** One vulnerability per identifier: a finding on several components counts once, with its worst status and scores. */
export function vulnerabilitiesOfFindings(findings: readonly FindingView[]): DeviceVulnerability[] {
  const rank: Readonly<Record<DeviceVulnerabilityStatus, number>> = { affected: 3, under_investigation: 2, fixed: 1, not_affected: 0 }
  const byId = new Map<string, DeviceVulnerability>()
  for (const f of findings) {
    const next: DeviceVulnerability = { vulnerabilityId: f.vulnerability.id, cvssBaseScore: f.severity?.score ?? null, epss: f.epss?.score ?? null, kev: f.kev !== null, status: statusOfFinding(f) }
    const seen = byId.get(next.vulnerabilityId)
    if (!seen) byId.set(next.vulnerabilityId, next)
    else {
      byId.set(next.vulnerabilityId, {
        vulnerabilityId: seen.vulnerabilityId,
        cvssBaseScore: Math.max(seen.cvssBaseScore ?? -1, next.cvssBaseScore ?? -1) < 0 ? null : Math.max(seen.cvssBaseScore ?? -1, next.cvssBaseScore ?? -1),
        epss: Math.max(seen.epss ?? -1, next.epss ?? -1) < 0 ? null : Math.max(seen.epss ?? -1, next.epss ?? -1),
        kev: seen.kev || next.kev,
        status: rank[next.status] > rank[seen.status] ? next.status : seen.status,
      })
    }
  }
  return [...byId.values()].sort((a, b) => a.vulnerabilityId.localeCompare(b.vulnerabilityId))
}

/**
 * Today's source: the findings of the product version each device is linked to, with the manufacturer's triage
 * decisions applied. The hospital reads them only for versions the product catalogue lets it see (TLP:CLEAR/GREEN
 * products of manufacturers); the read runs in the manufacturer's scope as a viewer and writes nothing.
 */
export const linkedVersionFindings: DeviceVulnerabilitySource = async (ctx, devices) => {
  const byVersion = new Map<string, string[]>()
  for (const d of devices) {
    if (!d.productVersionId) continue
    const ids = byVersion.get(d.productVersionId)
    if (ids) ids.push(d.id)
    else byVersion.set(d.productVersionId, [d.id])
  }
  const out = new Map<string, readonly DeviceVulnerability[]>()
  for (const [versionId, deviceIds] of byVersion) {
    const version = await findVisibleProductVersion(ctx, versionId)
    if (!version) continue
    const manufacturer: OrgContext = {
      db: ctx.db,
      scope: scopeFor(version.manufacturerOrgId),
      org: { id: version.manufacturerOrgId, slug: '', name: version.manufacturer, kind: 'manufacturer' },
      actor: ctx.actor,
      role: 'viewer',
    }
    const findings = await listFindings(manufacturer, versionId)
    if (!findings.ok) continue
    const vulnerabilities = vulnerabilitiesOfFindings(findings.value.findings)
    for (const id of deviceIds) out.set(id, vulnerabilities)
  }
  return out
}
