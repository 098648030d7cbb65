import { CRITICALITIES, DEVICE_STATUSES, MODALITIES, type Criticality, type DeviceFieldKey, type DeviceStatus, type Modality } from './fields.js'

/**
 * A device as the inventory stores it, normalised. A field that is `undefined` was not given (a blank cell), so an
 * update leaves the stored value as it is; nothing here is ever an empty string.
 */
export interface DeviceRecord {
  readonly assetTag?: string
  readonly serialNumber?: string
  readonly manufacturer?: string
  readonly model?: string
  readonly udiDi?: string
  readonly softwareVersion?: string
  readonly modality?: Modality
  readonly location?: string
  readonly department?: string
  readonly ipAddress?: string
  readonly macAddress?: string
  readonly hostname?: string
  readonly vlan?: number
  readonly aeTitle?: string
  readonly dicomPort?: number
  readonly criticality?: Criticality
  readonly storesPhi?: boolean
  readonly internetExposed?: boolean
  /** ISO 8601 calendar date, YYYY-MM-DD. */
  readonly installDate?: string
  /** ISO 8601 calendar date, YYYY-MM-DD: when the hospital expects to take the device out of clinical use. */
  readonly clinicalEndOfLife?: string
  readonly owner?: string
  readonly status?: DeviceStatus
  /** What replacing the device costs, in the organization's currency (at most two decimals). */
  readonly replacementCost?: number
}

/** Raw cell text per field, as read from a file (after column mapping) or a form. */
export type RawDeviceValues = Readonly<Partial<Record<DeviceFieldKey, string>>>

/** Why one value of a row was refused. */
export interface FieldProblem {
  readonly field: DeviceFieldKey | null
  readonly code: string
  readonly message: string
}

/** A normalised record, or the reasons it was refused (a row is refused whole, never half-read). */
export type NormalizedRow = { readonly kind: 'valid'; readonly record: DeviceRecord } | { readonly kind: 'invalid'; readonly problems: readonly FieldProblem[] }

const MAX_TEXT = 200

const MODALITY_SYNONYMS: Readonly<Record<string, Modality>> = {
  MRI: 'MR', 'MAGNETIC RESONANCE': 'MR', PET: 'PT', 'PET/CT': 'PT', 'PET CT': 'PT', 'PET-CT': 'PT', 'PET/MR': 'PT',
  'COMPUTED TOMOGRAPHY': 'CT', 'CT SCANNER': 'CT', ULTRASOUND: 'US', SONOGRAPHY: 'US', MAMMOGRAPHY: 'MG', MAMMO: 'MG',
  'X-RAY': 'DX', XRAY: 'DX', 'DIGITAL RADIOGRAPHY': 'DX', DR: 'DX', 'COMPUTED RADIOGRAPHY': 'CR', ANGIOGRAPHY: 'XA', ANGIO: 'XA',
  'CATH LAB': 'XA', FLUOROSCOPY: 'RF', FLUORO: 'RF', 'NUCLEAR MEDICINE': 'NM', SPECT: 'NM', 'GAMMA CAMERA': 'NM',
  'INTRA-ORAL': 'IO', PANORAMIC: 'PX', OTHER: 'OT', PACS: 'OT', WORKSTATION: 'OT',
}

const CRITICALITY_SYNONYMS: Readonly<Record<string, Criticality>> = {
  low: 'low', minor: 'low', med: 'medium', medium: 'medium', moderate: 'medium', high: 'high', major: 'high',
  critical: 'critical', 'life critical': 'critical', 'life support': 'critical', 'life-critical': 'critical', 'very high': 'critical',
}

const STATUS_SYNONYMS: Readonly<Record<string, DeviceStatus>> = {
  planned: 'planned', ordered: 'planned', 'in service': 'in_service', in_service: 'in_service', active: 'in_service', operational: 'in_service', 'in use': 'in_service',
  'in repair': 'in_repair', in_repair: 'in_repair', repair: 'in_repair', maintenance: 'in_repair', 'out of service': 'in_repair',
  'in storage': 'in_storage', in_storage: 'in_storage', inactive: 'in_storage', storage: 'in_storage', spare: 'in_storage',
  retired: 'retired', decommissioned: 'retired', disposed: 'retired', 'end of life': 'retired',
}

const TRUE_WORDS = new Set(['yes', 'y', 'true', '1', 'x', 'ja', 'oui', 'si'])
const FALSE_WORDS = new Set(['no', 'n', 'false', '0', '-', 'nein', 'non'])

/** Reads a DICOM modality code or a common name for it; undefined when it is neither. */
export function parseModality(text: string): Modality | undefined {
  const upper = text.trim().toUpperCase()
  if ((MODALITIES as readonly string[]).includes(upper)) return upper as Modality
  return MODALITY_SYNONYMS[upper.replace(/\s+/g, ' ')]
}

