import { fail, ok, problem, type Problem, type Result } from '../result.js'
import { asArray, asObject, asString, defined, type JsonObject } from './json-access.js'
import type { Component, Dependency, Hash, License, Relationship, Sbom } from './model.js'
import { parseSupportLevel } from './support.js'

const componentTypes: Readonly<Record<string, string>> = {
  software_Package: 'library',
  software_File: 'file',
  ai_AIPackage: 'machine-learning-model',
  dataset_DatasetPackage: 'data',
}

const purposeToType: Readonly<Record<string, string>> = {
  application: 'application',
  executable: 'application',
  library: 'library',
  framework: 'framework',
  container: 'container',
  operatingSystem: 'operating-system',
  device: 'device',
  firmware: 'firmware',
  file: 'file',
  source: 'file',
  archive: 'file',
  install: 'application',
  model: 'machine-learning-model',
  data: 'data',
}

const dependencyTypes = new Set(['dependsOn', 'hasStaticLink', 'hasDynamicLink'])
const hashAlgorithms: Readonly<Record<string, string>> = {
  md5: 'MD5',
  sha1: 'SHA-1',
  sha256: 'SHA-256',
  sha384: 'SHA-384',
  sha512: 'SHA-512',
  'sha3-256': 'SHA3-256',
  'sha3-384': 'SHA3-384',
  'sha3-512': 'SHA3-512',
  'blake2b256': 'BLAKE2b-256',
  'blake2b384': 'BLAKE2b-384',
  'blake2b512': 'BLAKE2b-512',
  blake3: 'BLAKE3',
}

/** True when the parsed JSON looks like an SPDX 3 JSON-LD document (an @context naming SPDX 3 and an @graph). */
export function isSpdx3(document: JsonObject): boolean {
  const context = JSON.stringify(document['@context'] ?? '')
  return Array.isArray(document['@graph']) && /spdx\.org\/rdf\/3\./.test(context)
}

