import { matchesGroup, parseGroupFilter, type GroupFilter } from '../../domain/risk/risk-register.js'
import { fleetRiskRepository } from '../../store/repositories/fleet-risk.js'
import type { OrgContext, ServiceResult } from '../context.js'
import { today as todayOf } from './get-device.js'
import { riskEntryView, type RiskEntryView } from './risk-entry-view.js'

/** The register with a summary of where acceptances stand. */
export interface RiskRegister {
  readonly today: string
  readonly entries: readonly RiskEntryView[]
  readonly summary: { readonly open: number; readonly mitigating: number; readonly accepted: number; readonly expiring: number; readonly expired: number; readonly closed: number }
}

/** The organization's risk register (any member); closed entries only with `includeClosed`. */
export async function listRiskRegister(ctx: OrgContext, options: { includeClosed?: boolean; deviceId?: string; today?: string } = {}): Promise<ServiceResult<RiskRegister>> {
  const today = options.today ?? todayOf()
  const [rows, devices] = await Promise.all([fleetRiskRepository.listEntries(ctx.db, ctx.scope, { includeClosed: options.includeClosed ?? false }), fleetRiskRepository.deviceFacts(ctx.db, ctx.scope)])
  const controls = await fleetRiskRepository.activeControls(ctx.db, ctx.scope, rows.map((r) => r.id))
  const tags = new Map(devices.map((d) => [d.id, d.asset_tag]))
  const candidates = devices.map((d) => ({ id: d.id, modality: d.modality, manufacturer: d.manufacturer, model: d.model, softwareVersion: d.software_version, department: d.department, location: d.location }))
  const groupMembers = (filter: GroupFilter) => candidates.filter((c) => matchesGroup(filter, c))
  const target = options.deviceId ? candidates.find((c) => c.id === options.deviceId) : undefined
  const covers = (groupFilter: unknown): boolean => {
    const filter = parseGroupFilter(groupFilter)
    return filter.ok && target !== undefined && matchesGroup(filter.value, target)
  }
  const selected = options.deviceId ? rows.filter((r) => r.device_id === options.deviceId || (r.scope_kind === 'group' && covers(r.group_filter))) : rows
  const entries = selected.map((row) => riskEntryView(row, controls, today, { assetTagOf: (id) => tags.get(id) ?? null, groupSize: (f) => groupMembers(f).length }))
  const count = (predicate: (e: RiskEntryView) => boolean) => entries.filter(predicate).length
  return {
    ok: true,
    value: {
      today,
      entries,
      summary: {
        open: count((e) => e.status === 'open'),
        mitigating: count((e) => e.status === 'mitigating'),
        accepted: count((e) => e.status === 'accepted'),
        expiring: count((e) => e.acceptance.state.kind === 'expiring'),
        expired: count((e) => e.acceptance.state.kind === 'expired'),
        closed: count((e) => e.status === 'closed'),
      },
    },
  }
}
