import type { Component, Sbom } from '../sbom/model.js'
import { supportLevelPhrase } from '../sbom/support.js'
import type { AnswerValue } from './catalogue.js'
import type { Mds2Document } from './document.js'

/**
 * An answer the product version's SBOM suggests for one question: shown beside it, applied only when the author
 * accepts it. `answer` is null when the SBOM informs the note but cannot decide the answer.
 */
export interface Mds2Suggestion {
  readonly questionId: string
  readonly answer: AnswerValue | null
  readonly note: string
  /** Why: what in the SBOM supports the suggestion. */
  readonly reason: string
  /** The components the suggestion rests on (name and version), at most a handful. */
  readonly components: readonly string[]
}

/** Which SBOM the suggestions come from, as the reasons name it. */
export interface SbomSource {
  readonly sbom: Sbom
  /** e.g. "revision 3 of the SBOM of Acme CT 5000 3.2". */
  readonly label: string
}

const NOTABLE = 5

const named = (c: Component) => (c.version ? `${c.group ? `${c.group}/` : ''}${c.name} ${c.version}` : `${c.group ? `${c.group}/` : ''}${c.name}`)
const listed = (components: readonly Component[]) => components.slice(0, NOTABLE).map(named)
const andMore = (components: readonly Component[]) => `${listed(components).join(', ')}${components.length > NOTABLE ? ` and ${components.length - NOTABLE} more` : ''}`
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`

// Libraries recognised by name: a match informs the note of a question, never its answer.
const CRYPTOGRAPHIC = /^(openssl|libressl|boringssl|wolfssl|mbedtls|mbed-tls|gnutls|libgcrypt|nettle|libsodium|bcprov[\w-]*|bouncycastle|bc-fips|nss|cryptography|pycryptodome|crypto\+\+|cryptopp|botan|schannel)$/i
const REMOTE_ACCESS = /^(openssh|openssh-server|openssh-client|dropbear|libssh2?|teamviewer[\w-]*|anydesk|tightvnc|tigervnc|realvnc|ultravnc|x11vnc|libvncserver|freerdp|xrdp|bomgar|logmein[\w-]*|axeda[\w-]*|ptc-axeda[\w-]*)$/i
const OS_TYPES = new Set(['operating-system'])
const FIRMWARE_TYPES = new Set(['firmware', 'device-driver'])
const COTS_TYPES = new Set(['library', 'framework', 'application', 'container', 'platform'])

/** How many components state a field, as "all", "none" or a count. */
function share(components: readonly Component[], has: (c: Component) => boolean): { all: boolean; none: boolean; count: number; missing: Component[] } {
  const missing = components.filter((c) => !has(c))
  return { all: missing.length === 0, none: missing.length === components.length, count: components.length - missing.length, missing }
}

/** The answer a share of components suggests: Yes for all, No for none, See Notes in between. */
function byShare(s: ReturnType<typeof share>): AnswerValue {
  return s.all ? 'Yes' : s.none ? 'No' : 'See Notes'
}

/**
 * The suggestions the SBOM of a product version gives an MDS2: the SBOM section (SBOM-1, SBOM-2 and its parts),
 * the operating system (CSUP-2, with its end of support), drivers and firmware (CSUP-3), third-party components
 * (CSUP-5) and, when named components are recognised, cryptographic (TXCF-2, STCF-1) and remote-access (RMOT-1)
 * libraries. Suggestions that the document already carries (same answer, note included) are left out.
 */
export function suggestFromSbom(source: SbomSource, doc: Mds2Document): Mds2Suggestion[] {
  const { sbom, label } = source
  const components = sbom.components
  const format = `${sbom.format === 'cyclonedx' ? 'CycloneDX' : 'SPDX'} ${sbom.specVersion}`
  const suggestions: Mds2Suggestion[] = []
  const add = (s: Mds2Suggestion) => suggestions.push(s)

  add({ questionId: 'SBOM-1', answer: 'Yes', note: `${format} SBOM with ${plural(components.length, 'component')}.`, reason: `An SBOM is stored for this version (${label}).`, components: [] })
  add({ questionId: 'SBOM-2', answer: 'Yes', note: format, reason: `The stored SBOM is a ${format} document, a standard SBOM format.`, components: [] })
  if (components.length > 0) {
    add({ questionId: 'SBOM-2.1', answer: 'Yes', note: `${plural(components.length, 'component')} listed by name.`, reason: `The SBOM names ${plural(components.length, 'component')}.`, components: listed(components) })
    const suppliers = share(components, (c) => Boolean(c.supplier ?? c.manufacturer ?? c.publisher ?? c.author))
    add({
      questionId: 'SBOM-2.2',
      answer: byShare(suppliers),
      note: suppliers.all ? 'Supplier stated for every component.' : `Supplier stated for ${suppliers.count} of ${components.length} components.`,
      reason: suppliers.all ? 'Every component names its supplier, manufacturer, publisher or author.' : `${plural(suppliers.missing.length, 'component')} name no supplier: ${andMore(suppliers.missing)}.`,
      components: listed(suppliers.missing),
    })
    const versions = share(components, (c) => Boolean(c.version?.trim()))
    add({
      questionId: 'SBOM-2.3',
      answer: byShare(versions),
      note: versions.all ? 'Version stated for every component.' : `Version stated for ${versions.count} of ${components.length} components.`,
      reason: versions.all ? 'Every component states its version.' : `${plural(versions.missing.length, 'component')} state no version: ${andMore(versions.missing)}.`,
      components: listed(versions.missing),
    })
    const elements = [
      ['package URLs', components.filter((c) => c.purl).length],
      ['CPE names', components.filter((c) => c.cpe).length],
      ['hashes', components.filter((c) => c.hashes.length > 0).length],
      ['licenses', components.filter((c) => c.licenses.length > 0).length],
      ['levels of support', components.filter((c) => c.supportLevel !== undefined).length],
      ['end-of-support dates', components.filter((c) => c.endOfSupport !== undefined).length],
    ] as const
    const present = elements.filter(([, n]) => n > 0)
    if (present.length > 0) {
      add({
        questionId: 'SBOM-2.4',
        answer: 'Yes',
        note: `Also given: ${present.map(([what, n]) => `${what} (${n})`).join(', ')}.`,
        reason: 'Components carry identifiers and support data beyond name, supplier and version.',
        components: [],
      })
    }
  }

  const systems = components.filter((c) => OS_TYPES.has(c.type))
  if (systems.length > 0) {
    const details = systems.map((c) => {
      const support = [c.supportLevel ? supportLevelPhrase(c.supportLevel) : undefined, c.endOfSupport ? `end of support ${c.endOfSupport}` : undefined].filter(Boolean).join(', ')
      return `${named(c)}${support ? ` (${support})` : ''}`
    })
    add({ questionId: 'CSUP-2', answer: 'Yes', note: `Operating system: ${details.join('; ')}.`, reason: `The SBOM lists ${plural(systems.length, 'operating-system component')}.`, components: listed(systems) })
  }
  const firmware = components.filter((c) => FIRMWARE_TYPES.has(c.type))
  if (firmware.length > 0) {
    add({ questionId: 'CSUP-3', answer: 'Yes', note: `Drivers and firmware: ${andMore(firmware)}.`, reason: `The SBOM lists ${plural(firmware.length, 'firmware or driver component')}.`, components: listed(firmware) })
  }
  const ownSupplier = sbom.subject?.supplier ?? sbom.supplier
  const thirdParty = components.filter((c) => COTS_TYPES.has(c.type) && !(ownSupplier !== undefined && c.supplier === ownSupplier))
  if (thirdParty.length > 0) {
    // Notable: those whose support has ended or is unknown to the supplier come first, then the rest in SBOM order.
    const notable = [...thirdParty].sort((a, b) => rank(a) - rank(b))
    add({
      questionId: 'CSUP-5',
      answer: 'Yes',
      note: `${plural(thirdParty.length, 'third-party component')}, e.g. ${andMore(notable)}.`,
      reason: `The SBOM lists ${plural(thirdParty.length, 'library, framework or application component')} not supplied by the device's own supplier.`,
      components: listed(notable),
    })
  }
  const crypto = components.filter((c) => CRYPTOGRAPHIC.test(c.name))
  if (crypto.length > 0) {
    for (const questionId of ['TXCF-2', 'STCF-1']) {
      add({ questionId, answer: null, note: `Cryptographic libraries: ${andMore(crypto)}.`, reason: 'The SBOM contains cryptographic libraries; whether and how they protect data is for you to answer.', components: listed(crypto) })
    }
  }
  const remote = components.filter((c) => REMOTE_ACCESS.test(c.name))
  if (remote.length > 0) {
    add({ questionId: 'RMOT-1', answer: null, note: `Remote-access components: ${andMore(remote)}.`, reason: 'The SBOM contains remote-access software; whether remote service is permitted is for you to answer.', components: listed(remote) })
  }
  return suggestions.filter((s) => !suggestionCarried(s, doc))
}

/** Components whose support has ended first, then those of unknown support, then the rest. */
function rank(c: Component): number {
  if (c.supportLevel === 'no_longer_maintained' || c.supportLevel === 'abandoned') return 0
  if (c.supportLevel === undefined || c.supportLevel === 'unknown') return 1
  return 2
}

/** Whether the document already says what the suggestion would (same answer, its note included). */
export function suggestionCarried(s: Mds2Suggestion, doc: Mds2Document): boolean {
  const current = doc.answers[s.questionId]
  if (!current) return false
  return (s.answer === null || current.answer === s.answer) && current.note.includes(s.note)
}

/** The document with a suggestion accepted: its answer (when it has one) set, its note added to the existing note. */
export function acceptSuggestion(doc: Mds2Document, s: Mds2Suggestion): Mds2Document {
  const current = doc.answers[s.questionId]
  const note = current?.note.trim() ? (current.note.includes(s.note) ? current.note : `${current.note.trim()}\n${s.note}`) : s.note
  return { header: doc.header, answers: { ...doc.answers, [s.questionId]: { answer: s.answer ?? current?.answer ?? null, note } } }
}
