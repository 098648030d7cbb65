import { fail, ok, problem } from '../result.js'
import type { Result } from '../result.js'

/** The eleven attributes of a CPE 2.3 well-formed name (NISTIR 7695), in binding order. */
export const cpeAttributes = [
  'part', 'vendor', 'product', 'version', 'update', 'edition', 'language', 'sw_edition', 'target_sw', 'target_hw', 'other',
] as const

/** One attribute name of a WFN. */
export type CpeAttribute = (typeof cpeAttributes)[number]

/**
 * One WFN attribute value: ANY, NA (not applicable) or a case-folded literal with an optional wildcard run at
 * either end ('*' for any run of characters, or '?'s for single characters).
 */
export type CpeValue =
  | { readonly kind: 'any' }
  | { readonly kind: 'na' }
  | { readonly kind: 'value'; readonly literal: string; readonly lead: string; readonly trail: string }

/** A well-formed CPE name: every attribute has a value. */
export type Wfn = Readonly<Record<CpeAttribute, CpeValue>>

const ANY: CpeValue = { kind: 'any' }
const NA: CpeValue = { kind: 'na' }
// Punctuation that must be quoted with '\' in a formatted string (NISTIR 7695 'special' characters).
const quotable = '\\*?!"#$%&\'()+,/:;<=>@[]^`{|}~'

function invalid(message: string): Result<never> {
  return fail(problem('cpe_invalid', message))
}

/** Parses a CPE 2.3 formatted string ('cpe:2.3:…') or a CPE 2.2 URI ('cpe:/…') into a WFN. */
export function parseCpe(text: string): Result<Wfn> {
  const t = text.trim()
  if (/^cpe:2\.3:/i.test(t)) return parseFormattedString(t)
  if (/^cpe:\//i.test(t)) return parseUri(t)
  return invalid(`'${text}' is neither a CPE 2.3 formatted string nor a CPE 2.2 URI`)
}

function splitUnescaped(text: string): string[] {
  const parts: string[] = []
  let current = ''
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string
    if (c === '\\' && i + 1 < text.length) {
      current += c + (text[i + 1] as string)
      i++
    } else if (c === ':') {
      parts.push(current)
      current = ''
    } else current += c
  }
  parts.push(current)
  return parts
}

/** Parses a CPE 2.3 formatted string binding. */
export function parseFormattedString(text: string): Result<Wfn> {
  const parts = splitUnescaped(text)
  if (parts.length !== 13) return invalid(`a CPE 2.3 formatted string has 13 colon-separated fields, '${text}' has ${parts.length}`)
  const values: Partial<Record<CpeAttribute, CpeValue>> = {}
  for (let i = 0; i < cpeAttributes.length; i++) {
    const attribute = cpeAttributes[i] as CpeAttribute
    const value = unbindFormattedValue(parts[i + 2] as string)
    if (!value.ok) return invalid(`${attribute}: ${value.error.message}`)
    values[attribute] = value.value
  }
  return checkPart(values as Wfn)
}

function checkPart(wfn: Wfn): Result<Wfn> {
  const part = wfn.part
  if (part.kind === 'value' && (part.lead !== '' || part.trail !== '' || !['a', 'o', 'h'].includes(part.literal))) {
    return invalid("part must be 'a', 'o' or 'h'")
  }
  return ok(wfn)
}

function unbindFormattedValue(raw: string): Result<CpeValue> {
  if (raw === '*') return ok(ANY)
  if (raw === '-') return ok(NA)
  if (raw === '') return fail(problem('cpe_invalid', 'an empty field is not allowed'))
  let lead = ''
  let trail = ''
  let body = raw
  const leadMatch = /^(\*|\?+)/.exec(body)
  if (leadMatch !== null) {
    lead = leadMatch[1] as string
    body = body.slice(lead.length)
  }
  // A trailing run is a wildcard only when its first character is not escaped.
  if (body.endsWith('*') && !isEscapedAt(body, body.length - 1)) {
    trail = '*'
    body = body.slice(0, -1)
  } else {
    let start = body.length
    while (start > 0 && body[start - 1] === '?' && !isEscapedAt(body, start - 1)) start--
    trail = body.slice(start)
    body = body.slice(0, start)
  }
  let literal = ''
  for (let i = 0; i < body.length; i++) {
    const c = body[i] as string
    if (c === '\\') {
      const next = body[i + 1]
      if (next === undefined || !(quotable.includes(next) || next === '.' || next === '-' || next === '_')) {
        return fail(problem('cpe_invalid', `'${raw}' has a bad escape`))
      }
      literal += next
      i++
    } else if (/[A-Za-z0-9._-]/.test(c)) literal += c
    else return fail(problem('cpe_invalid', `'${raw}' has the unquoted character '${c}'`))
  }
  if (literal === '') return fail(problem('cpe_invalid', `'${raw}' has wildcards but no literal characters`))
  return ok({ kind: 'value', literal: literal.toLowerCase(), lead, trail })
}

