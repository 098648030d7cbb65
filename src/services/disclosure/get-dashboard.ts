import { programmeMetrics, utcDate, type CaseClock, type ClockPolicy, type ProgrammeMetrics } from '../../domain/disclosure/index.js'
import { disclosureRepository } from '../../store/repositories/disclosure.js'
import type { OrgContext, ServiceResult } from '../context.js'
import { programmeSettings } from './access.js'
import { caseSummary } from './case-view.js'

/** A clock that needs attention, with its case. */
export interface AttentionItem {
  readonly caseId: string
  readonly reference: string
  readonly title: string
  readonly clock: CaseClock
}

/** The programme dashboard: metrics, cases per state and the clocks that are breached or due soon. */
export interface DisclosureDashboard {
  readonly today: string
  readonly policy: ClockPolicy
  readonly metrics: ProgrammeMetrics
  readonly byState: Readonly<Record<string, number>>
  readonly attention: readonly AttentionItem[]
}

/** Computes the programme dashboard as of now. */
export async function getDisclosureDashboard(ctx: OrgContext, now = new Date()): Promise<ServiceResult<DisclosureDashboard>> {
  const [programme, rows] = await Promise.all([disclosureRepository.findProgramme(ctx.db, ctx.scope), disclosureRepository.listCases(ctx.db, ctx.scope)])
  const policy = programmeSettings(programme).clockPolicy
  const summaries = rows.map((row) => ({ row, summary: caseSummary(row, policy, now) }))
  const date = (d: Date | null) => (d ? utcDate(d) : undefined)
  const metrics = programmeMetrics(
    summaries.map(({ row, summary }) => ({
      receivedOn: utcDate(row.received_at),
      ...(date(row.acknowledged_at) ? { acknowledgedOn: date(row.acknowledged_at)! } : {}),
      ...(row.fix_released_on ? { fixedOn: row.fix_released_on } : {}),
      ...(date(row.published_at) ? { publishedOn: date(row.published_at)! } : {}),
      open: summary.state !== 'closed',
      clocks: summary.clocks,
    })),
    policy.holidays,
  )
  const byState: Record<string, number> = {}
  for (const { summary } of summaries) byState[summary.state] = (byState[summary.state] ?? 0) + 1
  const attention = summaries
    .flatMap(({ summary }) => summary.clocks.filter((c) => c.status === 'breached' || c.status === 'due_soon').map((clock) => ({ caseId: summary.id, reference: summary.reference, title: summary.title, clock })))
    .sort((a, b) => a.clock.dueOn.localeCompare(b.clock.dueOn))
  return { ok: true, value: { today: utcDate(now), policy, metrics, byState, attention } }
}
