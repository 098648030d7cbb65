import { fail, ok, problem, type Result } from '../result.js'
import { normaliseCycloneDx } from './cyclonedx.js'
import { cycloneDxXmlToJson } from './cyclonedx-xml.js'
import { asObject, type JsonObject } from './json-access.js'
import type { Sbom } from './model.js'
import { semanticFindings } from './semantic.js'
import { readSpdxTagValue } from './spdx-tag-value.js'
import { normaliseSpdx2, spdx2Version } from './spdx2.js'
import { isSpdx3, normaliseSpdx3 } from './spdx3.js'
import { defaultXmlLimits, parseXml, type XmlLimits } from './xml.js'

/** A document kind the reader recognises, also accepted as a hint that skips detection. */
export type SbomDocumentKind = 'cyclonedx-json' | 'cyclonedx-xml' | 'spdx-json' | 'spdx-tag-value' | 'spdx3-jsonld'

/** A recognised document before normalisation: its kind and its content in JSON form (what schema checks read). */
export interface SbomDocument {
  readonly kind: SbomDocumentKind
  readonly data: JsonObject
  /** The decoded text, kept because XML is schema-checked on the text itself. */
  readonly text: string
}

/** Options for reading an SBOM. */
export interface ParseOptions {
  /** Skip detection and read the document as this kind. */
  readonly hint?: SbomDocumentKind
  /** Refuse inputs larger than this many bytes (characters for text input); default 100 MiB. */
  readonly maxBytes?: number
  readonly xmlLimits?: XmlLimits
}

/** The default size limit of an SBOM input. */
export const defaultMaxBytes = 100 * 1024 * 1024

const maxComponentNesting = 64

/** Decodes, detects and reads an SBOM into its JSON form; the first half of parseSbom, split out so services can schema-check in between. */
export function readSbomDocument(input: string | Uint8Array, options: ParseOptions = {}): Result<SbomDocument> {
  const maxBytes = options.maxBytes ?? defaultMaxBytes
  if (input.length > maxBytes) return fail(problem('sbom_too_large', `the input is ${input.length} bytes, above the limit of ${maxBytes}`, { size: input.length, limit: maxBytes }))
  const decoded = typeof input === 'string' ? ok(input) : decode(input)
  if (!decoded.ok) return decoded
  const text = decoded.value.charCodeAt(0) === 0xfeff ? decoded.value.slice(1) : decoded.value
  const kind = options.hint ?? detectKind(text)
  if (kind === undefined) return fail(problem('sbom_unknown_format', 'the content is not CycloneDX (JSON or XML), SPDX 2 (JSON or tag-value) or SPDX 3 (JSON-LD)'))
  if (typeof kind !== 'string') return fail(kind)
  switch (kind) {
    case 'cyclonedx-xml': {
      const root = parseXml(text, options.xmlLimits ?? defaultXmlLimits)
      if (!root.ok) return root
      const data = cycloneDxXmlToJson(root.value)
      return data.ok ? ok({ kind, data: data.value, text }) : data
    }
    case 'spdx-tag-value': {
      const data = readSpdxTagValue(text)
      return data.ok ? ok({ kind, data: data.value, text }) : data
    }
    default: {
      const data = parseJson(text)
      if (!data.ok) return data
      if (options.hint === undefined) {
        const jsonKind = detectJsonKind(data.value)
        if (jsonKind === undefined) return fail(problem('sbom_unknown_format', 'the JSON is neither CycloneDX (bomFormat), SPDX 2 (spdxVersion) nor SPDX 3 (@context and @graph)'))
        return ok({ kind: jsonKind, data: data.value, text })
      }
      return ok({ kind, data: data.value, text })
    }
  }
}

/** Normalises a read document into the model and adds the semantic findings as warnings. */
export function normaliseSbomDocument(document: SbomDocument): Result<Sbom> {
  if ((document.kind === 'cyclonedx-json' || document.kind === 'cyclonedx-xml') && componentsNestDeeperThan(document.data.components, maxComponentNesting)) {
    return fail(problem('sbom_too_deep', `components are nested deeper than ${maxComponentNesting}`))
  }
  const sbom =
    document.kind === 'cyclonedx-json'
      ? normaliseCycloneDx(document.data, 'json')
      : document.kind === 'cyclonedx-xml'
        ? normaliseCycloneDx(document.data, 'xml')
        : document.kind === 'spdx3-jsonld'
          ? normaliseSpdx3(document.data)
          : normaliseSpdx2(document.data, document.kind === 'spdx-json' ? 'json' : 'tag-value')
  if (!sbom.ok) return sbom
  return ok({ ...sbom.value, warnings: semanticFindings(sbom.value) })
}

