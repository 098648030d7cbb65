import type { Kysely } from 'kysely'
import { formatIsoDate, parseIsoDate } from '../../domain/risk/calendar.js'
import type { Database } from '../../store/schema.js'
import { deviceRepository } from '../../store/repositories/devices.js'
import { fleetRiskRepository } from '../../store/repositories/fleet-risk.js'
import { systemContext } from '../system-admin.js'
import { acceptRisk } from './accept-risk.js'
import { createRiskEntry } from './create-risk-entry.js'
import { today } from './get-device.js'
import { addRiskControl } from './risk-controls.js'
import { setPatchStatus } from './set-patch-status.js'
import { updateDevice } from './update-device.js'
import { updateRiskEntry } from './update-risk-entry.js'

/**
 * The risk and capital-plan part of the demo: replacement costs and clinical end of life for some devices, patch
 * statuses, and three register entries with compensating controls, one accepted until shortly (it alerts) and one
 * accepted for most of a year. Idempotent (nothing is done when the hospital's register has entries); through the services.
 */
export async function seedFleetRiskDemo(db: Kysely<Database>): Promise<void> {
  const hospital = await systemContext(db, 'st-example-hospital')
  if (!hospital.ok) return
  const ctx = hospital.value
  if ((await fleetRiskRepository.listEntries(db, ctx.scope, { includeClosed: true })).length > 0) return
  const idOf = async (assetTag: string) => (await deviceRepository.findByAssetTag(db, ctx.scope, assetTag))?.id
  const edits: readonly [string, Record<string, string>][] = [
    ['SEH-001', { replacementCost: '1250000' }],
    ['SEH-025', { replacementCost: '1250000' }],
    ['SEH-004', { replacementCost: '18000' }],
    ['SEH-005', { replacementCost: '18000' }],
    ['SEH-006', { replacementCost: '18000' }],
    ['SEH-007', { replacementCost: '2400000', clinicalEndOfLife: '2030-12-31' }],
    ['SEH-013', { replacementCost: '450000', clinicalEndOfLife: '2028-09-30' }],
    ['SEH-014', { replacementCost: '85000', clinicalEndOfLife: '2027-06-30' }],
    ['SEH-020', { clinicalEndOfLife: '2032-03-31' }],
  ]
  for (const [tag, edit] of edits) {
    const id = await idOf(tag)
    if (id) await updateDevice(ctx, id, edit)
  }
  for (const [tag, status, note] of [
    ['SEH-001', 'update_available', 'Acme CT 5000 3.2 released; upgrade to be scheduled with the vendor'],
    ['SEH-004', 'not_patchable', 'PACS Viewer 7.4 is past security end of support'],
    ['SEH-002', 'current', null],
    ['SEH-003', 'update_pending', 'vendor visit booked'],
  ] as const) {
    const id = await idOf(tag)
    if (id) await setPatchStatus(ctx, id, { status, note })
  }
  const day = parseIsoDate(today())
  const inDays = (n: number) => (day.ok ? formatIsoDate(day.value + n) : today())

  const pacs = await createRiskEntry(ctx, {
    title: 'PACS viewers past security end of support',
    description: 'Acme PACS Viewer 7.4 receives no security updates since 2025-12-31; replacement is budgeted for next year.',
    group: { model: 'Acme PACS Viewer', softwareVersion: '7.4' },
    likelihood: 'high',
    impact: 'moderate',
    residualLikelihood: 'low',
  })
  if (pacs.ok) {
    await addRiskControl(ctx, pacs.value.id, { kind: 'segmentation', description: 'Reading-room VLAN 120; only PACS and the reporting server are reachable' })
    await addRiskControl(ctx, pacs.value.id, { kind: 'monitoring', description: 'IDS alerts on DICOM and SMB traffic to and from the viewers' })
    await acceptRisk(ctx, pacs.value.id, { owner: 'Head of Radiology', expires: inDays(20), rationale: 'Segmented and monitored until the replacement is installed' })
  }
  const ct = await idOf('SEH-001')
  if (ct) {
    const entry = await createRiskEntry(ctx, { title: 'CT console on an unsupported software version until the 3.2 upgrade', deviceId: ct, likelihood: 'moderate', impact: 'very-high', residualLikelihood: 'low' })
    if (entry.ok) {
      await addRiskControl(ctx, entry.value.id, { kind: 'allow_listing', description: 'Application allow-listing on the console; USB ports locked' })
      await updateRiskEntry(ctx, entry.value.id, { status: 'mitigating' })
    }
  }
  const us = await createRiskEntry(ctx, { title: 'Ultrasound units with wireless networking', group: { modality: 'US' }, likelihood: 'moderate', impact: 'low' })
  if (us.ok) {
    await addRiskControl(ctx, us.value.id, { kind: 'service_disabled', description: 'Wi-Fi disabled during the last vendor service visit' })
    await acceptRisk(ctx, us.value.id, { owner: 'Biomedical Engineering Manager', expires: inDays(300), rationale: 'Low impact; wired DICOM only' })
  }
}
