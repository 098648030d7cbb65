// Public API of the VEX domain: one normalised model, read from and written to CycloneDX, OpenVEX and CSAF VEX.
import type { Result } from '../result.js'
import { fail, problem } from '../result.js'
import { parseCsafVex, serializeCsafVex } from './csaf-vex.js'
import { parseCycloneDxVex, serializeCycloneDxVex } from './cyclonedx.js'
import type { VexDocument, VexFormat } from './model.js'
import { parseOpenVex, serializeOpenVex } from './openvex.js'

export type {
  CycloneDxJustification,
  CycloneDxState,
  VexDocument,
  VexFormat,
  VexJustification,
  VexProduct,
  VexResponse,
  VexStatement,
  VexStatus,
  VexVersionStatus,
  VexVulnerability,
} from './model.js'
export { withDocumentDefaults, cyclonedxJustifications, justificationFromCycloneDx, justificationToCycloneDx, vexJustifications } from './model.js'
export { parseCsafVex, serializeCsafVex } from './csaf-vex.js'
export type { CsafVexOptions } from './csaf-vex.js'
export { parseCycloneDxVex, serializeCycloneDxVex } from './cyclonedx.js'
export type { CycloneDxVexOptions } from './cyclonedx.js'
export { openVexContext, parseOpenVex, serializeOpenVex } from './openvex.js'

/** Recognises the VEX format of a parsed JSON document; undefined when it is none of the three. */
export function detectVexFormat(input: unknown): VexFormat | undefined {
  if (typeof input !== 'object' || input === null) return undefined
  const record = input as Record<string, unknown>
  if (record.bomFormat === 'CycloneDX') return 'cyclonedx'
  if (typeof record['@context'] === 'string' && record['@context'].startsWith('https://openvex.dev/ns')) return 'openvex'
  if (typeof record.document === 'object' && record.document !== null && 'csaf_version' in record.document) return 'csaf'
  return undefined
}

/** Parses a VEX document of any of the three formats. */
export function parseVex(input: unknown): Result<VexDocument> {
  const format = detectVexFormat(input)
  if (format === 'cyclonedx') return parseCycloneDxVex(input)
  if (format === 'openvex') return parseOpenVex(input)
  if (format === 'csaf') return parseCsafVex(input)
  return fail(problem('vex_format_unknown', 'the document is neither CycloneDX, OpenVEX nor CSAF'))
}

/** Serializes the model in the given format. */
export function serializeVex(document: VexDocument, format: VexFormat): Record<string, unknown> {
  if (format === 'cyclonedx') return serializeCycloneDxVex(document)
  if (format === 'openvex') return serializeOpenVex(document)
  return serializeCsafVex(document)
}
