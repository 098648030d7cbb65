/** A limit: at most `max` requests per key within `windowMs`. */
export interface RateLimit {
  readonly max: number
  readonly windowMs: number
}

/** The fixed window (aligned to the epoch, so every instance agrees on it) that contains `nowMs`. */
export function fixedWindow(nowMs: number, limit: RateLimit): { readonly startMs: number; readonly endMs: number } {
  const startMs = Math.floor(nowMs / limit.windowMs) * limit.windowMs
  return { startMs, endMs: startMs + limit.windowMs }
}

/** Milliseconds until a key that has made `hits` requests in the window may try again; 0 when the hit is allowed. */
export function waitAfterHit(hits: number, nowMs: number, limit: RateLimit): number {
  return hits > limit.max ? Math.max(1, fixedWindow(nowMs, limit).endMs - nowMs) : 0
}
