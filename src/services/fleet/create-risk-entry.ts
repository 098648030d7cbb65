import { checkRegisterFields, parseGroupFilter, type GroupFilter, type RegisterEntryInput } from '../../domain/risk/risk-register.js'
import { fleetRiskRepository } from '../../store/repositories/fleet-risk.js'
import { fleetGenerationRepository } from '../../store/repositories/fleet-generation.js'
import { auditFrom, auditedWrite, requireRole, serviceError, type OrgContext, type ServiceResult } from '../context.js'
import { today } from './get-device.js'
import { riskEntryView, type RiskEntryView } from './risk-entry-view.js'

/** A new register entry: about one device or a group of devices. */
export interface NewRiskEntryInput extends RegisterEntryInput {
  readonly deviceId?: unknown
  readonly group?: unknown
}

/** Adds an entry to the risk register (analyst+), about one device of the organization or a group of its devices. */
export async function createRiskEntry(ctx: OrgContext, input: NewRiskEntryInput): Promise<ServiceResult<RiskEntryView>> {
  const allowed = requireRole(ctx, 'analyst')
  if (!allowed.ok) return allowed
  const fields = checkRegisterFields(input, true)
  if (!fields.ok) return serviceError('validation_failed', fields.error.message, { code: fields.error.code })
  if ((input.deviceId === undefined || input.deviceId === null) === (input.group === undefined || input.group === null)) {
    return serviceError('validation_failed', 'name either one device (deviceId) or a group of devices (group)', { code: 'risk_scope_invalid' })
  }
  let group: GroupFilter | null = null
  let deviceId: string | null = null
  let assetTag: string | null = null
  if (input.group !== undefined && input.group !== null) {
    const parsed = parseGroupFilter(input.group)
    if (!parsed.ok) return serviceError('validation_failed', parsed.error.message, { code: parsed.error.code })
    group = parsed.value
  } else {
    const device = typeof input.deviceId === 'string' ? await fleetRiskRepository.deviceFact(ctx.db, ctx.scope, input.deviceId) : undefined
    if (!device) return serviceError('not_found', 'no such device')
    deviceId = device.id
    assetTag = device.asset_tag
  }
  const f = fields.value
  return auditedWrite(ctx.db, async (trx) => {
    await fleetGenerationRepository.lockHospital(trx, ctx.scope)
    const row = await fleetRiskRepository.createEntry(trx, ctx.scope, {
      title: f.title!,
      description: f.description ?? null,
      scope_kind: group ? 'group' : 'device',
      device_id: deviceId,
      group_filter: group,
      likelihood: f.likelihood!,
      impact: f.impact!,
      residual_likelihood: f.residualLikelihood ?? null,
      created_by_label: ctx.actor.label,
    })
    const view = riskEntryView(row, [], today(), { assetTagOf: () => assetTag, groupSize: () => 0 })
    return {
      ok: true,
      value: {
        value: view,
        audit: auditFrom(ctx, { action: 'fleet.risk_entry_create', targetType: 'fleet_risk_entry', targetId: row.id, details: { title: row.title, deviceId, group, likelihood: row.likelihood, impact: row.impact, risk: view.risk.inherent } }),
      },
    }
  })
}
