import { fail, ok, problem, type Problem, type Result } from '../result.js'
import { asArray, asObject, asString, defined, type JsonObject } from './json-access.js'
import type { Component, Dependency, Hash, License, Relationship, Sbom, SbomEncoding, Swid } from './model.js'
import { parseSupportLevel } from './support.js'

/** SPDX 2 versions this parser reads. */
export const spdx2Versions: readonly string[] = ['2.2', '2.3']

/** The annotation comment prefix that carries an FDA support level in SPDX 2 (which has no field for it). */
export const spdx2SupportAnnotationPrefix = 'fda:lifecycle:support_level='

/** Relationship types that make a dependency edge, and whether the edge runs from the related element back. */
const dependencyRelationships: Readonly<Record<string, 'forward' | 'reverse'>> = {
  DEPENDS_ON: 'forward',
  DEPENDENCY_OF: 'reverse',
  BUILD_DEPENDENCY_OF: 'reverse',
  DEV_DEPENDENCY_OF: 'reverse',
  OPTIONAL_DEPENDENCY_OF: 'reverse',
  PROVIDED_DEPENDENCY_OF: 'reverse',
  TEST_DEPENDENCY_OF: 'reverse',
  RUNTIME_DEPENDENCY_OF: 'reverse',
  STATIC_LINK: 'forward',
  DYNAMIC_LINK: 'forward',
}

const purposeToType: Readonly<Record<string, string>> = {
  APPLICATION: 'application',
  FRAMEWORK: 'framework',
  LIBRARY: 'library',
  CONTAINER: 'container',
  'OPERATING-SYSTEM': 'operating-system',
  DEVICE: 'device',
  FIRMWARE: 'firmware',
  SOURCE: 'file',
  ARCHIVE: 'file',
  FILE: 'file',
  INSTALL: 'application',
  OTHER: 'library',
}

/** CycloneDX hash algorithm names for SPDX checksum algorithms. */
const checksumAlgorithms: Readonly<Record<string, string>> = {
  SHA1: 'SHA-1',
  SHA224: 'SHA-224',
  SHA256: 'SHA-256',
  SHA384: 'SHA-384',
  SHA512: 'SHA-512',
  'SHA3-256': 'SHA3-256',
  'SHA3-384': 'SHA3-384',
  'SHA3-512': 'SHA3-512',
  MD5: 'MD5',
  'BLAKE2b-256': 'BLAKE2b-256',
  'BLAKE2b-384': 'BLAKE2b-384',
  'BLAKE2b-512': 'BLAKE2b-512',
  BLAKE3: 'BLAKE3',
}

/** The SPDX 2 version number ("2.3") of an spdxVersion value ("SPDX-2.3"), or undefined. */
export function spdx2Version(value: unknown): string | undefined {
  const match = /^SPDX-(\d+\.\d+)$/.exec(asString(value) ?? '')
  return match?.[1]
}

