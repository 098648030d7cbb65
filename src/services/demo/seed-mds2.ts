import type { Kysely } from 'kysely'
import { applyCascade, defaultProfile, sampleDocument } from '../../domain/mds2/index.js'
import type { Mds2Answer, Mds2Document } from '../../domain/mds2/index.js'
import type { Database } from '../../store/schema.js'
import { findProductVersion } from '../mds2/find-product-version.js'
import { getMds2Document } from '../mds2/get-document.js'
import { saveMds2Revision } from '../mds2/save-revision.js'
import { systemContext } from '../system-admin.js'

// Questions the Acme CT 5000 answers No in every version, so the demo comparison is not all green.
const acmeGaps = ['PAUT-8', 'AUDT-5.2', 'RDMP-4']
// Questions that 3.1 did not yet satisfy and 3.2 does, so the version diff shows the improvement.
const fixedIn32 = ['TXCF-2', 'SBOM-1', 'SBOM-4', 'AUDT-4.1.1']

/** The Acme CT 5000 MDS2 of a version: the sample document, with Acme's header and realistic answers to the requirements hospitals ask about. */
export function acmeCtMds2(version: '3.1' | '3.2'): Mds2Document {
  const sample = sampleDocument('Acme Imaging')
  const answers: Record<string, Mds2Answer> = { ...sample.answers }
  for (const requirement of defaultProfile.requirements) answers[requirement.questionId] = { answer: 'Yes', note: answers[requirement.questionId]?.note ?? '' }
  for (const id of ['CSUP-1', 'MLDP-2', 'AUDT-2', 'STCF-1', 'RMOT-1']) answers[id] = { answer: 'Yes', note: id === 'MLDP-2' ? 'Application allow-listing; see the Acme CT 5000 security white paper.' : '' }
  answers['CSUP-6'] = { answer: 'Yes', note: 'Third-party components are listed in the SBOM published with each release.' }
  for (const id of acmeGaps) answers[id] = { answer: 'No', note: '' }
  if (version === '3.1') for (const id of fixedIn32) answers[id] = { answer: 'No', note: '' }
  const header = {
    manufacturerName: 'Acme Imaging',
    deviceDescription: 'Computed tomography scanner with acquisition and reconstruction workstation',
    deviceModel: 'Acme CT 5000 (ACT-5000)',
    documentId: `MDS2-ACT5000-${version}`,
    manufacturerContact: 'psirt@acme-imaging.example',
    intendedUse: 'Acquires CT images and sends them to PACS over DICOM; receives worklists from RIS.',
    releaseDate: version === '3.1' ? '2024-06-03' : '2025-03-03',
  }
  return applyCascade({ header, answers }).document
}

/** Gives Acme CT 5000 3.1 and 3.2 an MDS2 each, once (a version that already has one is left alone). */
export async function seedMds2Demo(db: Kysely<Database>): Promise<void> {
  const acme = await systemContext(db, 'acme-imaging')
  if (!acme.ok) return
  for (const version of ['3.1', '3.2'] as const) {
    const found = await findProductVersion(acme.value, 'Acme CT 5000', version)
    if (!found.ok) continue
    const current = await getMds2Document(acme.value, found.value.id)
    if (!current.ok || current.value.revision !== null) continue
    const saved = await saveMds2Revision(acme.value, found.value.id, { document: acmeCtMds2(version), note: `MDS2 for the ${version} release`, tlp: 'GREEN' })
    if (!saved.ok) throw new Error(saved.error.message)
  }
}
