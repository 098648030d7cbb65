import type { AnswerValue } from './catalogue.js'
import type { Mds2Answer, Mds2Document } from './document.js'
import { applyCascade, mds2Rules, type CascadeOutcome, type CascadeRule } from './rules.js'

/**
 * The answers the N/A cascade overwrote, per gate: kept in the editor's draft so that they can be restored when
 * the gate is answered back (e.g. CSUP-1 goes No, then Yes again).
 */
export type CascadeMemory = Readonly<Record<string, Readonly<Record<string, Mds2Answer>>>>

/** What answering with memory did: the cascade's outcome and the memory after it. */
export interface RememberedCascade extends CascadeOutcome {
  readonly memory: CascadeMemory
}

/**
 * Applies the cascade like {@link applyCascade} and remembers every real answer (not empty, not already N/A) it
 * overwrote, under its gate. An answer remembered earlier is kept: it is the one the author gave.
 */
export function applyCascadeRemembering(doc: Mds2Document, memory: CascadeMemory, options: { readonly includeExpected?: boolean } = {}): RememberedCascade {
  const outcome = applyCascade(doc, options)
  const next: Record<string, Record<string, Mds2Answer>> = Object.fromEntries(Object.entries(memory).map(([gate, kept]) => [gate, { ...kept }]))
  for (const change of outcome.changed) {
    if (change.before === null) continue
    const kept = (next[change.gate] ??= {})
    kept[change.questionId] ??= { answer: change.before, note: doc.answers[change.questionId]?.note ?? '' }
  }
  return { ...outcome, memory: next }
}

const cascadeRules = mds2Rules.filter((r): r is CascadeRule => r.kind === 'cascade')

/** Whether a gate's current answer still triggers one of its cascade rules. */
function gateTriggers(doc: Mds2Document, gate: string, includeExpected: boolean): boolean {
  const answer: AnswerValue | null = doc.answers[gate]?.answer ?? null
  return answer !== null && cascadeRules.some((r) => r.gate === gate && (r.strength === 'required' || includeExpected) && r.when.includes(answer))
}

/** A gate whose overwritten answers can be restored, and which answers would come back. */
export interface RestorableGate {
  readonly gate: string
  readonly questionIds: readonly string[]
}

/**
 * The gates no longer triggering their cascade that have remembered answers still sitting at N/A (an answer the
 * author changed since is theirs, and is not offered back).
 */
export function restorableGates(doc: Mds2Document, memory: CascadeMemory, options: { readonly includeExpected?: boolean } = {}): RestorableGate[] {
  const found: RestorableGate[] = []
  for (const [gate, kept] of Object.entries(memory)) {
    if (gateTriggers(doc, gate, options.includeExpected === true)) continue
    const questionIds = Object.keys(kept).filter((id) => doc.answers[id]?.answer === 'N/A')
    if (questionIds.length > 0) found.push({ gate, questionIds })
  }
  return found
}

/** Puts back the answers a gate's cascade overwrote (those still at N/A) and forgets them; other gates stay remembered. */
export function restoreCascade(doc: Mds2Document, memory: CascadeMemory, gate: string): { readonly document: Mds2Document; readonly memory: CascadeMemory; readonly restored: readonly string[] } {
  const kept = memory[gate] ?? {}
  const answers: Record<string, Mds2Answer> = { ...doc.answers }
  const restored: string[] = []
  for (const [id, previous] of Object.entries(kept)) {
    if (answers[id]?.answer !== 'N/A') continue
    answers[id] = previous
    restored.push(id)
  }
  const { [gate]: _forgotten, ...rest } = memory
  return { document: { header: doc.header, answers }, memory: rest, restored }
}

/** Forgets a gate's remembered answers (the author declined to restore them). */
export function forgetCascade(memory: CascadeMemory, gate: string): CascadeMemory {
  const { [gate]: _forgotten, ...rest } = memory
  return rest
}
