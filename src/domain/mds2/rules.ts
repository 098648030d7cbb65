import { answerableIds, descendantsOf, formVersion, headerFields, questionById, questionsBySection } from './catalogue.js'
import type { AnswerValue } from './catalogue.js'
import type { Mds2Answer, Mds2Document } from './document.js'
import { isAnswerValue } from './document.js'

/**
 * A gating rule derived from the form's own wording (domain brief 1.6): when the gate has one of the trigger answers,
 * the dependents must be N/A. 'required' rules are stated by the form; 'expected' ones are the usual reading.
 */
export interface CascadeRule {
  readonly kind: 'cascade'
  readonly gate: string
  readonly when: readonly AnswerValue[]
  readonly dependents: readonly string[]
  readonly strength: 'required' | 'expected'
  readonly basis: string
}

/** A rule asking for a note when a question has one of the trigger answers (the form says "provide details"). */
export interface NoteRule {
  readonly kind: 'note'
  readonly question: string
  readonly when: readonly AnswerValue[]
  readonly basis: string
}

/** A warning when a gate suggests, without the form forcing it, that dependents should not be answered Yes. */
export interface PlausibilityRule {
  readonly kind: 'plausibility'
  readonly gate: string
  readonly when: readonly AnswerValue[]
  readonly dependents: readonly string[]
  readonly basis: string
}

/** One consistency rule of the form. */
export type Mds2Rule = CascadeRule | NoteRule | PlausibilityRule

function sectionIdsExcept(section: string, except: string): readonly string[] {
  return (questionsBySection.get(section) ?? []).map((q) => q.id).filter((id) => id !== except)
}

function cascade(gate: string, when: readonly AnswerValue[], dependents: readonly string[], strength: CascadeRule['strength'], basis: string): CascadeRule {
  return { kind: 'cascade', gate, when, dependents, strength, basis }
}

// A parent marked N/A (because its own gate was No) makes its sub-questions N/A as well.
const noOrNotApplicable: readonly AnswerValue[] = ['No', 'N/A']

/** The consistency rules of the 2019 form, from domain brief section 1.6. */
export const mds2Rules: readonly Mds2Rule[] = [
  cascade('DOC-11', noOrNotApplicable, descendantsOf('DOC-11'), 'required', 'DOC-11.1 to 11.4 describe a SaMD; they do not apply to a device that is not SaMD.'),
  cascade('CSUP-1', ['No'], sectionIdsExcept('CSUP', 'CSUP-1'), 'required', 'CSUP-1: "If no, answer "N/A" to questions in this section."'),
  ...['CSUP-2', 'CSUP-3', 'CSUP-4', 'CSUP-5', 'CSUP-6'].map((gate) =>
    cascade(gate, noOrNotApplicable, descendantsOf(gate), 'required', `${gate}: "If yes, complete ${gate.slice(5)}.1-${gate.slice(5)}.4."`),
  ),
  cascade('PLOK-1', ['Yes'], sectionIdsExcept('PLOK', 'PLOK-1'), 'required', 'PLOK-1: "If yes, answer "N/A" to remaining questions in this section."'),
  cascade('MLDP-2', noOrNotApplicable, descendantsOf('MLDP-2'), 'required', 'MLDP-2.1 to 2.8 describe the anti-malware that MLDP-2 says is supported.'),
  cascade('MLDP-2', ['Yes'], ['MLDP-3'], 'expected', 'MLDP-3 applies "If the answer to MLDP-2 is NO".'),
  cascade('MLDP-5', noOrNotApplicable, descendantsOf('MLDP-5'), 'expected', 'MLDP-5.1/5.2 configure a host intrusion system that MLDP-5 says is absent.'),
  cascade('AUDT-2', noOrNotApplicable, descendantsOf('AUDT-2'), 'required', 'AUDT-2: "If yes, indicate which of the following events are recorded".'),
  cascade('NAUT-2', noOrNotApplicable, descendantsOf('NAUT-2'), 'required', 'NAUT-2.1 documents the firewall that NAUT-2 says is absent.'),
  cascade('STCF-1', noOrNotApplicable, descendantsOf('STCF-1'), 'required', 'STCF-1.1 to 1.3 describe encryption at rest that STCF-1 says is absent.'),
  cascade('TXCF-2', ['Yes'], ['TXCF-2.1'], 'required', 'TXCF-2.1: "If data is not encrypted by default, can the customer configure encryption options?"'),
  cascade('RMOT-1', noOrNotApplicable, descendantsOf('RMOT-1'), 'required', 'RMOT-1.1 to 1.3 describe remote service sessions that RMOT-1 says are not permitted.'),
  { kind: 'note', question: 'CSUP-6', when: ['Yes'], basis: 'CSUP-6: "If yes, please provide details or reference in notes".' },
  { kind: 'note', question: 'MLDP-2', when: ['Yes', 'No'], basis: 'MLDP-2: "Provide details or reference in notes."' },
  {
    kind: 'plausibility',
    gate: 'MPII-1',
    when: ['No'],
    dependents: [
      ...descendantsOf('MPII-2'), 'MPII-2', 'MPII-3', ...descendantsOf('MPII-3'),
      ...(['STCF', 'TXCF', 'DIDT', 'EMRG'] as const).flatMap((s) => (questionsBySection.get(s) ?? []).map((q) => q.id)),
    ],
    basis: 'MPII-1 = No says the device handles no personally identifiable information, so PII-dependent features are unlikely.',
  },
]