function isEscapedAt(text: string, index: number): boolean {
  let backslashes = 0
  for (let i = index - 1; i >= 0 && text[i] === '\\'; i--) backslashes++
  return backslashes % 2 === 1
}

/** Parses a CPE 2.2 URI binding (with a packed '~' edition when present). */
export function parseUri(text: string): Result<Wfn> {
  const parts = text.slice(5).split(':')
  if (parts.length > 7) return invalid(`a CPE URI has at most 7 components, '${text}' has ${parts.length}`)
  const values: Record<string, CpeValue> = {}
  for (const attribute of cpeAttributes) values[attribute] = ANY
  const uriAttributes = ['part', 'vendor', 'product', 'version', 'update', 'edition', 'language'] as const
  for (let i = 0; i < parts.length; i++) {
    const raw = parts[i] as string
    const attribute = uriAttributes[i] as CpeAttribute
    if (attribute === 'edition' && raw.startsWith('~')) {
      const packed = raw.split('~')
      if (packed.length !== 6) return invalid(`a packed edition has 5 '~'-separated fields: '${raw}'`)
      const names: CpeAttribute[] = ['edition', 'sw_edition', 'target_sw', 'target_hw', 'other']
      for (let j = 0; j < names.length; j++) {
        const value = unbindUriValue(packed[j + 1] as string)
        if (!value.ok) return invalid(`${names[j]}: ${value.error.message}`)
        values[names[j] as string] = value.value
      }
      continue
    }
    const value = unbindUriValue(raw)
    if (!value.ok) return invalid(`${attribute}: ${value.error.message}`)
    values[attribute] = value.value
  }
  return checkPart(values as Wfn)
}

function unbindUriValue(raw: string): Result<CpeValue> {
  if (raw === '') return ok(ANY)
  if (raw === '-') return ok(NA)
  let decoded = ''
  let lead = ''
  let trail = ''
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i] as string
    if (c === '%') {
      const hex = raw.slice(i + 1, i + 3)
      if (!/^[0-9A-Fa-f]{2}$/.test(hex)) return fail(problem('cpe_invalid', `'${raw}' has a bad percent-encoding`))
      i += 2
      const code = parseInt(hex, 16)
      // %01 and %02 are the URI binding's wildcards '?' and '*', allowed only at either end.
      if (code === 1 || code === 2) {
        const wildcard = code === 1 ? '?' : '*'
        if (decoded === '') lead += wildcard
        else trail += wildcard
        continue
      }
      if (trail !== '') return fail(problem('cpe_invalid', `'${raw}' has a wildcard inside the value`))
      decoded += String.fromCharCode(code)
    } else if (/[A-Za-z0-9._~-]/.test(c)) {
      if (trail !== '') return fail(problem('cpe_invalid', `'${raw}' has a wildcard inside the value`))
      decoded += c
    } else return fail(problem('cpe_invalid', `'${raw}' has the character '${c}', which a CPE URI must percent-encode`))
  }
  if (decoded === '') return fail(problem('cpe_invalid', `'${raw}' has no literal characters`))
  return ok({ kind: 'value', literal: decoded.toLowerCase(), lead, trail })
}

/** Binds a WFN to the CPE 2.3 formatted string. */
export function formatCpe(wfn: Wfn): string {
  return 'cpe:2.3:' + cpeAttributes.map((a) => bindFormattedValue(wfn[a])).join(':')
}

function bindFormattedValue(value: CpeValue): string {
  if (value.kind === 'any') return '*'
  if (value.kind === 'na') return '-'
  const body = Array.from(value.literal, (c) => (/[A-Za-z0-9._-]/.test(c) ? c : '\\' + c)).join('')
  return value.lead + body + value.trail
}

/** Binds a WFN to the CPE 2.2 URI (packing the extended attributes into the edition when any is set). */
export function formatCpeUri(wfn: Wfn): string {
  const extended = [wfn.sw_edition, wfn.target_sw, wfn.target_hw, wfn.other].some((v) => v.kind !== 'any')
  const edition = extended
    ? '~' + (['edition', 'sw_edition', 'target_sw', 'target_hw', 'other'] as const).map((a) => bindUriValue(wfn[a])).join('~')
    : bindUriValue(wfn.edition)
  const parts = [wfn.part, wfn.vendor, wfn.product, wfn.version, wfn.update].map(bindUriValue)
  parts.push(edition, bindUriValue(wfn.language))
  while (parts.length > 1 && parts[parts.length - 1] === '') parts.pop()
  return 'cpe:/' + parts.join(':')
}