/** Normalises an SPDX 2.2/2.3 document in its JSON form (also the shape the tag-value reader produces) into the model. */
export function normaliseSpdx2(document: JsonObject, encoding: SbomEncoding): Result<Sbom> {
  const specVersion = spdx2Version(document.spdxVersion)
  if (specVersion === undefined || !spdx2Versions.includes(specVersion)) {
    return fail(problem('sbom_unsupported_spec_version', `SPDX version ${JSON.stringify(document.spdxVersion ?? null)} is not supported (supported: SPDX-2.2, SPDX-2.3, SPDX 3.0)`))
  }
  const creationInfo = asObject(document.creationInfo) ?? {}
  const creators = asArray(creationInfo.creators).map(asString).filter((c): c is string => c !== undefined)
  const components: Component[] = []
  for (const raw of asArray(document.packages)) {
    const component = readPackage(raw)
    if (component !== undefined) components.push(component)
  }
  for (const raw of asArray(document.files)) {
    const file = asObject(raw)
    const ref = asString(file?.SPDXID)
    const name = asString(file?.fileName)
    if (file === undefined || ref === undefined || name === undefined) continue
    components.push(defined({ ref, type: 'file', name, hashes: readChecksums(file.checksums), licenses: readLicense(file.licenseConcluded), copyright: noAssertion(file.copyrightText), properties: [] }))
  }
  const documentId = asString(document.SPDXID) ?? 'SPDXRef-DOCUMENT'
  const relationships: Relationship[] = []
  const edges = new Map<string, string[]>()
  const addEdge = (from: string, to: string) => {
    const list = edges.get(from)
    if (list === undefined) edges.set(from, [to])
    else if (!list.includes(to)) list.push(to)
  }
  const described = asArray(document.documentDescribes).map(asString).filter((d): d is string => d !== undefined)
  for (const raw of asArray(document.relationships)) {
    const entry = asObject(raw)
    const from = asString(entry?.spdxElementId)
    const type = asString(entry?.relationshipType)
    const to = asString(entry?.relatedSpdxElement)
    if (from === undefined || type === undefined || to === undefined) continue
    const direction = dependencyRelationships[type]
    if (direction === 'forward') addEdge(from, to)
    else if (direction === 'reverse') addEdge(to, from)
    else relationships.push({ from, type, to })
    if (type === 'DESCRIBES' && from === documentId && !described.includes(to)) described.push(to)
    if (type === 'DESCRIBED_BY' && to === documentId && !described.includes(from)) described.push(from)
  }
  const dependencies: Dependency[] = [...edges].map(([ref, dependsOn]) => ({ ref, dependsOn }))
  const subject = components.find((c) => described.includes(c.ref))
  return ok(
    defined({
      format: 'spdx',
      specVersion,
      encoding,
      serialNumber: asString(document.documentNamespace),
      name: asString(document.name),
      timestamp: asString(creationInfo.created),
      authors: creators.filter((c) => !c.startsWith('Tool:')).map(stripAgentKind),
      tools: creators.filter((c) => c.startsWith('Tool:')).map(stripAgentKind),
      subject,
      components,
      dependencies,
      relationships,
      properties: [],
      warnings: [],
    }) satisfies Sbom,
  )
}

function readPackage(raw: unknown): Component | undefined {
  const entry = asObject(raw)
  const ref = asString(entry?.SPDXID)
  const name = asString(entry?.name)
  if (entry === undefined || ref === undefined || name === undefined) return undefined
  let purl: string | undefined
  let cpe: string | undefined
  let swid: Swid | undefined
  for (const rawRef of asArray(entry.externalRefs)) {
    const external = asObject(rawRef)
    const type = asString(external?.referenceType)
    const locator = asString(external?.referenceLocator)
    if (locator === undefined) continue
    if (type === 'purl') purl ??= locator
    else if (type === 'cpe23Type' || type === 'cpe22Type') cpe ??= locator
    else if (type === 'swid') swid ??= { tagId: locator, name }
  }
  const purpose = asString(entry.primaryPackagePurpose)
  const declared = readLicense(entry.licenseDeclared)
  let supportLevel: Component['supportLevel']
  for (const rawAnnotation of asArray(entry.annotations)) {
    const comment = asString(asObject(rawAnnotation)?.comment)
    if (comment?.startsWith(spdx2SupportAnnotationPrefix)) supportLevel ??= parseSupportLevel(comment.slice(spdx2SupportAnnotationPrefix.length))
  }
  return defined({
    ref,
    type: (purpose === undefined ? undefined : purposeToType[purpose]) ?? 'library',
    name,
    version: asString(entry.versionInfo),
    description: asString(entry.description) ?? asString(entry.summary),
    supplier: agentName(entry.supplier),
    author: agentName(entry.originator),
    purl,
    cpe,
    swid,
    hashes: readChecksums(entry.checksums),
    licenses: declared.length > 0 ? declared : readLicense(entry.licenseConcluded),
    copyright: noAssertion(entry.copyrightText),
    properties: [],
    supportLevel,
    endOfSupport: asString(entry.validUntilDate),
  })
}

