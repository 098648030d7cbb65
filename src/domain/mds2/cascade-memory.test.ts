import { describe, expect, it } from 'vitest'
import { applyCascadeRemembering, forgetCascade, restorableGates, restoreCascade, type CascadeMemory } from './cascade-memory.js'
import { emptyDocument, withAnswer, type Mds2Document } from './document.js'

const answered = (answers: Record<string, [string | null, string?]>): Mds2Document =>
  Object.entries(answers).reduce((doc, [id, [answer, note = '']]) => withAnswer(doc, id, { answer: answer as never, note }), emptyDocument())

/** What the editor does on every answer: set it, then apply the cascade remembering what it overwrote. */
const answer = (doc: Mds2Document, memory: CascadeMemory, id: string, value: string | null) =>
  applyCascadeRemembering(withAnswer(doc, id, { answer: value as never, note: doc.answers[id]?.note ?? '' }), memory)

describe('undoing the N/A cascade', () => {
  const start = answered({ 'CSUP-1': ['Yes'], 'CSUP-2': ['Yes'], 'CSUP-2.1': ['Yes', 'see the service manual'], 'CSUP-2.2': ['No'], 'CSUP-7': ['See Notes', 'by e-mail'], 'CSUP-8': [null, 'draft note'] })

  it('remembers the answers a gate going to No overwrote, with their notes, and offers them back when it returns to Yes', () => {
    const no = answer(start, {}, 'CSUP-1', 'No')
    expect(no.document.answers['CSUP-2.1']).toEqual({ answer: 'N/A', note: 'see the service manual' })
    expect(no.memory['CSUP-1']).toEqual({
      'CSUP-2': { answer: 'Yes', note: '' },
      'CSUP-2.1': { answer: 'Yes', note: 'see the service manual' },
      'CSUP-2.2': { answer: 'No', note: '' },
      'CSUP-7': { answer: 'See Notes', note: 'by e-mail' },
    })
    // Unanswered questions set to N/A have nothing to restore.
    expect(no.memory['CSUP-1']).not.toHaveProperty('CSUP-8')
    expect(restorableGates(no.document, no.memory)).toEqual([])
    const yes = answer(no.document, no.memory, 'CSUP-1', 'Yes')
    expect(restorableGates(yes.document, yes.memory)).toEqual([{ gate: 'CSUP-1', questionIds: ['CSUP-2', 'CSUP-2.1', 'CSUP-2.2', 'CSUP-7'] }])
    const restored = restoreCascade(yes.document, yes.memory, 'CSUP-1')
    expect(restored.restored).toEqual(['CSUP-2', 'CSUP-2.1', 'CSUP-2.2', 'CSUP-7'])
    for (const id of ['CSUP-2', 'CSUP-2.1', 'CSUP-2.2', 'CSUP-7']) expect(restored.document.answers[id]).toEqual(start.answers[id])
    expect(restored.memory).toEqual({})
  })

  it('keeps the first remembered answer when the cascade runs twice, and does not offer back answers changed since', () => {
    const first = answer(start, {}, 'CSUP-2', 'No')
    expect(first.memory['CSUP-2']).toEqual({ 'CSUP-2.1': { answer: 'Yes', note: 'see the service manual' }, 'CSUP-2.2': { answer: 'No', note: '' } })
    const second = answer(first.document, first.memory, 'CSUP-1', 'No')
    expect(second.memory['CSUP-2']).toEqual(first.memory['CSUP-2'])
    const back = answer(answer(second.document, second.memory, 'CSUP-1', 'Yes').document, second.memory, 'CSUP-2', 'Yes')
    const edited = withAnswer(back.document, 'CSUP-2.2', { answer: 'Yes', note: 'changed my mind' })
    const offers = restorableGates(edited, back.memory)
    expect(offers.find((o) => o.gate === 'CSUP-2')).toEqual({ gate: 'CSUP-2', questionIds: ['CSUP-2.1'] })
    const restored = restoreCascade(edited, back.memory, 'CSUP-2')
    expect(restored.document.answers['CSUP-2.2']).toEqual({ answer: 'Yes', note: 'changed my mind' })
    expect(restored.document.answers['CSUP-2.1']).toEqual({ answer: 'Yes', note: 'see the service manual' })
    expect(restored.memory).not.toHaveProperty('CSUP-2')
    expect(restored.memory).toHaveProperty('CSUP-1')
  })

  it('offers nothing while the gate still triggers (PLOK-1 cascades on Yes), and forgets on request', () => {
    const doc = answered({ 'PLOK-1': ['No'], 'PLOK-2': ['Yes'] })
    const locked = answer(doc, {}, 'PLOK-1', 'Yes')
    expect(locked.memory).toEqual({ 'PLOK-1': { 'PLOK-2': { answer: 'Yes', note: '' } } })
    expect(restorableGates(locked.document, locked.memory)).toEqual([])
    const cleared = answer(locked.document, locked.memory, 'PLOK-1', null)
    expect(restorableGates(cleared.document, cleared.memory)).toEqual([{ gate: 'PLOK-1', questionIds: ['PLOK-2'] }])
    expect(forgetCascade(cleared.memory, 'PLOK-1')).toEqual({})
  })
})
