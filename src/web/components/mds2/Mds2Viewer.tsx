import { useState } from 'react'
import { headerFieldById, questionsBySection, sectionByCode } from '../../../domain/mds2/catalogue.js'
import type { Completeness, Mds2Document, Mds2Issue, UnmappedItem } from '../../../domain/mds2/index.js'
import { AnswerBadge, IssueList, SectionNav } from './parts.js'

/** A read-only MDS2 by section: answers, notes, issues and (for imported files) what could not be mapped. */
export function Mds2Viewer({
  document,
  issues,
  completeness,
  unmapped,
}: {
  document: Mds2Document
  issues: readonly Mds2Issue[]
  completeness: Completeness
  unmapped?: readonly UnmappedItem[]
}) {
  const [section, setSection] = useState('DOC')
  const info = sectionByCode.get(section)
  return (
    <div className="mds2-editor">
      <SectionNav completeness={completeness} issues={issues} current={section} onChoose={setSection} />
      <div>
        <table aria-label={`Section ${section}`}>
          <caption className="visually-hidden">{info?.title}</caption>
          <thead>
            <tr>
              <th scope="col">Id</th>
              <th scope="col">Question</th>
              <th scope="col">Answer</th>
              <th scope="col">Note</th>
            </tr>
          </thead>
          <tbody>
            {(questionsBySection.get(section) ?? []).map((q) => {
              const field = headerFieldById.get(q.id)
              const entry = document.answers[q.id]
              return (
                <tr key={q.id}>
                  <td>
                    <code>{q.id}</code>
                  </td>
                  <td>{q.text}</td>
                  <td>{field ? document.header[field] || '—' : <AnswerBadge answer={entry?.answer} />}</td>
                  <td className="details">{field ? '' : entry?.note}</td>
                </tr>
              )
            })}
          </tbody>
        </table>
        <div className="card">
          <h2>Consistency</h2>
          <IssueList issues={issues} onJump={setSection} />
        </div>
        {unmapped && unmapped.length > 0 && (
          <div className="card">
            <h2>Not mapped from the file ({unmapped.length})</h2>
            <ul>
              {unmapped.map((u, i) => (
                <li key={i}>
                  <code>{u.code}</code> {u.location ? `at ${u.location}: ` : ''}
                  {u.message}
                </li>
              ))}
            </ul>
          </div>
        )}
      </div>
    </div>
  )
}