function bindUriValue(value: CpeValue): string {
  if (value.kind === 'any') return ''
  if (value.kind === 'na') return '-'
  const wildcard = (w: string) => w.replace(/\?/g, '%01').replace(/\*/g, '%02')
  const body = Array.from(value.literal, (c) => (/[A-Za-z0-9._-]/.test(c) ? c : '%' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0'))).join('')
  return wildcard(value.lead) + body + wildcard(value.trail)
}

/** The relation of a source attribute value (or name) to a target one, as NISTIR 7696 defines it. */
export type CpeRelation = 'EQUAL' | 'SUBSET' | 'SUPERSET' | 'DISJOINT'

function hasWildcards(v: CpeValue): boolean {
  return v.kind === 'value' && (v.lead !== '' || v.trail !== '')
}

function wildcardMatches(pattern: CpeValue & { kind: 'value' }, literal: string): boolean {
  const run = (w: string) => (w === '*' ? '.*' : w === '' ? '' : `.{${w.length}}`)
  const escaped = pattern.literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  return new RegExp(`^${run(pattern.lead)}${escaped}${run(pattern.trail)}$`, 's').test(literal)
}

/** Compares one source attribute value with a target value (NISTIR 7696 table 6-2). */
export function compareCpeValues(source: CpeValue, target: CpeValue): CpeRelation {
  if (source.kind === 'any') return target.kind === 'any' ? 'EQUAL' : 'SUPERSET'
  if (source.kind === 'na') return target.kind === 'any' ? 'SUBSET' : target.kind === 'na' ? 'EQUAL' : 'DISJOINT'
  if (target.kind === 'any') return 'SUBSET'
  if (target.kind === 'na') return 'DISJOINT'
  if (source.literal === target.literal && source.lead === target.lead && source.trail === target.trail) return 'EQUAL'
  // NISTIR leaves a wildcard target undefined; we read the comparison the other way round instead.
  if (hasWildcards(target)) {
    if (hasWildcards(source)) return 'DISJOINT'
    return wildcardMatches(target, source.literal) ? 'SUBSET' : 'DISJOINT'
  }
  if (hasWildcards(source)) return wildcardMatches(source, target.literal) ? 'SUPERSET' : 'DISJOINT'
  return 'DISJOINT'
}

/** The outcome of comparing two CPE names: the name relation, each attribute's relation, and why. */
export interface CpeComparison {
  readonly result: CpeRelation
  readonly attributes: Readonly<Record<CpeAttribute, CpeRelation>>
  /**
   * True when some attributes are SUBSET and others SUPERSET, so neither name contains the other. NISTIR 7696
   * defines no name relation for this; we report DISJOINT. Its common form, vendor SUBSET with product SUPERSET (or
   * the reverse), is the known false-positive class of CPE matching (e.g. a product-only criterion meeting a
   * vendor-only name).
   */
  readonly crossed: boolean
  /** True when the vendor and product relations point in opposite directions (the false-positive class). */
  readonly vendorProductCrossed: boolean
}

/** Compares a source CPE name with a target name attribute by attribute and as a whole (NISTIR 7696 §6). */
export function compareCpe(source: Wfn, target: Wfn): CpeComparison {
  const attributes = {} as Record<CpeAttribute, CpeRelation>
  for (const a of cpeAttributes) attributes[a] = compareCpeValues(source[a], target[a])
  const relations = Object.values(attributes)
  const hasSubset = relations.includes('SUBSET')
  const hasSuperset = relations.includes('SUPERSET')
  const vendorProductCrossed =
    (attributes.vendor === 'SUBSET' && attributes.product === 'SUPERSET') ||
    (attributes.vendor === 'SUPERSET' && attributes.product === 'SUBSET')
  let result: CpeRelation
  if (relations.includes('DISJOINT')) result = 'DISJOINT'
  else if (!hasSubset && !hasSuperset) result = 'EQUAL'
  else if (hasSubset && hasSuperset) result = 'DISJOINT'
  else result = hasSubset ? 'SUBSET' : 'SUPERSET'
  return { result, attributes, crossed: hasSubset && hasSuperset, vendorProductCrossed }
}

/** Parses and compares two CPE names (either binding). */
export function compareCpeStrings(source: string, target: string): Result<CpeComparison> {
  const a = parseCpe(source)
  if (!a.ok) return a
  const b = parseCpe(target)
  if (!b.ok) return b
  return ok(compareCpe(a.value, b.value))
}

/**
 * Whether a vulnerability's CPE criterion covers a product's CPE name: the criterion is a SUPERSET of (or EQUAL
 * to) the name, and the vendor/product false-positive guard holds.
 */
export function cpeCriterionCovers(criterion: Wfn, name: Wfn): boolean {
  const comparison = compareCpe(criterion, name)
  return (comparison.result === 'SUPERSET' || comparison.result === 'EQUAL') && !comparison.vendorProductCrossed
}
