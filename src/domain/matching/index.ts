// Public API of the matching engine: a pure in-memory index over knowledge-base statements, and component matching.
export type { Confidence, CpeFinding, Finding, FindingComponent, FindingEnrichment, MatchComponent, MatchGuard, MatchReport, MatchStats, ProductFinding, PurlFinding } from './model.js'
export { buildMatchIndex, cpeKey, productKeys } from './build-index.js'
export type { IndexedStatement, MatchIndex, MatchIndexInput } from './build-index.js'
export { matchComponents } from './match.js'
