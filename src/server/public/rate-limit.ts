import type { RateLimit } from '../../domain/disclosure/index.js'

export type { RateLimit }

/**
 * Counts requests per key (e.g. "public:<client address>") in fixed windows, in memory. It guards only the cheap
 * overall flood limit of the public routes; the report and portal-write limits are counted in the database
 * (services/disclosure/public-limit.ts) so that they hold across restarts and instances.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>()

  /** Counts a request; answers 0 when it is allowed, or the milliseconds until the key may try again. */
  hit(key: string, limit: RateLimit, now = Date.now()): number {
    const window = this.windows.get(key)
    if (!window || now - window.start >= limit.windowMs) {
      this.windows.set(key, { start: now, count: 1 })
      if (this.windows.size > 100_000) this.prune(now, limit.windowMs)
      return 0
    }
    window.count += 1
    return window.count > limit.max ? window.start + limit.windowMs - now : 0
  }

  private prune(now: number, windowMs: number): void {
    for (const [key, window] of this.windows) if (now - window.start >= windowMs) this.windows.delete(key)
  }
}

/** The public routes' limits per client address (report and portalWrite are counted in the database). */
export interface PublicLimits {
  readonly anyRequest: RateLimit
  readonly report: RateLimit
  readonly portalWrite: RateLimit
}

/** Defaults: 120 public requests a minute, 5 reports an hour and 30 portal messages per 10 minutes per address. */
export const defaultPublicLimits: PublicLimits = {
  anyRequest: { max: 120, windowMs: 60_000 },
  report: { max: 5, windowMs: 60 * 60_000 },
  portalWrite: { max: 30, windowMs: 10 * 60_000 },
}