/** Reads an IPv4 or IPv6 address (a CIDR suffix is refused: a device has one address); returns it in canonical text. */
export function parseIpAddress(text: string): string | undefined {
  const value = text.trim()
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(value)
  if (v4) {
    const parts = v4.slice(1).map((p) => (p.length > 1 && p.startsWith('0') ? NaN : Number(p)))
    return parts.every((p) => Number.isInteger(p) && p >= 0 && p <= 255) ? parts.join('.') : undefined
  }
  if (!/^[0-9a-fA-F:]+$/.test(value) || !value.includes(':')) return undefined
  const halves = value.split('::')
  if (halves.length > 2) return undefined
  const groups = halves.map((h) => (h === '' ? [] : h.split(':')))
  if (groups.some((g) => g.some((part) => part.length === 0 || part.length > 4))) return undefined
  const count = groups.reduce((n, g) => n + g.length, 0)
  if (halves.length === 1 ? count !== 8 : count > 7) return undefined
  return value.toLowerCase()
}

/** Reads a 48-bit MAC address in colon, hyphen or dot notation; returns it as lower-case colon-separated pairs. */
export function parseMacAddress(text: string): string | undefined {
  const hex = text.trim().toLowerCase().replace(/[:\-.]/g, '')
  if (!/^[0-9a-f]{12}$/.test(hex)) return undefined
  if (!/^([0-9a-f]{2}[:-]){5}[0-9a-f]{2}$|^([0-9a-f]{4}\.){2}[0-9a-f]{4}$|^[0-9a-f]{12}$/.test(text.trim().toLowerCase())) return undefined
  return hex.match(/../g)!.join(':')
}

/**
 * Reads a calendar date: YYYY-MM-DD (also with / or . between), DD.MM.YYYY, or a spreadsheet timestamp starting with
 * a date. Slash dates with the day first or the month first (01/02/2030) are refused because they are ambiguous.
 */
