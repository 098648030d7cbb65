import type { Kysely } from 'kysely'
import type { OrganizationKind } from '../../domain/tenancy/tenancy.js'
import type { Database } from '../../store/schema.js'
import { deviceRepository, type DeviceInput } from '../../store/repositories/devices.js'
import { organizationRepository } from '../../store/repositories/organizations.js'
import { userRepository } from '../../store/repositories/users.js'
import { fleetGenerationRepository } from '../../store/repositories/fleet-generation.js'
import { auditFrom, auditedWrite } from '../context.js'
import { createProduct } from '../products/create-product.js'
import { seedMds2Demo } from './seed-mds2.js'
import { seedScoringDemo } from './seed-scoring.js'
import { seedSbomDemo } from './seed-sbom.js'
import { seedSharingDemo } from '../sharing/seed-sharing.js'
import { seedAdvisoriesDemo } from '../advisories/seed-advisories.js'
import { createUserInOrganization, ensureOrganization, systemContext } from '../system-admin.js'
import { seedFleetDemo } from '../fleet/seed-fleet-demo.js'
import { seedFleetRiskDemo } from '../fleet/seed-fleet-risk-demo.js'
import { seedAffectedDemo } from '../affected/seed-affected-demo.js'

/** The password of every demo account (documented in the README; change it on any shared instance). */
export const DEMO_PASSWORD = 'medsec-demo-2026'

/** A demo account: log in with its e-mail and {@link DEMO_PASSWORD}. */
export interface DemoLogin {
  readonly email: string
  readonly organization: string
  readonly role: 'admin' | 'analyst'
}

const ORGS: readonly { slug: string; name: string; kind: OrganizationKind; domain: string }[] = [
  { slug: 'acme-imaging', name: 'Acme Imaging', kind: 'manufacturer', domain: 'acme-imaging.example' },
  { slug: 'st-example-hospital', name: 'St. Example Hospital', kind: 'hdo', domain: 'st-example.example' },
  { slug: 'open-device-research', name: 'Open Device Security Research', kind: 'researcher', domain: 'odsr.example' },
  { slug: 'device-regulator', name: 'Medical Device Regulator (demo)', kind: 'regulator', domain: 'regulator.example' },
]

/** Every demo login, for the start-up banner and the README. */
export const DEMO_LOGINS: readonly DemoLogin[] = ORGS.flatMap((o) => [
  { email: `admin@${o.domain}`, organization: o.name, role: 'admin' as const },
  { email: `analyst@${o.domain}`, organization: o.name, role: 'analyst' as const },
])

type Modality = 'CT' | 'MR' | 'CR' | 'DX' | 'MG' | 'US' | 'NM' | 'PT' | 'XA' | 'RF' | 'OT'

// 25 devices of a mid-size hospital: model, software version, modality, where, how critical.
const FLEET: readonly [string, string, string, Modality, string, string][] = [
  ['Acme Imaging', 'Acme CT 5000', '3.1', 'CT', 'Radiology CT Room 1', 'high'],
  ['Acme Imaging', 'Acme CT 5000', '3.2', 'CT', 'Radiology CT Room 2', 'high'],
  ['Acme Imaging', 'Acme CT 5000', '3.2', 'CT', 'Emergency CT', 'high'],
  ['Acme Imaging', 'Acme PACS Viewer', '7.4', 'OT', 'Radiology Reading Room A', 'medium'],
  ['Acme Imaging', 'Acme PACS Viewer', '7.4', 'OT', 'Radiology Reading Room B', 'medium'],
  ['Acme Imaging', 'Acme PACS Viewer', '7.4', 'OT', 'Cardiology Office', 'low'],
  ['Northwind Medical', 'MagnaScan 3T', 'VE11', 'MR', 'MRI Suite 1', 'high'],
  ['Northwind Medical', 'MagnaScan 1.5T', 'VE11', 'MR', 'MRI Suite 2', 'high'],
  ['Contoso Health', 'RadiView DR', '5.0.2', 'DX', 'Radiology X-ray 1', 'medium'],
  ['Contoso Health', 'RadiView DR', '5.0.2', 'DX', 'Radiology X-ray 2', 'medium'],
  ['Contoso Health', 'RadiView Mobile', '4.8', 'DX', 'ICU', 'high'],
  ['Contoso Health', 'CR Reader 200', '2.3', 'CR', 'Orthopaedics', 'low'],
  ['Fabrikam Imaging', 'MammoPro 3D', '1.9', 'MG', 'Breast Imaging', 'medium'],
  ['Fabrikam Imaging', 'SonoLite 8', '8.1.0', 'US', 'Obstetrics', 'medium'],
  ['Fabrikam Imaging', 'SonoLite 8', '8.1.0', 'US', 'Emergency', 'high'],
  ['Fabrikam Imaging', 'SonoLite 8', '8.0.4', 'US', 'Cardiology Echo Lab', 'medium'],
  ['Fabrikam Imaging', 'SonoPort', '2.2', 'US', 'Anaesthesia', 'medium'],
  ['Northwind Medical', 'GammaCam NX', '6.4', 'NM', 'Nuclear Medicine', 'medium'],
  ['Northwind Medical', 'PETView 600', '3.0', 'PT', 'Nuclear Medicine', 'high'],
  ['Contoso Health', 'AngioStar', '11.2', 'XA', 'Cath Lab 1', 'high'],
  ['Contoso Health', 'AngioStar', '11.2', 'XA', 'Cath Lab 2', 'high'],
  ['Contoso Health', 'FluoroMax', '7.1', 'RF', 'Radiology Fluoroscopy', 'medium'],
  ['Northwind Medical', 'DoseWatch Server', '2.0', 'OT', 'Data Centre', 'medium'],
  ['Fabrikam Imaging', 'MammoPro 3D', '1.9', 'MG', 'Outpatient Screening', 'medium'],
  ['Acme Imaging', 'Acme CT 5000', '3.1', 'CT', 'Outpatient Imaging Centre', 'high'],
]

