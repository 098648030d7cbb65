import { deviceRepository } from '../../store/repositories/devices.js'
import type { OrgContext, ServiceResult } from '../context.js'
import { recordOf } from './device-view.js'
import { writeDevicesCsv, writeDevicesFhir, writeDevicesXlsx } from './files.js'

/** The export formats. */
export const EXPORT_FORMATS = ['csv', 'xlsx', 'fhir'] as const

/** An export format. */
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

/** A file to download. */
export interface DeviceExport {
  readonly filename: string
  readonly contentType: string
  readonly bytes: Uint8Array
}

const CONTENT_TYPES: Readonly<Record<ExportFormat, string>> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  fhir: 'application/fhir+json',
}

/** Exports the organization's inventory as CSV, XLSX or a FHIR R4 Bundle; the files import back unchanged. */
export async function exportDevices(ctx: OrgContext, format: ExportFormat, now = new Date()): Promise<ServiceResult<DeviceExport>> {
  const devices = (await deviceRepository.list(ctx.db, ctx.scope)).map(recordOf)
  const bytes = format === 'csv' ? writeDevicesCsv(devices) : format === 'xlsx' ? await writeDevicesXlsx(devices) : writeDevicesFhir(devices, now)
  const stamp = now.toISOString().slice(0, 10)
  const extension = format === 'fhir' ? 'fhir.json' : format
  return { ok: true, value: { filename: `${ctx.org.slug}-devices-${stamp}.${extension}`, contentType: CONTENT_TYPES[format], bytes } }
}