function readChecksums(value: unknown): Hash[] {
  return asArray(value)
    .map((raw) => {
      const entry = asObject(raw)
      const algorithm = asString(entry?.algorithm)
      const content = asString(entry?.checksumValue)
      return algorithm === undefined || content === undefined ? undefined : { alg: checksumAlgorithms[algorithm] ?? algorithm, value: content }
    })
    .filter((h): h is Hash => h !== undefined)
}

function readLicense(value: unknown): License[] {
  const expression = noAssertion(value)
  if (expression === undefined || expression === 'NONE') return []
  return [{ kind: 'expression', expression }]
}

function noAssertion(value: unknown): string | undefined {
  const text = asString(value)
  return text === undefined || text === 'NOASSERTION' ? undefined : text
}

function agentName(value: unknown): string | undefined {
  const text = noAssertion(value)
  return text === undefined ? undefined : stripAgentKind(text)
}

function stripAgentKind(agent: string): string {
  return agent.replace(/^(Person|Organization|Tool):\s*/, '')
}

/** The SPDX checksum algorithm for a CycloneDX hash algorithm name, or undefined when SPDX 2 has none. */
export function spdxChecksumAlgorithm(alg: string): string | undefined {
  for (const [spdx, cdx] of Object.entries(checksumAlgorithms)) if (cdx === alg) return spdx
  return undefined
}

/** The SPDX 2.3 primaryPackagePurpose for a component type. */
export function spdxPurpose(type: string): string {
  const purpose = type.toUpperCase()
  return purpose in purposeToType && purposeToType[purpose] === type ? purpose : 'LIBRARY'
}

/**
 * The structural rules of the SPDX 2.2/2.3 JSON schema that a reader depends on (required fields and their types),
 * checked by hand because no npm package ships the SPDX schemas; each problem carries the JSON path.
 */
export function checkSpdx2Structure(document: JsonObject): Problem[] {
  const problems: Problem[] = []
  const need = (value: unknown, path: string, kind: 'string' | 'array') => {
    const okKind = kind === 'string' ? typeof value === 'string' && value.trim() !== '' : Array.isArray(value) && value.length > 0
    if (!okKind) problems.push(problem('spdx_schema_violation', `${path} must be a ${kind === 'string' ? 'non-empty string' : 'non-empty array'}`, { path }))
  }
  need(document.spdxVersion, '/spdxVersion', 'string')
  need(document.SPDXID, '/SPDXID', 'string')
  need(document.name, '/name', 'string')
  need(document.dataLicense, '/dataLicense', 'string')
  need(document.documentNamespace, '/documentNamespace', 'string')
  const creationInfo = asObject(document.creationInfo)
  if (creationInfo === undefined) problems.push(problem('spdx_schema_violation', '/creationInfo must be an object', { path: '/creationInfo' }))
  else {
    need(creationInfo.created, '/creationInfo/created', 'string')
    need(creationInfo.creators, '/creationInfo/creators', 'array')
  }
  for (const [index, raw] of asArray(document.packages).entries()) {
    const entry = asObject(raw) ?? {}
    need(entry.SPDXID, `/packages/${index}/SPDXID`, 'string')
    need(entry.name, `/packages/${index}/name`, 'string')
    need(entry.downloadLocation, `/packages/${index}/downloadLocation`, 'string')
  }
  for (const [index, raw] of asArray(document.files).entries()) {
    const entry = asObject(raw) ?? {}
    need(entry.SPDXID, `/files/${index}/SPDXID`, 'string')
    need(entry.fileName, `/files/${index}/fileName`, 'string')
  }
  for (const [index, raw] of asArray(document.relationships).entries()) {
    const entry = asObject(raw) ?? {}
    need(entry.spdxElementId, `/relationships/${index}/spdxElementId`, 'string')
    need(entry.relationshipType, `/relationships/${index}/relationshipType`, 'string')
    need(entry.relatedSpdxElement, `/relationships/${index}/relatedSpdxElement`, 'string')
  }
  return problems
}
