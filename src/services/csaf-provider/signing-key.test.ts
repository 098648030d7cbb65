import { createCipheriv, randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { OpenDatabase } from '../../store/database.js'
import { csafSigningKeyContext, instanceKey, sealSecret, type InstanceKey } from '../../store/instance-key.js'
import { advisoryRepository } from '../../store/repositories/advisories.js'
import { openTestDatabase } from '../../../test/support/database.js'
import type { OrgContext } from '../context.js'
import { ensureOrganization, systemContext } from '../system-admin.js'
import { generateSigningKey, verifyDetached } from './openpgp.js'
import { signerFor } from './signing-key.js'

// How private keys were sealed before the instance key was unified: AES-256-GCM without associated data.
function sealedWithoutContext(key: InstanceKey, plaintext: string): string {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', key.key, iv)
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()])
  return ['v1', iv.toString('base64'), cipher.getAuthTag().toString('base64'), ciphertext.toString('base64')].join(':')
}

describe('CSAF signing keys under the instance key', () => {
  let database: OpenDatabase
  let ctx: OrgContext
  let key: InstanceKey
  const bytes = new TextEncoder().encode('{"document":{}}\n')

  async function storeKey(seal: (privateKey: string, fingerprint: string) => string): Promise<string> {
    const generated = await generateSigningKey('Sealed Imaging CSAF signing key', 'csaf@sealed.medsec.invalid')
    await advisoryRepository.addKey(database.db, ctx.scope, {
      fingerprint: generated.fingerprint,
      public_key: generated.publicKey,
      private_key_encrypted: seal(generated.privateKey, generated.fingerprint),
      user_id: 'Sealed Imaging <csaf@sealed.medsec.invalid>',
      created_by_label: 'test',
      created_at: new Date(),
    })
    return generated.publicKey
  }

  beforeAll(async () => {
    database = await openTestDatabase('pglite')
    await ensureOrganization(database.db, { name: 'Sealed Imaging', kind: 'manufacturer', slug: 'sealed-imaging' })
    const opened = await systemContext(database.db, 'sealed-imaging')
    if (!opened.ok) throw new Error(opened.error.message)
    ctx = opened.value
    const loaded = instanceKey()
    if (!loaded.ok) throw new Error(loaded.error.message)
    key = loaded.value
  })
  afterAll(async () => {
    await database?.close()
  })

  it('creates a key sealed for its organization and fingerprint, and signs with it', async () => {
    const created = await signerFor(database.db, ctx)
    expect(created.ok && created.value.created).toBe(true)
    const stored = await advisoryRepository.activeKey(database.db, ctx.scope)
    expect(stored?.private_key_encrypted).toMatch(/^v1:/)
    const again = await signerFor(database.db, ctx)
    if (!again.ok) throw new Error(again.error.message)
    expect(again.value.created).toBe(false)
    expect(await verifyDetached([stored!.public_key], bytes, await again.value.sign(bytes))).toBe(true)
  })

  it('still opens a key sealed without a context (before the unification)', async () => {
    const publicKey = await storeKey((privateKey) => sealedWithoutContext(key, privateKey))
    const signer = await signerFor(database.db, ctx)
    if (!signer.ok) throw new Error(signer.error.message)
    expect(signer.value.created).toBe(false)
    expect(await verifyDetached([publicKey], bytes, await signer.value.sign(bytes))).toBe(true)
  })

  it('refuses a key sealed for another organization (copied between rows)', async () => {
    await storeKey((privateKey, fingerprint) => sealSecret(key, privateKey, csafSigningKeyContext('00000000-0000-4000-8000-000000000000', fingerprint)))
    const signer = await signerFor(database.db, ctx)
    expect(signer.ok ? signer.value : signer.error).toMatchObject({ code: 'conflict' })
  })
})
