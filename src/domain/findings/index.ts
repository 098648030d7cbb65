// Findings of product versions and their triage: effective decisions by scope, and the VEX mapping of decisions.
export type { DecisionContent, DecisionInput, DecisionProblem, DecisionScope, EffectiveDecision, FindingAddress, FindingIdentity, GroupedFinding, TriageDecision, TriageState } from './model.js'
export { checkDecision, componentKeyOf, decisionScopeKinds, effectiveDecision, groupFindings, packageIdOf, scopeKey, triageResponses, triageStates } from './model.js'
export type { ExportedFinding } from './vex.js'
export { decisionFromStatement, exportStatements, vexStatusOf } from './vex.js'