export function parseCalendarDate(text: string): string | undefined {
  const value = text.trim()
  let match = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(value)
  let year: number, month: number, day: number
  if (match) [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  else {
    match = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(value)
    if (!match) return undefined
    ;[day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])]
  }
  if (year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1) return undefined
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate()
  if (day > daysInMonth) return undefined
  return `${String(year)}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

/** Reads yes/no in the usual spellings; undefined when it is neither. */
export function parseYesNo(text: string): boolean | undefined {
  const value = text.trim().toLowerCase()
  if (TRUE_WORDS.has(value)) return true
  if (FALSE_WORDS.has(value)) return false
  return undefined
}

/**
 * Whether a DICOM AE title is valid (PS3.5 AE value representation): at most 16 characters of the default character
 * repertoire, no backslash or control characters, not only spaces.
 */
export function isValidAeTitle(text: string): boolean {
  return text.length > 0 && text.length <= 16 && /^[\x20-\x7e]+$/.test(text) && !text.includes('\\') && text.trim().length > 0
}

/** Whether a numeric string is a GS1 identifier (GTIN-8/12/13/14) whose last digit is its check digit. */
export function hasValidGs1CheckDigit(digits: string): boolean {
  if (!/^\d{8}$|^\d{12,14}$/.test(digits)) return false
  let sum = 0
  for (let i = digits.length - 2, weight = 3; i >= 0; i--, weight = weight === 3 ? 1 : 3) sum += Number(digits[i]) * weight
  return (10 - (sum % 10)) % 10 === Number(digits[digits.length - 1])
}

function text(value: string, field: DeviceFieldKey, problems: FieldProblem[]): string | undefined {
  const trimmed = value.trim().replace(/\s+/g, ' ')
  if (!trimmed) return undefined
  if (trimmed.length > MAX_TEXT) {
    problems.push({ field, code: 'device_field_too_long', message: `at most ${MAX_TEXT} characters` })
    return undefined
  }
  return trimmed
}

function integer(value: string, field: DeviceFieldKey, min: number, max: number, code: string, problems: FieldProblem[]): number | undefined {
  const trimmed = value.trim().replace(/\.0+$/, '')
  if (!/^\d+$/.test(trimmed) || Number(trimmed) < min || Number(trimmed) > max) {
    problems.push({ field, code, message: `"${value.trim()}" is not a whole number from ${min} to ${max}` })
    return undefined
  }
  return Number(trimmed)
}

/** Reads a non-negative amount such as 250000, 250,000.00 or 250 000 (comma or space as thousands separator); undefined when it is not one. */
export function parseAmount(text: string): number | undefined {
  const compact = text.trim().replace(/^[$€£]\s*|\s*(EUR|USD|GBP|CHF|[$€£])$/gi, '').replace(/(?<=\d)[ ,'](?=\d{3}(\D|$))/g, '')
  if (!/^\d{1,13}(\.\d{1,2})?$/.test(compact)) return undefined
  return Number(compact)
}

/**
 * Checks and normalises one row of raw values. Blank values are "not given". The row is refused whole when any value
 * is wrong, with every problem listed; a row needs an asset tag or a serial number to be found again later.
 */
export function normalizeDeviceValues(raw: RawDeviceValues): NormalizedRow {
  const problems: FieldProblem[] = []
  const out: { -readonly [K in keyof DeviceRecord]: DeviceRecord[K] } = {}
  for (const [key, rawValue] of Object.entries(raw) as [DeviceFieldKey, string | undefined][]) {
    if (rawValue === undefined || rawValue.trim() === '') continue
    // No database can store a NUL in text: a cell holding one (binary data in the file) refuses the row, not the import.
    if (rawValue.includes('\u0000')) {
      problems.push({ field: key, code: 'device_field_nul', message: 'contains a NUL character (binary data?)' })
      continue
    }
    const value = rawValue.trim()
    switch (key) {
      case 'assetTag':
      case 'serialNumber':
      case 'manufacturer':
      case 'model':
      case 'softwareVersion':
      case 'location':
      case 'department':
      case 'owner':
        out[key] = text(value, key, problems)
        break
      case 'udiDi': {
        const compact = value.replace(/[\s()]/g, '').replace(/^01(?=\d{14}$)/, '')
        if (/^\d+$/.test(compact) && !hasValidGs1CheckDigit(compact)) {
          problems.push({ field: key, code: 'device_udi_di_invalid', message: `"${value}" is not a GS1 device identifier (length or check digit wrong)` })
        } else out.udiDi = text(/^\d+$/.test(compact) ? compact : value, key, problems)
        break
      }
      case 'modality': {
        const modality = parseModality(value)
        if (modality) out.modality = modality
        else problems.push({ field: key, code: 'device_modality_unknown', message: `"${value}" is not a DICOM modality code (CT, MR, CR, DX, MG, US, NM, PT, XA, RF, OT, …)` })
        break
      }
      case 'ipAddress': {
        const ip = parseIpAddress(value)
        if (ip) out.ipAddress = ip
        else problems.push({ field: key, code: 'device_ip_invalid', message: `"${value}" is not an IPv4 or IPv6 address` })
        break
      }
      case 'macAddress': {
        const mac = parseMacAddress(value)
        if (mac) out.macAddress = mac
        else problems.push({ field: key, code: 'device_mac_invalid', message: `"${value}" is not a MAC address (aa:bb:cc:dd:ee:ff)` })
        break
      }
      case 'hostname': {
        const host = value.toLowerCase()
        if (host.length <= 253 && /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*\.?$/.test(host)) out.hostname = host.replace(/\.$/, '')
        else problems.push({ field: key, code: 'device_hostname_invalid', message: `"${value}" is not a host name` })
        break
      }
      case 'vlan':
        out.vlan = integer(value, key, 1, 4094, 'device_vlan_invalid', problems)
        break
      case 'dicomPort':
        out.dicomPort = integer(value, key, 1, 65535, 'device_port_invalid', problems)
        break
      case 'aeTitle': {
        if (isValidAeTitle(rawValue.replace(/^\s+|\s+$/g, ''))) out.aeTitle = value
        else problems.push({ field: key, code: 'device_ae_title_invalid', message: `"${value}" is not a DICOM AE title (1-16 printable characters, no backslash)` })
        break
      }
      case 'criticality': {
        const level = CRITICALITY_SYNONYMS[value.toLowerCase()]
        if (level) out.criticality = level
        else problems.push({ field: key, code: 'device_criticality_invalid', message: `"${value}" is not one of ${CRITICALITIES.join(', ')}` })
        break
      }
      case 'status': {
        const status = STATUS_SYNONYMS[value.toLowerCase().replace(/[_-]/g, ' ')] ?? STATUS_SYNONYMS[value.toLowerCase()]
        if (status) out.status = status
        else problems.push({ field: key, code: 'device_status_invalid', message: `"${value}" is not one of ${DEVICE_STATUSES.join(', ')}` })
        break
      }
      case 'storesPhi':
      case 'internetExposed': {
        const flag = parseYesNo(value)
        if (flag === undefined) problems.push({ field: key, code: 'device_boolean_invalid', message: `"${value}" is not yes or no` })
        else out[key] = flag
        break
      }
      case 'replacementCost': {
        const amount = parseAmount(value)
        if (amount === undefined) problems.push({ field: key, code: 'device_cost_invalid', message: `"${value}" is not an amount (digits, an optional decimal point and at most two decimals)` })
        else out.replacementCost = amount
        break
      }
      case 'installDate':
      case 'clinicalEndOfLife': {
        const date = parseCalendarDate(value)
        if (date) out[key] = date
        else problems.push({ field: key, code: 'device_date_invalid', message: `"${value}" is not a date; write YYYY-MM-DD` })
        break
      }
    }
  }
  if (!out.assetTag && !out.serialNumber && !problems.some((p) => p.field === 'assetTag' || p.field === 'serialNumber')) {
    problems.push({ field: null, code: 'device_key_missing', message: 'a device needs an asset tag or a serial number' })
  }
  if (out.installDate && out.clinicalEndOfLife && out.clinicalEndOfLife < out.installDate) {
    problems.push({ field: 'clinicalEndOfLife', code: 'device_end_of_life_before_install', message: `clinical end of life ${out.clinicalEndOfLife} is before the install date ${out.installDate}` })
  }
  return problems.length > 0 ? { kind: 'invalid', problems } : { kind: 'valid', record: out }
}
