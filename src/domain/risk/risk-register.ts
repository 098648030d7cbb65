// A hospital's risk register for its fleet (NIST SP 800-30 Rev. 1: likelihood x impact on the five-level scale),
// with compensating controls and time-limited risk acceptance. Pure: dates are YYYY-MM-DD, compared as UTC days.
import { daysBetween } from '../lifecycle/support-life.js'
import { fail, ok, problem, type Result } from '../result.js'
import { CONTROL_KINDS, type ControlKind, type DeviceRiskBreakdown } from './device-risk.js'
import { parseSp80030Level, sp80030Levels, sp80030Risk, type Sp80030Level } from './sp800-30.js'

/** Where an entry stands. */
export const REGISTER_STATUSES = ['open', 'mitigating', 'accepted', 'closed'] as const

/** A register entry's status. */
export type RegisterStatus = (typeof REGISTER_STATUSES)[number]

/** The device fields a group entry may select on; all given ones must match (case-insensitive). */
export const GROUP_FIELDS = ['modality', 'manufacturer', 'model', 'softwareVersion', 'department', 'location'] as const

/** A group of devices: the values the devices share. */
export type GroupFilter = Readonly<Partial<Record<(typeof GROUP_FIELDS)[number], string>>>

/** What a register entry is about. */
export type RegisterScope = { readonly kind: 'device'; readonly deviceId: string } | { readonly kind: 'group'; readonly filter: GroupFilter }

/** Days before an acceptance's expiry when it counts as expiring (and alerts). */
export const ACCEPTANCE_WARNING_DAYS = 30

/** Where a risk acceptance stands on a day. */
export type AcceptanceState = { readonly kind: 'none' } | { readonly kind: 'active'; readonly daysLeft: number } | { readonly kind: 'expiring'; readonly daysLeft: number } | { readonly kind: 'expired'; readonly daysAgo: number }

/** The acceptance state of an entry: none unless accepted; expiring within {@link ACCEPTANCE_WARNING_DAYS}; expired after the day. */
export function acceptanceState(status: RegisterStatus, expires: string | null, today: string, warningDays = ACCEPTANCE_WARNING_DAYS): AcceptanceState {
  if (status !== 'accepted' || !expires) return { kind: 'none' }
  const left = daysBetween(today, expires)
  if (left === undefined) return { kind: 'none' }
  if (left < 0) return { kind: 'expired', daysAgo: -left }
  return left <= warningDays ? { kind: 'expiring', daysLeft: left } : { kind: 'active', daysLeft: left }
}

/** The level of risk before and after the compensating controls (SP 800-30 Table I-2). */
export function registerRisk(likelihood: Sp80030Level, impact: Sp80030Level, residualLikelihood: Sp80030Level | null): { readonly inherent: Sp80030Level; readonly residual: Sp80030Level } {
  return { inherent: sp80030Risk(likelihood, impact), residual: sp80030Risk(residualLikelihood ?? likelihood, impact) }
}

/** A device as a group filter sees it. */
export interface GroupCandidate {
  readonly modality: string | null
  readonly manufacturer: string | null
  readonly model: string | null
  readonly softwareVersion: string | null
  readonly department: string | null
  readonly location: string | null
}

const fold = (value: string): string => value.trim().replace(/\s+/g, ' ').toLowerCase()

/** Whether a device belongs to a group: every value the filter gives equals the device's (case- and space-insensitive). */
export function matchesGroup(filter: GroupFilter, device: GroupCandidate): boolean {
  return GROUP_FIELDS.every((field) => {
    const wanted = filter[field]
    if (wanted === undefined) return true
    const value = device[field]
    return value !== null && fold(value) === fold(wanted)
  })
}

/** Reads a group filter: an object with at least one of {@link GROUP_FIELDS} as non-empty text. Codes: risk_group_invalid, risk_group_empty. */
export function parseGroupFilter(value: unknown): Result<GroupFilter> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail(problem('risk_group_invalid', 'a group is an object such as {"modality":"CT","model":"Acme CT 5000"}'))
  const out: Partial<Record<(typeof GROUP_FIELDS)[number], string>> = {}
  for (const [key, raw] of Object.entries(value)) {
    if (!(GROUP_FIELDS as readonly string[]).includes(key)) return fail(problem('risk_group_invalid', `unknown group field ${key}; use ${GROUP_FIELDS.join(', ')}`))
    if (raw === null || raw === undefined || (typeof raw === 'string' && raw.trim() === '')) continue
    if (typeof raw !== 'string' || raw.length > 300) return fail(problem('risk_group_invalid', `${key} must be text of at most 300 characters`))
    out[key as (typeof GROUP_FIELDS)[number]] = raw.trim().replace(/\s+/g, ' ')
  }
  if (Object.keys(out).length === 0) return fail(problem('risk_group_empty', 'a group needs at least one value (modality, manufacturer, model, software version, department or location)'))
  return ok(out)
}

/** A readable name of a group, e.g. "CT, Acme Imaging Acme CT 5000 3.1". */
export function groupLabel(filter: GroupFilter): string {
  return GROUP_FIELDS.flatMap((f) => (filter[f] ? [filter[f]] : [])).join(' ')
}

/** The fields a person gives for a new entry or a change. */
export interface RegisterEntryInput {
  readonly title?: unknown
  readonly description?: unknown
  readonly likelihood?: unknown
  readonly impact?: unknown
  readonly residualLikelihood?: unknown
  readonly status?: unknown
}

