// The MITRE "Rubric for Applying CVSS to Medical Devices" (Chase & Christey Coley, 2019; FDA-qualified MDDT) as
// data: yes/no questions per CVSS base metric, each answer leading to another question or to a metric value, with
// the reason recorded. Question IDs follow the published rubric; the wording here is our own summary (domain brief
// §4) and should be checked against the MITRE PDF before claiming conformance.
import { fail, ok, problem, type Result } from '../result.js'
import { scoreCvssVector, type CvssScore } from './score.js'

/** An answer to a rubric question; "unknown" follows the more severe branch, as the rubric advises. */
export type RubricAnswer = 'yes' | 'no' | 'unknown'

/** The CVSS v3.1 base metrics the rubric decides. */
export type RubricMetric = 'AV' | 'AC' | 'PR' | 'UI' | 'S' | 'C' | 'I' | 'A'

/** Where an answer leads: the next question, or a metric value. */
export type RubricOutcome = { readonly kind: 'question'; readonly id: string } | { readonly kind: 'value'; readonly value: string }

/** One way to answer a question, with where it leads and why. */
export interface RubricOption {
  readonly answer: 'yes' | 'no'
  readonly outcome: RubricOutcome
  readonly rationale: string
}

/** One yes/no question of the rubric. */
export interface RubricQuestion {
  readonly id: string
  readonly metric: RubricMetric
  readonly text: string
  readonly options: readonly [RubricOption, RubricOption]
  /** The answer an "unknown" is treated as: the branch towards the more severe value. */
  readonly unknownMeans: 'yes' | 'no'
}

/** How a metric is decided: a decision tree from a first question, or the highest value over impact categories. */
export type RubricMetricRule =
  | { readonly kind: 'tree'; readonly metric: RubricMetric; readonly name: string; readonly first: string }
  | { readonly kind: 'max-of-categories'; readonly metric: RubricMetric; readonly name: string; readonly categories: readonly string[] }

const yes = (outcome: RubricOutcome, rationale: string): RubricOption => ({ answer: 'yes', outcome, rationale })
const no = (outcome: RubricOutcome, rationale: string): RubricOption => ({ answer: 'no', outcome, rationale })
const to = (id: string): RubricOutcome => ({ kind: 'question', id })
const value = (code: string): RubricOutcome => ({ kind: 'value', value: code })

const impactWords = { C: 'read or disclose', I: 'modify or delete', A: 'make unavailable' } as const
const impactNames = { C: 'confidentiality', I: 'integrity', A: 'availability' } as const

function impactQuestions(metric: 'C' | 'I' | 'A'): RubricQuestion[] {
  const verb = impactWords[metric]
  const loss = impactNames[metric]
  const category = (suffix: string, what: string): RubricQuestion => ({
    id: `X${metric}${suffix}`,
    metric,
    text: `Can the attacker ${verb} ${what}?`,
    options: [
      yes(value('H'), `Loss of ${loss} of ${what} is clinically relevant, so the impact is High.`),
      no(value('N'), `No loss of ${loss} of ${what}.`),
    ],
    unknownMeans: 'yes',
  })
  const phi: RubricQuestion = metric === 'C'
    ? {
      id: 'XCP',
      metric,
      text: 'Can the attacker read or disclose protected health information (PHI) or other personal data?',
      options: [yes(to('XCPM'), 'Personal data can be disclosed; the scale decides the impact.'), no(value('N'), 'No personal data can be disclosed.')],
      unknownMeans: 'yes',
    }
    : category('P', 'protected health information (PHI) or other personal data')
  const questions = [
    phi,
    category('D', 'data or functions used for diagnosis or patient monitoring'),
    category('T', 'data or functions used to deliver therapy'),
    category('W', 'data or functions of the clinical workflow'),
    category('S', 'private system data such as passwords or private keys'),
    category('O', 'any other critical or sensitive data or function'),
  ]
  if (metric === 'C') {
    questions.push({
      id: 'XCPM',
      metric,
      text: 'Could the disclosed personal data cover many patients (e.g. 500 or more, enough to trigger breach notification)?',
      options: [
        yes(value('H'), 'A disclosure at this scale triggers breach notification, so the impact is High.'),
        no(value('L'), 'A disclosure of few records is a limited loss, so the impact is Low.'),
      ],
      unknownMeans: 'yes',
    })
  }
  return questions
}

