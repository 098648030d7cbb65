import { fail, ok, problem, type Problem, type Result } from '../result.js'

/** An IP address as its bytes: 4 for IPv4, 16 for IPv6. */
export type IpAddress = { readonly kind: 'ipv4'; readonly bytes: readonly number[] } | { readonly kind: 'ipv6'; readonly bytes: readonly number[] }

/** What an address is, for deciding whether the server may connect to it on a tenant's behalf. */
export type AddressClass = 'public' | 'loopback' | 'private' | 'cgnat' | 'unique_local' | 'link_local' | 'multicast' | 'unspecified' | 'reserved'

/** The classes a webhook may reach only when private targets are allowed (a local receiver in development or tests). */
export const PRIVATE_CLASSES: readonly AddressClass[] = ['loopback', 'private', 'cgnat', 'unique_local']

/** How strict the webhook target check is. */
export interface WebhookTargetPolicy {
  /** Allow http and loopback / RFC 1918 / CGNAT / unique-local targets; link-local, multicast and the rest stay refused. */
  readonly allowPrivate: boolean
}

/** The parts of a parsed URL the webhook check needs (the service parses with WHATWG `URL`). */
export interface UrlParts {
  readonly protocol: string
  readonly hostname: string
  readonly username: string
  readonly password: string
}

/** A webhook target that passed the static check: its host, and the address when the host is an IP literal. */
export interface WebhookTarget {
  readonly hostname: string
  readonly literal: IpAddress | null
}

function parseIpv4Part(part: string): number | undefined {
  if (/^0x[0-9a-f]*$/i.test(part)) return part.length === 2 ? 0 : parseInt(part.slice(2), 16)
  if (/^0[0-7]*$/.test(part)) return parseInt(part, 8)
  if (/^[1-9][0-9]*$/.test(part)) return Number(part)
  return undefined
}

/**
 * Reads an IPv4 address in any form `inet_aton` (and so the system resolver) accepts: dotted decimal, but also
 * octal (0177.0.0.1), hexadecimal (0x7f.1) and fewer parts, the last one filling the remaining bytes (2130706433).
 */
export function parseIpv4(text: string): IpAddress | undefined {
  const parts = text.split('.')
  if (parts.length < 1 || parts.length > 4) return undefined
  const numbers = parts.map(parseIpv4Part)
  if (numbers.some((n) => n === undefined || !Number.isSafeInteger(n))) return undefined
  const values = numbers as number[]
  const last = values[values.length - 1]!
  const head = values.slice(0, -1)
  if (head.some((n) => n > 255) || last >= 256 ** (4 - head.length)) return undefined
  const tail = [3, 2, 1, 0].slice(head.length).map((shift) => Math.floor(last / 256 ** shift) % 256)
  return { kind: 'ipv4', bytes: [...head, ...tail] }
}

function parseStrictIpv4(text: string): readonly number[] | undefined {
  const parts = text.split('.')
  if (parts.length !== 4 || parts.some((p) => !/^(0|[1-9][0-9]{0,2})$/.test(p) || Number(p) > 255)) return undefined
  return parts.map(Number)
}

/** Reads an IPv6 address (with "::", an embedded dotted IPv4 tail, optional brackets and zone id). */
export function parseIpv6(text: string): IpAddress | undefined {
  const bare = text.replace(/^\[(.*)\]$/, '$1').replace(/%.*$/, '')
  if (!bare.includes(':')) return undefined
  const halves = bare.split('::')
  if (halves.length > 2) return undefined
  const groups = (half: string): number[] | undefined => {
    if (half === '') return []
    const out: number[] = []
    const pieces = half.split(':')
    for (const [i, piece] of pieces.entries()) {
      if (i === pieces.length - 1 && piece.includes('.')) {
        const v4 = parseStrictIpv4(piece)
        if (!v4) return undefined
        out.push(v4[0]! * 256 + v4[1]!, v4[2]! * 256 + v4[3]!)
      } else if (/^[0-9a-f]{1,4}$/i.test(piece)) out.push(parseInt(piece, 16))
      else return undefined
    }
    return out
  }
  const front = groups(halves[0]!)
  const back = halves.length === 2 ? groups(halves[1]!) : []
  if (!front || !back) return undefined
  const missing = 8 - front.length - back.length
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined
  const all = [...front, ...new Array<number>(missing).fill(0), ...back]
  return { kind: 'ipv6', bytes: all.flatMap((g) => [g >> 8, g & 0xff]) }
}

/** Reads an IPv4 (any inet_aton form) or IPv6 address; undefined for a host name. */
export function parseIpAddress(text: string): IpAddress | undefined {
  return text.includes(':') || text.startsWith('[') ? parseIpv6(text) : parseIpv4(text)
}

function inV4(bytes: readonly number[], prefix: readonly number[], bits: number): boolean {
  for (let bit = 0; bit < bits; bit++) {
    const byte = bit >> 3
    const mask = 0x80 >> (bit & 7)
    if (((bytes[byte] ?? 0) & mask) !== ((prefix[byte] ?? 0) & mask)) return false
  }
  return true
}

