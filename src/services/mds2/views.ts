// Shared shapes of the MDS2 use cases: how a stored document is read back and shown with its checks.
import { completeness, validate } from '../../domain/mds2/index.js'
import type { Completeness, Mds2Document, Mds2Issue } from '../../domain/mds2/index.js'
import type { TlpLabel } from '../../domain/tlp/tlp.js'
import type { Mds2ProductVersion } from '../../store/repositories/mds2.js'

/** A manufacturer's MDS2 of one product version as the API shows it, with its consistency issues and completeness. */
export interface Mds2DocumentView {
  readonly productVersion: Mds2ProductVersion
  /** Null until the first revision is saved. */
  readonly documentId: string | null
  /** The revision shown; null when nothing is saved yet (the document is then empty). */
  readonly revision: number | null
  readonly currentRevision: number | null
  readonly tlp: TlpLabel
  readonly document: Mds2Document
  readonly issues: readonly Mds2Issue[]
  readonly completeness: Completeness
  readonly savedAt: Date | null
  readonly savedBy: string | null
  readonly note: string | null
}

/** The default TLP of an MDS2 document or upload: shared with named recipients only. */
export const DEFAULT_MDS2_TLP: TlpLabel = 'AMBER'

/** A document as stored (validated on the way in), read back. */
export function storedDocument(content: unknown): Mds2Document {
  return content as Mds2Document
}

/** The checks shown with every document: the consistency issues and how far it is filled in. */
export function checksOf(document: Mds2Document): { issues: readonly Mds2Issue[]; completeness: Completeness } {
  return { issues: validate(document), completeness: completeness(document) }
}

/** A file name safe for a Content-Disposition header: ASCII letters, digits, dot, dash and underscore. */
export function safeFilename(name: string): string {
  const cleaned = name.normalize('NFKD').replace(/[^A-Za-z0-9._-]+/g, '-').replace(/-+/g, '-').replace(/^[-.]+|-+$/g, '')
  return cleaned.slice(0, 120) || 'mds2'
}

/** The media type of each download format. */
export const MEDIA_TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
  pdf: 'application/pdf',
} as const

/** A file produced for download. */
export interface Download {
  readonly filename: string
  readonly contentType: string
  readonly bytes: Uint8Array
}
