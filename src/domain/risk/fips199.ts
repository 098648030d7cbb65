// FIPS 199 security categorisation: per information type a (confidentiality, integrity, availability) impact,
// and for a system the high-water mark over its information types.
import { fail, ok, problem, type Result } from '../result.js'

/** A FIPS 199 potential impact level. */
export type Fips199Impact = 'low' | 'moderate' | 'high'

/** The impact on confidentiality may also be "not-applicable" (public information only). */
export type Fips199ConfidentialityImpact = Fips199Impact | 'not-applicable'

/** The security category of one information type: SC = {(C, impact), (I, impact), (A, impact)}. */
export interface Fips199InformationType {
  readonly name: string
  readonly confidentiality: Fips199ConfidentialityImpact
  readonly integrity: Fips199Impact
  readonly availability: Fips199Impact
}

/** The categorisation of a system: high-water mark per objective and overall. */
export interface Fips199SystemCategory {
  readonly confidentiality: Fips199Impact
  readonly integrity: Fips199Impact
  readonly availability: Fips199Impact
  /** The highest of the three: the system's impact level, which selects the FIPS 200 baseline. */
  readonly overall: Fips199Impact
  /** The FIPS 199 notation, e.g. `SC = {(confidentiality, MODERATE), (integrity, HIGH), (availability, LOW)}`. */
  readonly notation: string
}

/** Impact level meanings (FIPS 199 §3), for display. */
export const fips199ImpactMeaning: Readonly<Record<Fips199Impact, string>> = {
  low: 'limited adverse effect on operations, assets or individuals',
  moderate: 'serious adverse effect on operations, assets or individuals',
  high: 'severe or catastrophic adverse effect on operations, assets or individuals',
}

const order: readonly Fips199Impact[] = ['low', 'moderate', 'high']
const isImpact = (value: unknown): value is Fips199Impact => typeof value === 'string' && (order as readonly string[]).includes(value)

/** The higher of two impact levels. */
export function fips199Max(a: Fips199Impact, b: Fips199Impact): Fips199Impact {
  return order.indexOf(a) >= order.indexOf(b) ? a : b
}

/**
 * Categorises a system from its information types by the high-water mark. A system with no information types, an
 * unknown level, or "not-applicable" on integrity or availability is an error.
 */
export function fips199Categorise(types: readonly Fips199InformationType[]): Result<Fips199SystemCategory> {
  if (types.length === 0) return fail(problem('fips199_no_information_types', 'a system needs at least one information type'))
  let confidentiality: Fips199Impact = 'low'
  let integrity: Fips199Impact = 'low'
  let availability: Fips199Impact = 'low'
  for (const type of types) {
    if (type.confidentiality !== 'not-applicable' && !isImpact(type.confidentiality)) {
      return fail(problem('fips199_invalid_impact', `${type.name}: confidentiality must be low, moderate, high or not-applicable`))
    }
    if (!isImpact(type.integrity) || !isImpact(type.availability)) {
      return fail(problem('fips199_invalid_impact', `${type.name}: integrity and availability must be low, moderate or high (not-applicable is allowed only for confidentiality)`))
    }
    // Not applicable (public information) adds nothing to the confidentiality high-water mark.
    if (type.confidentiality !== 'not-applicable') confidentiality = fips199Max(confidentiality, type.confidentiality)
    integrity = fips199Max(integrity, type.integrity)
    availability = fips199Max(availability, type.availability)
  }
  const overall = fips199Max(fips199Max(confidentiality, integrity), availability)
  const upper = (level: Fips199Impact) => level.toUpperCase()
  const notation = `SC = {(confidentiality, ${upper(confidentiality)}), (integrity, ${upper(integrity)}), (availability, ${upper(availability)})}`
  return ok({ confidentiality, integrity, availability, overall, notation })
}
