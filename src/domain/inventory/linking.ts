/**
 * Linking a hospital's device to a manufacturer's product version: names are normalised (legal forms, filler words,
 * spelling variants), then manufacturer, model, version and UDI-DI are compared, and each candidate gets a
 * confidence with the reasons behind it. A human confirms; nothing here decides alone.
 */

/** What the hospital knows of a device, for matching. */
export interface DeviceIdentity {
  readonly manufacturer?: string | null
  readonly model?: string | null
  readonly softwareVersion?: string | null
  readonly udiDi?: string | null
}

/** A manufacturer's product version that a device could be. */
export interface ProductVersionCandidate {
  readonly productVersionId: string
  readonly productId: string
  readonly manufacturer: string
  readonly productName: string
  readonly modelNumber: string | null
  readonly udiDi: string | null
  readonly version: string
}

/** One piece of evidence for or against a candidate. */
export interface MatchReason {
  readonly code:
    | 'udi_di_match'
    | 'udi_di_differs'
    | 'manufacturer_match'
    | 'manufacturer_differs'
    | 'manufacturer_missing'
    | 'model_exact'
    | 'model_partial'
    | 'version_exact'
    | 'version_equivalent'
    | 'version_differs'
    | 'version_missing'
  readonly text: string
}

/** A ranked candidate: confidence from 0 to 1, its level, and why. */
export interface LinkCandidate extends ProductVersionCandidate {
  readonly confidence: number
  readonly level: 'high' | 'medium' | 'low'
  readonly reasons: readonly MatchReason[]
}

const LEGAL_FORMS = new Set([
  'inc', 'incorporated', 'corp', 'corporation', 'co', 'company', 'ltd', 'limited', 'llc', 'llp', 'plc', 'gmbh', 'mbh', 'ag', 'kg', 'se', 'sa', 'sas', 'sarl',
  'nv', 'bv', 'spa', 'srl', 'oy', 'ab', 'as', 'kk', 'pty', 'pte', 'group', 'holding', 'holdings', 'the',
])
const FILLER_WORDS = new Set(['healthcare', 'health', 'care', 'healthineers', 'medical', 'medicine', 'systems', 'system', 'solutions', 'technologies', 'technology', 'imaging', 'diagnostics', 'international', 'global', 'and', 'of'])
const VENDOR_SPELLINGS: Readonly<Record<string, string>> = {
  'general electric': 'ge', 'gen electric': 'ge', 'koninklijke philips': 'philips', phillips: 'philips', philipps: 'philips', phillps: 'philips',
  'canon toshiba': 'canon', toshiba: 'canon', 'fuji film': 'fujifilm', fuji: 'fujifilm', hologic: 'hologic', carestream: 'carestream',
}

function fold(text: string): string {
  return text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/&/g, ' and ')
}

/**
 * Normalises a manufacturer name so spelling variants meet: "GE Healthcare", "General Electric (GE)" and
 * "GE HealthCare" all become "ge"; "Philips Medical Systems" and "Phillips" become "philips".
 */
export function normalizeManufacturer(name: string): string {
  let text = fold(name)
  // A parenthesised short form ("General Electric (GE)") names the same company; keep the short form.
  const short = /\(([a-z0-9 .]{1,12})\)/.exec(text)?.[1]
  text = short ? short : text.replace(/\([^)]*\)/g, ' ')
  // Dots go first so that dotted legal forms ("N.V.", "S.A.") become words ("nv", "sa") that are then dropped.
  text = text.replace(/\./g, '').replace(/[^a-z0-9]+/g, ' ').trim()
  for (const [variant, canonical] of Object.entries(VENDOR_SPELLINGS)) {
    if (` ${text} `.includes(` ${variant} `)) text = ` ${text} `.replace(` ${variant} `, ` ${canonical} `).trim()
  }
  const words = text.split(' ').filter((w) => w && !LEGAL_FORMS.has(w))
  const kept = words.filter((w) => !FILLER_WORDS.has(w))
  return (kept.length > 0 ? kept : words).join(' ')
}

/** Normalises a model name for comparison: the manufacturer's name dropped from the front, no spaces or punctuation. */
export function normalizeModel(model: string, manufacturer?: string | null): string {
  let words = fold(model).replace(/[^a-z0-9]+/g, ' ').trim().split(' ').filter(Boolean)
  const vendorWords = manufacturer ? normalizeManufacturer(manufacturer).split(' ') : []
  while (words.length > 1 && vendorWords.includes(words[0]!)) words = words.slice(1)
  return words.join('')
}

/** Normalises a version: lower case, no "v"/"version" prefix, trailing ".0" parts dropped ("V3.1.0" is "3.1"). */
export function normalizeVersion(version: string): string {
  return fold(version)
    .trim()
    .replace(/^(version|ver|v)\s*\.?\s*/, '')
    .replace(/[\s_]+/g, '.')
    .replace(/(\.0+)+$/, '')
}

function digits(udi: string): string {
  const compact = udi.replace(/[\s()]/g, '')
  return compact.replace(/^01(?=\d{14}$)/, '')
}

