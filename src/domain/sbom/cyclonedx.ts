import { fail, ok, problem, type Result } from '../result.js'
import { asArray, asObject, asString, defined, type JsonObject } from './json-access.js'
import type { Component, Dependency, Hash, License, Property, Sbom, SbomEncoding, Swid } from './model.js'
import { extractSupport } from './support.js'

/**
 * CycloneDX versions this parser reads: 1.2-1.6 as asked, 1.7 (same fields for the model), and 1.0/1.1, which exist
 * only as XML (one public example is 1.1); JSON documents claiming 1.0/1.1 fail schema validation in services.
 */
export const cycloneDxVersions: readonly string[] = ['1.0', '1.1', '1.2', '1.3', '1.4', '1.5', '1.6', '1.7']

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
  // Plain indexed loops below: these run once per component and dependency and dominate large SBOMs.
  const components = asArray(document.components)
  for (let index = 0; index < components.length; index++) {
    const read = readComponent(components[index], `/components/${index}`, undefined, walk, true)
    if (!read.ok) return read
  }
  const dependencies: Dependency[] = []
  for (const raw of asArray(document.dependencies)) {
    const entry = asObject(raw)
    const ref = asString(entry?.ref)
    if (entry === undefined || ref === undefined) continue
    const dependsOn: string[] = []
    for (const target of asArray(entry.dependsOn)) {
      const targetRef = typeof target === 'string' ? target : asString(asObject(target)?.ref)
      if (targetRef !== undefined) dependsOn.push(targetRef)
    }
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
  // Built field by field rather than through defined(): this loop runs once per component and dominates large SBOMs.
  const component: Mutable<Component> = { ref, type, name, hashes: readHashes(entry.hashes), licenses: readLicenses(entry.licenses), properties: support.rest }
  setIf(component, 'group', asString(entry.group))
  setIf(component, 'version', asString(entry.version))
  setIf(component, 'description', asString(entry.description))
  setIf(component, 'scope', asString(entry.scope))
  setIf(component, 'supplier', entityName(entry.supplier))
  setIf(component, 'manufacturer', entityName(entry.manufacturer))
  setIf(component, 'publisher', asString(entry.publisher))
  setIf(component, 'author', asString(entry.author) ?? joinNames(asArray(entry.authors)))
  setIf(component, 'purl', asString(entry.purl))
  setIf(component, 'cpe', asString(entry.cpe))
  setIf(component, 'swid', readSwid(entry.swid))
  setIf(component, 'copyright', asString(entry.copyright))
  setIf(component, 'supportLevel', support.supportLevel)
  setIf(component, 'endOfSupport', support.endOfSupport)
  setIf(component, 'parent', parent)
  if (collect) walk.components.push(component)
  const nested = asArray(entry.components)
  for (let index = 0; index < nested.length; index++) {
    const read = readComponent(nested[index], `${path}/components/${index}`, collect ? ref : undefined, walk, collect)
    if (!read.ok) return read
  }
  return ok(component)
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] }

function setIf<K extends keyof Component>(component: Mutable<Component>, key: K, value: Component[K] | undefined): void {
  if (value !== undefined) component[key] = value
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
  const properties: Property[] = []
  for (const raw of asArray(value)) {
    const entry = asObject(raw)
    const name = asString(entry?.name)
    if (name !== undefined) properties.push({ name, value: typeof entry?.value === 'string' ? entry.value : '' })
  }
  return properties
}

function readHashes(value: unknown): Hash[] {
  const hashes: Hash[] = []
  for (const raw of asArray(value)) {
    const entry = asObject(raw)
    const alg = asString(entry?.alg)
    const content = asString(entry?.content)
    if (alg !== undefined && content !== undefined) hashes.push({ alg, value: content })
  }
  return hashes
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
