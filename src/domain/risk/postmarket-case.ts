// The postmarket handling of one vulnerability as a pure state machine with history:
// draft -> determined -> remediating -> closed, with re-determination (history kept) and reopening. Every
// transition returns the new case and one event for the audit log; an invalid transition is an error value.
import { fail, ok, problem, type Result } from '../result.js'
import type { FdaDetermination } from './fda.js'

/** The states of a postmarket case. */
export type PostmarketState = 'draft' | 'determined' | 'remediating' | 'closed'

/** A request to move a case; `at` is an ISO timestamp chosen by the caller, `actor` who asks. */
export type PostmarketCommand =
  | { readonly kind: 'determine'; readonly at: string; readonly actor?: string; readonly determination: FdaDetermination; readonly note?: string }
  | { readonly kind: 'start_remediation'; readonly at: string; readonly actor?: string; readonly note?: string }
  | { readonly kind: 'close'; readonly at: string; readonly actor?: string; readonly note?: string }
  | { readonly kind: 'reopen'; readonly at: string; readonly actor?: string; readonly note: string }

/** What happened, for the audit log and the case history. */
export interface PostmarketEvent {
  readonly kind: 'determined' | 'redetermined' | 'remediation_started' | 'closed' | 'reopened'
  readonly at: string
  readonly actor?: string
  readonly from: PostmarketState
  readonly to: PostmarketState
  readonly determination?: FdaDetermination
  readonly note?: string
}

/** A case: its state, the current determination, and every event so far (oldest first). */
export interface PostmarketCase {
  readonly kind: 'postmarket-case'
  readonly state: PostmarketState
  readonly determination?: FdaDetermination
  readonly history: readonly PostmarketEvent[]
}

/** The commands each state accepts (closing straight from "determined" also needs a controlled risk). */
export const postmarketTransitions: Readonly<Record<PostmarketState, readonly PostmarketCommand['kind'][]>> = {
  draft: ['determine'],
  determined: ['determine', 'start_remediation', 'close'],
  remediating: ['determine', 'close'],
  closed: ['reopen'],
}

/** A new case in the draft state with an empty history. */
export function newPostmarketCase(): PostmarketCase {
  return { kind: 'postmarket-case', state: 'draft', history: [] }
}

/** Applies a command: the new case and the event to audit, or `postmarket_invalid_transition`. */
export function transitionPostmarketCase(current: PostmarketCase, command: PostmarketCommand): Result<{ readonly case: PostmarketCase; readonly event: PostmarketEvent }> {
  if (!postmarketTransitions[current.state].includes(command.kind)) {
    return fail(problem('postmarket_invalid_transition', `cannot ${command.kind.replace('_', ' ')} a case that is ${current.state}`, { state: current.state, command: command.kind }))
  }
  if (command.kind === 'close' && current.state === 'determined' && current.determination?.risk !== 'controlled') {
    return fail(problem('postmarket_invalid_transition', 'an uncontrolled risk must be remediated before the case is closed', { state: current.state, command: command.kind }))
  }
  if (command.at.trim() === '') return fail(problem('postmarket_missing_timestamp', 'a transition needs the time it happened'))
  const to: PostmarketState = command.kind === 'determine' ? 'determined' : command.kind === 'start_remediation' ? 'remediating' : command.kind === 'close' ? 'closed' : 'draft'
  const kind: PostmarketEvent['kind'] = command.kind === 'determine'
    ? (current.determination === undefined ? 'determined' : 'redetermined')
    : command.kind === 'start_remediation' ? 'remediation_started' : command.kind === 'close' ? 'closed' : 'reopened'
  const event: PostmarketEvent = {
    kind,
    at: command.at,
    from: current.state,
    to,
    ...(command.actor === undefined ? {} : { actor: command.actor }),
    ...(command.kind === 'determine' ? { determination: command.determination } : {}),
    ...(command.note === undefined ? {} : { note: command.note }),
  }
  const determination = command.kind === 'determine' ? command.determination : current.determination
  const next: PostmarketCase = { kind: 'postmarket-case', state: to, ...(determination === undefined ? {} : { determination }), history: [...current.history, event] }
  return ok({ case: next, event })
}
