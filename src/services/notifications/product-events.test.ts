import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { OpenDatabase } from '../../store/database.js'
import { scopeFor } from '../../store/scope.js'
import { openTestDatabase, testEngines } from '../../../test/support/database.js'
import { seedDemo } from '../demo/seed-demo.js'
import { createProduct } from '../products/create-product.js'
import { systemContext } from '../system-admin.js'
import { emitNewFindings, emitProductArtifactEvent, type ProductArtifactEvent } from './product-events.js'

describe.each(testEngines)('product events reach exactly who may read the artifact, on %s', (engine) => {
  let database: OpenDatabase
  let acmeId: string
  let ct5000: { id: string; versionId: string }

  beforeAll(async () => {
    database = await openTestDatabase(engine)
    await seedDemo(database.db)
    const acme = await database.db.selectFrom('organizations').select('id').where('slug', '=', 'acme-imaging').executeTakeFirstOrThrow()
    acmeId = acme.id
    const product = await database.db.selectFrom('products').select('id').where('org_id', '=', acmeId).where('name', '=', 'Acme CT 5000').executeTakeFirstOrThrow()
    const version = await database.db.selectFrom('product_versions').select('id').where('product_id', '=', product.id).where('version', '=', '3.2').executeTakeFirstOrThrow()
    ct5000 = { id: product.id, versionId: version.id }
  }, 120_000)
  afterAll(() => database?.close())

  /** Notifications per organization slug for one event type whose title contains a marker. */
  async function received(type: string, marker: string): Promise<Record<string, number>> {
    const rows = await database.db
      .selectFrom('notifications as n')
      .innerJoin('organizations as o', 'o.id', 'n.org_id')
      .select(['o.slug'])
      .where('n.event_type', '=', type)
      .where('n.title', 'like', `%${marker}%`)
      .execute()
    const counts: Record<string, number> = {}
    for (const r of rows) counts[r.slug] = (counts[r.slug] ?? 0) + 1
    return counts
  }

  const emit = (event: Omit<ProductArtifactEvent, 'type' | 'kind'> & Partial<Pick<ProductArtifactEvent, 'type' | 'kind'>>) =>
    database.db.transaction().execute((trx) => emitProductArtifactEvent(trx, scopeFor(acmeId), { type: 'product.vex_changed', kind: 'vex', ...event }))

  it('told the hospital of the seeded advisory for a product its relationship covers, and nobody unrelated', async () => {
    const counts = await received('product.advisory_published', 'ACME-SA-2026-001')
    expect(counts['st-example-hospital']).toBeGreaterThan(0)
    expect(counts['acme-imaging']).toBeGreaterThan(0)
    expect(Object.keys(counts).sort()).toEqual(['acme-imaging', 'st-example-hospital'])
  })

  it('follows the label: GREEN and AMBER reach the covered hospital, RED without named users only the manufacturer', async () => {
    await emit({ productId: ct5000.id, artifactId: ct5000.versionId, tlp: 'AMBER', title: 'marker-amber' })
    await emit({ productId: ct5000.id, artifactId: ct5000.versionId, tlp: 'RED', title: 'marker-red' })
    expect(Object.keys(await received('product.vex_changed', 'marker-amber')).sort()).toEqual(['acme-imaging', 'st-example-hospital'])
    expect(Object.keys(await received('product.vex_changed', 'marker-red'))).toEqual(['acme-imaging'])
  })

  it('keeps a product outside the relationship to the manufacturer, and new findings to its own members', async () => {
    const acme = await systemContext(database.db, 'acme-imaging')
    if (!acme.ok) throw new Error(acme.error.message)
    const created = await createProduct(acme.value, { name: `Acme MR 9 ${engine}`, tlp: 'GREEN', versions: ['1.0'] })
    if (!created.ok) throw new Error(created.error.message)
    await emit({ productId: created.value.id, artifactId: created.value.id, tlp: 'GREEN', kind: 'sbom', type: 'product.sbom_published', title: 'marker-out-of-scope' })
    expect(Object.keys(await received('product.sbom_published', 'marker-out-of-scope'))).toEqual(['acme-imaging'])

    await database.db.transaction().execute((trx) => emitNewFindings(trx, scopeFor(acmeId), ct5000.versionId, 3))
    await database.db.transaction().execute((trx) => emitNewFindings(trx, scopeFor(acmeId), ct5000.versionId, 0))
    const findings = await received('product.finding_new', '3 new vulnerability findings')
    expect(Object.keys(findings)).toEqual(['acme-imaging'])
    expect(Object.keys(await received('product.finding_new', '0 new'))).toEqual([])
  })
})
