import { sql, type Kysely } from 'kysely'
import { instanceKey, SEALED_PREFIX, sealSecret, webhookSecretContext } from '../instance-key.js'

/**
 * Webhook signing secrets encrypted at rest (AES-256-GCM under the instance key, see src/store/instance-key.ts):
 * the column becomes `secret_sealed`, every plaintext secret already stored is encrypted in place, and a check
 * constraint keeps plaintext out from now on. With stored secrets and no usable key (PostgreSQL without
 * MEDSEC_SECRET_KEY) the migration stops with the reason, and nothing changes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table webhook_endpoints rename column secret to secret_sealed`.execute(db)
  const plaintext = await sql<{ id: string; secret_sealed: string }>`
    select id, secret_sealed from webhook_endpoints where secret_sealed not like ${`${SEALED_PREFIX}%`}`.execute(db)
  if (plaintext.rows.length > 0) {
    const key = instanceKey()
    if (!key.ok) throw new Error(`migration 0016 encrypts ${plaintext.rows.length} stored webhook secrets and needs the instance key: ${key.error.message}`)
    for (const row of plaintext.rows) {
      await sql`update webhook_endpoints set secret_sealed = ${sealSecret(key.value, row.secret_sealed, webhookSecretContext(row.id))} where id = ${row.id}`.execute(db)
    }
  }
  await sql`alter table webhook_endpoints add constraint webhook_endpoints_secret_sealed check (secret_sealed like 'v1:%')`.execute(db)
}
