// Public API of the disclosure domain: the ISO/IEC 30111 case workflow, business-day clocks and programme metrics,
// security.txt (RFC 9116) generation and validation, and attachment rules.
export type { CaseClock, CaseDates, ClockId, ClockPolicy, ClockStatus } from './clocks.js'
export {
  addBusinessDays, addBusinessDaysTo, addCalendarDays, businessDaysBetween, businessDaysBetweenDays, caseClocks, defaultClockPolicy, holidaySet, isWeekend, utcDate,
  validateClockPolicy,
} from './clocks.js'
export type { DisclosureCaseState, DisclosureCommand, DisclosureState, DisclosureTransition, TriageOutcome } from './workflow.js'
export {
  availableCommands, disclosureCommandKinds, disclosureStateLabels, disclosureStates, disclosureTransitions, isDisclosureState, transitionDisclosureCase, triageOutcomeLabels,
  triageOutcomes,
} from './workflow.js'
export type { CaseForMetrics, DurationStats, ProgrammeMetrics } from './metrics.js'
export { durationStats, programmeMetrics } from './metrics.js'
export type { SecurityTxtFields, SecurityTxtIssue, SecurityTxtReport, SecurityTxtValidationOptions } from './security-txt.js'
export { parseRfc3339, renderSecurityTxt, securityTxtExpires, validateSecurityTxt } from './security-txt.js'
export type { AttachmentType, CheckedAttachment } from './attachments.js'
export { attachmentTypes, checkAttachment, looksLikeArmoredPgpMessage, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS, safeFilename } from './attachments.js'
export type { RateLimit } from './rate-window.js'
export { fixedWindow, waitAfterHit } from './rate-window.js'
export type { ReporterMail, ReporterMailCase } from './reporter-mail.js'
export { acknowledgementMail, maskEmail, messageMail, statusMail } from './reporter-mail.js'
