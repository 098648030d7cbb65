import { fail, ok, problem, type Result } from '../result.js'
import { DEVICE_FIELDS, normalizeHeader, type DeviceFieldKey } from './fields.js'
import { fromValues, type MappedRow } from './mapping.js'
import type { DeviceRecord } from './normalize.js'

/** The DICOM code system (PS3.16) whose codes include the modality codes. */
export const DICOM_CODE_SYSTEM = 'http://dicom.nema.org/resources/ontology/DCM'

/** The identifier system medsec writes asset tags under. */
export const ASSET_TAG_SYSTEM = 'urn:medsec:asset-tag'

/** The extension that carries medsec's device status, which FHIR R4's four status codes cannot express. */
export const STATUS_EXTENSION = 'urn:medsec:fhir:device-status'

/** Where each field comes from in a FHIR R4 Device, for problem reports. */
const FHIR_PATH: Readonly<Record<DeviceFieldKey, string>> = {
  assetTag: 'Device.identifier (asset tag)',
  serialNumber: 'Device.serialNumber',
  manufacturer: 'Device.manufacturer',
  model: 'Device.deviceName / Device.modelNumber',
  udiDi: 'Device.udiCarrier.deviceIdentifier',
  softwareVersion: 'Device.version',
  modality: 'Device.type',
  location: 'Device.location',
  owner: 'Device.owner',
  status: 'Device.status',
  department: 'Device.property (Department)',
  ipAddress: 'Device.property (IP address)',
  macAddress: 'Device.property (MAC address)',
  hostname: 'Device.property (Hostname)',
  vlan: 'Device.property (VLAN)',
  aeTitle: 'Device.property (AE title)',
  dicomPort: 'Device.property (DICOM port)',
  criticality: 'Device.property (Clinical criticality)',
  storesPhi: 'Device.property (Stores PHI)',
  internetExposed: 'Device.property (Internet exposure)',
  installDate: 'Device.property (Install date)',
  clinicalEndOfLife: 'Device.property (Clinical end of life)',
  replacementCost: 'Device.property (Replacement cost)',
}

/** Fields FHIR R4 Device has no element for; they travel as `Device.property` with the field's label as type text. */
const PROPERTY_FIELDS: readonly DeviceFieldKey[] = [
  'department', 'ipAddress', 'macAddress', 'hostname', 'vlan', 'aeTitle', 'dicomPort', 'criticality', 'storesPhi', 'internetExposed', 'installDate', 'clinicalEndOfLife', 'replacementCost',
]

type Json = Readonly<Record<string, unknown>>

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function list(value: unknown): Json[] {
  return Array.isArray(value) ? value.filter(isObject) : []
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined
}

function conceptText(concept: unknown): string {
  if (!isObject(concept)) return ''
  return [str(concept.text), ...list(concept.coding).flatMap((c) => [str(c.code), str(c.display)])].filter(Boolean).join(' ')
}

function propertyField(label: string): DeviceFieldKey | undefined {
  const folded = normalizeHeader(label)
  return DEVICE_FIELDS.find((f) => PROPERTY_FIELDS.includes(f.key) && (normalizeHeader(f.label) === folded || f.aliases.includes(folded)))?.key
}

/** Reads the inventory values of one FHIR R4 Device resource (as raw text, checked later like a spreadsheet row). */
export function deviceValuesFromFhir(device: Json): Partial<Record<DeviceFieldKey, string>> {
  const raw: Partial<Record<DeviceFieldKey, string>> = {}
  const identifiers = list(device.identifier)
  const isAsset = (id: Json) => /asset/i.test(conceptText(id.type)) || /asset/i.test(str(id.system) ?? '')
  const isSerial = (id: Json) => list(isObject(id.type) ? id.type.coding : undefined).some((c) => c.code === 'SNO') || /serial/i.test(conceptText(id.type))
  const asset = identifiers.find(isAsset) ?? identifiers.find((id) => !isSerial(id) && id.type === undefined)
  raw.assetTag = str(asset?.value)
  raw.serialNumber = str(device.serialNumber) ?? str(identifiers.find(isSerial)?.value)
  raw.manufacturer = str(device.manufacturer)
  const names = list(device.deviceName)
  const named = (type: string) => str(names.find((n) => n.type === type)?.name)
  raw.model = named('model-name') ?? named('manufacturer-name') ?? str(device.modelNumber) ?? named('user-friendly-name')
  const carrier = list(device.udiCarrier)[0]
  raw.udiDi = str(carrier?.deviceIdentifier) ?? /\(01\)(\d{14})/.exec(str(carrier?.carrierHRF) ?? '')?.[1]
  const versions = list(device.version)
  raw.softwareVersion = str((versions.find((v) => /software|sw|firmware/i.test(conceptText(v.type))) ?? versions[0])?.value)
  const dicomCoding = list(isObject(device.type) ? device.type.coding : undefined).find((c) => c.system === DICOM_CODE_SYSTEM)
  raw.modality = str(dicomCoding?.code)
  raw.location = isObject(device.location) ? (str(device.location.display) ?? str(device.location.reference)) : undefined
  raw.owner = isObject(device.owner) ? (str(device.owner.display) ?? str(device.owner.reference)) : undefined
  const statusExtension = list(device.extension).find((e) => e.url === STATUS_EXTENSION)
  const fhirStatus = str(device.status)
  raw.status = str(statusExtension?.valueCode) ?? (fhirStatus === 'active' ? 'in_service' : fhirStatus === 'inactive' ? 'in_storage' : undefined)
  for (const property of list(device.property)) {
    const field = propertyField(conceptText(property.type))
    const value = str(list(property.valueCode)[0]?.text) ?? str(list(property.valueCode)[0]?.coding && list(list(property.valueCode)[0]!.coding)[0]?.code) ?? valueOfQuantity(property)
    if (field && value !== undefined && raw[field] === undefined) raw[field] = value
  }
  return raw
}

