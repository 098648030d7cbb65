import { createHash } from 'node:crypto'
import { statementPackageKeys } from '../../domain/kb/index.js'
import type { EpssScore, KbRecord, KevEntry } from '../../domain/kb/index.js'

/**
 * A statement read from a feed and made ready to store: the JSON text that is stored, its content hash, its search
 * keys, and the few fields the import needs beside them. Plain strings and arrays, so that it crosses from the
 * reader thread cheaply (structured clone) instead of the whole statement object.
 */
export interface PreparedStatement {
  readonly kind: 'statement'
  readonly source: string
  readonly sourceId: string
  /** The vulnerability ids the statement says are the same vulnerability (for the alias groups). */
  readonly ids: readonly string[]
  readonly origin: string
  readonly modified: string | null
  readonly withdrawn: boolean
  readonly json: string
  readonly hash: string
  readonly packageKeys: readonly string[]
}

/** A record ready to store: a prepared statement, a KEV entry or an EPSS score. */
export type PreparedRecord = PreparedStatement | KevEntry | EpssScore

/**
 * Prepares a record. The stored form of a statement is JSON.stringify of it: the readers build statements with a
 * fixed key order, so the text is deterministic and its SHA-256 changes with any change of the statement (ADR 0064).
 */
export function prepareRecord(record: KbRecord): PreparedRecord {
  if (record.kind !== 'statement') return record
  const json = JSON.stringify(record)
  return {
    kind: 'statement',
    source: record.source,
    sourceId: record.sourceId,
    ids: record.ids,
    origin: record.origin,
    modified: record.modified,
    withdrawn: record.withdrawn !== null,
    json,
    hash: createHash('sha256').update(json).digest('hex'),
    packageKeys: statementPackageKeys(record),
  }
}
