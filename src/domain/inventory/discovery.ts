import { fail, ok, problem, type Result } from '../result.js'
import { isValidAeTitle, parseIpAddress } from './normalize.js'

/** Most hosts one discovery run may probe: a /24. */
export const MAX_DISCOVERY_HOSTS = 256

/** Most ports one run may try per host. */
export const MAX_DISCOVERY_PORTS = 16

/**
 * Expands a host list into addresses: IPv4 or IPv6 addresses and IPv4 CIDR blocks, separated by commas. A block's
 * network and broadcast addresses are left out (except /31 and /32). Codes: discovery_host_invalid,
 * discovery_too_many_hosts.
 */
export function expandHosts(spec: string, maxHosts = MAX_DISCOVERY_HOSTS): Result<string[]> {
  const hosts = new Set<string>()
  for (const part of spec.split(',').map((p) => p.trim()).filter(Boolean)) {
    const cidr = /^(\d{1,3}(?:\.\d{1,3}){3})\/(\d{1,2})$/.exec(part)
    if (cidr) {
      const base = parseIpAddress(cidr[1]!)
      const prefix = Number(cidr[2])
      if (!base || prefix > 32) return fail(problem('discovery_host_invalid', `"${part}" is not an IPv4 CIDR block`))
      const size = 2 ** (32 - prefix)
      const usable = prefix >= 31 ? size : size - 2
      if (hosts.size + usable > maxHosts) return fail(problem('discovery_too_many_hosts', `"${part}" has ${usable} hosts; one run probes at most ${maxHosts} (a /24)`))
      const network = (toNumber(base) & (prefix === 0 ? 0 : (~0 << (32 - prefix)) >>> 0)) >>> 0
      const [first, last] = prefix >= 31 ? [network, network + size - 1] : [network + 1, network + size - 2]
      for (let n = first; n <= last; n++) hosts.add(fromNumber(n))
      continue
    }
    const ip = parseIpAddress(part)
    if (!ip) return fail(problem('discovery_host_invalid', `"${part}" is not an IP address or an IPv4 CIDR block`))
    hosts.add(ip)
    if (hosts.size > maxHosts) return fail(problem('discovery_too_many_hosts', `one run probes at most ${maxHosts} hosts`))
  }
  if (hosts.size === 0) return fail(problem('discovery_host_invalid', 'give at least one host'))
  return ok([...hosts])
}

function toNumber(ip: string): number {
  return ip.split('.').reduce((n, part) => n * 256 + Number(part), 0)
}

function fromNumber(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.')
}

/** Reads a comma-separated port list (each 1-65535, at most 16). Code: discovery_port_invalid. */
export function parsePorts(spec: string): Result<number[]> {
  const ports = new Set<number>()
  for (const part of spec.split(',').map((p) => p.trim()).filter(Boolean)) {
    if (!/^\d{1,5}$/.test(part) || Number(part) < 1 || Number(part) > 65535) return fail(problem('discovery_port_invalid', `"${part}" is not a port from 1 to 65535`))
    ports.add(Number(part))
  }
  if (ports.size === 0) return fail(problem('discovery_port_invalid', 'give at least one port'))
  if (ports.size > MAX_DISCOVERY_PORTS) return fail(problem('discovery_port_invalid', `at most ${MAX_DISCOVERY_PORTS} ports per run`))
  return ok([...ports])
}

/** Checks an AE title given for a discovery. Code: discovery_ae_title_invalid. */
export function checkAeTitle(title: string, role: 'calling' | 'called'): Result<string> {
  return isValidAeTitle(title) ? ok(title) : fail(problem('discovery_ae_title_invalid', `the ${role} AE title "${title}" is not a DICOM AE title (1-16 printable characters, no backslash)`))
}

/** How a probed application entity answered. */
export type EchoOutcome = 'echo_ok' | 'echo_failed' | 'association_rejected'

/** One application entity that answered a probe. */
export interface DiscoveredEntity {
  readonly host: string
  readonly port: number
  readonly calledAe: string
  readonly callingAe: string
  readonly outcome: EchoOutcome
  /** The C-ECHO response status (0 is success), when the association was accepted. */
  readonly echoStatus: number | null
  readonly implementationClassUid: string | null
  readonly implementationVersion: string | null
}