/** Normalises an SPDX 3.0 JSON-LD document (the serialisation with one @graph) into the model. */
export function normaliseSpdx3(document: JsonObject): Result<Sbom> {
  const graph = asArray(document['@graph']).map(asObject).filter((e): e is JsonObject => e !== undefined)
  const byId = new Map<string, JsonObject>()
  for (const element of graph) {
    const id = asString(element.spdxId) ?? asString(element['@id'])
    if (id !== undefined) byId.set(id, element)
  }
  const creationInfos = graph.filter((e) => e.type === 'CreationInfo')
  const specVersion = asString(creationInfos[0]?.specVersion) ?? /rdf\/(3\.\d+(?:\.\d+)?)/.exec(JSON.stringify(document['@context']))?.[1]
  if (specVersion === undefined || !specVersion.startsWith('3.0')) {
    return fail(problem('sbom_unsupported_spec_version', `SPDX ${JSON.stringify(specVersion ?? null)} is not supported (supported: 3.0)`))
  }
  const nameOf = (id: unknown) => {
    const ref = asString(id)
    const agent = ref === undefined ? undefined : byId.get(ref)
    return asString(agent?.name) ?? ref
  }
  const licenses = new Map<string, License[]>()
  const edges = new Map<string, string[]>()
  const relationships: Relationship[] = []
  for (const element of graph) {
    if (element.type !== 'Relationship' && element.type !== 'LifecycleScopedRelationship') continue
    const from = asString(element.from)
    const type = asString(element.relationshipType)
    if (from === undefined || type === undefined) continue
    for (const to of asArray(element.to).map(asString)) {
      if (to === undefined) continue
      if (dependencyTypes.has(type)) edges.set(from, [...(edges.get(from) ?? []), to])
      else if (type === 'hasDeclaredLicense' || type === 'hasConcludedLicense') {
        const license = byId.get(to)
        const expression = asString(license?.simplelicensing_licenseExpression) ?? asString(license?.name) ?? to
        // The declared license wins over the concluded one, as for SPDX 2.
        if (type === 'hasDeclaredLicense' || !licenses.has(from)) licenses.set(from, [{ kind: 'expression', expression }])
      } else relationships.push({ from, type, to })
    }
  }
  const components: Component[] = []
  for (const element of graph) {
    const baseType = componentTypes[asString(element.type) ?? '']
    const ref = asString(element.spdxId) ?? asString(element['@id'])
    const name = asString(element.name)
    if (baseType === undefined || ref === undefined || name === undefined) continue
    let purl = asString(element.software_packageUrl)
    let cpe: string | undefined
    for (const raw of asArray(element.externalIdentifier)) {
      const identifier = asObject(raw)
      const kind = asString(identifier?.externalIdentifierType)
      const value = asString(identifier?.identifier)
      if (value === undefined) continue
      if (kind === 'packageUrl') purl ??= value
      else if (kind === 'cpe23' || kind === 'cpe22') cpe ??= value
    }
    const purpose = asString(element.software_primaryPurpose)
    const supportLevel = asArray(element.supportLevel).concat(typeof element.supportLevel === 'string' ? [element.supportLevel] : [])
    components.push(
      defined({
        ref,
        type: (purpose === undefined ? undefined : purposeToType[purpose]) ?? baseType,
        name,
        version: asString(element.software_packageVersion),
        description: asString(element.description) ?? asString(element.summary),
        supplier: nameOf(element.suppliedBy),
        author: asArray(element.originatedBy).map(nameOf).filter((n): n is string => n !== undefined).join(', ') || undefined,
        purl,
        cpe,
        hashes: readHashes(element.verifiedUsing),
        licenses: licenses.get(ref) ?? [],
        copyright: asString(element.software_copyrightText),
        properties: [],
        supportLevel: supportLevel.map((s) => parseSupportLevel(String(s))).find((s) => s !== undefined),
        endOfSupport: asString(element.validUntilTime),
      }),
    )
  }
  const documentElement = graph.find((e) => e.type === 'SpdxDocument')
  const sbomElement = graph.find((e) => e.type === 'software_Sbom') ?? documentElement
  const roots = asArray(sbomElement?.rootElement).map(asString)
  const subject = components.find((c) => roots.includes(c.ref))
  const creationInfo = asObject(byId.get(asString(documentElement?.creationInfo) ?? '')) ?? creationInfos[0] ?? {}
  const dependencies: Dependency[] = [...edges].map(([ref, dependsOn]) => ({ ref, dependsOn }))
  return ok(
    defined({
      format: 'spdx',
      specVersion,
      encoding: 'json-ld',
      serialNumber: asString(documentElement?.spdxId),
      name: asString(documentElement?.name),
      timestamp: asString(creationInfo.created),
      authors: asArray(creationInfo.createdBy).map(nameOf).filter((n): n is string => n !== undefined),
      tools: asArray(creationInfo.createdUsing).map(nameOf).filter((n): n is string => n !== undefined),
      subject,
      components,
      dependencies,
      relationships,
      properties: [],
      warnings: [],
    }) satisfies Sbom,
  )
}

function readHashes(value: unknown): Hash[] {
  return asArray(value)
    .map((raw) => {
      const entry = asObject(raw)
      const algorithm = asString(entry?.algorithm)
      const content = asString(entry?.hashValue)
      return algorithm === undefined || content === undefined ? undefined : { alg: hashAlgorithms[algorithm] ?? algorithm, value: content }
    })
    .filter((h): h is Hash => h !== undefined)
}

/**
 * The structural rules of SPDX 3.0 JSON-LD a reader depends on, checked by hand (no npm package ships the SPDX 3
 * schema): a CreationInfo with specVersion and created, and a type and an id on every element; paths are JSON paths.
 */
export function checkSpdx3Structure(document: JsonObject): Problem[] {
  const problems: Problem[] = []
  const graph = asArray(document['@graph'])
  if (!graph.some((e) => asObject(e)?.type === 'CreationInfo')) problems.push(problem('spdx_schema_violation', '/@graph has no CreationInfo', { path: '/@graph' }))
  for (const [index, raw] of graph.entries()) {
    const element = asObject(raw)
    const path = `/@graph/${index}`
    if (element === undefined || asString(element.type) === undefined) {
      problems.push(problem('spdx_schema_violation', `${path} has no type`, { path }))
      continue
    }
    if (element.type === 'CreationInfo') {
      if (asString(element.specVersion) === undefined) problems.push(problem('spdx_schema_violation', `${path}/specVersion is required`, { path: `${path}/specVersion` }))
      if (asString(element.created) === undefined) problems.push(problem('spdx_schema_violation', `${path}/created is required`, { path: `${path}/created` }))
    } else if (asString(element.spdxId) === undefined && asString(element['@id']) === undefined) {
      problems.push(problem('spdx_schema_violation', `${path} (${String(element.type)}) has no spdxId`, { path }))
    }
  }
  return problems
}
