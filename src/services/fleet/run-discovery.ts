import { isInDiscoveryNetworks, parseDiscoveryNetworks, type DiscoveryNetwork } from '../../domain/inventory/discovery-networks.js'
import type { FleetDiscoveryRow } from '../../store/tables/fleet.js'
import { requireRole, serviceError, type OrgContext, type ServiceResult } from '../context.js'
import { checkDiscoveryOptions, discoverDicom } from './discover-dicom.js'
import { recordDiscoveries } from './record-discoveries.js'

/** What an administrator asks the server to probe. */
export interface DiscoveryRequest {
  readonly hosts: string
  readonly ports: string
  readonly callingAe?: string
  readonly calledAe?: string
  readonly timeoutMs?: number
}

/** What a server-side run did: counts and the proposals it recorded. */
export interface DiscoveryRunResult {
  readonly probed: number
  readonly silent: number
  readonly proposals: readonly FleetDiscoveryRow[]
}

/** Whether the server may probe the network, and where: the operator's MEDSEC_DISCOVERY_NETWORKS. */
export interface DiscoverySettings {
  readonly enabled: boolean
  readonly networks: readonly string[]
}

// A run from the API answers within one request, so it is gentler and shorter than the CLI's limits allow.
const API_TIMEOUT_MS = { min: 200, max: 5000, default: 2000 }
const API_RATE_PER_SECOND = 20
const API_CONCURRENCY = 8

function configuredNetworks(env: NodeJS.ProcessEnv): ServiceResult<readonly DiscoveryNetwork[]> {
  const parsed = parseDiscoveryNetworks(env.MEDSEC_DISCOVERY_NETWORKS)
  return parsed.ok ? parsed : serviceError('validation_failed', `MEDSEC_DISCOVERY_NETWORKS: ${parsed.error.message}`, { code: parsed.error.code })
}

/** The server-side discovery settings an organization's members may see. */
export function discoverySettings(env: NodeJS.ProcessEnv = process.env): ServiceResult<DiscoverySettings> {
  const networks = configuredNetworks(env)
  if (!networks.ok) return networks
  return { ok: true, value: { enabled: networks.value.length > 0, networks: networks.value.map((n) => n.text) } }
}

/**
 * Sends DICOM C-ECHO from the server to the hosts and ports a hospital administrator names, and records the answers
 * as inventory proposals. Off unless the operator lists the networks the server may probe in
 * MEDSEC_DISCOVERY_NETWORKS: a shared instance must not become a scanner of its own hosting network.
 */
export async function runDiscovery(ctx: OrgContext, request: DiscoveryRequest, env: NodeJS.ProcessEnv = process.env): Promise<ServiceResult<DiscoveryRunResult>> {
  const allowed = requireRole(ctx, 'admin')
  if (!allowed.ok) return allowed
  if (ctx.org.kind !== 'hdo') return serviceError('forbidden', 'device discovery is for hospital organizations')
  const networks = configuredNetworks(env)
  if (!networks.ok) return networks
  // Off and out-of-network are answers about the request, not about who asks: a validation error with a detail code.
  if (networks.value.length === 0) {
    return serviceError('validation_failed', 'server-side discovery is off on this instance; the operator enables it by listing networks in MEDSEC_DISCOVERY_NETWORKS, or run `medsec discover dicom` on a machine in the imaging network', { code: 'discovery_disabled' })
  }
  const timeoutMs = request.timeoutMs ?? API_TIMEOUT_MS.default
  if (!Number.isInteger(timeoutMs) || timeoutMs < API_TIMEOUT_MS.min || timeoutMs > API_TIMEOUT_MS.max) {
    return serviceError('validation_failed', `timeoutMs must be an integer from ${API_TIMEOUT_MS.min} to ${API_TIMEOUT_MS.max}`)
  }
  const options = { hosts: request.hosts, ports: request.ports, callingAe: request.callingAe, calledAe: request.calledAe, timeoutMs, ratePerSecond: API_RATE_PER_SECOND, concurrency: API_CONCURRENCY }
  const checked = checkDiscoveryOptions(options)
  if (!checked.ok) return serviceError('validation_failed', checked.error.message, { code: checked.error.code })
  const outside = checked.value.hosts.filter((host) => !isInDiscoveryNetworks(host, networks.value))
  if (outside.length > 0) {
    const shown = outside.slice(0, 5).join(', ') + (outside.length > 5 ? ` and ${outside.length - 5} more` : '')
    return serviceError('validation_failed', `${shown} lie outside the networks this server may probe (${networks.value.map((n) => n.text).join(', ')})`, { code: 'discovery_outside_networks' })
  }
  const run = await discoverDicom(options)
  if (!run.ok) return serviceError('validation_failed', run.error.message, { code: run.error.code })
  const recorded = await recordDiscoveries(ctx, run.value.found, { probed: run.value.probed, hosts: request.hosts, ports: request.ports })
  if (!recorded.ok) return recorded
  return { ok: true, value: { probed: run.value.probed, silent: run.value.silent, proposals: recorded.value } }
}
