import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { AUDIT_GENESIS_HASH, auditHashInput, canonicalJson, checkAuditLink, type ChainedAuditEntry } from './canonical.js'

const sha = (t: string) => createHash('sha256').update(t).digest('hex')

describe('canonical JSON', () => {
  it('sorts keys at every level and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[2,{"y":2,"z":1}]},"b":1}')
  })
  it('gives equal text for equal values written in another order', () => {
    expect(canonicalJson({ x: 1, y: [1, 2] })).toBe(canonicalJson({ y: [1, 2], x: 1 }))
  })
})

describe('audit links', () => {
  const content = { orgId: null, actorId: null, actorLabel: 'a', action: 'x', targetType: 't', targetId: null, details: { k: 1 }, createdAt: '2026-01-01T00:00:00.000Z' }
  const entry: ChainedAuditEntry = { ...content, seq: '1', prevHash: AUDIT_GENESIS_HASH, hash: sha(auditHashInput(AUDIT_GENESIS_HASH, content)) }

  it('accepts an intact entry', () => {
    expect(checkAuditLink(AUDIT_GENESIS_HASH, entry, sha)).toBeUndefined()
  })
  it('reports changed content', () => {
    expect(checkAuditLink(AUDIT_GENESIS_HASH, { ...entry, details: { k: 2 } }, sha)?.reason).toBe('hash_mismatch')
  })
  it('reports a broken link', () => {
    expect(checkAuditLink('f'.repeat(64), entry, sha)?.reason).toBe('prev_hash_mismatch')
  })
})
