/** The fields of an audit entry that its hash covers. */
export interface AuditEntryContent {
  readonly orgId: string | null
  readonly actorId: string | null
  readonly actorLabel: string
  readonly action: string
  readonly targetType: string
  readonly targetId: string | null
  readonly details: unknown
  readonly createdAt: string
}

/** The hash that the first entry of the chain links to. */
export const AUDIT_GENESIS_HASH = '0'.repeat(64)

/** Serialises JSON with object keys sorted at every level, so equal values always give equal text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null)
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
}

/** The text that is hashed for an entry: the previous hash, a newline, then the entry's canonical JSON. */
export function auditHashInput(previousHash: string, entry: AuditEntryContent): string {
  const { orgId, actorId, actorLabel, action, targetType, targetId, details, createdAt } = entry
  const covered: AuditEntryContent = { orgId, actorId, actorLabel, action, targetType, targetId, details, createdAt }
  return `${previousHash}\n${canonicalJson(covered)}`
}

/** A stored entry as the chain verifier sees it. */
export interface ChainedAuditEntry extends AuditEntryContent {
  readonly seq: string
  readonly prevHash: string
  readonly hash: string
}

/** Where the chain breaks: the entry and why. */
export interface AuditChainBreak {
  readonly seq: string
  readonly reason: 'prev_hash_mismatch' | 'hash_mismatch'
  readonly message: string
}

/**
 * Checks one entry against the hash of the entry before it; returns the break, if any. The hash function is passed
 * in so that the domain stays free of I/O and platform crypto.
 */
export function checkAuditLink(
  previousHash: string,
  entry: ChainedAuditEntry,
  sha256Hex: (text: string) => string,
): AuditChainBreak | undefined {
  if (entry.prevHash !== previousHash) {
    return {
      seq: entry.seq,
      reason: 'prev_hash_mismatch',
      message: `entry ${entry.seq} links to ${entry.prevHash.slice(0, 12)}… but the entry before it hashes to ${previousHash.slice(0, 12)}… (an entry was removed, reordered or altered)`,
    }
  }
  const expected = sha256Hex(auditHashInput(previousHash, entry))
  if (expected !== entry.hash) {
    return {
      seq: entry.seq,
      reason: 'hash_mismatch',
      message: `entry ${entry.seq} does not match its hash: its content was changed after it was written`,
    }
  }
  return undefined
}
