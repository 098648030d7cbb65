import { Ajv } from 'ajv'
import type { ValidateFunction } from 'ajv'
import { fail, ok, problem } from '../result.js'
import type { Result } from '../result.js'
import { answerableIds, answerValues } from './catalogue.js'
import type { AnswerValue } from './catalogue.js'
import type { Mds2Document } from './document.js'

/** A question and the answers that satisfy a requirement. */
export interface AnswerCondition {
  readonly questionId: string
  readonly acceptable: readonly AnswerValue[]
}

/**
 * One hospital requirement: a question with its acceptable answers (or alternatives, any of which satisfies it), a
 * weight in the score, whether a failure disqualifies, and why the hospital asks.
 */
export interface Requirement extends AnswerCondition {
  readonly id: string
  readonly title: string
  readonly alternatives?: readonly AnswerCondition[]
  readonly weight: number
  readonly mandatory: boolean
  readonly rationale: string
}

/** A hospital's requirement profile for procurement. */
export interface RequirementProfile {
  readonly id: string
  readonly name: string
  readonly description: string
  readonly requirements: readonly Requirement[]
}

function requirement(
  id: string, title: string, questionId: string, weight: number, mandatory: boolean, rationale: string,
  extra: { acceptable?: readonly AnswerValue[]; alternatives?: readonly AnswerCondition[] } = {},
): Requirement {
  const base = { id, title, questionId, acceptable: extra.acceptable ?? ['Yes'], weight, mandatory, rationale }
  return extra.alternatives === undefined ? base : { ...base, alternatives: extra.alternatives }
}

/**
 * The default profile, built from public expectations of hospitals and regulators (FDA premarket guidance, JSP2,
 * common HDO questionnaires); editable: export it with `medsec mds2 profile`, change it, pass it back with --profile.
 */
export const defaultProfile: RequirementProfile = {
  id: 'medsec-default-2019',
  name: 'medsec default hospital profile',
  description: 'Baseline expectations of a hospital buying a networked imaging device; a starting point to edit, not a standard.',
  requirements: [
    requirement('unique-user-accounts', 'Unique user accounts', 'PAUT-1', 3, true, 'Shared logins defeat accountability and audit; unique IDs for every user and role, service included.'),
    requirement('unique-accounts-enforced', 'Authentication of unique accounts enforced', 'PAUT-1.1', 2, false, 'Supporting unique accounts is not enough if the device does not enforce them.'),
    requirement('changeable-passwords', 'All passwords can be changed', 'PAUT-5', 3, true, 'Fixed or hard-coded passwords are a recurring cause of medical device advisories.'),
    requirement('default-accounts-documented', 'Default accounts documented', 'PAUT-4', 2, false, 'The hospital must know every default and service account to manage it.'),
    requirement('external-authentication', 'Directory authentication (AD/LDAP)', 'PAUT-2', 1, false, 'Central account management lets the hospital revoke access when staff leave.'),
    requirement('role-based-privileges', 'Role-based privileges', 'AUTH-2', 2, false, 'Least privilege: users, administrators and service staff get different rights.'),
    requirement('automatic-logoff', 'Automatic logoff or session lock', 'ALOF-1', 2, false, 'Unattended consoles in clinical areas must lock.'),
    requirement('encrypted-transmission', 'Encrypted transmission of personal data', 'TXCF-2', 3, true, 'Patient data crossing the hospital network must be encrypted (HIPAA transmission security).'),
    requirement('tls-supported', 'TLS supported', 'CONN-7', 2, false, 'Standard transport security for DICOM, HL7 and web interfaces.'),
    requirement('malware-protection', 'Malware protection or allow-listing', 'MLDP-2', 3, true, 'The device must resist malware: anti-malware, application allow-listing, or documented compensating controls.', {
      alternatives: [
        { questionId: 'MLDP-4', acceptable: ['Yes'] },
        { questionId: 'MLDP-3', acceptable: ['Yes'] },
      ],
    }),
    requirement('vendor-validated-patching', 'Vendor assesses vulnerabilities and validates updates', 'CSUP-11', 3, true, 'Patches must be validated by the manufacturer and released in a defined process (FDA postmarket guidance).'),
    requirement('update-approval-status', 'Customers told the approval status of updates', 'CSUP-11.1', 2, false, 'The hospital needs to know which OS and third-party patches are approved.'),
    requirement('update-notification', 'Customers notified of approved updates', 'CSUP-7', 2, false, 'Approved updates are useless if nobody hears of them.'),
    requirement('audit-logging', 'Audit logging of events', 'AUDT-2', 3, true, 'Security events must be recorded to investigate incidents.'),
    requirement('audit-login-events', 'Failed logins logged', 'AUDT-2.2', 1, false, 'Failed logins reveal password guessing.'),
    requirement('audit-export-siem', 'Audit export to a SIEM (IHE ATNA)', 'AUDT-5.2', 1, false, 'Logs are only useful when they reach the hospital SOC.'),
    requirement('time-synchronisation', 'Time synchronised by NTP', 'AUDT-4.1.1', 1, false, 'Log correlation needs synchronised clocks.'),
    requirement('sbom-available', 'SBOM available', 'SBOM-1', 3, false, 'A software bill of materials lets the hospital track vulnerabilities in components (FDA section 524B).'),
    requirement('sbom-maintained', 'SBOM kept up to date', 'SBOM-4', 2, false, 'An SBOM must follow the software as it is updated.'),
    requirement('vulnerability-disclosure', 'Coordinated vulnerability disclosure', 'DOC-8', 2, false, 'A manufacturer without a disclosure program cannot be told of flaws.'),
    requirement('support-dates-published', 'Software support dates published', 'RDMP-3', 2, false, 'The hospital plans replacement around the end of security support.'),
    requirement('component-end-of-life-plan', 'Plan for third-party end-of-life', 'RDMP-4', 2, false, 'Operating systems reach end of life long before imaging devices do.'),
    requirement('ports-documented', 'Network ports and protocols listed', 'CONN-2', 2, false, 'Needed for firewall rules and network segmentation.'),
    requirement('unused-services-disabled', 'Unneeded services disabled', 'SAHD-9', 2, false, 'Hardening removes attack surface such as telnet and FTP.'),
    requirement('unused-ports-disabled', 'Unneeded ports and protocols disabled', 'SAHD-8', 2, false, 'Hardening removes attack surface.'),
    requirement('signed-updates', 'Updates verified as manufacturer-authorised', 'SAHD-3.2', 2, false, 'Unsigned updates let an attacker install code.'),
    requirement('encryption-at-rest', 'Data at rest can be encrypted', 'STCF-1', 2, false, 'Protects patient data on stolen or disposed disks.'),
    requirement('security-documentation', 'Security documentation for the operator', 'SGUD-1', 2, false, 'The hospital needs the manufacturer’s security guidance to operate the device safely.'),
    requirement('remote-session-indicator', 'Indicator of an active remote session', 'RMOT-1.2', 1, false, 'Staff should see when a vendor is connected.', { acceptable: ['Yes', 'N/A'] }),
    requirement('multi-factor-authentication', 'Multi-factor authentication', 'PAUT-8', 1, false, 'Strong authentication for privileged and remote access.'),
  ],
}

