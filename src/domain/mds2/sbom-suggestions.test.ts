import { describe, expect, it } from 'vitest'
import type { Component, Sbom } from '../sbom/model.js'
import { answerableIds } from './catalogue.js'
import { emptyDocument, withAnswer } from './document.js'
import { acceptSuggestion, suggestFromSbom } from './sbom-suggestions.js'

const component = (over: Partial<Component> & { name: string }): Component => ({ ref: over.name, type: 'library', hashes: [], licenses: [], properties: [], ...over })

const sbom = (components: Component[]): Sbom => ({
  format: 'cyclonedx', specVersion: '1.6', encoding: 'json', authors: [], tools: [], components, dependencies: [], relationships: [], properties: [], warnings: [],
  subject: component({ name: 'Acme CT', type: 'device', supplier: 'Acme Imaging' }),
})

const FULL = sbom([
  component({ name: 'Windows 10 IoT Enterprise', type: 'operating-system', version: '21H2', supplier: 'Microsoft', supportLevel: 'actively_maintained', endOfSupport: '2032-01-13', cpe: 'cpe:2.3:o:microsoft:windows_10:21h2:*:*:*:*:*:*:*' }),
  component({ name: 'openssl', version: '1.1.1w', supplier: 'OpenSSL Foundation', supportLevel: 'no_longer_maintained', purl: 'pkg:generic/openssl@1.1.1w' }),
  component({ name: 'dcmtk', version: '3.6.7', supplier: 'OFFIS', purl: 'pkg:generic/dcmtk@3.6.7', licenses: [{ kind: 'id', id: 'BSD-3-Clause' } as never] }),
  component({ name: 'openssh', version: '9.6p1' }),
  component({ name: 'gpu-driver', type: 'device-driver', version: '531.2', supplier: 'NVIDIA' }),
  component({ name: 'recon-engine', version: '5.0', supplier: 'Acme Imaging' }),
  component({ name: 'in-house-tool', supplier: 'Acme Imaging' }),
])
const LABEL = 'revision 1 of the SBOM of Acme CT 5.0'

describe('MDS2 suggestions from the SBOM', () => {
  const byId = (doc = emptyDocument()) => new Map(suggestFromSbom({ sbom: FULL, label: LABEL }, doc).map((s) => [s.questionId, s]))

  it('suggests only for questions of the 2019 form, each with a reason', () => {
    const all = suggestFromSbom({ sbom: FULL, label: LABEL }, emptyDocument())
    expect(all.map((s) => s.questionId)).toEqual(['SBOM-1', 'SBOM-2', 'SBOM-2.1', 'SBOM-2.2', 'SBOM-2.3', 'SBOM-2.4', 'CSUP-2', 'CSUP-3', 'CSUP-5', 'TXCF-2', 'STCF-1', 'RMOT-1'])
    expect(all.filter((s) => !answerableIds.has(s.questionId))).toEqual([])
    expect(all.filter((s) => s.reason.trim() === '')).toEqual([])
  })

  it('fills the SBOM section: available, its format, and how complete names, suppliers and versions are', () => {
    const s = byId()
    expect(s.get('SBOM-1')).toMatchObject({ answer: 'Yes', note: 'CycloneDX 1.6 SBOM with 7 components.' })
    expect(s.get('SBOM-1')!.reason).toContain(LABEL)
    expect(s.get('SBOM-2')).toMatchObject({ answer: 'Yes', note: 'CycloneDX 1.6' })
    expect(s.get('SBOM-2.1')).toMatchObject({ answer: 'Yes' })
    expect(s.get('SBOM-2.2')).toMatchObject({ answer: 'See Notes', note: 'Supplier stated for 6 of 7 components.', components: ['openssh 9.6p1'] })
    expect(s.get('SBOM-2.3')).toMatchObject({ answer: 'See Notes', components: ['in-house-tool'] })
    expect(s.get('SBOM-2.4')!.note).toBe('Also given: package URLs (2), CPE names (1), licenses (1), levels of support (2), end-of-support dates (1).')
  })

  it('names the operating system with its end of support, drivers, and third-party components with the unsupported first', () => {
    const s = byId()
    expect(s.get('CSUP-2')).toMatchObject({ answer: 'Yes', note: 'Operating system: Windows 10 IoT Enterprise 21H2 (actively maintained, end of support 2032-01-13).' })
    expect(s.get('CSUP-3')).toMatchObject({ answer: 'Yes', components: ['gpu-driver 531.2'] })
    // The device's own components (supplier Acme Imaging) are not third-party.
    expect(s.get('CSUP-5')).toMatchObject({ answer: 'Yes', note: '3 third-party components, e.g. openssl 1.1.1w, dcmtk 3.6.7, openssh 9.6p1.', components: ['openssl 1.1.1w', 'dcmtk 3.6.7', 'openssh 9.6p1'] })
  })

  it('informs notes, never answers, about cryptographic and remote-access libraries', () => {
    const s = byId()
    expect(s.get('TXCF-2')).toMatchObject({ answer: null, note: 'Cryptographic libraries: openssl 1.1.1w.' })
    expect(s.get('RMOT-1')).toMatchObject({ answer: null, note: 'Remote-access components: openssh 9.6p1.' })
  })

  it('suggests nothing about the OS, drivers or libraries an SBOM does not list, and the SBOM section for an empty one', () => {
    const ids = suggestFromSbom({ sbom: sbom([]), label: LABEL }, emptyDocument()).map((s) => s.questionId)
    expect(ids).toEqual(['SBOM-1', 'SBOM-2'])
  })

  it('leaves out what the document already says, and accepting adds the note to the existing one without applying others', () => {
    const doc = withAnswer(emptyDocument(), 'SBOM-2', { answer: 'Yes', note: 'CycloneDX 1.6' })
    expect(byId(doc).has('SBOM-2')).toBe(false)
    const withNote = withAnswer(emptyDocument(), 'CSUP-5', { answer: null, note: 'See the COTS list.' })
    const accepted = acceptSuggestion(withNote, byId(withNote).get('CSUP-5')!)
    expect(accepted.answers['CSUP-5']).toEqual({ answer: 'Yes', note: 'See the COTS list.\n3 third-party components, e.g. openssl 1.1.1w, dcmtk 3.6.7, openssh 9.6p1.' })
    expect(Object.keys(accepted.answers)).toEqual(['CSUP-5'])
    const noteOnly = acceptSuggestion(withAnswer(emptyDocument(), 'RMOT-1', { answer: 'No', note: '' }), byId().get('RMOT-1')!)
    expect(noteOnly.answers['RMOT-1']).toEqual({ answer: 'No', note: 'Remote-access components: openssh 9.6p1.' })
  })
})
