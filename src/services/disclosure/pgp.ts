import { readKey, readMessage } from 'openpgp'
import type { ServiceResult } from '../context.js'
import { serviceError } from '../context.js'
import { looksLikeArmoredPgpMessage } from '../../domain/disclosure/index.js'

/** A manufacturer's published OpenPGP public key. */
export interface PublishedKey {
  readonly armored: string
  readonly fingerprint: string
  readonly userIds: readonly string[]
}

/** Reads an armored OpenPGP public key; refuses private keys, garbage and keys that cannot encrypt. */
export async function readPublicKey(armored: string): Promise<ServiceResult<PublishedKey>> {
  if (armored.includes('PRIVATE KEY BLOCK')) return serviceError('validation_failed', 'that is a private key; upload only the public key')
  try {
    const key = await readKey({ armoredKey: armored })
    if (key.isPrivate()) return serviceError('validation_failed', 'that is a private key; upload only the public key')
    const encryptionKey = await key.getEncryptionKey().catch(() => undefined)
    if (!encryptionKey) return serviceError('validation_failed', 'the key has no usable encryption (sub)key; it may be expired or revoked')
    return { ok: true, value: { armored: key.armor(), fingerprint: key.getFingerprint().toUpperCase(), userIds: key.getUserIDs() } }
  } catch {
    return serviceError('validation_failed', 'not an armored OpenPGP public key')
  }
}

/**
 * Checks that a text is an armored OpenPGP message encrypted to the given key (when one is published): the frame,
 * a real packet parse, and a public-key session packet for one of the key's (sub)key ids.
 */
export async function checkEncryptedMessage(text: string, publishedKey: string | null): Promise<ServiceResult<void>> {
  if (!looksLikeArmoredPgpMessage(text)) return serviceError('validation_failed', 'an encrypted report must be an armored PGP message (-----BEGIN PGP MESSAGE-----)')
  try {
    const message = await readMessage({ armoredMessage: text })
    const recipients = message.getEncryptionKeyIDs().map((id) => id.toHex())
    if (recipients.length === 0) return serviceError('validation_failed', 'the PGP message is not encrypted to a public key')
    if (publishedKey) {
      const key = await readKey({ armoredKey: publishedKey })
      const ours = new Set(key.getKeyIDs().map((id) => id.toHex()))
      if (!recipients.some((r) => ours.has(r))) return serviceError('validation_failed', "the PGP message is not encrypted to the manufacturer's published key")
    }
    return { ok: true, value: undefined }
  } catch {
    return serviceError('validation_failed', 'the PGP message cannot be parsed')
  }
}
