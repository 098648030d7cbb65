import { vendorKey } from './vendors.js'

/** How a device's model was recognised in an advisory's product. */
export type ProductMatchKind = 'product_name' | 'short_name' | 'model_number' | 'udi_di' | 'product_family'

/** A device model recognised as an advisory's product: how, how sure, and why. */
export interface ProductComparison {
  readonly kind: ProductMatchKind
  readonly confidence: number
  readonly explanation: string
}

/** What an advisory says of a product's identity. */
export interface ProductNames {
  readonly vendor: string | null
  /** The product name (CSAF product_name branch), else the full product name. */
  readonly product: string | null
  readonly modelNumbers: readonly string[]
}

/** What the hospital knows of a device's identity. */
export interface DeviceModel {
  readonly manufacturer: string | null
  readonly model: string | null
  readonly udiDi?: string | null
}

// Words that say what kind of thing a product is, not which one: "Vivid E95 Ultrasound System" is "Vivid E95".
const GENERIC_WORDS = new Set(['system', 'systems', 'scanner', 'software', 'series', 'family', 'workstation', 'platform', 'device', 'devices', 'ultrasound', 'product', 'products', 'application', 'suite'])

function fold(text: string): string {
  return text
    .replace(/[\u2122\u00ae\u00a9\u2120]/g, ' ')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\((tm|r|c)\)/g, ' ')
}

/** The words of a product or model name: folded, trademark signs dropped, the vendor's name dropped from the front, generic words dropped. */
export function productWords(name: string, vendor?: string | null): string[] {
  let words = fold(name)
    .replace(/\([^)]*\)/g, ' ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter((w) => w !== '')
  const vendorWords = vendor ? vendorKey(vendor).split(' ') : []
  // Drop the vendor's leading words ("GE HealthCare Revolution CT" -> "revolution ct"), never the whole name.
  for (const v of vendorWords) {
    if (words.length > 1 && words[0] === v) words = words.slice(1)
    else break
  }
  const specific = words.filter((w) => !GENERIC_WORDS.has(w))
  return specific.length > 0 ? specific : words
}

/** A product or model name as one comparable key: "Revolution CT", "REVOLUTION-CT" and "Revolution™ CT" are all "revolutionct". */
export function productKey(name: string, vendor?: string | null): string {
  return productWords(name, vendor).join('')
}

function shortForm(name: string): string | null {
  const inner = /\(([^)]{2,40})\)/.exec(name)?.[1]
  if (!inner || /^(tm|r|c)$/i.test(inner)) return null
  const key = productKey(inner)
  return key.length >= 2 ? key : null
}

function gtin(text: string): string | null {
  const digits = text.replace(/[\s()-]/g, '').replace(/^01(?=\d{14}$)/, '')
  return /^\d{14}$/.test(digits) ? digits : null
}

/**
 * Recognises a device model as an advisory's product: UDI-DI among the model numbers (1), equal model number (1),
 * equal product name after normalisation (1), the product's parenthesised short form (0.95), or a product family,
 * the product's words at the start of the model ("Revolution CT" for "Revolution CT ES", 0.6). Similar names with
 * different words ("Vivid E9" and "Vivid E95") do not match.
 */
export function compareProduct(device: DeviceModel, product: ProductNames): ProductComparison | null {
  const udi = device.udiDi ? gtin(device.udiDi) : null
  if (udi && product.modelNumbers.some((m) => gtin(m) === udi)) return { kind: 'udi_di', confidence: 1, explanation: `UDI-DI ${device.udiDi} is among the product's identifiers` }
  if (!device.model) return null
  const modelKey = productKey(device.model, device.manufacturer)
  const rawModel = fold(device.model).replace(/[^a-z0-9]+/g, '')
  for (const number of product.modelNumbers) {
    const numberKey = fold(number).replace(/[^a-z0-9]+/g, '')
    if (numberKey.length >= 2 && (numberKey === rawModel || numberKey === modelKey)) return { kind: 'model_number', confidence: 1, explanation: `model "${device.model}" is model number ${number}` }
  }
  if (!product.product) return null
  const key = productKey(product.product, product.vendor)
  if (modelKey !== '' && key === modelKey) return { kind: 'product_name', confidence: 1, explanation: `model "${device.model}" is product "${product.product}"` }
  const short = shortForm(product.product)
  const deviceShort = shortForm(device.model)
  if ((short && (short === modelKey || short === deviceShort)) || (deviceShort && deviceShort === key)) {
    return { kind: 'short_name', confidence: 0.95, explanation: `model "${device.model}" is product "${product.product}" by its short name` }
  }
  const productTokens = productWords(product.product, product.vendor)
  const modelTokens = productWords(device.model, device.manufacturer)
  if (productTokens.length >= 1 && modelTokens.length > productTokens.length && productTokens.every((w, i) => modelTokens[i] === w) && productTokens.join('').length >= 4) {
    return { kind: 'product_family', confidence: 0.6, explanation: `model "${device.model}" may belong to the product family "${product.product}"` }
  }
  return null
}
