// Public API of the risk domain: FDA postmarket determination and case lifecycle, NIST SP 800-30 and FIPS 199.
export type {
  Exploitability, ExploitabilitySource, FdaDetermination, FdaDeterminationInput, FdaObligation, FdaRiskMatrix, PatientHarm, Report806, RiskControl,
} from './fda.js'
export {
  defaultFdaMatrix, determineFdaRisk, exploitabilityFromCvss, exploitabilityLevels, parseExploitability, parsePatientHarm, patientHarmLevels, patientHarmMeaning,
} from './fda.js'
export type { PostmarketCase, PostmarketCommand, PostmarketEvent, PostmarketState } from './postmarket-case.js'
export { newPostmarketCase, postmarketTransitions, transitionPostmarketCase } from './postmarket-case.js'
export type { Sp80030Level } from './sp800-30.js'
export {
  parseSp80030Level, sp80030ImpactMeaning, sp80030LevelOfValue, sp80030Levels, sp80030LikelihoodMatrix, sp80030OverallLikelihood, sp80030Risk,
  sp80030RiskMatrix, sp80030SemiQuantitative,
} from './sp800-30.js'
export type { Fips199ConfidentialityImpact, Fips199Impact, Fips199InformationType, Fips199SystemCategory } from './fips199.js'
export { fips199Categorise, fips199ImpactMeaning, fips199Max } from './fips199.js'
export { formatIsoDate, parseIsoDate } from './calendar.js'
