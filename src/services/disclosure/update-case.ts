import { scoreCvssVector } from '../../domain/cvss/index.js'
import { determineFdaRisk, exploitabilityFromCvss, type Exploitability, type ExploitabilitySource, type PatientHarm } from '../../domain/risk/index.js'
import { parseIsoDate } from '../../domain/risk/calendar.js'
import { utcDate } from '../../domain/disclosure/index.js'
import { disclosureRepository, isUuid, type DisclosureCasePatch } from '../../store/repositories/disclosure.js'
import { disclosureLinkRepository } from '../../store/repositories/disclosure-links.js'
import { disclosureThreadRepository } from '../../store/repositories/disclosure-threads.js'
import { auditFrom, auditedWrite, requireRole, serviceError, type OrgContext, type ServiceResult } from '../context.js'
import { cvesOf, type CaseDetail, type CveRecord } from './case-view.js'
import { getCase } from './get-case.js'

/** The inputs of an FDA postmarket determination on a case; exploitability defaults to the case's CVSS score. */
export interface CaseFdaInput {
  readonly exploitability?: Exploitability
  readonly exploitabilitySource?: ExploitabilitySource
  readonly harm: PatientHarm
  readonly essentialPerformanceImpact: boolean
  readonly date?: string
  readonly seriousAdverseEvents?: boolean
  readonly pmaDevice?: boolean
}

/** The assessment and records of a case; each field given is changed, null clears it. */
export interface CaseUpdateInput {
  readonly cvssVector?: string | null
  readonly fda?: CaseFdaInput | null
  readonly cves?: readonly CveRecord[]
  /** The ids of the manufacturer's own findings the case is about (replaces the linked set). */
  readonly findingIds?: readonly string[]
  /** The ids of the manufacturer's own advisories for the case (replaces the linked set). */
  readonly advisoryIds?: readonly string[]
  readonly creditWanted?: boolean
  readonly creditName?: string | null
  readonly fixReleasedOn?: string | null
  readonly customersNotifiedOn?: string | null
}

interface Change {
  readonly kind: string
  readonly summary: string
  readonly visibleToReporter: boolean
}

const idList = (values: readonly string[]): string[] => [...new Set(values.map((v) => v.trim().toLowerCase()).filter((v) => v !== ''))]
const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x))

