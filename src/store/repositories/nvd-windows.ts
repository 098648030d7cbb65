import type { Kysely } from 'kysely'
import type { Database } from '../schema.js'

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`)

/** The import rows of NVD API lastModified windows (knowledge-base import state, instance-wide). */
export const nvdWindowRepository = {
  /** Removes the import rows of the base URL's windows once the base URL's own row records the progress. */
  async forgetWindows(db: Kysely<Database>, base: string): Promise<void> {
    const prefix = `${base}${base.includes('?') ? '&' : '?'}lastModStartDate=`
    await db.deleteFrom('kb_imports').where('location', 'like', `${escapeLike(prefix)}%`).execute()
  },
}