/** The key under which a confirmed link is reused for identical devices: same manufacturer, model and version. */
export function identityKey(device: DeviceIdentity): string | null {
  if (!device.manufacturer || !device.model || !device.softwareVersion) return null
  return [normalizeManufacturer(device.manufacturer), normalizeModel(device.model, device.manufacturer), normalizeVersion(device.softwareVersion)].join('|')
}

/** The confidence level of a number: high from 0.85, medium from 0.5. */
export function confidenceLevel(confidence: number): LinkCandidate['level'] {
  return confidence >= 0.85 ? 'high' : confidence >= 0.5 ? 'medium' : 'low'
}

/**
 * Scores one candidate. The product is identified by UDI-DI (0.95), else by manufacturer and model (0.9 exact,
 * 0.6 when one model name contains the other); a differing manufacturer caps it at 0.4. The version then multiplies:
 * exact x1, equal after normalisation x0.95, unknown on the device x0.5, different x0.3. A candidate whose product
 * is not identified at all scores 0.
 */
export function scoreCandidate(device: DeviceIdentity, candidate: ProductVersionCandidate): LinkCandidate {
  const reasons: MatchReason[] = []
  let product = 0
  const udiMatch = Boolean(device.udiDi && candidate.udiDi && digits(device.udiDi) === digits(candidate.udiDi))
  if (device.udiDi && candidate.udiDi) {
    reasons.push(udiMatch ? { code: 'udi_di_match', text: `UDI-DI ${candidate.udiDi} matches` } : { code: 'udi_di_differs', text: `UDI-DI ${device.udiDi} differs from the product's ${candidate.udiDi}` })
  }
  const vendorDevice = device.manufacturer ? normalizeManufacturer(device.manufacturer) : ''
  const vendorProduct = normalizeManufacturer(candidate.manufacturer)
  const vendorMatch = vendorDevice !== '' && (vendorDevice === vendorProduct || vendorDevice.split(' ')[0] === vendorProduct.split(' ')[0])
  if (!vendorDevice) reasons.push({ code: 'manufacturer_missing', text: 'the device names no manufacturer' })
  else if (vendorMatch) reasons.push({ code: 'manufacturer_match', text: `manufacturer "${device.manufacturer}" is ${candidate.manufacturer}` })
  else reasons.push({ code: 'manufacturer_differs', text: `manufacturer "${device.manufacturer}" is not ${candidate.manufacturer}` })

  const model = device.model ? normalizeModel(device.model, device.manufacturer) : ''
  const names = [candidate.productName, candidate.modelNumber].filter((n): n is string => Boolean(n)).map((n) => normalizeModel(n, candidate.manufacturer))
  const exact = model !== '' && names.includes(model)
  const partial = !exact && model.length >= 3 && names.some((n) => n.length >= 3 && (n.includes(model) || model.includes(n)))
  if (exact) reasons.push({ code: 'model_exact', text: `model "${device.model}" is ${candidate.productName}${candidate.modelNumber ? ` (${candidate.modelNumber})` : ''}` })
  else if (partial) reasons.push({ code: 'model_partial', text: `model "${device.model}" resembles ${candidate.productName}` })

  if (udiMatch) product = 0.95
  else if (exact) product = vendorMatch ? 0.9 : !vendorDevice ? 0.6 : 0.4
  else if (partial) product = vendorMatch ? 0.6 : !vendorDevice ? 0.35 : 0.2
  if (device.udiDi && candidate.udiDi && !udiMatch) product *= 0.5

  let factor: number
  if (!device.softwareVersion) {
    factor = 0.5
    reasons.push({ code: 'version_missing', text: 'the device has no software version' })
  } else if (device.softwareVersion.trim() === candidate.version.trim()) {
    factor = 1
    reasons.push({ code: 'version_exact', text: `version ${candidate.version}` })
  } else if (normalizeVersion(device.softwareVersion) === normalizeVersion(candidate.version)) {
    factor = 0.95
    reasons.push({ code: 'version_equivalent', text: `version "${device.softwareVersion}" is ${candidate.version} after normalisation` })
  } else {
    factor = 0.3
    reasons.push({ code: 'version_differs', text: `version "${device.softwareVersion}" is not ${candidate.version}` })
  }
  const confidence = Math.round(product * factor * 100) / 100
  return { ...candidate, confidence, level: confidenceLevel(confidence), reasons }
}

/** Ranks the candidates for a device, best first, keeping those with confidence of at least `minimum` (0.2) and at most `limit` (10). */
export function rankCandidates(device: DeviceIdentity, candidates: readonly ProductVersionCandidate[], minimum = 0.2, limit = 10): LinkCandidate[] {
  return candidates
    .map((c) => scoreCandidate(device, c))
    .filter((c) => c.confidence >= minimum)
    .sort((a, b) => b.confidence - a.confidence || a.productName.localeCompare(b.productName) || a.version.localeCompare(b.version))
    .slice(0, limit)
}
