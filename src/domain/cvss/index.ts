// Public API of the CVSS domain: metric definitions as data, parsing, scoring, severities and the MITRE rubric.
export type { CvssMetricDefinition, CvssMetricGroup, CvssMetricValue, CvssVersion, CvssVersionDefinition } from './metrics.js'
export { cvss2Definition, cvss30Definition, cvss31Definition, cvss40Definition, cvssDefinitions } from './metrics.js'
export type { CvssSeverity } from './severity.js'
export { severityFor, severityOf, severityOfV2 } from './severity.js'
export type { CvssAllScores, CvssScore, CvssVector } from './score.js'
export { parseCvssVector, scoreCvssAllGroups, scoreCvssAllGroupsInto, scoreCvssVector } from './score.js'
export type { RubricAnswer, RubricMetric, RubricMetricRationale, RubricMetricRule, RubricOption, RubricOutcome, RubricQuestion, RubricResult, RubricStep } from './rubric.js'
export { applyRubric, rubricMetricRules, rubricQuestions } from './rubric.js'
