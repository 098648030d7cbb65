import { fail, ok, problem, type Result } from '../result.js'
import { asArray, asObject, asString, defined, type JsonObject } from './json-access.js'
import type { Component, Dependency, Hash, License, Property, Sbom, SbomEncoding, Swid } from './model.js'
import { extractSupport } from './support.js'

/** CycloneDX versions this parser reads (the issue asks for 1.2-1.6; 1.7 shares every field the model holds). */
export const cycloneDxVersions: readonly string[] = ['1.2', '1.3', '1.4', '1.5', '1.6', '1.7']

/** The prefix of refs made up for components that have no bom-ref. */
export const generatedRefPrefix = 'medsec:generated:'

interface Walk {
  readonly components: Component[]
  nextGenerated: number
}

/** Normalises a CycloneDX document in its JSON form (also the shape the XML reader produces) into the model. */
export function normaliseCycloneDx(document: JsonObject, encoding: SbomEncoding): Result<Sbom> {
  const specVersion = asString(document.specVersion)
  if (specVersion === undefined || !cycloneDxVersions.includes(specVersion)) {
    return fail(problem('sbom_unsupported_spec_version', `CycloneDX specVersion ${JSON.stringify(document.specVersion ?? null)} is not supported (supported: ${cycloneDxVersions.join(', ')})`))
  }
  const walk: Walk = { components: [], nextGenerated: 0 }
  const metadata = asObject(document.metadata) ?? {}
  let subject: Component | undefined
  if (metadata.component !== undefined) {
    const read = readComponent(metadata.component, '/metadata/component', undefined, walk, false)
    if (!read.ok) return read
    subject = read.value
  }
  const components = asArray(document.components)
  for (const [index, raw] of components.entries()) {
    const read = readComponent(raw, `/components/${index}`, undefined, walk, true)
    if (!read.ok) return read
  }
  const dependencies: Dependency[] = []
  for (const raw of asArray(document.dependencies)) {
    const entry = asObject(raw)
    const ref = asString(entry?.ref)
    if (entry === undefined || ref === undefined) continue
    const dependsOn = asArray(entry.dependsOn)
      .map((d) => (typeof d === 'string' ? d : asString(asObject(d)?.ref)))
      .filter((d): d is string => d !== undefined)
    dependencies.push({ ref, dependsOn })
  }
  return ok(
    defined({
      format: 'cyclonedx',
      specVersion,
      encoding,
      serialNumber: asString(document.serialNumber),
      bomVersion: typeof document.version === 'number' ? document.version : undefined,
      timestamp: asString(metadata.timestamp),
      authors: asArray(metadata.authors).map(entityName).filter((a): a is string => a !== undefined),
      tools: readTools(metadata.tools),
      supplier: entityName(metadata.supplier),
      subject,
      components: walk.components,
      dependencies,
      relationships: [],
      properties: readProperties(metadata.properties),
      warnings: [],
    }) satisfies Sbom,
  )
}

function readComponent(raw: unknown, path: string, parent: string | undefined, walk: Walk, collect: boolean): Result<Component> {
  const entry = asObject(raw)
  if (entry === undefined) return fail(problem('cyclonedx_invalid_component', `${path} is not an object`, { path }))
  const name = asString(entry.name)
  const type = asString(entry.type)
  if (name === undefined || type === undefined) {
    return fail(problem('cyclonedx_invalid_component', `${path} has no ${name === undefined ? 'name' : 'type'}`, { path }))
  }
  const ref = asString(entry['bom-ref']) ?? `${generatedRefPrefix}${walk.nextGenerated++}`
  const support = extractSupport(readProperties(entry.properties))
  const component: Component = defined({
    ref,
    type,
    name,
    group: asString(entry.group),
    version: asString(entry.version),
    description: asString(entry.description),
    scope: asString(entry.scope),
    supplier: entityName(entry.supplier),
    manufacturer: entityName(entry.manufacturer),
    publisher: asString(entry.publisher),
    author: asString(entry.author) ?? joinNames(asArray(entry.authors)),
    purl: asString(entry.purl),
    cpe: asString(entry.cpe),
    swid: readSwid(entry.swid),
    hashes: readHashes(entry.hashes),
    licenses: readLicenses(entry.licenses),
    copyright: asString(entry.copyright),
    properties: support.rest,
    supportLevel: support.supportLevel,
    endOfSupport: support.endOfSupport,
    parent,
  })
  if (collect) walk.components.push(component)
  for (const [index, nested] of asArray(entry.components).entries()) {
    const read = readComponent(nested, `${path}/components/${index}`, collect ? ref : undefined, walk, collect)
    if (!read.ok) return read
  }
  return ok(component)
}

function entityName(value: unknown): string | undefined {
  const entity = asObject(value)
  return entity === undefined ? asString(value) : asString(entity.name)
}

function joinNames(entities: readonly unknown[]): string | undefined {
  const names = entities.map(entityName).filter((n): n is string => n !== undefined)
  return names.length === 0 ? undefined : names.join(', ')
}

function readTools(value: unknown): string[] {
  // 1.2-1.4 list tools; 1.5+ group them as components and services (the list form is deprecated but valid).
  const tools = Array.isArray(value) ? value : [...asArray(asObject(value)?.components), ...asArray(asObject(value)?.services)]
  return tools
    .map((raw) => {
      const tool = asObject(raw)
      const parts = [entityName(tool?.vendor) ?? entityName(tool?.supplier) ?? asString(tool?.group), asString(tool?.name), asString(tool?.version)]
      const words = parts.filter((p): p is string => p !== undefined)
      return words.length === 0 ? undefined : words.join(' ')
    })
    .filter((t): t is string => t !== undefined)
}

function readProperties(value: unknown): Property[] {
  return asArray(value)
    .map((raw) => {
      const entry = asObject(raw)
      const name = asString(entry?.name)
      return name === undefined ? undefined : { name, value: typeof entry?.value === 'string' ? entry.value : '' }
    })
    .filter((p): p is Property => p !== undefined)
}

function readHashes(value: unknown): Hash[] {
  return asArray(value)
    .map((raw) => {
      const entry = asObject(raw)
      const alg = asString(entry?.alg)
      const content = asString(entry?.content)
      return alg === undefined || content === undefined ? undefined : { alg, value: content }
    })
    .filter((h): h is Hash => h !== undefined)
}

function readLicenses(value: unknown): License[] {
  const licenses: License[] = []
  for (const raw of asArray(value)) {
    const entry = asObject(raw)
    const expression = asString(entry?.expression)
    if (expression !== undefined) {
      licenses.push({ kind: 'expression', expression })
      continue
    }
    const license = asObject(entry?.license)
    const id = asString(license?.id)
    const name = asString(license?.name)
    if (id !== undefined) licenses.push({ kind: 'id', id })
    else if (name !== undefined) licenses.push({ kind: 'name', name })
  }
  return licenses
}

function readSwid(value: unknown): Swid | undefined {
  const entry = asObject(value)
  const tagId = asString(entry?.tagId)
  const name = asString(entry?.name)
  if (entry === undefined || tagId === undefined || name === undefined) return undefined
  const tagVersion = typeof entry.tagVersion === 'number' ? entry.tagVersion : undefined
  return defined({ tagId, name, version: asString(entry.version), tagVersion, patch: typeof entry.patch === 'boolean' ? entry.patch : undefined })
}