/** Every rubric question, in the order a questionnaire asks them. */
export const rubricQuestions: readonly RubricQuestion[] = [
  {
    id: 'XAVN', metric: 'AV', text: 'Can the attacker exploit the vulnerability through a network or other communication protocol?',
    options: [yes(to('XAVT'), 'The attack uses a communication channel.'), no(to('XAVP'), 'The attack needs no communication channel.')],
    unknownMeans: 'yes',
  },
  {
    id: 'XAVT', metric: 'AV', text: 'Does the attack use OSI layer 3 or 4 protocols (IP, TCP, UDP)?',
    options: [yes(value('N'), 'Routable protocols let the attacker be anywhere on the network: Network.'), no(to('XAVW'), 'The protocol is not routable.')],
    unknownMeans: 'yes',
  },
  {
    id: 'XAVW', metric: 'AV', text: 'Is the communication over a wireless channel?',
    options: [yes(to('XAVR'), 'Wireless: the radio range decides.'), no(value('A'), 'A non-routable wired link (e.g. a proprietary bus) needs adjacency: Adjacent.')],
    unknownMeans: 'yes',
  },
  {
    id: 'XAVR', metric: 'AV', text: 'Is the wireless range about 10 feet (3 m) or less?',
    options: [yes(value('L'), 'A very short range is treated like local access: Local.'), no(value('A'), 'A longer radio range is a shared proximity: Adjacent.')],
    unknownMeans: 'no',
  },
  {
    id: 'XAVP', metric: 'AV', text: 'Must the attacker physically touch or manipulate the device?',
    options: [yes(value('P'), 'Physical contact is needed: Physical.'), no(value('L'), 'Local access without physical contact: Local.')],
    unknownMeans: 'no',
  },
  {
    id: 'XACL', metric: 'AC', text: 'Can the attacker exploit the vulnerability at will, without special circumstances, configurations or other vulnerabilities?',
    options: [yes(value('L'), 'Repeatable at will: Low complexity.'), no(value('H'), 'Depends on conditions beyond the attacker\'s control: High complexity.')],
    unknownMeans: 'yes',
  },
  {
    id: 'XPRL', metric: 'PR', text: 'Does the vulnerable component use an authorisation model with several users, roles or privilege levels?',
    options: [yes(to('XPRZ'), 'There is an authorisation model.'), no(value('N'), 'Without an authorisation model no privileges are needed: None.')],
    unknownMeans: 'no',
  },
  {
    id: 'XPRZ', metric: 'PR', text: 'Must the attacker be authorised to the vulnerable component before exploiting it?',
    options: [yes(to('XPRS'), 'Authorisation is needed; its level decides.'), no(value('N'), 'No authorisation is needed: None.')],
    unknownMeans: 'no',
  },
  {
    id: 'XPRS', metric: 'PR', text: 'Are administrator, maintainer or other system-level privileges needed?',
    options: [yes(value('H'), 'Administrative privileges are needed: High.'), no(value('L'), 'Ordinary user privileges suffice: Low.')],
    unknownMeans: 'no',
  },
  {
    id: 'XUI', metric: 'UI', text: 'Must another user (e.g. a clinician or the patient) take some action for the attack to succeed?',
    options: [yes(value('R'), 'Another user must act: Required.'), no(value('N'), 'No other user takes part: None.')],
    unknownMeans: 'no',
  },
  {
    id: 'XS', metric: 'S', text: 'Can the attacker affect a component under a different security authority than the vulnerable one?',
    options: [yes(value('C'), 'The impact crosses an authorisation boundary: Changed.'), no(value('U'), 'The impact stays within the vulnerable component: Unchanged.')],
    unknownMeans: 'yes',
  },
  ...impactQuestions('C'),
  ...impactQuestions('I'),
  ...impactQuestions('A'),
]

const categoryIds = (metric: 'C' | 'I' | 'A'): readonly string[] => ['P', 'D', 'T', 'W', 'S', 'O'].map((s) => `X${metric}${s}`)

/** How each base metric is decided, in vector order. */
export const rubricMetricRules: readonly RubricMetricRule[] = [
  { kind: 'tree', metric: 'AV', name: 'Attack Vector', first: 'XAVN' },
  { kind: 'tree', metric: 'AC', name: 'Attack Complexity', first: 'XACL' },
  { kind: 'tree', metric: 'PR', name: 'Privileges Required', first: 'XPRL' },
  { kind: 'tree', metric: 'UI', name: 'User Interaction', first: 'XUI' },
  { kind: 'tree', metric: 'S', name: 'Scope', first: 'XS' },
  { kind: 'max-of-categories', metric: 'C', name: 'Confidentiality', categories: categoryIds('C') },
  { kind: 'max-of-categories', metric: 'I', name: 'Integrity', categories: categoryIds('I') },
  { kind: 'max-of-categories', metric: 'A', name: 'Availability', categories: categoryIds('A') },
]

/** One answered step on the way to a metric value. */
export interface RubricStep {
  readonly question: string
  readonly answer: RubricAnswer
  readonly rationale: string
}

