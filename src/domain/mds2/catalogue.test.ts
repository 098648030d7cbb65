import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { projectRoot } from '../../../test/support/testdata.js'
import { answerableQuestions, catalogueSource, descendantsOf, headerFields, questionById, questions, sections } from './index.js'

const sharedCatalogue = resolve(projectRoot, '../shared/domain/mds2-2019-questions.json')

describe('MDS2 catalogue', () => {
  it('equals the shared catalogue file it was generated from', () => {
    const shared: unknown = JSON.parse(readFileSync(sharedCatalogue, 'utf8'))
    expect(catalogueSource).toEqual(shared)
  })

  it('has 241 entries in 24 sections (DOC header plus 23 groups), 234 of them answered Yes/No/N/A/See Notes', () => {
    expect(questions).toHaveLength(241)
    expect(sections).toHaveLength(24)
    expect(answerableQuestions).toHaveLength(234)
    expect(new Set(questions.map((q) => q.id)).size).toBe(241)
  })

  it('has a known section and parent for every entry', () => {
    const codes = new Set(sections.map((s) => s.code))
    const broken = questions.filter((q) => !codes.has(q.section) || (q.parent !== null && !questionById.has(q.parent)))
    expect(broken.map((q) => q.id)).toEqual([])
  })

  it('maps the seven text and date header items to header fields', () => {
    expect(headerFields.map((f) => questionById.get(f.id)?.answerType)).toEqual(['text', 'text', 'text', 'text', 'text', 'text', 'date'])
  })

  it('finds descendants over several levels', () => {
    expect(descendantsOf('AUDT-2')).toContain('AUDT-2.8.2')
    expect(descendantsOf('CONN-1')).toHaveLength(10)
  })
})