/** One finding of the consistency check. */
export interface Mds2Issue {
  readonly code: string
  readonly severity: 'error' | 'warning'
  readonly message: string
  readonly questionId?: string
  readonly field?: string
}

const isoDate = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/

/**
 * Checks a document against the form's consistency rules: required header fields, valid answers, known ids, the
 * N/A cascade, a note for "See Notes" and where the form asks for details. Returns every issue, errors first.
 */
export function validate(doc: Mds2Document): readonly Mds2Issue[] {
  const issues: Mds2Issue[] = []
  for (const field of headerFields) {
    const value = (doc.header[field.key] ?? '').trim()
    const label = questionById.get(field.id)?.text ?? field.key
    if (value === '') issues.push({ code: 'mds2_header_missing', severity: 'error', field: field.key, questionId: field.id, message: `header field ${field.id} (${label}) is required` })
  }
  const releaseDate = (doc.header.releaseDate ?? '').trim()
  if (releaseDate !== '' && !isoDate.test(releaseDate)) {
    issues.push({ code: 'mds2_header_invalid_date', severity: 'error', field: 'releaseDate', questionId: 'DOC-7', message: `release date '${releaseDate}' is not a YYYY-MM-DD date` })
  }
  for (const [id, entry] of Object.entries(doc.answers)) {
    if (!answerableIds.has(id)) {
      issues.push({ code: 'mds2_unknown_question_id', severity: 'error', questionId: id, message: `'${id}' is not an answerable question of the ${formVersion} form` })
      continue
    }
    if (entry.answer !== null && !isAnswerValue(entry.answer)) {
      issues.push({ code: 'mds2_invalid_answer', severity: 'error', questionId: id, message: `${id}: '${String(entry.answer)}' is not one of Yes, No, N/A, See Notes` })
    }
    if (entry.answer === 'See Notes' && entry.note.trim() === '') {
      issues.push({ code: 'mds2_note_required', severity: 'error', questionId: id, message: `${id} is answered "See Notes" but has no note` })
    }
  }
  for (const rule of mds2Rules) issues.push(...checkRule(rule, doc.answers))
  return [...issues.filter((i) => i.severity === 'error'), ...issues.filter((i) => i.severity === 'warning')]
}

function checkRule(rule: Mds2Rule, answers: Readonly<Record<string, Mds2Answer>>): Mds2Issue[] {
  const issues: Mds2Issue[] = []
  if (rule.kind === 'note') {
    const entry = answers[rule.question]
    if (entry?.answer != null && rule.when.includes(entry.answer) && entry.note.trim() === '') {
      issues.push({ code: 'mds2_note_expected', severity: 'warning', questionId: rule.question, message: `${rule.question} answered ${entry.answer}: the form asks for details in a note` })
    }
    return issues
  }
  const gate = answers[rule.gate]?.answer
  if (gate == null || !rule.when.includes(gate)) return issues
  for (const id of rule.dependents) {
    const answer = answers[id]?.answer
    if (rule.kind === 'cascade' && answer != null && answer !== 'N/A') {
      issues.push({
        code: rule.strength === 'required' ? 'mds2_cascade_violation' : 'mds2_cascade_expected',
        severity: rule.strength === 'required' ? 'error' : 'warning',
        questionId: id,
        message: `${id} should be N/A because ${rule.gate} is ${gate} (${rule.basis})`,
      })
    }
    if (rule.kind === 'plausibility' && answer === 'Yes') {
      issues.push({ code: 'mds2_implausible_answer', severity: 'warning', questionId: id, message: `${id} is Yes although ${rule.gate} is ${gate}: ${rule.basis}` })
    }
  }
  return issues
}

/** What applyCascade changed: the new document and each answer it set to N/A, with the rule's gate. */
export interface CascadeOutcome {
  readonly document: Mds2Document
  readonly changed: readonly { readonly questionId: string; readonly before: AnswerValue | null; readonly gate: string }[]
}

/**
 * Sets to N/A every answer that a gate makes not applicable (notes are kept), repeating until nothing changes, so that
 * a parent set to N/A carries its own sub-questions. 'expected' rules are applied only when asked.
 */
export function applyCascade(doc: Mds2Document, options: { readonly includeExpected?: boolean } = {}): CascadeOutcome {
  const answers: Record<string, Mds2Answer> = { ...doc.answers }
  const changed: { questionId: string; before: AnswerValue | null; gate: string }[] = []
  const rules = mds2Rules.filter((r): r is CascadeRule => r.kind === 'cascade' && (r.strength === 'required' || options.includeExpected === true))
  for (let pass = 0, again = true; again && pass < rules.length + 1; pass++) {
    again = false
    for (const rule of rules) {
      const gate = answers[rule.gate]?.answer
      if (gate == null || !rule.when.includes(gate)) continue
      for (const id of rule.dependents) {
        const current = answers[id]
        if (current?.answer === 'N/A') continue
        changed.push({ questionId: id, before: current?.answer ?? null, gate: rule.gate })
        answers[id] = { answer: 'N/A', note: current?.note ?? '' }
        again = true
      }
    }
  }
  return { document: { header: doc.header, answers }, changed }
}
