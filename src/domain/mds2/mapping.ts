import { questionsBySection, sections } from './catalogue.js'

/** The IEC TR 80001-2-2:2012 security capabilities, by code (domain brief section 2). */
export const iecCapabilities: Readonly<Record<string, string>> = {
  ALOF: 'Automatic logoff',
  AUDT: 'Audit controls',
  AUTH: 'Authorization',
  CNFS: 'Configuration of security features',
  CSUP: 'Cyber security product upgrades',
  DIDT: 'Health data de-identification',
  DTBK: 'Data backup and disaster recovery',
  EMRG: 'Emergency access',
  IGAU: 'Health data integrity and authenticity',
  MLDP: 'Malware detection/protection',
  NAUT: 'Node authentication',
  PAUT: 'Person authentication',
  PLOK: 'Physical locks',
  RDMP: 'Third-party components in product lifecycle roadmaps',
  SAHD: 'System and application hardening',
  SGUD: 'Security guides',
  STCF: 'Health data storage confidentiality',
  TXCF: 'Transmission confidentiality',
  TXIG: 'Transmission integrity',
}

/** Where a section's reference mapping comes from. */
export type MappingSource = 'form' | 'medsec'

/** A section's references: its IEC TR 80001-2-2 capability (from the form) and NIST SP 800-53 Rev. 5 controls (ours). */
export interface SectionMapping {
  readonly section: string
  readonly iecCapability: { readonly code: string; readonly name: string; readonly source: 'form' } | null
  readonly nist80053r5: { readonly controls: readonly string[]; readonly source: 'medsec'; readonly note: string }
}

// Our own indicative mapping (domain brief 1.8 [D], moved to Rev. 5 control names): NOT from the NEMA workbook,
// whose per-question reference cells were not recovered.
const nistControls: Readonly<Record<string, readonly string[]>> = {
  DOC: ['SA-5', 'RA-5(11)'],
  MPII: ['CM-12', 'PT-2', 'SI-12'],
  ALOF: ['AC-11', 'AC-12'],
  AUDT: ['AU-2', 'AU-3', 'AU-6', 'AU-8', 'AU-9', 'AU-12'],
  AUTH: ['AC-2', 'AC-3', 'AC-6'],
  CNFS: ['CM-6', 'CM-7'],
  CSUP: ['SI-2', 'CM-3', 'SA-22'],
  DIDT: ['SI-19'],
  DTBK: ['CP-9', 'CP-10'],
  EMRG: ['AC-14', 'CP-12'],
  IGAU: ['SI-7', 'SC-28'],
  MLDP: ['SI-3', 'SI-4', 'CM-7(5)'],
  NAUT: ['IA-3', 'SC-23'],
  CONN: ['CM-8', 'SC-7'],
  PAUT: ['IA-2', 'IA-5', 'AC-7'],
  PLOK: ['PE-3', 'MP-4'],
  RDMP: ['SA-15', 'SA-22', 'SR-3'],
  SBOM: ['CM-8', 'SR-4'],
  SAHD: ['CM-6', 'CM-7', 'SI-7'],
  SGUD: ['SA-5'],
  STCF: ['SC-28', 'SC-12'],
  TXCF: ['SC-8'],
  TXIG: ['SC-8', 'SI-7'],
  RMOT: ['MA-4'],
}

const mappingNote = 'medsec mapping, not from ANSI/NEMA HN 1-2019: indicative NIST SP 800-53 Rev. 5 controls for the section'

/** The reference mapping of every section, in the form's order. */
export const sectionMappings: readonly SectionMapping[] = sections.map((section) => {
  // The capability comes from the catalogue's own references, so MDS2-only sections (DOC, MPII, CONN, SBOM, RMOT) have none.
  const code = (questionsBySection.get(section.code) ?? []).find((q) => q.references)?.references?.iec_tr_80001_2_2_capability
  const name = code === undefined ? undefined : iecCapabilities[code]
  return {
    section: section.code,
    iecCapability: code === undefined || name === undefined ? null : { code, name, source: 'form' },
    nist80053r5: { controls: nistControls[section.code] ?? [], source: 'medsec', note: mappingNote },
  }
})

/** The mapping of one section, by code. */
export const sectionMappingByCode: ReadonlyMap<string, SectionMapping> = new Map(sectionMappings.map((m) => [m.section, m]))
