// What a disclosure attachment may be: a short list of types checked against the bytes themselves (a declared type
// is never trusted), a size limit and a safe file name. Attachments are only ever served as downloads.
import { fail, ok, problem, type Result } from '../result.js'

/** The largest attachment accepted, in bytes. */
export const MAX_ATTACHMENT_BYTES = 2 * 1024 * 1024

/** The most attachments one report or message may carry. */
export const MAX_ATTACHMENTS = 3

/** The attachment types accepted, with the extensions that may name them. */
export const attachmentTypes = {
  'text/plain': ['txt', 'log', 'md', 'csv'],
  'application/json': ['json'],
  'application/pdf': ['pdf'],
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg'],
  'application/pgp-encrypted': ['asc', 'gpg', 'pgp'],
  'application/zip': ['zip'],
} as const satisfies Record<string, readonly string[]>

/** An accepted attachment type. */
export type AttachmentType = keyof typeof attachmentTypes

/** An attachment that passed the checks. */
export interface CheckedAttachment {
  readonly filename: string
  readonly mediaType: AttachmentType
  readonly sizeBytes: number
}

const startsWith = (bytes: Uint8Array, signature: readonly number[]): boolean => signature.every((b, i) => bytes[i] === b)

/** Whether bytes are UTF-8 text without NUL or other binary control characters. */
function isText(bytes: Uint8Array): boolean {
  for (const b of bytes) if (b === 0 || (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d)) return false
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    return true
  } catch {
    return false
  }
}

/** Whether the bytes look like the type: magic numbers for binary types, clean UTF-8 for text types. */
function matches(type: AttachmentType, bytes: Uint8Array): boolean {
  switch (type) {
    case 'application/pdf':
      return startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d]) // %PDF-
    case 'image/png':
      return startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
    case 'image/jpeg':
      return startsWith(bytes, [0xff, 0xd8, 0xff])
    case 'application/zip':
      return startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])
    case 'application/pgp-encrypted':
      // ASCII armor, or a binary OpenPGP packet (the tag byte always has its top bit set).
      return new TextDecoder().decode(bytes.subarray(0, 27)) === '-----BEGIN PGP MESSAGE-----' || (bytes.length > 0 && (bytes[0]! & 0x80) !== 0)
    case 'text/plain':
      return isText(bytes)
    case 'application/json':
      if (!isText(bytes)) return false
      try {
        JSON.parse(new TextDecoder().decode(bytes))
        return true
      } catch {
        return false
      }
  }
}

/** A file name reduced to safe characters (no path, no control or quote characters), at most 120 characters. */
export function safeFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? ''
  const cleaned = base.normalize('NFKC').replace(/[^\w.() -]+/g, '_').replace(/^[.\s]+/, '').trim()
  return (cleaned || 'attachment').slice(-120)
}

/** Checks an attachment: a permitted extension, bytes that match its type and the size limit. */
export function checkAttachment(filename: string, bytes: Uint8Array, maxBytes = MAX_ATTACHMENT_BYTES): Result<CheckedAttachment> {
  const safe = safeFilename(filename)
  if (bytes.length === 0) return fail(problem('attachment_empty', `${safe} is empty`))
  if (bytes.length > maxBytes) return fail(problem('attachment_too_large', `${safe} has ${bytes.length} bytes; the limit is ${maxBytes}`, { limit: maxBytes }))
  const extension = safe.includes('.') ? safe.slice(safe.lastIndexOf('.') + 1).toLowerCase() : ''
  const type = (Object.keys(attachmentTypes) as AttachmentType[]).find((t) => (attachmentTypes[t] as readonly string[]).includes(extension))
  if (type === undefined) {
    const allowed = Object.values(attachmentTypes).flat().join(', ')
    return fail(problem('attachment_type_not_allowed', `${safe}: .${extension || '(none)'} files are not accepted; use one of ${allowed}`))
  }
  if (!matches(type, bytes)) return fail(problem('attachment_content_mismatch', `${safe} does not contain ${type} data`))
  return ok({ filename: safe, mediaType: type, sizeBytes: bytes.length })
}

/** Whether a text is framed as an ASCII-armored OpenPGP message (the services then parse it for real). */
export function looksLikeArmoredPgpMessage(text: string): boolean {
  const trimmed = text.trim()
  return trimmed.startsWith('-----BEGIN PGP MESSAGE-----') && trimmed.endsWith('-----END PGP MESSAGE-----')
}
