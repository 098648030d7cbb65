import { answerableQuestions, answerValues } from './catalogue.js'
import type { Mds2Answer, Mds2Document } from './document.js'
import { applyCascade } from './rules.js'

/**
 * A complete, consistent sample document answering all questions (answers cycle through the four values, each
 * "See Notes" has a note, the cascade is applied); for demos, tests and the UI.
 */
export function sampleDocument(manufacturer = 'Example Imaging Ltd'): Mds2Document {
  const answers: Record<string, Mds2Answer> = {}
  answerableQuestions.forEach((q, index) => {
    const answer = answerValues[index % answerValues.length] ?? 'Yes'
    answers[q.id] = { answer, note: answer === 'See Notes' || index % 5 === 0 ? `Note for ${q.id}: see the security white paper, section ${index}.` : '' }
  })
  const header = {
    manufacturerName: manufacturer,
    deviceDescription: 'Digital radiography system with acquisition workstation',
    deviceModel: 'DR-1000, DR-1000 Plus',
    documentId: 'MDS2-DR1000-2024-01',
    manufacturerContact: 'psirt@example.com, +1 555 0100',
    intendedUse: 'Sends images to PACS over DICOM; receives worklists from RIS.',
    releaseDate: '2024-05-01',
  }
  return applyCascade({ header, answers }, { includeExpected: true }).document
}
