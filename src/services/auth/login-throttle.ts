/** How many failed logins a key may have within the window before it is refused. */
export interface ThrottlePolicy {
  readonly maxFailures: number
  readonly windowMs: number
}

/**
 * Counts failed logins per key (client address, account) in memory over a sliding window. One process serves the
 * API, so memory is the right place; a restart forgets counts, which errs on the side of letting users in.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>()

  constructor(private readonly policy: ThrottlePolicy = { maxFailures: 10, windowMs: 15 * 60_000 }) {}

  /** Milliseconds until the key may try again, or 0 when it may try now. */
  retryAfterMs(key: string, now = Date.now()): number {
    const recent = this.recent(key, now)
    if (recent.length < this.policy.maxFailures) return 0
    return recent[0]! + this.policy.windowMs - now
  }

  /** Records a failed attempt. */
  fail(key: string, now = Date.now()): void {
    const recent = this.recent(key, now)
    recent.push(now)
    this.failures.set(key, recent)
    if (this.failures.size > 100_000) this.prune(now)
  }

  /** Forgets the failures of a key after a successful login. */
  reset(key: string): void {
    this.failures.delete(key)
  }

  private recent(key: string, now: number): number[] {
    return (this.failures.get(key) ?? []).filter((t) => t > now - this.policy.windowMs)
  }

  private prune(now: number): void {
    for (const key of this.failures.keys()) if (this.recent(key, now).length === 0) this.failures.delete(key)
  }
}
