import { fail, ok, problem, type Result } from '../result.js'
import type { Table } from './csv.js'
import { DEVICE_FIELDS, isDeviceFieldKey, normalizeHeader, type DeviceFieldKey } from './fields.js'
import { normalizeDeviceValues, type DeviceRecord, type FieldProblem, type RawDeviceValues } from './normalize.js'

/** Which inventory field each column header carries; a header mapped to null is ignored. */
export type ColumnMapping = Readonly<Record<string, DeviceFieldKey | null>>

/** A suggested field for one header, with how sure the suggestion is and why. */
export interface MappingSuggestion {
  readonly header: string
  readonly field: DeviceFieldKey | null
  /** 1 for a known header name, 0.7 when a known name is part of the header, 0 when nothing fits. */
  readonly confidence: number
  readonly reason: 'exact_alias' | 'contains_alias' | 'no_match' | 'taken_by_better_column'
}

function candidates(header: string): { field: DeviceFieldKey; confidence: number; reason: 'exact_alias' | 'contains_alias'; length: number }[] {
  const folded = normalizeHeader(header)
  const found: { field: DeviceFieldKey; confidence: number; reason: 'exact_alias' | 'contains_alias'; length: number }[] = []
  for (const spec of DEVICE_FIELDS) {
    for (const alias of [normalizeHeader(spec.label), normalizeHeader(spec.key.replace(/([A-Z])/g, ' $1')), ...spec.aliases]) {
      if (folded === alias) found.push({ field: spec.key, confidence: 1, reason: 'exact_alias', length: alias.length })
      // Word-boundary containment, so "Device IP Address" finds "ip address" but "description" never finds "ip".
      else if (alias.length >= 3 && ` ${folded} `.includes(` ${alias} `)) found.push({ field: spec.key, confidence: 0.7, reason: 'contains_alias', length: alias.length })
    }
  }
  // The longest matching alias wins among equal confidences ("serial number" over "number").
  return found.sort((a, b) => b.confidence - a.confidence || b.length - a.length)
}

/**
 * Suggests a field for each header from the usual header names. Each field goes to at most one column: the column
 * whose header matches it best (then the leftmost); the other columns get their next best field or none.
 */
export function suggestMapping(headers: readonly string[]): MappingSuggestion[] {
  const options = headers.map((h) => candidates(h))
  const taken = new Map<DeviceFieldKey, number>()
  const chosen: (number | null)[] = headers.map(() => null)
  // Greedy over (confidence, alias length) across all columns, so the strongest and most specific claims settle first.
  const claims = options
    .flatMap((list, column) => list.map((c, rank) => ({ ...c, column, rank })))
    .sort((a, b) => b.confidence - a.confidence || b.length - a.length || a.rank - b.rank || a.column - b.column)
  for (const claim of claims) {
    if (chosen[claim.column] !== null || taken.has(claim.field)) continue
    chosen[claim.column] = claim.rank
    taken.set(claim.field, claim.column)
  }
  return headers.map((header, column) => {
    const rank = chosen[column]
    const option = rank === null || rank === undefined ? undefined : options[column]![rank]
    if (option) return { header, field: option.field, confidence: option.confidence, reason: option.reason }
    return { header, field: null, confidence: 0, reason: options[column]!.length > 0 ? 'taken_by_better_column' : 'no_match' }
  })
}

/** The mapping the suggestions make. */
export function mappingFromSuggestions(suggestions: readonly MappingSuggestion[]): ColumnMapping {
  return Object.fromEntries(suggestions.map((s) => [s.header, s.field]))
}

/**
 * Checks a mapping given by a user or a saved file: every key a header name, every value a field or null, no field
 * twice. Headers the mapping does not name are ignored. Codes: mapping_invalid, mapping_field_unknown,
 * mapping_field_twice.
 */
export function parseColumnMapping(input: unknown): Result<ColumnMapping> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return fail(problem('mapping_invalid', 'a mapping is an object from column header to field name'))
  const out: Record<string, DeviceFieldKey | null> = {}
  const used = new Map<DeviceFieldKey, string>()
  for (const [header, field] of Object.entries(input)) {
    if (field === null || field === '') {
      out[header] = null
      continue
    }
    if (typeof field !== 'string' || !isDeviceFieldKey(field)) return fail(problem('mapping_field_unknown', `column "${header}" maps to ${JSON.stringify(field)}, which is not an inventory field`))
    const other = used.get(field)
    if (other !== undefined) return fail(problem('mapping_field_twice', `columns "${other}" and "${header}" both map to ${field}`))
    used.set(field, header)
    out[header] = field
  }
  return ok(out)
}

/** One row of a mapped table: where it was in the file, and its normalised record or its problems. */
export type MappedRow =
  | { readonly kind: 'valid'; readonly row: number; readonly record: DeviceRecord }
  | { readonly kind: 'invalid'; readonly row: number; readonly problems: readonly RowProblem[] }

/** Why a row was refused, with the column it came from when one did. */
export interface RowProblem {
  readonly row: number
  readonly column: string | null
  readonly field: DeviceFieldKey | null
  readonly code: string
  readonly message: string
}

/** Applies a mapping to a table and normalises each row; the result keeps the file's row numbers. */
export function mapTable(table: Table, mapping: ColumnMapping): MappedRow[] {
  const columnOf = new Map<DeviceFieldKey, number>()
  table.headers.forEach((h, i) => {
    const field = mapping[h]
    if (field) columnOf.set(field, i)
  })
  const headerOf = (field: DeviceFieldKey | null) => (field && columnOf.has(field) ? table.headers[columnOf.get(field)!]! : null)
  return table.rows.map((cells, index) => {
    const raw: Partial<Record<DeviceFieldKey, string>> = {}
    for (const [field, column] of columnOf) raw[field] = cells[column] ?? ''
    return fromValues(raw, table.rowNumbers[index] ?? index + 2, headerOf)
  })
}

/** Normalises one row of raw values and attaches its row number and column names to its problems. */
export function fromValues(raw: RawDeviceValues, row: number, columnOf: (field: DeviceFieldKey | null) => string | null): MappedRow {
  const normalized = normalizeDeviceValues(raw)
  if (normalized.kind === 'valid') return { kind: 'valid', row, record: normalized.record }
  return { kind: 'invalid', row, problems: normalized.problems.map((p: FieldProblem) => ({ row, column: columnOf(p.field), field: p.field, code: p.code, message: p.message })) }
}