const IPV4_RANGES: readonly (readonly [readonly number[], number, AddressClass])[] = [
  [[0], 8, 'unspecified'],
  [[10], 8, 'private'],
  [[100, 64], 10, 'cgnat'],
  [[127], 8, 'loopback'],
  [[169, 254], 16, 'link_local'],
  [[172, 16], 12, 'private'],
  [[192, 0, 0], 24, 'reserved'],
  [[192, 0, 2], 24, 'reserved'],
  [[192, 88, 99], 24, 'reserved'],
  [[192, 168], 16, 'private'],
  [[198, 18], 15, 'reserved'],
  [[198, 51, 100], 24, 'reserved'],
  [[203, 0, 113], 24, 'reserved'],
  [[224], 4, 'multicast'],
  [[240], 4, 'reserved'],
]

function classifyIpv4(bytes: readonly number[]): AddressClass {
  return IPV4_RANGES.find(([prefix, bits]) => inV4(bytes, prefix, bits))?.[2] ?? 'public'
}

function classifyIpv6(b: readonly number[]): AddressClass {
  const zeroUpTo = (n: number) => b.slice(0, n).every((x) => x === 0)
  if (b.every((x) => x === 0)) return 'unspecified'
  if (zeroUpTo(15) && b[15] === 1) return 'loopback'
  // Forms that carry an IPv4 address are judged by that address: mapped (::ffff:a.b.c.d), the deprecated
  // compatible form (::a.b.c.d), NAT64 (64:ff9b::a.b.c.d) and 6to4 (2002:aabb:ccdd::).
  if (zeroUpTo(10) && b[10] === 0xff && b[11] === 0xff) return classifyIpv4(b.slice(12))
  if (zeroUpTo(12)) return classifyIpv4(b.slice(12))
  if (inV4(b, [0x00, 0x64, 0xff, 0x9b], 96)) return classifyIpv4(b.slice(12))
  if (inV4(b, [0x00, 0x64, 0xff, 0x9b, 0x00, 0x01], 48)) return 'private'
  if (inV4(b, [0x20, 0x02], 16)) return classifyIpv4(b.slice(2, 6))
  if (inV4(b, [0xff], 8)) return 'multicast'
  if (inV4(b, [0xfe, 0x80], 10)) return 'link_local'
  if (inV4(b, [0xfe, 0xc0], 10)) return 'private'
  if (inV4(b, [0xfc], 7)) return 'unique_local'
  // Teredo (2001::/32) hides an IPv4 address; documentation (2001:db8::/32) and discard (100::/64) go nowhere.
  if (inV4(b, [0x20, 0x01, 0x00, 0x00], 32) || inV4(b, [0x20, 0x01, 0x0d, 0xb8], 32) || inV4(b, [0x01, 0x00], 64)) return 'reserved'
  // Only 2000::/3 is global unicast.
  return inV4(b, [0x20], 3) ? 'public' : 'reserved'
}

/** The class of an address. */
export function classifyAddress(address: IpAddress): AddressClass {
  return address.kind === 'ipv4' ? classifyIpv4(address.bytes) : classifyIpv6(address.bytes)
}

/** Whether the policy lets the server connect to an address of this class. */
export function classAllowed(cls: AddressClass, policy: WebhookTargetPolicy): boolean {
  return cls === 'public' || (policy.allowPrivate && PRIVATE_CLASSES.includes(cls))
}

/** Checks one address (text as a resolver returns it) against the policy. */
export function checkAddress(text: string, policy: WebhookTargetPolicy): Result<AddressClass, Problem> {
  const address = parseIpAddress(text)
  if (!address) return fail(problem('webhook_address_invalid', `"${text}" is not an IP address`))
  const cls = classifyAddress(address)
  if (!classAllowed(cls, policy)) return fail(problem('webhook_address_blocked', `the webhook host resolves to a ${cls.replace('_', '-')} address (${text}), which the server does not call`, { address: text, class: cls }))
  return ok(cls)
}

/**
 * The static check of a webhook URL: https (http only when private targets are allowed), no credentials, and an IP
 * literal host checked at once. A host name still has to be resolved and every address checked with
 * {@link checkResolvedAddresses}, at registration and again when connecting (DNS can change in between).
 */
export function checkWebhookUrl(url: UrlParts, policy: WebhookTargetPolicy): Result<WebhookTarget, Problem> {
  if (url.protocol !== 'https:' && !(policy.allowPrivate && url.protocol === 'http:')) {
    return fail(problem('webhook_url_scheme', policy.allowPrivate ? 'a webhook URL must be http or https' : 'a webhook URL must use https'))
  }
  if (url.username || url.password) return fail(problem('webhook_url_credentials', 'put no credentials in the webhook URL; verify the signature instead'))
  const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1')
  if (hostname === '') return fail(problem('webhook_url_host', 'the webhook URL has no host'))
  const literal = parseIpAddress(hostname) ?? null
  if (literal) {
    const checked = checkAddress(hostname, policy)
    if (!checked.ok) return checked
  } else if (/^localhost$|\.localhost$/i.test(hostname.replace(/\.$/, '')) && !policy.allowPrivate) {
    return fail(problem('webhook_address_blocked', 'a webhook URL may not name localhost', { address: hostname, class: 'loopback' }))
  }
  return ok({ hostname, literal })
}

/** Checks every address a host resolved to: all must be allowed, since a connection may use any of them. */
export function checkResolvedAddresses(addresses: readonly string[], policy: WebhookTargetPolicy): Result<readonly string[], Problem> {
  if (addresses.length === 0) return fail(problem('webhook_host_unresolved', 'the webhook host does not resolve to any address'))
  for (const address of addresses) {
    const checked = checkAddress(address, policy)
    if (!checked.ok) return checked
  }
  return ok(addresses)
}
