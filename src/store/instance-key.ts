import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto'
import { existsSync, linkSync, mkdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fail, ok, problem, type Problem, type Result } from '../domain/result.js'
import type { DatabaseLocation } from './database.js'

/** The file in the embedded database's folder that holds the generated key when MEDSEC_SECRET_KEY is not set. */
export const INSTANCE_KEY_FILE = 'instance-secret.key'

/** The key that encrypts secrets at rest, and where it came from (for messages; never the key itself). */
export interface InstanceKey {
  readonly key: Buffer
  readonly source: 'environment' | 'file' | 'process'
}

/** Where the key comes from: the environment variable wins; else the database location decides. */
type KeySetting = { readonly env: string | undefined; readonly location: DatabaseLocation | undefined }

let setting: KeySetting | undefined
let loaded: { setting: KeySetting; result: Result<InstanceKey, Problem> } | undefined
// In-memory databases (tests, throw-away runs) live as long as the process, and so does their key.
const processKey = randomBytes(32).toString('base64')

// One derivation for every secret at rest of the instance (webhook secrets, CSAF signing keys).
function derive(material: string): Buffer {
  return Buffer.from(hkdfSync('sha256', material, 'medsec-instance-key', 'medsec secrets at rest v1', 32))
}

// Created once, atomically (unique temporary file hard-linked into place), readable by the owner only.
function readOrCreateKeyFile(path: string): Result<string, Problem> {
  if (!existsSync(path)) {
    const temporary = `${path}.${process.pid}.${randomBytes(6).toString('hex')}`
    writeFileSync(temporary, randomBytes(32).toString('base64') + '\n', { mode: 0o600 })
    try {
      linkSync(temporary, path)
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
    } finally {
      unlinkSync(temporary)
    }
  }
  if ((statSync(path).mode & 0o077) !== 0) {
    return fail(problem('secret_key_file_permissions', `${path} can be read by other users; run chmod 600 on it`))
  }
  const material = readFileSync(path, 'utf8').trim()
  return material.length >= 32 ? ok(material) : fail(problem('secret_key_invalid', `${path} does not hold a key`))
}

function load(current: KeySetting): Result<InstanceKey, Problem> {
  const configured = current.env?.trim()
  if (configured) {
    return configured.length >= 32 ? ok({ key: derive(configured), source: 'environment' }) : fail(problem('secret_key_invalid', 'MEDSEC_SECRET_KEY must be at least 32 characters (e.g. `openssl rand -base64 32`)'))
  }
  const location = current.location
  if (location?.kind === 'postgres') {
    return fail(problem('secret_key_missing', 'set MEDSEC_SECRET_KEY (e.g. `openssl rand -base64 32`): with PostgreSQL the key that encrypts secrets at rest must come from the configuration'))
  }
  if (location?.kind === 'embedded') {
    mkdirSync(location.dataDir, { recursive: true })
    const material = readOrCreateKeyFile(join(location.dataDir, INSTANCE_KEY_FILE))
    return material.ok ? ok({ key: derive(material.value), source: 'file' }) : material
  }
  return ok({ key: derive(processKey), source: 'process' })
}

/**
 * Tells the store where the instance key comes from, for the database about to be opened: MEDSEC_SECRET_KEY when
 * set; else, for embedded PGlite, a key generated once in `<data folder>/instance-secret.key` (mode 0600); for
 * PostgreSQL the variable is required; an in-memory database gets a key for the life of the process.
 */
export function configureInstanceKey(location: DatabaseLocation, env: NodeJS.ProcessEnv = process.env): void {
  setting = { env: env.MEDSEC_SECRET_KEY, location }
}

/** The instance key, or why there is none (a missing variable with PostgreSQL, a bad key or key file). */
export function instanceKey(): Result<InstanceKey, Problem> {
  const current = setting ?? { env: process.env.MEDSEC_SECRET_KEY, location: undefined }
  if (loaded && loaded.setting.env === current.env && loaded.setting.location === current.location) return loaded.result
  loaded = { setting: current, result: load(current) }
  return loaded.result
}

/** The prefix every sealed value starts with (the migration's check constraint relies on it). */
export const SEALED_PREFIX = 'v1:'

/**
 * Encrypts a secret with AES-256-GCM: `v1:<iv>:<tag>:<ciphertext>` in base64. The context (e.g. the table and row
 * id) is authenticated with it, so a sealed value copied to another row does not open.
 */
export function sealSecret(key: InstanceKey, plaintext: string, context: string): string {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', key.key, iv)
  cipher.setAAD(Buffer.from(context, 'utf8'))
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()])
  return `${SEALED_PREFIX}${[iv, cipher.getAuthTag(), ciphertext].map((b) => b.toString('base64')).join(':')}`
}

/** Decrypts a value from {@link sealSecret}; a problem when it was sealed with another key, for another row, or altered. */
export function openSecret(key: InstanceKey, sealed: string, context: string): Result<string, Problem> {
  const [version, iv, tag, ciphertext] = sealed.split(':')
  const refused = fail(problem('secret_unreadable', 'the stored secret cannot be decrypted with the configured key (was MEDSEC_SECRET_KEY or the key file changed?)'))
  if (`${version}:` !== SEALED_PREFIX || !iv || !tag || ciphertext === undefined) return refused
  try {
    const decipher = createDecipheriv('aes-256-gcm', key.key, Buffer.from(iv, 'base64'))
    decipher.setAAD(Buffer.from(context, 'utf8'))
    decipher.setAuthTag(Buffer.from(tag, 'base64'))
    return ok(Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64')), decipher.final()]).toString('utf8'))
  } catch {
    return refused
  }
}

/** The authenticated context of a webhook endpoint's signing secret. */
export function webhookSecretContext(endpointId: string): string {
  return `webhook_endpoints.secret:${endpointId}`
}

/** The authenticated context of an organization's CSAF (OpenPGP) signing key. */
export function csafSigningKeyContext(orgId: string, fingerprint: string): string {
  return `csaf_signing_keys.private_key:${orgId}:${fingerprint}`
}