function demoDevices(): DeviceInput[] {
  return FLEET.map(([manufacturer, model, version, modality, location, criticality], i) => {
    const n = String(i + 1).padStart(3, '0')
    return {
      asset_tag: `SEH-${n}`,
      serial_number: `${manufacturer.slice(0, 2).toUpperCase()}${(734100 + i * 37).toString()}`,
      manufacturer,
      model,
      software_version: version,
      modality,
      location,
      ip_address: `10.20.${modality === 'OT' ? 30 : 40}.${10 + i}`,
      hostname: `${modality.toLowerCase()}-${n}.imaging.st-example.example`,
      ae_title: `${modality}${n}`.slice(0, 16),
      criticality,
      stores_phi: modality !== 'OT' || model.includes('PACS'),
      status: 'in_service',
      tlp: 'AMBER+STRICT',
    }
  })
}

/** What seeding did. */
export interface SeedReport {
  readonly seeded: boolean
  readonly logins: readonly DemoLogin[]
}

/**
 * Seeds the demo once: four organizations, two logins each, Acme's products and the hospital's 25 devices.
 * A database that already holds the demo manufacturer is left as it is.
 */
export async function seedDemo(db: Kysely<Database>): Promise<SeedReport> {
  if (await organizationRepository.findBySlug(db, 'acme-imaging')) return { seeded: false, logins: DEMO_LOGINS }
  for (const org of ORGS) {
    await ensureOrganization(db, org)
    for (const role of ['admin', 'analyst'] as const) {
      const email = `${role}@${org.domain}`
      if (await userRepository.findByEmail(db, email)) continue
      const created = await createUserInOrganization(db, {
        email,
        name: `${org.name} ${role === 'admin' ? 'Admin' : 'Analyst'}`,
        password: DEMO_PASSWORD,
        orgSlug: org.slug,
        role,
      })
      if (!created.ok) throw new Error(created.error.message)
    }
  }
  const acme = await systemContext(db, 'acme-imaging')
  if (!acme.ok) throw new Error(acme.error.message)
  await createProduct(acme.value, { name: 'Acme CT 5000', modelNumber: 'ACT-5000', udiDi: '00812345000012', tlp: 'GREEN', versions: ['3.1', '3.2'] })
  await createProduct(acme.value, { name: 'Acme PACS Viewer', modelNumber: 'APV-7', udiDi: '00812345000029', tlp: 'GREEN', versions: ['7.4'] })
  const hospital = await systemContext(db, 'st-example-hospital')
  if (!hospital.ok) throw new Error(hospital.error.message)
  const ctx = hospital.value
  await auditedWrite(db, async (trx) => {
    await fleetGenerationRepository.lockHospital(trx, ctx.scope)
    const written = await deviceRepository.upsertMany(trx, ctx.scope, demoDevices())
    return { ok: true, value: { value: written, audit: auditFrom(ctx, { action: 'device.import', targetType: 'device', targetId: null, details: { source: 'demo seed', devices: written } }) } }
  })
  await seedMds2Demo(db)
  await seedScoringDemo(db)
  await seedSbomDemo(db)
  await seedSharingDemo(db)
  await seedFleetDemo(db)
  await seedAdvisoriesDemo(db)
  await seedAffectedDemo(db)
  await seedFleetRiskDemo(db)
  return { seeded: true, logins: DEMO_LOGINS }
}
