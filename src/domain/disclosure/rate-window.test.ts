import { describe, expect, it } from 'vitest'
import { fixedWindow, waitAfterHit } from './rate-window.js'

describe('fixed rate-limit windows', () => {
  const limit = { max: 5, windowMs: 3_600_000 }

  it('aligns windows to the epoch, so that instances agree on them', () => {
    const at = Date.UTC(2026, 10, 28, 21, 37, 12)
    expect(fixedWindow(at, limit)).toEqual({ startMs: Date.UTC(2026, 10, 28, 21), endMs: Date.UTC(2026, 10, 28, 22) })
    expect(fixedWindow(Date.UTC(2026, 10, 28, 22), limit).startMs).toBe(Date.UTC(2026, 10, 28, 22))
  })

  it('allows up to max hits, then answers the time left in the window', () => {
    const at = Date.UTC(2026, 10, 28, 21, 59, 30)
    expect([1, 5].map((hits) => waitAfterHit(hits, at, limit))).toEqual([0, 0])
    expect(waitAfterHit(6, at, limit)).toBe(30_000)
    expect(waitAfterHit(6, Date.UTC(2026, 10, 28, 22) - 0.5, limit)).toBe(1)
  })
})
