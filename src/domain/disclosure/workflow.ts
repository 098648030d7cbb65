// The handling of one reported vulnerability (ISO/IEC 30111) as a pure state machine:
// received -> acknowledged -> triaged (valid | duplicate | not a vulnerability) -> remediation -> published -> closed.
// A report triaged as a duplicate or as not a vulnerability goes straight to closed; a closed case can be reopened.
import { fail, ok, problem, type Result } from '../result.js'

/** The states of a disclosure case. */
export const disclosureStates = ['received', 'acknowledged', 'triaged', 'remediation', 'published', 'closed'] as const

/** A state of a disclosure case. */
export type DisclosureState = (typeof disclosureStates)[number]

/** The triage decisions. */
export const triageOutcomes = ['valid', 'duplicate', 'not_vulnerability'] as const

/** A triage decision. */
export type TriageOutcome = (typeof triageOutcomes)[number]

/** A request to move a case. */
export type DisclosureCommand =
  | { readonly kind: 'acknowledge'; readonly note?: string }
  | { readonly kind: 'triage'; readonly outcome: TriageOutcome; readonly duplicateOf?: string; readonly note?: string }
  | { readonly kind: 'start_remediation'; readonly note?: string }
  | { readonly kind: 'publish'; readonly advisoryId?: string; readonly note?: string }
  | { readonly kind: 'close'; readonly note?: string }
  | { readonly kind: 'reopen'; readonly note: string }

/** The command kinds. */
export const disclosureCommandKinds = ['acknowledge', 'triage', 'start_remediation', 'publish', 'close', 'reopen'] as const

/** Where a case stands in the workflow. */
export interface DisclosureCaseState {
  readonly state: DisclosureState
  readonly triageOutcome: TriageOutcome | null
}

/** The outcome of a transition: the new state and what to record. */
export interface DisclosureTransition extends DisclosureCaseState {
  readonly from: DisclosureState
  readonly command: DisclosureCommand['kind']
  /** A sentence the reporter sees in the portal. */
  readonly summary: string
}

/** The commands each state accepts. */
export const disclosureTransitions: Readonly<Record<DisclosureState, readonly DisclosureCommand['kind'][]>> = {
  received: ['acknowledge'],
  acknowledged: ['triage'],
  triaged: ['triage', 'start_remediation', 'close'],
  remediation: ['publish'],
  published: ['close'],
  closed: ['reopen'],
}

/** What each state means to a reporter. */
export const disclosureStateLabels: Readonly<Record<DisclosureState, string>> = {
  received: 'Received',
  acknowledged: 'Acknowledged',
  triaged: 'Triaged',
  remediation: 'Remediation in progress',
  published: 'Advisory published',
  closed: 'Closed',
}

/** What each triage outcome means to a reporter. */
export const triageOutcomeLabels: Readonly<Record<TriageOutcome, string>> = {
  valid: 'valid vulnerability',
  duplicate: 'duplicate of an earlier report',
  not_vulnerability: 'not a vulnerability',
}

/** The commands a case accepts now (closing a triaged case needs a duplicate or not-a-vulnerability decision). */
export function availableCommands(current: DisclosureCaseState): readonly DisclosureCommand['kind'][] {
  return disclosureTransitions[current.state].filter((kind) => {
    if (current.state !== 'triaged') return true
    if (kind === 'start_remediation') return current.triageOutcome === 'valid'
    if (kind === 'close') return current.triageOutcome !== 'valid'
    return true
  })
}

/** Applies a command to a case, or answers `disclosure_invalid_transition` with the state and the command. */
export function transitionDisclosureCase(current: DisclosureCaseState, command: DisclosureCommand): Result<DisclosureTransition> {
  const refuse = (message: string) => fail(problem('disclosure_invalid_transition', message, { state: current.state, command: command.kind, allowed: availableCommands(current) }))
  if (!disclosureTransitions[current.state].includes(command.kind)) return refuse(`cannot ${command.kind.replace('_', ' ')} a case that is ${current.state}`)
  const base = { from: current.state, command: command.kind }
  switch (command.kind) {
    case 'acknowledge':
      return ok({ ...base, state: 'acknowledged', triageOutcome: null, summary: 'The manufacturer acknowledged the report.' })
    case 'triage':
      if (!(triageOutcomes as readonly string[]).includes(command.outcome)) return refuse(`unknown triage outcome ${String(command.outcome)}`)
      return ok({ ...base, state: 'triaged', triageOutcome: command.outcome, summary: `The report was triaged: ${triageOutcomeLabels[command.outcome]}.` })
    case 'start_remediation':
      if (current.triageOutcome !== 'valid') return refuse('only a report triaged as valid goes into remediation')
      return ok({ ...base, state: 'remediation', triageOutcome: current.triageOutcome, summary: 'Remediation is in progress.' })
    case 'publish':
      return ok({ ...base, state: 'published', triageOutcome: current.triageOutcome, summary: 'The advisory was published.' })
    case 'close':
      if (current.state === 'triaged' && current.triageOutcome === 'valid') return refuse('a valid vulnerability is remediated and published before the case is closed')
      return ok({ ...base, state: 'closed', triageOutcome: current.triageOutcome, summary: 'The case was closed.' })
    case 'reopen':
      if (command.note.trim() === '') return fail(problem('disclosure_reason_required', 'reopening a case needs a reason'))
      return ok({ ...base, state: 'acknowledged', triageOutcome: null, summary: 'The case was reopened.' })
  }
}

/** Reads a state name from input. */
export function isDisclosureState(value: string): value is DisclosureState {
  return (disclosureStates as readonly string[]).includes(value)
}
