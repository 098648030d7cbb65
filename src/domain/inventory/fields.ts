/**
 * The fields of a device in a hospital's inventory, their vocabularies and the header names under which spreadsheets
 * usually carry them.
 */

/** DICOM modality codes (PS3.3 C.7.3.1.1.1) that imaging fleets carry; OT is "other". */
export const MODALITIES = [
  'CT', 'MR', 'CR', 'DX', 'MG', 'US', 'NM', 'PT', 'XA', 'RF', 'IO', 'PX', 'OP', 'OPT', 'ES', 'XC', 'SM', 'BMD', 'RG', 'DG', 'IVUS', 'IVOCT', 'ECG', 'HD', 'OT',
] as const

/** A DICOM modality code. */
export type Modality = (typeof MODALITIES)[number]

/** How badly patients are hurt when the device is unavailable or wrong, as the hospital rates it. */
export const CRITICALITIES = ['low', 'medium', 'high', 'critical'] as const

/** A clinical criticality level. */
export type Criticality = (typeof CRITICALITIES)[number]

/** Where a device is in its life at the hospital. */
export const DEVICE_STATUSES = ['planned', 'in_service', 'in_repair', 'in_storage', 'retired'] as const

/** A device status. */
export type DeviceStatus = (typeof DEVICE_STATUSES)[number]

/** The inventory fields a device carries; the import maps columns onto these keys. */
export const DEVICE_FIELD_KEYS = [
  'assetTag', 'serialNumber', 'manufacturer', 'model', 'udiDi', 'softwareVersion', 'modality', 'location', 'department',
  'ipAddress', 'macAddress', 'hostname', 'vlan', 'aeTitle', 'dicomPort', 'criticality', 'storesPhi', 'internetExposed',
  'installDate', 'clinicalEndOfLife', 'owner', 'status', 'replacementCost',
] as const

/** One inventory field. */
export type DeviceFieldKey = (typeof DEVICE_FIELD_KEYS)[number]

/** A field with its label and the header names that mean it. */
export interface DeviceFieldSpec {
  readonly key: DeviceFieldKey
  readonly label: string
  /** Header names (compared after {@link normalizeHeader}) that carry this field. */
  readonly aliases: readonly string[]
}

/** Every field with its label and usual header names, in display order. */
export const DEVICE_FIELDS: readonly DeviceFieldSpec[] = [
  { key: 'assetTag', label: 'Asset tag', aliases: ['asset tag', 'asset', 'asset no', 'asset number', 'asset id', 'asset tag number', 'inventory number', 'inventory no', 'inventory id', 'equipment id', 'equipment number', 'equipment no', 'control number', 'cmms id', 'tag'] },
  { key: 'serialNumber', label: 'Serial number', aliases: ['serial number', 'serial', 'serial no', 'sn', 's n', 'serial num', 'device serial', 'system serial number'] },
  { key: 'manufacturer', label: 'Manufacturer', aliases: ['manufacturer', 'vendor', 'make', 'mfr', 'mfg', 'manufacturer name', 'oem', 'brand'] },
  { key: 'model', label: 'Model', aliases: ['model', 'model name', 'model number', 'model no', 'device model', 'product', 'product name', 'system model'] },
  { key: 'udiDi', label: 'UDI-DI', aliases: ['udi di', 'udi', 'udi device identifier', 'device identifier', 'gtin', 'basic udi di'] },
  { key: 'softwareVersion', label: 'Software version', aliases: ['software version', 'sw version', 'software', 'version', 'software release', 'firmware', 'firmware version', 'sw rev', 'software revision', 'os version'] },
  { key: 'modality', label: 'Modality', aliases: ['modality', 'dicom modality', 'device type', 'type', 'equipment type', 'category'] },
  { key: 'location', label: 'Location', aliases: ['location', 'room', 'site', 'building', 'location room', 'installed location'] },
  { key: 'department', label: 'Department', aliases: ['department', 'dept', 'ward', 'unit', 'service', 'cost centre', 'cost center', 'division'] },
  { key: 'ipAddress', label: 'IP address', aliases: ['ip address', 'ip', 'ipv4', 'ip addr', 'ipv4 address', 'network address'] },
  { key: 'macAddress', label: 'MAC address', aliases: ['mac address', 'mac', 'mac addr', 'hardware address', 'ethernet address'] },
  { key: 'hostname', label: 'Hostname', aliases: ['hostname', 'host name', 'host', 'dns name', 'fqdn', 'computer name', 'network name'] },
  { key: 'vlan', label: 'VLAN', aliases: ['vlan', 'vlan id', 'vlan number', 'network segment'] },
  { key: 'aeTitle', label: 'AE title', aliases: ['ae title', 'ae', 'aet', 'dicom ae title', 'application entity', 'application entity title', 'station ae title'] },
  { key: 'dicomPort', label: 'DICOM port', aliases: ['dicom port', 'port', 'ae port', 'dicom listener port'] },
  { key: 'criticality', label: 'Clinical criticality', aliases: ['clinical criticality', 'criticality', 'risk class', 'clinical risk', 'priority', 'patient impact'] },
  { key: 'storesPhi', label: 'Stores PHI', aliases: ['stores phi', 'phi', 'contains phi', 'patient data', 'stores patient data', 'ephi', 'personal data'] },
  { key: 'internetExposed', label: 'Internet exposure', aliases: ['internet exposure', 'internet exposed', 'internet facing', 'exposed to internet', 'remote access', 'internet'] },
  { key: 'installDate', label: 'Install date', aliases: ['install date', 'installation date', 'installed', 'date installed', 'in service date', 'commissioning date', 'acceptance date'] },
  { key: 'clinicalEndOfLife', label: 'Clinical end of life', aliases: ['clinical end of life', 'expected end of life', 'end of life', 'eol', 'expected eol', 'replacement date', 'planned replacement', 'useful life end', 'end of clinical life'] },
  { key: 'owner', label: 'Owner', aliases: ['owner', 'responsible', 'contact', 'responsible person', 'custodian', 'device owner', 'biomed owner'] },
  { key: 'status', label: 'Status', aliases: ['status', 'state', 'lifecycle status', 'operational status', 'device status'] },
  { key: 'replacementCost', label: 'Replacement cost', aliases: ['replacement cost', 'replacement value', 'estimated replacement cost', 'replacement price', 'capital cost', 'cost to replace'] },
]

/** The spec of each field by key. */
export const DEVICE_FIELD_BY_KEY: ReadonlyMap<DeviceFieldKey, DeviceFieldSpec> = new Map(DEVICE_FIELDS.map((f) => [f.key, f]))

/** Whether a string is a field key. */
export function isDeviceFieldKey(value: string): value is DeviceFieldKey {
  return (DEVICE_FIELD_KEYS as readonly string[]).includes(value)
}

/** Folds a header for comparison: lower case, accents removed, every run of other characters one space. */
export function normalizeHeader(header: string): string {
  return header
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
}
