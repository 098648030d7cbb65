import { describe, expect, it } from 'vitest'
import { checkResolvedAddresses, checkWebhookUrl, classifyAddress, parseIpAddress, parseIpv4, type AddressClass } from './network.js'

const classOf = (text: string): AddressClass | 'not an address' => {
  const address = parseIpAddress(text)
  return address ? classifyAddress(address) : 'not an address'
}

// Each address with its expected class: every class, IPv4 written in decimal, octal and hexadecimal, and the IPv6
// forms that carry an IPv4 address.
const CASES: readonly (readonly [string, AddressClass])[] = [
  ['93.184.215.14', 'public'],
  ['8.8.8.8', 'public'],
  ['127.0.0.1', 'loopback'],
  ['127.255.255.254', 'loopback'],
  ['2130706433', 'loopback'],
  ['0177.0.0.1', 'loopback'],
  ['0x7f.1', 'loopback'],
  ['0x7f000001', 'loopback'],
  ['127.1', 'loopback'],
  ['10.0.0.1', 'private'],
  ['012.0.0.1', 'private'],
  ['167772161', 'private'],
  ['172.16.0.1', 'private'],
  ['172.31.255.255', 'private'],
  ['172.32.0.1', 'public'],
  ['192.168.1.1', 'private'],
  ['0xc0.0xa8.1.1', 'private'],
  ['100.64.0.1', 'cgnat'],
  ['100.127.255.255', 'cgnat'],
  ['100.128.0.1', 'public'],
  ['169.254.169.254', 'link_local'],
  ['2852039166', 'link_local'],
  ['0251.0376.0251.0376', 'link_local'],
  ['224.0.0.1', 'multicast'],
  ['239.255.255.250', 'multicast'],
  ['0.0.0.0', 'unspecified'],
  ['0', 'unspecified'],
  ['255.255.255.255', 'reserved'],
  ['240.0.0.1', 'reserved'],
  ['192.0.2.10', 'reserved'],
  ['198.18.0.1', 'reserved'],
  ['2606:4700:4700::1111', 'public'],
  ['::1', 'loopback'],
  ['[::1]', 'loopback'],
  ['0:0:0:0:0:0:0:1', 'loopback'],
  ['::', 'unspecified'],
  ['::ffff:127.0.0.1', 'loopback'],
  ['::ffff:7f00:1', 'loopback'],
  ['::ffff:169.254.169.254', 'link_local'],
  ['::ffff:10.1.2.3', 'private'],
  ['::ffff:8.8.8.8', 'public'],
  ['::127.0.0.1', 'loopback'],
  ['64:ff9b::a9fe:a9fe', 'link_local'],
  ['64:ff9b::808:808', 'public'],
  ['2002:c0a8:0101::1', 'private'],
  ['fc00::1', 'unique_local'],
  ['fd12:3456:789a::1', 'unique_local'],
  ['fe80::1', 'link_local'],
  ['fe80::1%eth0', 'link_local'],
  ['fec0::1', 'private'],
  ['ff02::1', 'multicast'],
  ['2001:db8::1', 'reserved'],
  ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'reserved'],
  ['100::1', 'reserved'],
  ['4000::1', 'reserved'],
]

describe('address classification for webhook targets', () => {
  it(`classifies ${CASES.length} addresses`, () => {
    const wrong = CASES.map(([text, expected]) => ({ text, expected, got: classOf(text) })).filter((c) => c.got !== c.expected)
    expect(wrong, JSON.stringify(wrong)).toEqual([])
    expect(CASES).toHaveLength(55)
  })

  it('reads IPv4 the way the system resolver does, and refuses what it would not', () => {
    expect(parseIpv4('2130706433')?.bytes).toEqual([127, 0, 0, 1])
    expect(parseIpv4('10.1')?.bytes).toEqual([10, 0, 0, 1])
    expect(parseIpv4('192.168.257')?.bytes).toEqual([192, 168, 1, 1])
    for (const text of ['256.0.0.1', '1.2.3.4.5', '08.0.0.1', '4294967296', 'example.com', '1..2', '']) expect(parseIpv4(text), text).toBeUndefined()
    for (const text of ['1:2:3:4:5:6:7:8:9', '::1::', 'fffff::', '::ffff:999.0.0.1', 'gg::1']) expect(parseIpAddress(text), text).toBeUndefined()
  })
})

describe('webhook URL check', () => {
  const strict = { allowPrivate: false }
  const lax = { allowPrivate: true }
  const parts = (url: string) => new URL(url)

  it('requires https unless private targets are allowed', () => {
    expect(checkWebhookUrl(parts('https://hooks.example.com/x'), strict)).toMatchObject({ ok: true, value: { hostname: 'hooks.example.com', literal: null } })
    expect(checkWebhookUrl(parts('http://hooks.example.com/x'), strict)).toMatchObject({ ok: false, error: { code: 'webhook_url_scheme' } })
    expect(checkWebhookUrl(parts('http://127.0.0.1:8080/x'), lax).ok).toBe(true)
    expect(checkWebhookUrl(parts('ftp://hooks.example.com/x'), lax)).toMatchObject({ ok: false, error: { code: 'webhook_url_scheme' } })
    expect(checkWebhookUrl(parts('https://user:pw@hooks.example.com/x'), strict)).toMatchObject({ ok: false, error: { code: 'webhook_url_credentials' } })
  })

  it('refuses IP literal hosts of every blocked class, in every spelling the URL parser accepts', () => {
    const blocked = ['https://127.0.0.1/', 'https://2130706433/', 'https://0177.0.0.1/', 'https://0x7f.1/', 'https://[::1]/', 'https://[::ffff:127.0.0.1]/', 'https://169.254.169.254/latest/meta-data/', 'https://[fd00::1]/', 'https://100.64.1.1/', 'https://224.0.0.1/', 'https://0.0.0.0/', 'https://10.0.0.1/', 'https://localhost/', 'https://api.localhost/']
    const allowed = blocked.filter((url) => checkWebhookUrl(parts(url), strict).ok)
    expect(allowed).toEqual([])
    // Allowing private targets opens loopback, RFC 1918, CGNAT and unique-local, never link-local or multicast.
    const opened = blocked.filter((url) => checkWebhookUrl(parts(url), lax).ok)
    expect(opened).toEqual(['https://127.0.0.1/', 'https://2130706433/', 'https://0177.0.0.1/', 'https://0x7f.1/', 'https://[::1]/', 'https://[::ffff:127.0.0.1]/', 'https://[fd00::1]/', 'https://100.64.1.1/', 'https://10.0.0.1/', 'https://localhost/', 'https://api.localhost/'])
  })

  it('refuses a host whose resolved addresses include any blocked one', () => {
    expect(checkResolvedAddresses(['93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c'], strict).ok).toBe(true)
    expect(checkResolvedAddresses(['93.184.215.14', '10.0.0.5'], strict)).toMatchObject({ ok: false, error: { code: 'webhook_address_blocked', details: { address: '10.0.0.5', class: 'private' } } })
    expect(checkResolvedAddresses([], strict)).toMatchObject({ ok: false, error: { code: 'webhook_host_unresolved' } })
    expect(checkResolvedAddresses(['169.254.169.254'], lax)).toMatchObject({ ok: false, error: { details: { class: 'link_local' } } })
  })
})
