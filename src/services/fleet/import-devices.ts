import type { Kysely } from 'kysely'
import { DEVICE_FIELD_KEYS, planImport, type ColumnMapping, type ExistingDevice, type ImportPlan, type MappingSuggestion, type RejectedRow } from '../../domain/inventory/index.js'
import type { Database, DeviceRow } from '../../store/schema.js'
import type { OrgScope } from '../../store/scope.js'
import { deviceRepository } from '../../store/repositories/devices.js'
import { fleetRepository } from '../../store/repositories/fleet.js'
import { fleetGenerationRepository } from '../../store/repositories/fleet-generation.js'
import { auditFrom, auditedWrite, requireRole, serviceError, type OrgContext, type ServiceResult } from '../context.js'
import { columnOf, newDeviceOf, columnsOf, recordOf } from './device-view.js'
import type { InventoryFormat } from './files.js'
import { mappingHasKey, prepareImport, type ImportInput } from './prepare-import.js'
import { reuseConfirmedLinks } from './reuse-links.js'

/** The stored devices as the planner compares against them: only the inventory fields, read in one JSON value. */
async function existingDevices(db: Kysely<Database>, scope: OrgScope): Promise<ExistingDevice[]> {
  const rows = await deviceRepository.listColumns(db, scope, DEVICE_FIELD_KEYS.map(columnOf))
  return rows.map((row) => ({ id: row.id, record: recordOf(row as DeviceRow) }))
}

/** How many refused rows a preview lists in full. */
const PREVIEW_REJECTED = 200

/** What an import would do, without writing anything. */
export interface ImportPreview {
  readonly format: InventoryFormat
  readonly sha256: string
  readonly headers: readonly string[]
  readonly suggestions: readonly MappingSuggestion[]
  readonly mapping: ColumnMapping | null
  readonly mappingSource: 'given' | 'saved' | 'suggested' | 'fhir'
  readonly mappingHasKey: boolean
  readonly totalRows: number
  readonly sample: readonly Readonly<Record<string, string>>[]
  readonly created: number
  readonly updated: number
  readonly unchanged: number
  readonly rejectedCount: number
  readonly rejected: readonly RejectedRow[]
}

/** What an import did. */
export interface ImportReport {
  readonly importId: string
  readonly format: InventoryFormat
  readonly sha256: string
  readonly created: number
  readonly updated: number
  readonly unchanged: number
  readonly rejected: readonly RejectedRow[]
  /** New devices linked to a product version through a link confirmed earlier for identical devices. */
  readonly linksReused: number
}

/** Reads a file and plans its import against the inventory: counts, refused rows with reasons, and the mapping it would use. */
export async function previewImport(ctx: OrgContext, input: ImportInput): Promise<ServiceResult<ImportPreview>> {
  const allowed = requireRole(ctx, 'analyst')
  if (!allowed.ok) return allowed
  const prepared = await prepareImport(ctx.db, ctx.scope, input)
  if (!prepared.ok) return prepared
  const p = prepared.value
  const plan = planImport(p.rows, await existingDevices(ctx.db, ctx.scope))
  return {
    ok: true,
    value: {
      format: p.format,
      sha256: p.sha256,
      headers: p.headers,
      suggestions: p.suggestions,
      mapping: p.mapping,
      mappingSource: p.mappingSource,
      mappingHasKey: mappingHasKey(p.mapping),
      totalRows: p.rows.length,
      sample: p.sample,
      created: plan.creates.length,
      updated: plan.updates.length,
      unchanged: plan.unchanged.length,
      rejectedCount: plan.rejected.length,
      rejected: plan.rejected.slice(0, PREVIEW_REJECTED),
    },
  }
}

/**
 * Imports an inventory file in one transaction: good rows are created or updated (matched by asset tag, else serial
 * number), bad rows are reported with row, column and code, the original bytes and their SHA-256 are kept, the
 * mapping is saved under a name when asked, and one audit entry records it all. Either all of it is stored or none.
 */
export async function importDevices(ctx: OrgContext, input: ImportInput & { readonly saveMappingAs?: string }): Promise<ServiceResult<ImportReport>> {
  const allowed = requireRole(ctx, 'analyst')
  if (!allowed.ok) return allowed
  const prepared = await prepareImport(ctx.db, ctx.scope, input)
  if (!prepared.ok) return prepared
  const p = prepared.value
  if (!mappingHasKey(p.mapping)) return serviceError('validation_failed', 'map a column to the asset tag or the serial number, so that devices can be found again', { code: 'mapping_key_missing' })
  const saveAs = input.saveMappingAs?.trim()
  return auditedWrite(ctx.db, async (trx) => {
    // Before reading the devices the plan compares against, so a concurrent edit cannot slip in between (ADR 0095).
    await fleetGenerationRepository.lockHospital(trx, ctx.scope)
    const plan: ImportPlan = planImport(p.rows, await existingDevices(trx, ctx.scope))
    const createdIds = await deviceRepository.insertMany(trx, ctx.scope, plan.creates.map((c) => newDeviceOf(c.record)))
    for (const update of plan.updates) await deviceRepository.update(trx, ctx.scope, update.id, columnsOf(update.changes))
    const linksReused = await reuseConfirmedLinks(trx, ctx.scope, plan.creates.map((c, i) => ({ id: createdIds[i]!, record: c.record })))
    if (saveAs && p.mapping) await fleetRepository.saveMapping(trx, ctx.scope, saveAs, p.mapping)
    const stored = await fleetRepository.recordImport(trx, ctx.scope, {
      filename: input.filename,
      format: p.format,
      original: input.bytes,
      sha256: p.sha256,
      mapping: p.mapping,
      created: plan.creates.length,
      updated: plan.updates.length,
      unchanged: plan.unchanged.length,
      rejected: plan.rejected,
      createdBy: ctx.actor.id,
      createdByLabel: ctx.actor.label,
    })
    const report: ImportReport = {
      importId: stored.id,
      format: p.format,
      sha256: p.sha256,
      created: plan.creates.length,
      updated: plan.updates.length,
      unchanged: plan.unchanged.length,
      rejected: plan.rejected,
      linksReused,
    }
    return {
      ok: true,
      value: {
        value: report,
        audit: auditFrom(ctx, {
          action: 'device.import',
          targetType: 'fleet_import',
          targetId: stored.id,
          details: { filename: input.filename, format: p.format, sha256: p.sha256, created: report.created, updated: report.updated, unchanged: report.unchanged, rejected: plan.rejected.length, mappingSavedAs: saveAs ?? null },
        }),
      },
    }
  })
}