/** Records severity (CVSS), the FDA determination, CVE ids, finding and advisory references, credit and dates. */
export async function updateCase(ctx: OrgContext, caseId: string, input: CaseUpdateInput, now = new Date()): Promise<ServiceResult<CaseDetail>> {
  const allowed = requireRole(ctx, 'analyst')
  if (!allowed.ok) return allowed
  const written = await auditedWrite(ctx.db, async (trx) => {
    const row = await disclosureRepository.findCase(trx, ctx.scope, caseId)
    if (!row) return serviceError('not_found', 'no such case')
    const patch: DisclosureCasePatch = { updated_at: now }
    const changes: Change[] = []
    let score = row.cvss_score === null ? null : Number(row.cvss_score)
    if (input.cvssVector !== undefined) {
      if (input.cvssVector === null || input.cvssVector.trim() === '') {
        Object.assign(patch, { cvss_vector: null, cvss_score: null, cvss_severity: null })
        score = null
        if (row.cvss_vector !== null) changes.push({ kind: 'severity', summary: 'Severity assessment removed.', visibleToReporter: true })
      } else {
        const scored = scoreCvssVector(input.cvssVector.trim())
        if (!scored.ok) return serviceError('validation_failed', scored.error.message, { code: scored.error.code })
        Object.assign(patch, { cvss_vector: scored.value.vector, cvss_score: scored.value.score, cvss_severity: scored.value.severity })
        score = scored.value.score
        if (scored.value.vector !== row.cvss_vector) changes.push({ kind: 'severity', summary: `Severity assessed: CVSS ${scored.value.version} ${scored.value.score} (${scored.value.severity}).`, visibleToReporter: true })
      }
    }
    if (input.fda !== undefined) {
      if (input.fda === null) {
        patch.fda_determination = null
        changes.push({ kind: 'fda_determination', summary: 'FDA postmarket determination removed.', visibleToReporter: false })
      } else {
        const exploitability = input.fda.exploitability ?? (score === null ? undefined : exploitabilityFromCvss(score))
        if (!exploitability) return serviceError('validation_failed', 'give the exploitability, or assess CVSS first so that it can be derived')
        const determined = determineFdaRisk({
          exploitability,
          exploitabilitySource: input.fda.exploitabilitySource ?? (input.fda.exploitability ? 'analyst' : 'cvss'),
          harm: input.fda.harm,
          essentialPerformanceImpact: input.fda.essentialPerformanceImpact,
          date: input.fda.date ?? utcDate(now),
          seriousAdverseEvents: input.fda.seriousAdverseEvents ?? false,
          pmaDevice: input.fda.pmaDevice ?? false,
        })
        if (!determined.ok) return serviceError('validation_failed', determined.error.message, { code: determined.error.code })
        patch.fda_determination = JSON.stringify(determined.value)
        changes.push({ kind: 'fda_determination', summary: `FDA postmarket determination: ${determined.value.risk} risk (${determined.value.rationale})`, visibleToReporter: false })
      }
    }
    if (input.cves !== undefined) {
      const bad = input.cves.find((c) => !/^CVE-\d{4}-\d{4,}$/.test(c.id) || (c.status !== 'reserved' && c.status !== 'published'))
      if (bad) return serviceError('validation_failed', `${bad.id} is not a CVE id (CVE-YYYY-NNNN) with status reserved or published`)
      const unique = [...new Map(input.cves.map((c) => [c.id, { id: c.id, status: c.status }])).values()]
      const before = new Map(cvesOf(row).map((c) => [c.id, c.status]))
      patch.cve_ids = JSON.stringify(unique)
      for (const c of unique) if (before.get(c.id) !== c.status) changes.push({ kind: 'cve', summary: `${c.id} ${c.status === 'reserved' ? 'reserved' : 'published'}.`, visibleToReporter: true })
    }
    // Links name only this organization's findings and advisories; another's id reads as unknown, never as forbidden.
    let findingIds: string[] | undefined
    if (input.findingIds !== undefined) {
      const wanted = idList(input.findingIds)
      const own = await disclosureLinkRepository.ownFindingIds(trx, ctx.scope, wanted.filter(isUuid))
      const unknown = wanted.filter((id) => !own.has(id))
      if (unknown.length > 0) return serviceError('validation_failed', `not findings of ${ctx.org.name}: ${unknown.join(', ')}`, { code: 'disclosure_unknown_finding', ids: unknown })
      if (!sameSet(wanted, await disclosureLinkRepository.findingIds(trx, ctx.scope, row.id))) {
        findingIds = wanted
        changes.push({ kind: 'findings', summary: `Linked findings: ${wanted.length}.`, visibleToReporter: false })
      }
    }
    let advisories: Map<string, string> | undefined
    if (input.advisoryIds !== undefined) {
      const wanted = idList(input.advisoryIds)
      const own = await disclosureLinkRepository.ownAdvisories(trx, ctx.scope, wanted.filter(isUuid))
      const unknown = wanted.filter((id) => !own.has(id))
      if (unknown.length > 0) return serviceError('validation_failed', `not advisories of ${ctx.org.name}: ${unknown.join(', ')}`, { code: 'disclosure_unknown_advisory', ids: unknown })
      if (!sameSet(wanted, await disclosureLinkRepository.advisoryIds(trx, ctx.scope, row.id))) {
        advisories = new Map(wanted.map((id) => [id, own.get(id)!]))
        changes.push({ kind: 'advisories', summary: `Advisories: ${[...advisories.values()].join(', ') || 'none'}.`, visibleToReporter: true })
      }
    }
    if (input.creditWanted !== undefined || input.creditName !== undefined) {
      const wanted = input.creditWanted ?? row.credit_wanted
      const creditName = wanted ? (input.creditName === undefined ? row.credit_name : input.creditName?.trim() || null) : null
      if (wanted !== row.credit_wanted || creditName !== row.credit_name) {
        Object.assign(patch, { credit_wanted: wanted, credit_name: creditName })
        changes.push({ kind: 'credit', summary: wanted ? `Credit: ${creditName ?? 'anonymous'}.` : 'No public credit.', visibleToReporter: true })
      }
    }
    for (const [field, column, label, visible] of [
      ['fixReleasedOn', 'fix_released_on', 'Fix released', true],
      ['customersNotifiedOn', 'customers_notified_on', 'Customers notified', false],
    ] as const) {
      const value = input[field]
      if (value === undefined) continue
      if (value !== null && !parseIsoDate(value).ok) return serviceError('validation_failed', `${field} must be a date YYYY-MM-DD`)
      if (value === row[column]) continue
      patch[column] = value
      changes.push({ kind: field, summary: value ? `${label} on ${value}.` : `${label} date cleared.`, visibleToReporter: visible })
    }
    if (changes.length === 0) return serviceError('validation_failed', 'nothing changed')
    await disclosureRepository.updateCase(trx, ctx.scope, row.id, patch)
    if (findingIds) await disclosureLinkRepository.setFindings(trx, ctx.scope, row.id, findingIds, now)
    if (advisories) await disclosureLinkRepository.setAdvisories(trx, ctx.scope, row.id, advisories, now)
    for (const change of changes) {
      await disclosureThreadRepository.addEvent(trx, ctx.scope, row.id, { kind: change.kind, summary: change.summary, visibleToReporter: change.visibleToReporter, actorLabel: ctx.actor.label }, now)
    }
    const { updated_at: _updatedAt, ...changed } = patch
    const links = { ...(findingIds ? { findingIds } : {}), ...(advisories ? { advisoryIds: [...advisories.keys()] } : {}) }
    return { ok: true, value: { value: row.id, audit: auditFrom(ctx, { action: 'disclosure.case_update', targetType: 'disclosure_case', targetId: row.id, details: { reference: row.reference, changed, ...links } }) } }
  })
  return written.ok ? getCase(ctx, written.value, now) : written
}
