// The MDS2 (ANSI/NEMA HN 1-2019) domain: catalogue, document model, consistency rules, completeness, diff,
// reference mapping, requirement profiles and procurement comparison. Pure: no I/O.
export {
  answerableIds, answerableQuestions, answerValues, catalogueSource, descendantsOf, formVersion, headerFieldById,
  headerFields, questionById, questions, questionsBySection, sectionByCode, sections,
} from './catalogue.js'
export type { AnswerType, AnswerValue, CatalogueQuestion, CatalogueSection, CatalogueSource, HeaderField } from './catalogue.js'
export { canonicalDocument, emptyDocument, emptyHeader, isAnswerValue, parseAnswer, withAnswer } from './document.js'
export type { Mds2Answer, Mds2Document, Mds2Header, ParsedAnswer } from './document.js'
export type { Mds2Import, UnmappedItem } from './import-result.js'
export { applyCascade, mds2Rules, validate } from './rules.js'
export type { CascadeOutcome, CascadeRule, Mds2Issue, Mds2Rule, NoteRule, PlausibilityRule } from './rules.js'
export { mds2DocumentSchema, parseMds2Json, questionIdPattern } from './schema.js'
export { completeness } from './completeness.js'
export type { Completeness, SectionCompleteness } from './completeness.js'
export { diff } from './diff.js'
export type { Mds2Change, Mds2Diff } from './diff.js'
export { iecCapabilities, sectionMappingByCode, sectionMappings } from './mapping.js'
export type { MappingSource, SectionMapping } from './mapping.js'
export { compareVendors, defaultProfile, evaluateProfile, parseProfile, requirementProfileSchema } from './profiles.js'
export type {
  AnswerCondition, ProcurementComparison, ProfileEvaluation, Requirement, RequirementProfile, RequirementResult,
  RequirementStatus, VendorDocument,
} from './profiles.js'
export { interpretGrid, readQuestionId } from './grid-import.js'
export { sampleDocument } from './sample.js'
export type { GridSheet } from './grid-import.js'
export { applyCascadeRemembering, forgetCascade, restorableGates, restoreCascade } from './cascade-memory.js'
export type { CascadeMemory, RememberedCascade, RestorableGate } from './cascade-memory.js'
export { acceptSuggestion, suggestFromSbom, suggestionCarried } from './sbom-suggestions.js'
export type { Mds2Suggestion, SbomSource } from './sbom-suggestions.js'
