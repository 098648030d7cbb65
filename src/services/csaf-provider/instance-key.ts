import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto'
import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'

/** The file that holds the generated instance key when MEDSEC_SECRET_KEY is not set. */
export const INSTANCE_KEY_FILE = 'instance-secret.key'

let cached: { source: string; key: Buffer } | undefined

function keyFile(): string {
  return join(resolve(process.env.MEDSEC_DATA ?? './data'), INSTANCE_KEY_FILE)
}

// Created once, atomically: written to a unique temporary name and hard-linked into place, so two processes starting
// together end up with the same key (the loser of the race reads the winner's file).
function readOrCreateKeyFile(path: string): string {
  if (existsSync(path)) return readFileSync(path, 'utf8').trim()
  mkdirSync(resolve(path, '..'), { recursive: true })
  const temporary = `${path}.${process.pid}.${randomBytes(6).toString('hex')}`
  writeFileSync(temporary, randomBytes(32).toString('base64') + '\n', { mode: 0o600 })
  try {
    linkSync(temporary, path)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
  } finally {
    unlinkSync(temporary)
  }
  return readFileSync(path, 'utf8').trim()
}

/**
 * The instance's secret key (32 bytes) that encrypts secrets at rest: derived with HKDF-SHA-256 from
 * MEDSEC_SECRET_KEY when set, else from a random key generated once in `<data folder>/instance-secret.key` (mode 0600).
 */
export function instanceSecretKey(): Buffer {
  const configured = process.env.MEDSEC_SECRET_KEY?.trim()
  const source = configured ? `env:${configured}` : `file:${keyFile()}`
  if (cached?.source === source) return cached.key
  const material = configured || readOrCreateKeyFile(keyFile())
  const key = Buffer.from(hkdfSync('sha256', material, 'medsec-instance-key', 'medsec secrets at rest v1', 32))
  cached = { source, key }
  return key
}

/** Encrypts a secret with the instance key (AES-256-GCM): `v1:<iv>:<tag>:<ciphertext>`, base64 parts. */
export function encryptSecret(plaintext: string, key = instanceSecretKey()): string {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()])
  return ['v1', iv.toString('base64'), cipher.getAuthTag().toString('base64'), ciphertext.toString('base64')].join(':')
}

/** Decrypts a secret written by {@link encryptSecret}; undefined when it was encrypted with another key or altered. */
export function decryptSecret(sealed: string, key = instanceSecretKey()): string | undefined {
  const [version, iv, tag, ciphertext] = sealed.split(':')
  if (version !== 'v1' || !iv || !tag || ciphertext === undefined) return undefined
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'))
    decipher.setAuthTag(Buffer.from(tag, 'base64'))
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64')), decipher.final()]).toString('utf8')
  } catch {
    return undefined
  }
}
