import { capitalPlan, endOfSupportCliff, type CapitalPlan, type EndOfSupportCliff } from '../../domain/lifecycle/capital-plan.js'
import { tlpMarking } from '../../domain/sharing/marking.js'
import type { OrgContext, ServiceResult } from '../context.js'
import { INVENTORY_TLP } from './device-view.js'
import { cachedFleetAssessment, type FleetAssessment } from './fleet-assessment.js'
import { derivedOf } from './generation-cache.js'
import { writePlanCsv, writePlanPdf, writePlanXlsx } from './plan-files.js'

/** The support-life plan: per year the devices to upgrade or replace with their cost, the cliff, and the unsupported-in-use window. */
export interface LifecyclePlan {
  readonly plan: CapitalPlan
  readonly cliff: EndOfSupportCliff
  readonly window: {
    /** Devices whose support has ended while they are still in clinical use. */
    readonly unsupportedInUse: number
    /** Devices that will run unsupported before their clinical end of life (now or later). */
    readonly withWindow: number
    readonly endOfSupportDeclared: number
    readonly endOfSupportDerived: number
    readonly endOfSupportUnknown: number
  }
}

/** Builds the organization's support-life plan (any member). */
export async function lifecyclePlan(ctx: OrgContext, today?: string): Promise<ServiceResult<LifecyclePlan>> {
  const assessment = await cachedFleetAssessment(ctx, { withRisk: false, today })
  return { ok: true, value: derivedOf(assessment, 'plan', () => planOf(assessment)) }
}

function planOf(assessment: FleetAssessment): LifecyclePlan {
  const inUse = assessment.devices.filter((a) => a.device.status !== 'retired')
  const planDevices = inUse.map((a) => ({
    id: a.device.id,
    assetTag: a.device.asset_tag,
    modality: a.device.modality,
    manufacturer: a.device.manufacturer,
    model: a.device.model,
    softwareVersion: a.device.software_version,
    status: a.device.status,
    clinicalEndOfLife: a.device.clinical_end_of_life,
    endOfSupport: a.endOfSupport,
    upgradeAvailable: a.upgradeAvailable,
    replacementCost: a.device.replacement_cost,
  }))
  const basis = (kind: string) => inUse.filter((a) => a.endOfSupport.kind === kind).length
  return {
    plan: capitalPlan(planDevices, assessment.today),
    cliff: endOfSupportCliff(planDevices),
    window: {
      unsupportedInUse: inUse.filter((a) => a.window.kind === 'window' && a.window.current).length,
      withWindow: inUse.filter((a) => a.window.kind === 'window').length,
      endOfSupportDeclared: basis('declared'),
      endOfSupportDerived: basis('derived'),
      endOfSupportUnknown: basis('unknown'),
    },
  }
}

/** The plan's export formats. */
export const PLAN_FORMATS = ['csv', 'xlsx', 'pdf'] as const

/** A plan export format. */
export type PlanFormat = (typeof PLAN_FORMATS)[number]

const CONTENT_TYPES: Readonly<Record<PlanFormat, string>> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
}

/** The plan as a file to download, labelled with the inventory's TLP. */
export async function exportLifecyclePlan(ctx: OrgContext, format: PlanFormat, today?: string): Promise<ServiceResult<{ filename: string; contentType: string; tlp: string; bytes: Uint8Array }>> {
  const built = await lifecyclePlan(ctx, today)
  if (!built.ok) return built
  const { plan, cliff } = built.value
  const title = `${ctx.org.name}: security support life and capital plan`
  const marking = tlpMarking(INVENTORY_TLP).label
  const bytes = format === 'csv' ? writePlanCsv(plan) : format === 'xlsx' ? await writePlanXlsx(plan, cliff, title) : await writePlanPdf(plan, cliff, title, marking)
  return { ok: true, value: { filename: `${ctx.org.slug}-lifecycle-plan-${plan.today}.${format}`, contentType: CONTENT_TYPES[format], tlp: marking, bytes } }
}
