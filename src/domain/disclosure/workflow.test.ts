import { describe, expect, it } from 'vitest'
import { availableCommands, disclosureCommandKinds, disclosureStates, transitionDisclosureCase, type DisclosureCaseState, type DisclosureCommand } from './workflow.js'

const command = (kind: DisclosureCommand['kind']): DisclosureCommand =>
  kind === 'triage' ? { kind, outcome: 'valid' } : kind === 'reopen' ? { kind, note: 'new information' } : { kind }

describe('the ISO/IEC 30111 case workflow', () => {
  it('walks a valid report from receipt to closure', () => {
    let state: DisclosureCaseState = { state: 'received', triageOutcome: null }
    const steps: DisclosureCommand[] = [{ kind: 'acknowledge' }, { kind: 'triage', outcome: 'valid' }, { kind: 'start_remediation' }, { kind: 'publish', advisoryId: '00000000-0000-4000-8000-000000000001' }, { kind: 'close' }]
    const seen: string[] = []
    for (const step of steps) {
      const next = transitionDisclosureCase(state, step)
      if (!next.ok) throw new Error(next.error.message)
      seen.push(`${next.value.from}->${next.value.state}`)
      state = next.value
    }
    expect(seen).toEqual(['received->acknowledged', 'acknowledged->triaged', 'triaged->remediation', 'remediation->published', 'published->closed'])
    expect(state).toMatchObject({ state: 'closed', triageOutcome: 'valid' })
  })

  it('closes duplicates and non-vulnerabilities after triage, but never a valid report before it is published', () => {
    for (const outcome of ['duplicate', 'not_vulnerability'] as const) {
      const triaged = transitionDisclosureCase({ state: 'acknowledged', triageOutcome: null }, { kind: 'triage', outcome })
      expect(triaged.ok && triaged.value.summary).toContain(outcome === 'duplicate' ? 'duplicate' : 'not a vulnerability')
      const closed = transitionDisclosureCase({ state: 'triaged', triageOutcome: outcome }, { kind: 'close' })
      expect(closed).toMatchObject({ ok: true, value: { state: 'closed' } })
      expect(transitionDisclosureCase({ state: 'triaged', triageOutcome: outcome }, { kind: 'start_remediation' })).toMatchObject({ ok: false, error: { code: 'disclosure_invalid_transition' } })
    }
    expect(transitionDisclosureCase({ state: 'triaged', triageOutcome: 'valid' }, { kind: 'close' })).toMatchObject({ ok: false, error: { code: 'disclosure_invalid_transition' } })
  })

  it('allows exactly the transitions of the table, for every state and command', () => {
    const expected: Record<string, string[]> = {
      received: ['acknowledge'],
      acknowledged: ['triage'],
      triaged: ['triage', 'start_remediation'],
      remediation: ['publish'],
      published: ['close'],
      closed: ['reopen'],
    }
    const failures: string[] = []
    let checked = 0
    for (const state of disclosureStates) {
      const current: DisclosureCaseState = { state, triageOutcome: state === 'received' || state === 'acknowledged' ? null : 'valid' }
      for (const kind of disclosureCommandKinds) {
        checked += 1
        const allowed = transitionDisclosureCase(current, command(kind)).ok
        if (allowed !== expected[state]!.includes(kind)) failures.push(`${state} + ${kind}: ${allowed ? 'allowed' : 'refused'}`)
      }
      expect(availableCommands(current)).toEqual(expected[state])
    }
    expect(failures).toEqual([])
    expect(checked).toBe(36)
  })

  it('reopens a closed case only with a reason, back to acknowledged', () => {
    expect(transitionDisclosureCase({ state: 'closed', triageOutcome: 'duplicate' }, { kind: 'reopen', note: ' ' })).toMatchObject({ ok: false, error: { code: 'disclosure_reason_required' } })
    expect(transitionDisclosureCase({ state: 'closed', triageOutcome: 'duplicate' }, { kind: 'reopen', note: 'not a duplicate after all' })).toMatchObject({ ok: true, value: { state: 'acknowledged', triageOutcome: null } })
  })

  it('refuses an unknown triage outcome from untyped input', () => {
    const bad = { kind: 'triage', outcome: 'maybe' } as unknown as DisclosureCommand
    expect(transitionDisclosureCase({ state: 'acknowledged', triageOutcome: null }, bad)).toMatchObject({ ok: false, error: { code: 'disclosure_invalid_transition' } })
  })
})