/** Parses an SBOM (bytes or text, format detected from the content unless hinted) into the normalised model. */
export function parseSbom(input: string | Uint8Array, options: ParseOptions = {}): Result<Sbom> {
  const document = readSbomDocument(input, options)
  return document.ok ? normaliseSbomDocument(document.value) : document
}

function decode(bytes: Uint8Array): Result<string> {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return ok(new TextDecoder('utf-16le').decode(bytes.subarray(2)))
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return ok(new TextDecoder('utf-16be').decode(bytes.subarray(2)))
  // A NUL byte in the first block never occurs in UTF-8 text: the file is binary (an archive, an image...).
  if (bytes.subarray(0, 8192).includes(0)) return fail(problem('sbom_binary_content', 'the input is binary, not a text SBOM'))
  try {
    return ok(new TextDecoder('utf-8', { fatal: true }).decode(bytes))
  } catch {
    return fail(problem('sbom_invalid_encoding', 'the input is not valid UTF-8'))
  }
}

function detectKind(text: string): SbomDocumentKind | { code: string; message: string } | undefined {
  const start = /\S/.exec(text)
  if (start === null) return { code: 'sbom_empty', message: 'the input is empty' }
  const first = text[start.index]
  if (first === '{') return 'spdx-json' // refined from the parsed JSON
  if (first === '<') {
    if (/<(?:\w+:)?RDF[\s>]/.test(text.slice(0, 4096))) return { code: 'sbom_unsupported_encoding', message: 'SPDX RDF/XML is not supported; use SPDX JSON, tag-value or SPDX 3 JSON-LD' }
    if (/<(?:\w+:)?(?:Document|SpdxDocument)[\s>]/.test(text.slice(0, 4096)) && !/<(?:\w+:)?bom[\s>]/.test(text.slice(0, 4096))) {
      return { code: 'sbom_unsupported_encoding', message: 'SPDX XML is not supported; use SPDX JSON, tag-value or SPDX 3 JSON-LD' }
    }
    return 'cyclonedx-xml'
  }
  const head = text.slice(start.index, start.index + 4096)
  if (/^(?:#.*\r?\n|\s*\r?\n)*SPDXVersion:\s*SPDX-/.test(text.slice(start.index, start.index + 65536)) || /^SPDXVersion:\s*SPDX-/m.test(head)) return 'spdx-tag-value'
  if (/^\s*spdxVersion:\s*["']?SPDX-/m.test(head)) return { code: 'sbom_unsupported_encoding', message: 'SPDX YAML is not supported; use SPDX JSON, tag-value or SPDX 3 JSON-LD' }
  return undefined
}

function detectJsonKind(data: JsonObject): SbomDocumentKind | undefined {
  if (data.bomFormat === 'CycloneDX') return 'cyclonedx-json'
  if (spdx2Version(data.spdxVersion) !== undefined) return 'spdx-json'
  if (isSpdx3(data)) return 'spdx3-jsonld'
  return undefined
}

function parseJson(text: string): Result<JsonObject> {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    return fail(problem('sbom_json_malformed', `the JSON cannot be parsed: ${reason}`))
  }
  const object = asObject(parsed)
  return object === undefined ? fail(problem('sbom_json_malformed', 'the JSON document is not an object')) : ok(object)
}

// True when component arrays nest more than `levels` deep (the top-level list is level 1). The recursion stops at
// the limit, so it cannot overflow the stack; no frame objects are allocated for the (usually flat) list.
function componentsNestDeeperThan(components: unknown, levels: number): boolean {
  if (!Array.isArray(components)) return false
  if (levels < 1) return true
  for (const item of components) {
    const nested = asObject(item)?.components
    if (nested !== undefined && componentsNestDeeperThan(nested, levels - 1)) return true
  }
  return false
}