const conditionSchema = {
  type: 'object',
  required: ['questionId', 'acceptable'],
  properties: {
    questionId: { type: 'string' },
    acceptable: { type: 'array', minItems: 1, uniqueItems: true, items: { enum: [...answerValues] } },
  },
} as const

/** The JSON schema (draft-07) of a requirement profile. */
export const requirementProfileSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'urn:medsec:schema:mds2-requirement-profile',
  type: 'object',
  required: ['id', 'name', 'requirements'],
  additionalProperties: false,
  properties: {
    id: { type: 'string', minLength: 1 },
    name: { type: 'string', minLength: 1 },
    description: { type: 'string' },
    requirements: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['id', 'questionId', 'acceptable', 'weight', 'mandatory'],
        additionalProperties: false,
        properties: {
          ...conditionSchema.properties,
          id: { type: 'string', minLength: 1 },
          title: { type: 'string' },
          alternatives: { type: 'array', items: { ...conditionSchema, additionalProperties: false } },
          weight: { type: 'number', minimum: 0, maximum: 1000 },
          mandatory: { type: 'boolean' },
          rationale: { type: 'string' },
        },
      },
    },
  },
} as const

let compiledProfile: ValidateFunction | undefined

/** Reads a parsed JSON value as a requirement profile; fails with `mds2_profile_invalid` or `mds2_profile_unknown_question`. */
export function parseProfile(value: unknown): Result<RequirementProfile> {
  compiledProfile ??= new Ajv({ allErrors: true, strict: true }).compile(requirementProfileSchema)
  if (!compiledProfile(value)) {
    const details = (compiledProfile.errors ?? []).slice(0, 20).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`.trim())
    return fail(problem('mds2_profile_invalid', `not a requirement profile: ${details.join('; ')}`, details))
  }
  const input = value as { id: string; name: string; description?: string; requirements: (Omit<Requirement, 'title' | 'rationale'> & { title?: string; rationale?: string })[] }
  const seen = new Set<string>()
  for (const r of input.requirements) {
    if (seen.has(r.id)) return fail(problem('mds2_profile_duplicate_requirement', `requirement id '${r.id}' appears twice`))
    seen.add(r.id)
    for (const c of [r, ...(r.alternatives ?? [])]) {
      if (!answerableIds.has(c.questionId)) return fail(problem('mds2_profile_unknown_question', `requirement '${r.id}' names '${c.questionId}', which is not an answerable MDS2 question`))
    }
  }
  return ok({
    id: input.id,
    name: input.name,
    description: input.description ?? '',
    requirements: input.requirements.map((r) => ({ ...r, title: r.title ?? r.id, rationale: r.rationale ?? '' })),
  })
}

/** Whether a vendor's answers satisfy a requirement. */
export type RequirementStatus = 'met' | 'unmet' | 'unknown'

/** The outcome of one requirement for one document, with the answers that decided it. */
export interface RequirementResult {
  readonly requirementId: string
  readonly status: RequirementStatus
  readonly evidence: readonly { readonly questionId: string; readonly answer: AnswerValue | null; readonly note: string }[]
}

/** A document held against a profile: per requirement, a weighted score, and whether every mandatory one is met. */
export interface ProfileEvaluation {
  readonly results: readonly RequirementResult[]
  readonly met: number
  readonly unmet: number
  readonly unknown: number
  /** Weight of met requirements over the total weight, 0 to 100, one decimal. */
  readonly score: number
  readonly mandatoryUnmet: readonly string[]
  readonly mandatoryUnknown: readonly string[]
  readonly passes: boolean
}

/**
 * Holds a document against a profile. A requirement is met when its question or an alternative has an acceptable
 * answer; unknown when no condition is met and some is unanswered or "See Notes" (a note needs a human); unmet otherwise.
 */
export function evaluateProfile(profile: RequirementProfile, doc: Mds2Document): ProfileEvaluation {
  const results: RequirementResult[] = profile.requirements.map((r) => {
    const conditions = [r, ...(r.alternatives ?? [])]
    const evidence = conditions.map((c) => ({ questionId: c.questionId, answer: doc.answers[c.questionId]?.answer ?? null, note: doc.answers[c.questionId]?.note ?? '' }))
    const isMet = conditions.some((c, i) => {
      const answer = evidence[i]?.answer
      return answer != null && c.acceptable.includes(answer)
    })
    const isUnknown = evidence.some((e) => e.answer === null || e.answer === 'See Notes')
    return { requirementId: r.id, status: isMet ? 'met' : isUnknown ? 'unknown' : 'unmet', evidence }
  })
  const byId = new Map(profile.requirements.map((r) => [r.id, r]))
  const totalWeight = profile.requirements.reduce((sum, r) => sum + r.weight, 0)
  const metWeight = results.filter((r) => r.status === 'met').reduce((sum, r) => sum + (byId.get(r.requirementId)?.weight ?? 0), 0)
  const mandatoryWith = (status: RequirementStatus) => results.filter((r) => r.status === status && byId.get(r.requirementId)?.mandatory).map((r) => r.requirementId)
  const mandatoryUnmet = mandatoryWith('unmet')
  return {
    results,
    met: results.filter((r) => r.status === 'met').length,
    unmet: results.filter((r) => r.status === 'unmet').length,
    unknown: results.filter((r) => r.status === 'unknown').length,
    score: totalWeight === 0 ? 0 : Math.round((metWeight * 1000) / totalWeight) / 10,
    mandatoryUnmet,
    mandatoryUnknown: mandatoryWith('unknown'),
    passes: mandatoryUnmet.length === 0,
  }
}

/** One vendor's document to compare, under a label such as the vendor and model. */
export interface VendorDocument {
  readonly label: string
  readonly document: Mds2Document
}

/** The side-by-side procurement comparison: one row per requirement, one column per vendor. */
export interface ProcurementComparison {
  readonly profile: { readonly id: string; readonly name: string }
  readonly vendors: readonly ({ readonly label: string } & Omit<ProfileEvaluation, 'results'>)[]
  readonly rows: readonly { readonly requirement: Requirement; readonly cells: readonly RequirementResult[] }[]
  /** Vendor labels, those passing every mandatory requirement first, then by score. */
  readonly ranking: readonly string[]
}

/** Holds one or more vendors' documents against a profile and lays the results side by side. */
export function compareVendors(profile: RequirementProfile, vendors: readonly VendorDocument[]): ProcurementComparison {
  const evaluations = vendors.map((v) => ({ label: v.label, evaluation: evaluateProfile(profile, v.document) }))
  const rows = profile.requirements.map((requirement, index) => ({
    requirement,
    cells: evaluations.map((e) => e.evaluation.results[index] ?? { requirementId: requirement.id, status: 'unknown' as const, evidence: [] }),
  }))
  const summaries = evaluations.map(({ label, evaluation: { results: _results, ...summary } }) => ({ label, ...summary }))
  const ranking = [...summaries].sort((a, b) => Number(b.passes) - Number(a.passes) || b.score - a.score).map((s) => s.label)
  return { profile: { id: profile.id, name: profile.name }, vendors: summaries, rows, ranking }
}
