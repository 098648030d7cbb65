import type { AffectedStatus, ProductAffected } from '../kb/model.js'
import type { FleetStatus } from './model.js'
import { compareProduct } from './products.js'
import { parseVersionText, versionVerdict } from './version-ranges.js'
import { compareVendors } from './vendors.js'

/** What matching needs of a hospital's device. */
export interface DeviceFacts {
  readonly manufacturer: string | null
  readonly model: string | null
  readonly softwareVersion: string | null
  readonly serialNumber: string | null
  readonly udiDi: string | null
}

/** A device recognised in an advisory's product: the status that follows, how sure, what matched and why. */
export interface ProductMatch {
  readonly status: FleetStatus
  readonly confidence: number
  readonly matchedOn: readonly string[]
  readonly reasons: readonly string[]
  /** The CSAF product id. */
  readonly productId: string
  readonly versionText: string | null
}

const STATUS: Readonly<Record<AffectedStatus, FleetStatus>> = {
  affected: 'known_affected',
  not_affected: 'known_not_affected',
  fixed: 'fixed',
  under_investigation: 'under_investigation',
}

function round(n: number): number {
  return Math.round(n * 100) / 100
}

function stripPrefix(text: string, prefix: string | null): string | null {
  if (!prefix) return null
  return text.toLowerCase().startsWith(prefix.toLowerCase()) ? text.slice(prefix.length).trim() : null
}

/**
 * The version text of an advisory's product: its vers range, else its version branch, else what its full name
 * says after the vendor and product ("GE HealthCare Revolution CT <=3.64" says "<=3.64"); null when nothing is said.
 */
export function versionTextOf(product: Pick<ProductAffected, 'name' | 'vendor' | 'product' | 'version' | 'range'>): string | null {
  if (product.range) return product.range
  if (product.version) return product.version
  const afterVendor = stripPrefix(product.name, product.vendor) ?? product.name
  const rest = stripPrefix(afterVendor, product.product)
  if (rest === null) return null
  const text = rest.replace(/^[\s:,-]+/, '').trim()
  return text === '' ? null : text
}

/** Whether a serial number fits a CSAF serial number pattern ('*' any run of characters, '?' one character), ignoring case. */
export function serialMatches(pattern: string, serial: string): boolean {
  const source = pattern
    .trim()
    .split('')
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('')
  return new RegExp(`^${source}$`, 'i').test(serial.trim())
}

/**
 * Matches a device to one product of an advisory. Vendor and product must match; a serial-number list that does not
 * name the device's serial, or a version outside the stated range, is no match at all. What cannot be confirmed (an
 * unread range text, a device without version, a product family, low confidence) is at most under_investigation,
 * and a fixed or not-affected statement is then not claimed.
 */
export function matchAdvisoryProduct(device: DeviceFacts, product: ProductAffected): ProductMatch | null {
  if (!device.manufacturer || !product.vendor) return null
  const vendor = compareVendors(device.manufacturer, product.vendor)
  if (!vendor.match) return null
  const identity = compareProduct({ manufacturer: device.manufacturer, model: device.model, udiDi: device.udiDi }, { vendor: product.vendor, product: product.product, modelNumbers: product.modelNumbers })
  if (!identity) return null
  const matchedOn: string[] = ['vendor', identity.kind]
  const reasons: string[] = [vendor.explanation, identity.explanation]
  let confidence = vendor.confidence * identity.confidence
  let certain = identity.kind !== 'product_family'

  if (product.serialNumbers.length > 0) {
    if (device.serialNumber) {
      const pattern = product.serialNumbers.find((p) => serialMatches(p, device.serialNumber!))
      if (!pattern) return null
      matchedOn.push('serial_number')
      reasons.push(`serial number ${device.serialNumber} fits ${pattern}`)
    } else {
      confidence *= 0.6
      certain = false
      reasons.push(`the advisory names serial numbers (${product.serialNumbers.join(', ')}); the device has none`)
    }
  }

  const text = versionTextOf(product)
  if (text === null) {
    confidence *= 0.7
    reasons.push('the advisory states no version for this product: every version is assumed')
  } else {
    const statement = parseVersionText(text)
    const verdict = versionVerdict(device.softwareVersion, statement)
    if (verdict.kind === 'outside') return null
    if (verdict.kind === 'unknown') {
      confidence *= 0.4
      certain = false
    } else if (statement.kind === 'all') {
      confidence *= 0.9
      matchedOn.push('all_versions')
    } else {
      matchedOn.push(product.version && !product.range && /^=?[^<>=|*]+$/.test(text.trim()) && !/\s/.test(text.trim()) ? 'version' : 'version_range')
    }
    reasons.push(verdict.kind === 'inside' && statement.kind === 'ranges' ? `${verdict.explanation}; ${statement.explanation}` : verdict.explanation)
  }

  let status = STATUS[product.status]
  confidence = round(confidence)
  if (!certain || confidence < 0.5) {
    // Only a claim of exposure may rest on doubt; "fixed" or "not affected" on a guess would hide a risk.
    if (status === 'fixed' || status === 'known_not_affected') return null
    if (status === 'known_affected') reasons.push('not confirmed, so under investigation rather than affected')
    status = 'under_investigation'
  }
  return { status, confidence, matchedOn, reasons, productId: product.productId, versionText: text }
}

const DECISIVE_ORDER: readonly FleetStatus[] = ['known_affected', 'fixed', 'known_not_affected']

/**
 * The one match of a device for one vulnerability of one advisory among several products: a decisive status
 * (affected before fixed before not affected: when in doubt, the exposure wins), else the surest under_investigation.
 */
export function pickMatch<T extends Pick<ProductMatch, 'status' | 'confidence'>>(matches: readonly T[]): T | null {
  for (const status of DECISIVE_ORDER) {
    const best = matches.filter((m) => m.status === status).sort((a, b) => b.confidence - a.confidence)[0]
    if (best) return best
  }
  return [...matches].sort((a, b) => b.confidence - a.confidence)[0] ?? null
}

/** The status a manufacturer's triage decision gives a device running the product version (no decision: under investigation). */
export function statusOfDecision(state: string | null): FleetStatus {
  if (state === 'exploitable') return 'known_affected'
  if (state === 'not_affected' || state === 'false_positive') return 'known_not_affected'
  if (state === 'resolved') return 'fixed'
  return 'under_investigation'
}

/** A confidence of the matching engine's levels as a number. */
export function confidenceOfLevel(level: string): number {
  return level === 'high' ? 0.9 : level === 'medium' ? 0.7 : 0.5
}