/** A checked entry input (only the given fields). */
export interface RegisterEntryFields {
  readonly title?: string
  readonly description?: string | null
  readonly likelihood?: Sp80030Level
  readonly impact?: Sp80030Level
  readonly residualLikelihood?: Sp80030Level | null
  readonly status?: Exclude<RegisterStatus, 'accepted'>
}

/**
 * Checks the fields of an entry; `creating` requires title, likelihood and impact. Acceptance has its own function
 * (it needs an owner and an expiry). Codes: risk_title_invalid, risk_level_invalid, risk_status_invalid.
 */
export function checkRegisterFields(input: RegisterEntryInput, creating: boolean): Result<RegisterEntryFields> {
  const out: { -readonly [K in keyof RegisterEntryFields]: RegisterEntryFields[K] } = {}
  if (input.title !== undefined || creating) {
    if (typeof input.title !== 'string' || input.title.trim() === '' || input.title.length > 300) return fail(problem('risk_title_invalid', 'a title of 1-300 characters is required'))
    out.title = input.title.trim()
  }
  if (input.description !== undefined) {
    if (input.description !== null && (typeof input.description !== 'string' || input.description.length > 10_000)) return fail(problem('risk_title_invalid', 'the description is text of at most 10,000 characters'))
    out.description = typeof input.description === 'string' && input.description.trim() !== '' ? input.description.trim() : null
  }
  for (const key of ['likelihood', 'impact'] as const) {
    if (input[key] === undefined && !creating) continue
    const level = typeof input[key] === 'string' ? parseSp80030Level(input[key]) : undefined
    if (!level?.ok) return fail(problem('risk_level_invalid', `${key} must be one of ${sp80030Levels.join(', ')}`))
    out[key] = level.value
  }
  if (input.residualLikelihood !== undefined) {
    if (input.residualLikelihood === null || input.residualLikelihood === '') out.residualLikelihood = null
    else {
      const level = typeof input.residualLikelihood === 'string' ? parseSp80030Level(input.residualLikelihood) : undefined
      if (!level?.ok) return fail(problem('risk_level_invalid', `residualLikelihood must be one of ${sp80030Levels.join(', ')}`))
      out.residualLikelihood = level.value
    }
  }
  if (input.status !== undefined) {
    if (input.status !== 'open' && input.status !== 'mitigating' && input.status !== 'closed') return fail(problem('risk_status_invalid', 'status is open, mitigating or closed; accept a risk with its owner and expiry'))
    out.status = input.status
  }
  return ok(out)
}

/** A checked risk acceptance. */
export interface Acceptance {
  readonly owner: string
  readonly expires: string
  readonly rationale: string
}

/** Longest acceptance: risk acceptance is revisited at least every three years. */
export const MAX_ACCEPTANCE_DAYS = 3 * 366

/** Checks a risk acceptance: an owner, a rationale and an expiry after today, at most three years ahead. Codes: risk_acceptance_invalid, risk_acceptance_expiry_invalid. */
export function checkAcceptance(input: { readonly owner?: unknown; readonly expires?: unknown; readonly rationale?: unknown }, today: string): Result<Acceptance> {
  if (typeof input.owner !== 'string' || input.owner.trim() === '' || input.owner.length > 200) return fail(problem('risk_acceptance_invalid', 'name the owner who accepts the risk (1-200 characters)'))
  if (typeof input.rationale !== 'string' || input.rationale.trim() === '' || input.rationale.length > 10_000) return fail(problem('risk_acceptance_invalid', 'give the rationale for accepting the risk'))
  const days = typeof input.expires === 'string' ? daysBetween(today, input.expires) : undefined
  if (days === undefined) return fail(problem('risk_acceptance_expiry_invalid', 'the expiry is a date, YYYY-MM-DD'))
  if (days <= 0) return fail(problem('risk_acceptance_expiry_invalid', 'the expiry must be after today'))
  if (days > MAX_ACCEPTANCE_DAYS) return fail(problem('risk_acceptance_expiry_invalid', 'an acceptance lasts at most three years; set an earlier expiry'))
  return ok({ owner: input.owner.trim(), expires: input.expires as string, rationale: input.rationale.trim() })
}

/** Reads a control kind. Code: risk_control_kind_invalid. */
export function parseControlKind(value: unknown): Result<ControlKind> {
  return typeof value === 'string' && (CONTROL_KINDS as readonly string[]).includes(value)
    ? ok(value as ControlKind)
    : fail(problem('risk_control_kind_invalid', `a control kind is one of ${CONTROL_KINDS.join(', ')}`))
}

/**
 * A starting point for a new device entry from its score: likelihood from the technical term and exposure, impact
 * from clinical criticality and PHI. A suggestion only; the person sets the levels.
 */
export function suggestRegisterLevels(breakdown: DeviceRiskBreakdown): { readonly likelihood: Sp80030Level; readonly impact: Sp80030Level } {
  const exposed = breakdown.technical.value * breakdown.exposure.factor * breakdown.support.factor
  const likelihood: Sp80030Level = exposed >= 12 ? 'very-high' : exposed >= 8 ? 'high' : exposed >= 4 ? 'moderate' : exposed > 0 ? 'low' : 'very-low'
  const byCriticality: Readonly<Record<string, number>> = { low: 1, medium: 2, high: 3, critical: 4, unrated: 2 }
  const rank = Math.min(4, (byCriticality[breakdown.criticality.level] ?? 2) + (breakdown.exposure.storesPhi ? 1 : 0))
  return { likelihood, impact: sp80030Levels[rank]! }
}
