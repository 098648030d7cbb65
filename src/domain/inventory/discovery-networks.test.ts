import { describe, expect, it } from 'vitest'
import { isInDiscoveryNetworks, parseDiscoveryNetworks } from './discovery-networks.js'

describe('server-side discovery networks', () => {
  it('is off when nothing is configured', () => {
    expect(parseDiscoveryNetworks(undefined)).toEqual({ ok: true, value: [] })
    expect(parseDiscoveryNetworks(' , ')).toEqual({ ok: true, value: [] })
  })

  it('holds addresses inside a configured block and refuses the rest', () => {
    const parsed = parseDiscoveryNetworks('10.20.40.0/24, 192.168.7.9, fd00::17')
    if (!parsed.ok) throw new Error(parsed.error.message)
    expect(parsed.value.map((n) => n.text)).toEqual(['10.20.40.0/24', '192.168.7.9', 'fd00::17'])
    const inside = ['10.20.40.1', '10.20.40.254', '192.168.7.9', 'fd00::17']
    const outside = ['10.20.41.1', '10.20.39.255', '192.168.7.10', '127.0.0.1', 'fd00::18', '169.254.169.254']
    expect(inside.filter((h) => !isInDiscoveryNetworks(h, parsed.value))).toEqual([])
    expect(outside.filter((h) => isInDiscoveryNetworks(h, parsed.value))).toEqual([])
  })

  it('handles the whole-space and single-host prefixes', () => {
    const all = parseDiscoveryNetworks('0.0.0.0/0')
    const one = parseDiscoveryNetworks('127.0.0.1/32')
    if (!all.ok || !one.ok) throw new Error('parse failed')
    expect(isInDiscoveryNetworks('203.0.113.5', all.value)).toBe(true)
    expect(isInDiscoveryNetworks('127.0.0.1', one.value)).toBe(true)
    expect(isInDiscoveryNetworks('127.0.0.2', one.value)).toBe(false)
  })

  it('rejects what is not a network, with a stable code', () => {
    for (const bad of ['10.0.0.0/33', 'example.org', '10.0.0/8', 'fd00::/64', '10.0.0.0/x']) {
      const parsed = parseDiscoveryNetworks(bad)
      expect(parsed.ok ? 'accepted' : parsed.error.code, bad).toBe('discovery_networks_invalid')
    }
  })
})
