import type { Property, SupportLevel } from './model.js'

/** The CycloneDX property taxonomy name for the end-of-support milestone (cdx:lifecycle:milestone:*). */
export const endOfSupportProperty = 'cdx:lifecycle:milestone:endOfSupport'

/**
 * The property medsec writes for the FDA level of support. CycloneDX has no official name yet; this is the one
 * proposed in cyclonedx-property-taxonomy issue #104, and the names below are also read.
 */
export const supportLevelProperty = 'fda:lifecycle:support_level'

const supportLevelNames = new Set([supportLevelProperty, 'cdx:fda:supportLevel', 'cdx:fda:levelOfSupport', 'reliza:support:level', 'medsec:supportLevel'])
const endOfSupportNames = new Set([endOfSupportProperty, 'fda:lifecycle:end_of_support', 'cdx:fda:endOfSupport', 'medsec:endOfSupport'])

/** Reads an FDA support level from the words people write for it (FDA phrases, snake case, SPDX 3 SupportType). */
export function parseSupportLevel(value: string): SupportLevel | undefined {
  const words = value.trim().toLowerCase().replace(/[_\-\s]+/g, ' ')
  switch (words) {
    case 'actively maintained':
    case 'active':
    case 'maintained':
    case 'supported':
    case 'support':
    case 'development':
    case 'deployed':
    case 'limitedsupport':
    case 'limited support':
      return 'actively_maintained'
    case 'no longer maintained':
    case 'not maintained':
    case 'endofsupport':
    case 'end of support':
    case 'unsupported':
      return 'no_longer_maintained'
    case 'abandoned':
    case 'nosupport':
    case 'no support':
      return 'abandoned'
    case 'unknown':
    case 'noassertion':
    case 'no assertion':
      return 'unknown'
    default:
      return undefined
  }
}

/** The FDA phrase for a support level, as written in exports. */
export function supportLevelPhrase(level: SupportLevel): string {
  return level.replaceAll('_', ' ')
}

/** The SPDX 3.0 SupportType that carries an FDA support level. */
export function spdx3SupportType(level: SupportLevel): string {
  switch (level) {
    case 'actively_maintained':
      return 'support'
    case 'no_longer_maintained':
      return 'endOfSupport'
    case 'abandoned':
      return 'noSupport'
    case 'unknown':
      return 'noAssertion'
  }
}

/** Splits FDA support fields out of CycloneDX properties; the rest stay as properties (so an export writes them once). */
export function extractSupport(properties: readonly Property[]): {
  readonly supportLevel?: SupportLevel
  readonly endOfSupport?: string
  readonly rest: readonly Property[]
} {
  // Most components carry no support property: then the list is returned as it is, without a copy.
  if (!properties.some((property) => supportLevelNames.has(property.name) || endOfSupportNames.has(property.name))) return { rest: properties }
  let supportLevel: SupportLevel | undefined
  let endOfSupport: string | undefined
  const rest: Property[] = []
  for (const property of properties) {
    if (supportLevel === undefined && supportLevelNames.has(property.name)) {
      const level = parseSupportLevel(property.value)
      if (level !== undefined) {
        supportLevel = level
        continue
      }
    }
    if (endOfSupport === undefined && endOfSupportNames.has(property.name) && property.value.trim() !== '') {
      endOfSupport = property.value.trim()
      continue
    }
    rest.push(property)
  }
  const extracted: { supportLevel?: SupportLevel; endOfSupport?: string; rest: readonly Property[] } = { rest }
  if (supportLevel !== undefined) extracted.supportLevel = supportLevel
  if (endOfSupport !== undefined) extracted.endOfSupport = endOfSupport
  return extracted
}