/** Why a metric got its value (or which questions it still needs). */
export interface RubricMetricRationale {
  readonly metric: RubricMetric
  /** The decided value, or undefined while questions are missing. */
  readonly value?: string
  readonly steps: readonly RubricStep[]
  readonly summary: string
}

/** The outcome of a (possibly partial) questionnaire. */
export interface RubricResult {
  /** True when every metric is decided. */
  readonly complete: boolean
  /** The CVSS v3.1 base vector, once complete. */
  readonly vector?: string
  /** The score of the vector, once complete. */
  readonly score?: CvssScore
  readonly rationale: readonly RubricMetricRationale[]
  /** Questions still to answer (only those that can change the result), in questionnaire order. */
  readonly missing: readonly string[]
}

const questionById: ReadonlyMap<string, RubricQuestion> = new Map(rubricQuestions.map((q) => [q.id, q]))
const impactRank: Readonly<Record<string, number>> = { N: 0, L: 1, H: 2 }

/** Walks one question: the answer's option, with "unknown" following the more severe branch. */
function answerOf(question: RubricQuestion, answer: RubricAnswer): { option: RubricOption; step: RubricStep } {
  const chosen = answer === 'unknown' ? question.unknownMeans : answer
  const option = question.options[0].answer === chosen ? question.options[0] : question.options[1]
  const note = answer === 'unknown' ? ' (answered unknown: the more severe branch is assumed)' : ''
  return { option, step: { question: question.id, answer, rationale: option.rationale + note } }
}

/** Follows a chain of questions from `first` until a value or an unanswered question. */
function walk(first: string, answers: Readonly<Record<string, RubricAnswer>>): { value?: string; steps: RubricStep[]; missing?: string } {
  const steps: RubricStep[] = []
  let id = first
  for (;;) {
    const question = questionById.get(id)!
    const answer = answers[id]
    if (answer === undefined) return { steps, missing: id }
    const { option, step } = answerOf(question, answer)
    steps.push(step)
    if (option.outcome.kind === 'value') return { value: option.outcome.value, steps }
    id = option.outcome.id
  }
}

function decide(rule: RubricMetricRule, answers: Readonly<Record<string, RubricAnswer>>): { rationale: RubricMetricRationale; missing: string[] } {
  if (rule.kind === 'tree') {
    const walked = walk(rule.first, answers)
    const summary = walked.value === undefined ? `${rule.name}: waiting for ${walked.missing}` : `${rule.name}: ${walked.value}`
    return { rationale: { metric: rule.metric, value: walked.value, steps: walked.steps, summary }, missing: walked.missing === undefined ? [] : [walked.missing] }
  }
  const steps: RubricStep[] = []
  const missing: string[] = []
  let best = -1
  let bestValue: string | undefined
  for (const category of rule.categories) {
    const walked = walk(category, answers)
    steps.push(...walked.steps)
    if (walked.missing !== undefined) missing.push(walked.missing)
    else if (impactRank[walked.value!]! > best) {
      best = impactRank[walked.value!]!
      bestValue = walked.value
    }
  }
  // The highest category decides: once one is High, the unanswered ones cannot change the value.
  const decided = best === 2 || missing.length === 0
  const finalValue = decided ? bestValue : undefined
  const summary = decided ? `${rule.name}: ${finalValue} (highest over the data and function categories)` : `${rule.name}: waiting for ${missing.join(', ')}`
  return { rationale: { metric: rule.metric, value: finalValue, steps, summary }, missing: decided ? [] : missing }
}

/**
 * Applies the rubric to answers keyed by question ID: returns the v3.1 base vector once every metric is decided,
 * a rationale per metric, and the questions still missing. Unknown question IDs or answers are errors.
 */
export function applyRubric(answers: Readonly<Record<string, unknown>>): Result<RubricResult> {
  const checked: Record<string, RubricAnswer> = {}
  for (const [id, answer] of Object.entries(answers)) {
    if (!questionById.has(id)) return fail(problem('rubric_unknown_question', `unknown rubric question ${JSON.stringify(id)}`, { question: id }))
    if (answer !== 'yes' && answer !== 'no' && answer !== 'unknown') {
      return fail(problem('rubric_invalid_answer', `answer to ${id} must be "yes", "no" or "unknown"`, { question: id }))
    }
    checked[id] = answer
  }
  const decided = rubricMetricRules.map((rule) => decide(rule, checked))
  const rationale = decided.map((d) => d.rationale)
  const missing = decided.flatMap((d) => d.missing)
  if (missing.length > 0) return ok({ complete: false, rationale, missing })
  const vector = 'CVSS:3.1/' + rationale.map((r) => `${r.metric}:${r.value}`).join('/')
  const scored = scoreCvssVector(vector)
  return ok({ complete: true, vector, score: scored.ok ? scored.value : undefined, rationale, missing })
}
