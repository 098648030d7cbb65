import { fail, ok, problem, type Result } from '../result.js'
import { parseIpAddress } from './normalize.js'

/** An IPv4 block the server may probe, or one exact IPv6 address. */
export type DiscoveryNetwork =
  | { readonly kind: 'ipv4'; readonly text: string; readonly network: number; readonly mask: number }
  | { readonly kind: 'ipv6'; readonly text: string; readonly address: string }

/**
 * Reads the operator's list of networks that server-side discovery may probe (comma-separated IPv4 CIDR blocks,
 * IPv4 addresses or exact IPv6 addresses). An empty list means server-side discovery is off. Code:
 * discovery_networks_invalid.
 */
export function parseDiscoveryNetworks(spec: string | undefined): Result<readonly DiscoveryNetwork[]> {
  const networks: DiscoveryNetwork[] = []
  for (const part of (spec ?? '').split(',').map((p) => p.trim()).filter(Boolean)) {
    const [address, prefixText] = part.split('/') as [string, string | undefined]
    const ip = parseIpAddress(address)
    if (ip && !ip.includes(':')) {
      const prefix = prefixText === undefined ? 32 : Number(prefixText)
      if (!/^\d{1,2}$/.test(prefixText ?? '32') || prefix > 32) return fail(problem('discovery_networks_invalid', `"${part}" is not an IPv4 CIDR block`))
      const mask = prefix === 0 ? 0 : (~0 << (32 - prefix)) >>> 0
      networks.push({ kind: 'ipv4', text: part, network: (ipv4Number(ip) & mask) >>> 0, mask })
    } else if (ip && prefixText === undefined) {
      networks.push({ kind: 'ipv6', text: part, address: ip })
    } else {
      return fail(problem('discovery_networks_invalid', `"${part}" is not an IPv4 CIDR block or an IP address (IPv6 addresses are allowed one by one)`))
    }
  }
  return ok(networks)
}

/** Whether an address (as `expandHosts` returns it) lies inside one of the networks. */
export function isInDiscoveryNetworks(host: string, networks: readonly DiscoveryNetwork[]): boolean {
  if (host.includes(':')) return networks.some((n) => n.kind === 'ipv6' && n.address === host)
  const value = ipv4Number(host)
  return networks.some((n) => n.kind === 'ipv4' && ((value & n.mask) >>> 0) === n.network)
}

function ipv4Number(ip: string): number {
  return ip.split('.').reduce((n, part) => n * 256 + Number(part), 0)
}
