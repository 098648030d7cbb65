import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database, DeviceRow, NewDevice } from '../schema.js'
import type { OrgScope } from '../scope.js'

/** The fields a caller gives for a device; the organization and id come from the scope and the store. */
export type DeviceInput = Omit<NewDevice, 'id' | 'org_id' | 'created_at'>

/** A hospital's devices. */
export const deviceRepository = {
  /** Inserts or updates devices by asset tag; returns how many rows were written. */
  async upsertMany(db: Kysely<Database>, scope: OrgScope, devices: readonly DeviceInput[]): Promise<number> {
    if (devices.length === 0) return 0
    const now = new Date()
    const rows = await db
      .insertInto('devices')
      .values(devices.map((d) => ({ ...d, id: randomUUID(), org_id: scope.orgId, created_at: now })))
      .onConflict((oc) =>
        oc.columns(['org_id', 'asset_tag']).doUpdateSet((eb) => ({
          serial_number: eb.ref('excluded.serial_number'),
          manufacturer: eb.ref('excluded.manufacturer'),
          model: eb.ref('excluded.model'),
          software_version: eb.ref('excluded.software_version'),
          modality: eb.ref('excluded.modality'),
          location: eb.ref('excluded.location'),
          ip_address: eb.ref('excluded.ip_address'),
          hostname: eb.ref('excluded.hostname'),
          ae_title: eb.ref('excluded.ae_title'),
          criticality: eb.ref('excluded.criticality'),
          stores_phi: eb.ref('excluded.stores_phi'),
          status: eb.ref('excluded.status'),
        })),
      )
      .returning('id')
      .execute()
    return rows.length
  },

  async list(db: Kysely<Database>, scope: OrgScope): Promise<DeviceRow[]> {
    return db.selectFrom('devices').selectAll().where('org_id', '=', scope.orgId).orderBy('asset_tag').execute()
  },

  async count(db: Kysely<Database>, scope: OrgScope): Promise<number> {
    const row = await db
      .selectFrom('devices')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('org_id', '=', scope.orgId)
      .executeTakeFirstOrThrow()
    return Number(row.n)
  },
}
