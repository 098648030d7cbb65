import { createHash } from 'node:crypto'
import type { Kysely } from 'kysely'
import { mapTable, mappingFromSuggestions, parseColumnMapping, suggestMapping, type ColumnMapping, type MappedRow, type MappingSuggestion } from '../../domain/inventory/index.js'
import type { Database } from '../../store/schema.js'
import type { OrgScope } from '../../store/scope.js'
import { fleetRepository } from '../../store/repositories/fleet.js'
import { serviceError, type ServiceResult } from '../context.js'
import { readInventoryFile, type InventoryFormat } from './files.js'

/** An uploaded inventory file and how to map its columns. */
export interface ImportInput {
  readonly filename: string
  readonly bytes: Uint8Array
  /** Column header to field; wins over a saved mapping. */
  readonly mapping?: unknown
  /** The name of a mapping the organization saved. */
  readonly mappingName?: string
}

/** A file read and mapped, ready to plan. */
export interface PreparedImport {
  readonly format: InventoryFormat
  readonly sha256: string
  readonly headers: readonly string[]
  readonly suggestions: readonly MappingSuggestion[]
  /** The mapping applied (null for FHIR, whose structure names its fields). */
  readonly mapping: ColumnMapping | null
  readonly mappingSource: 'given' | 'saved' | 'suggested' | 'fhir'
  readonly rows: readonly MappedRow[]
  /** The first rows as they are in the file, cell text by header, for the preview. */
  readonly sample: readonly Readonly<Record<string, string>>[]
  readonly skippedEntries: number
}

const SAMPLE_ROWS = 10

/** Reads the file, picks the mapping (given, else saved by name, else suggested from the headers) and maps every row. */
export async function prepareImport(db: Kysely<Database>, scope: OrgScope, input: ImportInput): Promise<ServiceResult<PreparedImport>> {
  const read = await readInventoryFile(input.bytes, input.filename)
  if (!read.ok) return serviceError('validation_failed', read.error.message, { code: read.error.code })
  const sha256 = createHash('sha256').update(input.bytes).digest('hex')
  const file = read.value
  if (file.kind === 'fhir') {
    return { ok: true, value: { format: 'fhir', sha256, headers: [], suggestions: [], mapping: null, mappingSource: 'fhir', rows: file.rows, sample: [], skippedEntries: file.skippedEntries } }
  }
  const { table } = file
  const suggestions = suggestMapping(table.headers)
  let mapping: ColumnMapping
  let mappingSource: PreparedImport['mappingSource']
  if (input.mapping !== undefined && input.mapping !== null) {
    const parsed = parseColumnMapping(input.mapping)
    if (!parsed.ok) return serviceError('validation_failed', parsed.error.message, { code: parsed.error.code })
    mapping = parsed.value
    mappingSource = 'given'
  } else if (input.mappingName) {
    const saved = await fleetRepository.findMapping(db, scope, input.mappingName)
    if (!saved) return serviceError('not_found', `no saved mapping named ${input.mappingName}`)
    const parsed = parseColumnMapping(saved.mapping)
    if (!parsed.ok) return serviceError('validation_failed', parsed.error.message, { code: parsed.error.code })
    mapping = parsed.value
    mappingSource = 'saved'
  } else {
    mapping = mappingFromSuggestions(suggestions)
    mappingSource = 'suggested'
  }
  // Only the file's own headers count, so a saved mapping with extra columns still applies.
  const applied: Record<string, ColumnMapping[string]> = Object.fromEntries(table.headers.map((h) => [h, mapping[h] ?? null]))
  const sample = table.rows.slice(0, SAMPLE_ROWS).map((cells) => Object.fromEntries(table.headers.map((h, i) => [h, cells[i] ?? ''])))
  return { ok: true, value: { format: file.format, sha256, headers: table.headers, suggestions, mapping: applied, mappingSource, rows: mapTable(table, applied), sample, skippedEntries: 0 } }
}

/** Whether a mapping lets rows be found again: it must map the asset tag or the serial number. */
export function mappingHasKey(mapping: ColumnMapping | null): boolean {
  return mapping === null || Object.values(mapping).some((f) => f === 'assetTag' || f === 'serialNumber')
}
