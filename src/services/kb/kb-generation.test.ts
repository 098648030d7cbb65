import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import type { Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { OpenDatabase } from '../../store/database.js'
import { up as migrateKbGeneration } from '../../store/migrations/0018-kb-generation.js'
import { kbRepository } from '../../store/repositories/kb.js'
import { openTestDatabase, testEngines } from '../../../test/support/database.js'
import { testdataPath } from '../../../test/support/testdata.js'
import { importKb } from './import-kb.js'
import { currentMatchIndex } from './match-index.js'

// kbRepository.generation() is the counter of migration 0018: it must change with every kind of knowledge-base write,
// inside the writing transaction, and with nothing else.

const osvDir = testdataPath('dependency-track-fixtures/vuln-data-source/osv/src/test/resources')
const kevFile = testdataPath('cisa-kev/known_exploited_vulnerabilities.json')

function osv(id: string, aliases: readonly string[], fixed: string): unknown {
  return {
    id,
    modified: '2025-01-01T00:00:00Z',
    aliases,
    affected: [{ package: { ecosystem: 'npm', name: 'generation-probe' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed }] }] }],
  }
}

describe.each(testEngines)('knowledge-base generation (%s)', (engine) => {
  let database: OpenDatabase
  let db: Kysely<import('../../store/schema.js').Database>
  const dir = mkdtempSync(join(tmpdir(), 'medsec-kb-generation-'))
  beforeAll(async () => {
    database = await openTestDatabase(engine)
    db = database.db
  })
  afterAll(async () => {
    await database?.close()
  })

  /** Runs a write and asserts that it changed the generation (and that reading it again changes nothing). */
  async function expectBump(what: string, write: () => Promise<unknown>): Promise<void> {
    const before = await kbRepository.generation(db)
    await write()
    const after = await kbRepository.generation(db)
    expect(after, what).not.toBe(before)
    expect(await kbRepository.generation(db), `${what}, read again`).toBe(after)
  }

  async function expectSame(what: string, write: () => Promise<unknown>): Promise<void> {
    const before = await kbRepository.generation(db)
    await write()
    expect(await kbRepository.generation(db), what).toBe(before)
  }

  it('starts at 0 on an empty knowledge base and stays equal while nothing is written', async () => {
    expect(await kbRepository.generation(db)).toBe('0')
    expect(await kbRepository.generation(db)).toBe('0')
  })

  it('changes with every kind of import write, and not with an unchanged re-import', async () => {
    await expectBump('OSV statements inserted', async () => expect((await importKb(db, osvDir)).ok).toBe(true))
    await expectSame('the same OSV directory again (hash compare, no KB writes; import state only)', async () => {
      const again = await importKb(db, osvDir, { kind: 'osv' })
      expect(again.ok && again.value).toMatchObject({ inserted: 0, updated: 0 })
    })
    const first = join(dir, 'first.json')
    writeFileSync(first, JSON.stringify(osv('GEN-1', ['CVE-2099-0001'], '1.0.0')))
    await expectBump('a new statement', () => importKb(db, first))
    writeFileSync(first, JSON.stringify(osv('GEN-1', ['CVE-2099-0001'], '2.0.0')))
    await expectBump('a changed statement', () => importKb(db, first))
    const second = join(dir, 'second.json')
    writeFileSync(second, JSON.stringify(osv('GEN-2', ['CVE-2099-0002', 'CVE-2099-0001'], '3.0.0')))
    await expectBump('a statement that merges two alias groups', () => importKb(db, second))
    await expectBump('KEV entries', () => importKb(db, kevFile))
    const epss = join(dir, 'epss.csv')
    writeFileSync(epss, '#model_version:v2025.03.14,score_date:2025-06-01T00:00:00+0000\ncve,epss,percentile\nCVE-2099-0001,0.5,0.9\n')
    await expectBump('EPSS scores', () => importKb(db, epss))
  })

  it('changes with a direct update, delete and truncate of every table the index reads', async () => {
    await expectBump('kb_vulnerabilities update', () => sql`update kb_vulnerabilities set updated_at = updated_at`.execute(db))
    await expectBump('kb_aliases update', () => sql`update kb_aliases set vulnerability_id = vulnerability_id`.execute(db))
    await expectBump('kb_statements update', () => sql`update kb_statements set withdrawn = withdrawn`.execute(db))
    await expectBump('kb_kev delete', () => sql`delete from kb_kev where cve_id = 'CVE-2023-4863'`.execute(db))
    await expectBump('kb_epss truncate', () => sql`truncate kb_epss`.execute(db))
    await expectSame('kb_package_keys and kb_imports (search keys, import progress) do not change matching', async () => {
      await sql`delete from kb_package_keys where package_key = 'none'`.execute(db)
      await sql`update kb_imports set error = error`.execute(db)
    })
  })

  it('changes inside the writing transaction and not at all when it rolls back', async () => {
    const before = await kbRepository.generation(db)
    await expect(db.transaction().execute(async (trx) => {
      await sql`update kb_kev set origin = origin`.execute(trx)
      expect(await kbRepository.generation(trx)).not.toBe(before)
      if (engine === 'postgres') expect(await kbRepository.generation(db), 'another connection sees the committed value').toBe(before)
      throw new Error('roll back')
    })).rejects.toThrow('roll back')
    expect(await kbRepository.generation(db)).toBe(before)
    let inside = ''
    await db.transaction().execute(async (trx) => {
      await sql`update kb_kev set origin = origin`.execute(trx)
      await sql`update kb_epss set origin = origin`.execute(trx)
      inside = await kbRepository.generation(trx)
    })
    expect(await kbRepository.generation(db)).toBe(inside)
    expect(inside).not.toBe(before)
  })

  it('keeps the cached matching index while the generation is unchanged and rebuilds it after a write', async () => {
    const index = await currentMatchIndex(db)
    expect(await currentMatchIndex(db)).toBe(index)
    await sql`update kb_kev set origin = origin`.execute(db)
    expect(await currentMatchIndex(db)).not.toBe(index)
  })

  it('is seeded from the current state when an existing database migrates', async () => {
    const reseed = async () => {
      await sql`drop table kb_generation`.execute(db)
      await sql`drop function kb_generation_bump() cascade`.execute(db)
      await migrateKbGeneration(db as unknown as Kysely<unknown>)
      return kbRepository.generation(db)
    }
    expect(await reseed(), 'a knowledge base with data').toBe('1')
    await expectBump('triggers are back after the migration', () => sql`update kb_aliases set alias = alias`.execute(db))
    await sql`truncate kb_vulnerabilities, kb_aliases, kb_statements, kb_kev, kb_epss`.execute(db)
    expect(await reseed(), 'an empty knowledge base').toBe('0')
  })
})
