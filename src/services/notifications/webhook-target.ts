import { lookup as dnsLookup, type LookupAddress } from 'node:dns'
import { request as httpRequest, type IncomingMessage } from 'node:http'
import { request as httpsRequest } from 'node:https'
import type { LookupFunction } from 'node:net'
import { checkResolvedAddresses, checkWebhookUrl, type WebhookTargetPolicy } from '../../domain/sharing/network.js'
import { fail, ok, problem, type Problem, type Result } from '../../domain/result.js'

/** Resolves a host name to every address the system resolver gives (injected in tests). */
export type Resolver = (hostname: string) => Promise<readonly LookupAddress[]>

/** How the server reaches webhook receivers: the policy and the resolver. */
export interface WebhookNetwork {
  readonly policy: WebhookTargetPolicy
  readonly resolve: Resolver
}

const systemResolver: Resolver = (hostname) =>
  new Promise((resolve, reject) => dnsLookup(hostname, { all: true, verbatim: true }, (err, addresses) => (err ? reject(err) : resolve(addresses))))

/**
 * The network of this process: https to public addresses only, unless MEDSEC_WEBHOOK_ALLOW_PRIVATE=1 (development
 * and tests with a local receiver) also allows http and loopback / private / CGNAT / unique-local targets.
 */
export function webhookNetworkFromEnv(env: NodeJS.ProcessEnv = process.env): WebhookNetwork {
  return { policy: { allowPrivate: env.MEDSEC_WEBHOOK_ALLOW_PRIVATE === '1' }, resolve: systemResolver }
}

/** Parses and checks a webhook URL at registration: the static rules, then every address its host resolves to now. */
export async function checkWebhookTarget(text: string, network: WebhookNetwork): Promise<Result<URL, Problem>> {
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return fail(problem('webhook_url_invalid', 'the webhook URL is not a URL'))
  }
  const target = checkWebhookUrl(url, network.policy)
  if (!target.ok) return target
  if (target.value.literal) return ok(url)
  let addresses: readonly LookupAddress[]
  try {
    addresses = await network.resolve(target.value.hostname)
  } catch (err) {
    return fail(problem('webhook_host_unresolved', `the webhook host ${target.value.hostname} does not resolve (${(err as NodeJS.ErrnoException).code ?? 'lookup failed'})`))
  }
  const checked = checkResolvedAddresses(addresses.map((a) => a.address), network.policy)
  return checked.ok ? ok(url) : checked
}

/**
 * A `lookup` for the HTTP client that resolves, checks every address and hands back only checked ones, so the
 * address connected to is the address checked (a DNS answer that changed since registration, or changes between a
 * check and the connection, cannot point the call at an internal address).
 */
export function guardedLookup(network: WebhookNetwork): LookupFunction {
  return (hostname, options, callback) => {
    network.resolve(hostname).then(
      (found) => {
        const family = options.family === 4 || options.family === 'IPv4' ? 4 : options.family === 6 || options.family === 'IPv6' ? 6 : 0
        const addresses = family ? found.filter((a) => a.family === family) : found
        const checked = checkResolvedAddresses(addresses.map((a) => a.address), network.policy)
        if (!checked.ok) {
          callback(Object.assign(new Error(checked.error.message), { code: checked.error.code }), '', 0)
          return
        }
        if (options.all) (callback as unknown as (err: null, addresses: readonly LookupAddress[]) => void)(null, addresses)
        else callback(null, addresses[0]!.address, addresses[0]!.family)
      },
      (err: NodeJS.ErrnoException) => callback(err, '', 0),
    )
  }
}

/** The answer of a webhook call: the status code, or why no answer came. */
export type WebhookResponse = { readonly ok: true; readonly statusCode: number } | { readonly ok: false; readonly error: string }

/**
 * POSTs a webhook body through the guard: the URL is checked again (a stored endpoint predates today's rules), the
 * host is resolved and checked at connection time, and a redirect is an answer like any other (never followed).
 */
export async function postToWebhook(text: string, headers: Readonly<Record<string, string>>, body: string, timeoutMs: number, network: WebhookNetwork): Promise<WebhookResponse> {
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return { ok: false, error: 'webhook_url_invalid' }
  }
  const target = checkWebhookUrl(url, network.policy)
  if (!target.ok) return { ok: false, error: `${target.error.code}: ${target.error.message}` }
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest
  return new Promise((resolve) => {
    const request = send(
      url,
      { method: 'POST', headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) }, lookup: guardedLookup(network), signal: AbortSignal.timeout(timeoutMs), agent: false },
      (response: IncomingMessage) => {
        // The receiver's body is not needed; drain it so the socket closes.
        response.resume()
        response.on('end', () => resolve({ ok: true, statusCode: response.statusCode ?? 0 }))
        response.on('error', (err: NodeJS.ErrnoException) => resolve({ ok: false, error: err.code ?? err.message }))
      },
    )
    request.on('error', (err: NodeJS.ErrnoException) => resolve({ ok: false, error: err.code && err.code.startsWith('webhook_') ? `${err.code}: ${err.message}` : (err.code ?? err.message) }))
    request.end(body)
  })
}
