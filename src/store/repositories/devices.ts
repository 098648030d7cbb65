import { randomUUID } from 'node:crypto'
import { sql, type Kysely, type Updateable } from 'kysely'
import type { Database, DeviceRow, DeviceTable, NewDevice } from '../schema.js'
import type { OrgScope } from '../scope.js'

/** The fields a caller gives for a device; the organization and id come from the scope and the store. */
export type DeviceInput = Omit<NewDevice, 'id' | 'org_id' | 'created_at'>

/** The columns an update may change. */
export type DeviceChanges = Omit<Updateable<DeviceTable>, 'id' | 'org_id' | 'created_at'>

// Rows per INSERT statement (one JSON parameter each).
const INSERT_CHUNK = 5_000

// Device ids per UPDATE when linking many devices at once.
const LINK_CHUNK = 10_000

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

  /**
   * Inserts new devices in chunks; returns their ids in order. Each chunk is one statement with one JSON parameter
   * (json_populate_recordset): binding ~25 parameters per row costs PGlite more than the insert itself, and one
   * parameter stays far from PostgreSQL's 65,535-parameter limit. Columns a row leaves out get the column default.
   */
  async insertMany(db: Kysely<Database>, scope: OrgScope, devices: readonly DeviceInput[]): Promise<string[]> {
    const ids: string[] = []
    const now = new Date().toISOString()
    for (let start = 0; start < devices.length; start += INSERT_CHUNK) {
      const chunk = devices
        .slice(start, start + INSERT_CHUNK)
        .map((d) => ({ internet_exposed: false, ...d, id: randomUUID(), org_id: scope.orgId, created_at: now, updated_at: now }))
      const columns = sql.join([...new Set(chunk.flatMap((row) => Object.keys(row)))].map((c) => sql.ref(c)))
      await sql`insert into devices (${columns}) select ${columns} from json_populate_recordset(null::devices, ${JSON.stringify(chunk)}::json)`.execute(db)
      ids.push(...chunk.map((c) => c.id))
    }
    return ids
  },

  /** Changes some columns of one device; returns the updated row, or undefined when the organization has no such device. */
  async update(db: Kysely<Database>, scope: OrgScope, id: string, changes: DeviceChanges): Promise<DeviceRow | undefined> {
    return db
      .updateTable('devices')
      .set({ ...changes, updated_at: new Date() })
      .where('org_id', '=', scope.orgId)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst()
  },

  async find(db: Kysely<Database>, scope: OrgScope, id: string): Promise<DeviceRow | undefined> {
    if (!isUuid(id)) return undefined
    return db.selectFrom('devices').selectAll().where('org_id', '=', scope.orgId).where('id', '=', id).executeTakeFirst()
  },

  async findByAssetTag(db: Kysely<Database>, scope: OrgScope, assetTag: string): Promise<DeviceRow | undefined> {
    return db.selectFrom('devices').selectAll().where('org_id', '=', scope.orgId).where('asset_tag', '=', assetTag).executeTakeFirst()
  },

  /**
   * The given columns (plus id) of every device, read as one JSON array the database builds: PGlite decodes each
   * column of each row in JavaScript, which is slow for 100,000 devices; one text value parses natively. Column
   * types survive JSON (text, booleans, numbers; the dates are text columns).
   */
  async listColumns<C extends keyof DeviceRow & string>(db: Kysely<Database>, scope: OrgScope, columns: readonly C[]): Promise<Pick<DeviceRow, C | 'id'>[]> {
    const all = ['id', ...columns.filter((c) => c !== 'id')]
    const row = await db
      .selectFrom('devices')
      .select(sql<string>`coalesce(json_agg(json_build_array(${sql.join(all.map((c) => sql.ref(c)))}) order by asset_tag), '[]')::text`.as('rows'))
      .where('org_id', '=', scope.orgId)
      .executeTakeFirstOrThrow()
    return (JSON.parse(row.rows) as unknown[][]).map((values) => Object.fromEntries(all.map((c, i) => [c, values[i]])) as Pick<DeviceRow, C | 'id'>)
  },

  async list(db: Kysely<Database>, scope: OrgScope): Promise<DeviceRow[]> {
    return db.selectFrom('devices').selectAll().where('org_id', '=', scope.orgId).orderBy('asset_tag').execute()
  },

  /** Devices without a product link whose manufacturer, model and version are all known, for reusing confirmed links. */
  async listUnlinked(db: Kysely<Database>, scope: OrgScope): Promise<DeviceRow[]> {
    return db
      .selectFrom('devices')
      .selectAll()
      .where('org_id', '=', scope.orgId)
      .where('product_version_id', 'is', null)
      .where('manufacturer', 'is not', null)
      .where('model', 'is not', null)
      .where('software_version', 'is not', null)
      .execute()
  },

  /** Links devices to a product version (or unlinks them with null). */
  async setLink(
    db: Kysely<Database>,
    scope: OrgScope,
    ids: readonly string[],
    link: { productVersionId: string | null; source: 'confirmed' | 'reused' | null; confidence: number | null; by: string | null },
  ): Promise<number> {
    let linked = 0
    const at = link.productVersionId ? new Date() : null
    // In chunks: PostgreSQL takes at most 65,535 parameters per statement, and an import can link 100,000 devices.
    for (let start = 0; start < ids.length; start += LINK_CHUNK) {
      const rows = await db
        .updateTable('devices')
        .set({ product_version_id: link.productVersionId, link_source: link.source, link_confidence: link.confidence, linked_by: link.by, linked_at: at })
        .where('org_id', '=', scope.orgId)
        .where('id', 'in', ids.slice(start, start + LINK_CHUNK))
        .returning('id')
        .execute()
      linked += rows.length
    }
    return linked
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

/** Whether a string is a UUID, so a malformed id answers "not found" instead of a database error. */
export function isUuid(id: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)
}
