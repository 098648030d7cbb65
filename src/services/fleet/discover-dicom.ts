import { checkAeTitle, expandHosts, parsePorts, type DiscoveredEntity } from '../../domain/inventory/discovery.js'
import { fail, ok, type Problem, type Result } from '../../domain/result.js'

/** What to probe and how gently. */
export interface DicomDiscoveryOptions {
  /** IPv4/IPv6 addresses and IPv4 CIDR blocks, comma-separated; at most a /24 per run. */
  readonly hosts: string
  /** Ports, comma-separated, e.g. "104,11112". */
  readonly ports: string
  readonly callingAe?: string
  /** The AE title asked for; many devices accept any, some only their own. */
  readonly calledAe?: string
  /** Milliseconds before a silent host:port is given up (connect, association and response each). */
  readonly timeoutMs?: number
  /** Probes started per second at most. */
  readonly ratePerSecond?: number
  /** Probes in flight at most. */
  readonly concurrency?: number
  /** Called with each entity that answers, as soon as it answers. */
  readonly onFound?: (entity: DiscoveredEntity) => void
}

/** What a run did. */
export interface DicomDiscoveryRun {
  readonly probed: number
  readonly found: readonly DiscoveredEntity[]
  readonly silent: number
}

/** Checks the options; the same checks the CLI runs before it opens a socket. */
export function checkDiscoveryOptions(options: DicomDiscoveryOptions): Result<{ hosts: string[]; ports: number[]; callingAe: string; calledAe: string }> {
  const hosts = expandHosts(options.hosts)
  if (!hosts.ok) return hosts
  const ports = parsePorts(options.ports)
  if (!ports.ok) return ports
  const callingAe = checkAeTitle(options.callingAe ?? 'MEDSEC', 'calling')
  if (!callingAe.ok) return callingAe
  const calledAe = checkAeTitle(options.calledAe ?? 'ANY-SCP', 'called')
  if (!calledAe.ok) return calledAe
  return ok({ hosts: hosts.value, ports: ports.value, callingAe: callingAe.value, calledAe: calledAe.value })
}

type Dimse = typeof import('dcmjs-dimse')

/**
 * Sends one DICOM C-ECHO to each host:port (dcmjs-dimse) and reports the application entities that answer, with the
 * implementation class UID and version name from their A-ASSOCIATE-AC. Bounded (a /24 and 16 ports per run),
 * rate-limited, and each probe is given up after the timeout. Hosts that do not answer are only counted.
 */
export async function discoverDicom(options: DicomDiscoveryOptions): Promise<Result<DicomDiscoveryRun, Problem>> {
  const checked = checkDiscoveryOptions(options)
  if (!checked.ok) return fail(checked.error)
  const { hosts, ports, callingAe, calledAe } = checked.value
  const dimse = (await import('dcmjs-dimse')).default
  // The library logs through loglevel to the console; stdout must stay clean JSON.
  dimse.log.setLevel('silent')
  const timeoutMs = Math.max(100, options.timeoutMs ?? 3000)
  const interval = 1000 / Math.max(0.1, options.ratePerSecond ?? 20)
  const concurrency = Math.max(1, Math.min(32, options.concurrency ?? 8))
  const targets = hosts.flatMap((host) => ports.map((port) => ({ host, port })))
  const found: DiscoveredEntity[] = []
  let next = 0
  let lastStart = 0
  const worker = async () => {
    while (next < targets.length) {
      const target = targets[next++]!
      const wait = lastStart + interval - Date.now()
      lastStart = Math.max(Date.now(), lastStart + interval)
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
      const entity = await echo(dimse, target.host, target.port, callingAe, calledAe, timeoutMs)
      if (entity) {
        found.push(entity)
        options.onFound?.(entity)
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, targets.length) }, worker))
  return ok({ probed: targets.length, found, silent: targets.length - found.length })
}

function echo(dimse: Dimse, host: string, port: number, callingAe: string, calledAe: string, timeoutMs: number): Promise<DiscoveredEntity | undefined> {
  return new Promise((resolve) => {
    const client = new dimse.Client()
    const request = new dimse.requests.CEchoRequest()
    let implementationClassUid: string | null = null
    let implementationVersion: string | null = null
    let outcome: DiscoveredEntity['outcome'] | undefined
    let echoStatus: number | null = null
    let settled = false
    const finish = () => {
      if (settled) return
      settled = true
      clearTimeout(guard)
      resolve(outcome ? { host, port, calledAe, callingAe, outcome, echoStatus, implementationClassUid, implementationVersion } : undefined)
    }
    // A last resort beyond the library's own timeouts: connect, association and response each get timeoutMs.
    const guard = setTimeout(() => {
      try {
        client.abort()
      } catch {
        // Nothing to abort when the connection never opened.
      }
      finish()
    }, timeoutMs * 3 + 500)
    request.on('response', (response: { getStatus(): number }) => {
      echoStatus = response.getStatus()
      outcome = echoStatus === dimse.constants.Status.Success ? 'echo_ok' : 'echo_failed'
    })
    client.on('associationAccepted', (association: { getImplementationClassUid(): string; getImplementationVersion(): string }) => {
      implementationClassUid = association.getImplementationClassUid() || null
      implementationVersion = association.getImplementationVersion() || null
      outcome ??= 'echo_failed'
    })
    client.on('associationRejected', () => {
      outcome = 'association_rejected'
    })
    client.on('networkError', finish)
    client.on('closed', finish)
    client.addRequest(request)
    try {
      client.send(host, port, callingAe, calledAe, { connectTimeout: timeoutMs, associationTimeout: timeoutMs, pduTimeout: timeoutMs, associationLingerTimeout: 0 })
    } catch {
      finish()
    }
  })
}
