import type { Kysely } from 'kysely'
import type { Database } from '../../store/schema.js'
import { csafSigningKeyContext, instanceKey, openSecret, sealSecret, type InstanceKey } from '../../store/instance-key.js'
import { advisoryRepository } from '../../store/repositories/advisories.js'
import type { CsafSigningKeyRow } from '../../store/tables/advisories.js'
import { auditFrom, auditedWrite, requireRole, serviceError, type OrgContext, type ServiceResult } from '../context.js'
import { generateSigningKey, signDetached } from './openpgp.js'

/** The public half of an organization's CSAF signing key. */
export interface SigningKeyView {
  readonly fingerprint: string
  readonly publicKey: string
  readonly userId: string
  readonly createdBy: string
  readonly createdAt: Date
}

function view(row: CsafSigningKeyRow): SigningKeyView {
  return { fingerprint: row.fingerprint, publicKey: row.public_key, userId: row.user_id, createdBy: row.created_by_label, createdAt: row.created_at }
}

/** The organization's active CSAF signing key (public part), or null before the first one is generated. */
export async function getSigningKey(ctx: OrgContext): Promise<ServiceResult<SigningKeyView | null>> {
  const row = await advisoryRepository.activeKey(ctx.db, ctx.scope)
  return { ok: true, value: row ? view(row) : null }
}

// The instance key, or why advisories cannot be signed (e.g. PostgreSQL without MEDSEC_SECRET_KEY).
function signingInstanceKey(): ServiceResult<InstanceKey> {
  const key = instanceKey()
  return key.ok ? key : serviceError('conflict', `advisories cannot be signed: ${key.error.message}`, { code: key.error.code })
}

// Private keys sealed before the signing key and the webhook secrets shared one instance key were sealed without a
// context; AES-GCM treats empty associated data as none, so they open with an empty context.
function openPrivateKey(key: InstanceKey, row: CsafSigningKeyRow): string | undefined {
  const opened = openSecret(key, row.private_key_encrypted, csafSigningKeyContext(row.org_id, row.fingerprint))
  if (opened.ok) return opened.value
  const legacy = openSecret(key, row.private_key_encrypted, '')
  return legacy.ok ? legacy.value : undefined
}

async function createKey(trx: Kysely<Database>, ctx: OrgContext, key: InstanceKey): Promise<{ row: CsafSigningKeyRow; privateKey: string }> {
  const name = `${ctx.org.name} CSAF signing key`
  const email = `csaf@${ctx.org.slug}.medsec.invalid`
  const generated = await generateSigningKey(name, email)
  const row = {
    fingerprint: generated.fingerprint,
    public_key: generated.publicKey,
    private_key_encrypted: sealSecret(key, generated.privateKey, csafSigningKeyContext(ctx.scope.orgId, generated.fingerprint)),
    user_id: `${name} <${email}>`,
    created_by_label: ctx.actor.label,
    created_at: new Date(),
  }
  await advisoryRepository.addKey(trx, ctx.scope, row)
  return { row: { ...row, org_id: ctx.scope.orgId, retired_at: null }, privateKey: generated.privateKey }
}

/** What signs a publication: the active key's fingerprint and a signer over bytes. */
export interface Signer {
  readonly fingerprint: string
  sign(bytes: Uint8Array): Promise<string>
  /** True when the key was created for this write (the caller records it in its audit entry). */
  readonly created: boolean
}

/** The signer of the organization's active key, creating the key first when there is none (inside the caller's transaction). */
export async function signerFor(trx: Kysely<Database>, ctx: OrgContext): Promise<ServiceResult<Signer>> {
  const key = signingInstanceKey()
  if (!key.ok) return key
  const existing = await advisoryRepository.activeKey(trx, ctx.scope)
  if (existing) {
    const privateKey = openPrivateKey(key.value, existing)
    if (privateKey === undefined) {
      return serviceError('conflict', 'the signing key cannot be decrypted with this instance key (MEDSEC_SECRET_KEY or the key file changed?); an admin must generate a new key')
    }
    return { ok: true, value: { fingerprint: existing.fingerprint, sign: (bytes) => signDetached(privateKey, bytes), created: false } }
  }
  const created = await createKey(trx, ctx, key.value)
  return { ok: true, value: { fingerprint: created.row.fingerprint, sign: (bytes) => signDetached(created.privateKey, bytes), created: true } }
}

/**
 * Generates a new signing key (admins): the previous key is retired and every published file is signed again with
 * the new key, so that the provider's signatures always verify with the key it lists.
 */
export async function rotateSigningKey(ctx: OrgContext): Promise<ServiceResult<SigningKeyView>> {
  const allowed = requireRole(ctx, 'admin')
  if (!allowed.ok) return allowed
  if (ctx.org.kind !== 'manufacturer') return serviceError('forbidden', 'only manufacturers publish CSAF advisories')
  const key = signingInstanceKey()
  if (!key.ok) return key
  return auditedWrite(ctx.db, async (trx) => {
    const previous = await advisoryRepository.activeKey(trx, ctx.scope)
    const created = await createKey(trx, ctx, key.value)
    const files = await advisoryRepository.filesWithContent(trx, ctx.scope)
    for (const file of files) {
      const signature = await signDetached(created.privateKey, new TextEncoder().encode(file.content))
      await advisoryRepository.setSignature(trx, ctx.scope, file.advisory_id, signature, created.row.fingerprint)
    }
    return {
      ok: true,
      value: {
        value: view(created.row),
        audit: auditFrom(ctx, {
          action: 'csaf.signing_key_create',
          targetType: 'csaf_signing_key',
          targetId: created.row.fingerprint,
          details: { fingerprint: created.row.fingerprint, retired: previous?.fingerprint ?? null, resigned: files.length },
        }),
      },
    }
  })
}