function valueOfQuantity(property: Json): string | undefined {
  const value = list(property.valueQuantity)[0]?.value
  return typeof value === 'number' ? String(value) : undefined
}

/** What reading a FHIR document gave: one mapped row per Device entry, and how many other entries were skipped. */
export interface FhirDevices {
  readonly rows: readonly MappedRow[]
  readonly skippedEntries: number
}

/**
 * Reads a FHIR R4 Bundle of Device resources (or one Device). Each Device becomes a row numbered by its entry
 * (1-based), checked like a spreadsheet row; entries of other types are counted and skipped. Codes: fhir_not_json,
 * fhir_not_a_resource, fhir_unsupported_resource, fhir_device_entered_in_error (a row problem).
 */
export function devicesFromFhir(text: string): Result<FhirDevices> {
  let parsed: unknown
  try {
    parsed = JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text)
  } catch {
    return fail(problem('fhir_not_json', 'the file is not JSON'))
  }
  if (!isObject(parsed) || typeof parsed.resourceType !== 'string') return fail(problem('fhir_not_a_resource', 'the JSON is not a FHIR resource (no resourceType)'))
  let resources: (Json | undefined)[]
  if (parsed.resourceType === 'Device') resources = [parsed]
  else if (parsed.resourceType === 'Bundle') resources = (Array.isArray(parsed.entry) ? parsed.entry : []).map((e: unknown) => (isObject(e) && isObject(e.resource) ? e.resource : undefined))
  else return fail(problem('fhir_unsupported_resource', `expected a Bundle or a Device, not a ${parsed.resourceType}`))
  const rows: MappedRow[] = []
  let skippedEntries = 0
  resources.forEach((resource, index) => {
    if (!resource || resource.resourceType !== 'Device') {
      skippedEntries++
      return
    }
    const row = index + 1
    if (resource.status === 'entered-in-error') {
      rows.push({ kind: 'invalid', row, problems: [{ row, column: 'Device.status', field: 'status', code: 'fhir_device_entered_in_error', message: 'the Device was entered in error' }] })
      return
    }
    rows.push(fromValues(deviceValuesFromFhir(resource), row, (field) => (field ? FHIR_PATH[field] : null)))
  })
  return ok({ rows, skippedEntries })
}

function property(label: string, value: string | number | boolean | undefined): Json[] {
  if (value === undefined) return []
  return [{ type: { text: label }, valueCode: [{ text: typeof value === 'boolean' ? (value ? 'yes' : 'no') : String(value) }] }]
}

/** Writes inventory devices as a FHIR R4 Bundle (type collection) of Device resources that {@link devicesFromFhir} reads back. */
export function devicesToFhirBundle(devices: readonly (DeviceRecord & { readonly assetTag: string; readonly id: string })[], timestamp: string): Json {
  return {
    resourceType: 'Bundle',
    type: 'collection',
    timestamp,
    entry: devices.map((d) => ({
      fullUrl: `urn:uuid:${d.id}`,
      resource: {
        resourceType: 'Device',
        id: d.id,
        ...(d.status ? { extension: [{ url: STATUS_EXTENSION, valueCode: d.status }] } : {}),
        identifier: [{ system: ASSET_TAG_SYSTEM, type: { text: 'Asset Tag' }, value: d.assetTag }],
        ...(d.udiDi ? { udiCarrier: [{ deviceIdentifier: d.udiDi }] } : {}),
        status: d.status === 'retired' || d.status === 'in_storage' ? 'inactive' : d.status === 'planned' ? 'unknown' : 'active',
        ...(d.manufacturer ? { manufacturer: d.manufacturer } : {}),
        ...(d.serialNumber ? { serialNumber: d.serialNumber } : {}),
        ...(d.model ? { deviceName: [{ name: d.model, type: 'model-name' }] } : {}),
        ...(d.modality ? { type: { coding: [{ system: DICOM_CODE_SYSTEM, code: d.modality }] } } : {}),
        ...(d.softwareVersion ? { version: [{ type: { text: 'software' }, value: d.softwareVersion }] } : {}),
        property: PROPERTY_FIELDS.flatMap((key) => property(DEVICE_FIELDS.find((f) => f.key === key)!.label, d[key])),
        ...(d.owner ? { owner: { display: d.owner } } : {}),
        ...(d.location ? { location: { display: d.location } } : {}),
      },
    })),
  }
}
