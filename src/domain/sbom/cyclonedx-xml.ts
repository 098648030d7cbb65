import { fail, ok, problem, type Result } from '../result.js'
import type { JsonObject } from './json-access.js'
import { child, childrenNamed, childText, type XmlElement } from './xml.js'

const namespacePrefix = 'http://cyclonedx.org/schema/bom/'

/** The CycloneDX version named by an XML namespace, or undefined when the namespace is not CycloneDX's. */
export function cycloneDxXmlVersion(namespace: string): string | undefined {
  if (!namespace.startsWith(namespacePrefix)) return undefined
  const version = namespace.slice(namespacePrefix.length)
  return /^\d+\.\d+$/.test(version) ? version : undefined
}

/**
 * Rewrites a CycloneDX XML tree into the JSON form of the fields the model holds, so that one normaliser reads both.
 * Schema validity is checked separately (XSD in services); this only reads.
 */
export function cycloneDxXmlToJson(root: XmlElement): Result<JsonObject> {
  if (root.local !== 'bom') return fail(problem('sbom_unknown_format', `the XML root element is <${root.name}>, not a CycloneDX <bom>`))
  const specVersion = cycloneDxXmlVersion(root.namespace)
  if (specVersion === undefined) {
    return fail(problem('sbom_unsupported_spec_version', `the XML namespace ${JSON.stringify(root.namespace)} is not a supported CycloneDX version`))
  }
  const metadata = child(root, 'metadata')
  const version = root.attributes.version === undefined ? 1 : Number(root.attributes.version)
  return ok({
    bomFormat: 'CycloneDX',
    specVersion,
    serialNumber: root.attributes.serialNumber,
    version,
    metadata: metadata === undefined ? undefined : readMetadata(metadata),
    components: listOf(root, 'components', 'component').map(readComponent),
    dependencies: listOf(root, 'dependencies', 'dependency').map(readDependency),
  })
}

function readMetadata(metadata: XmlElement): JsonObject {
  const tools = child(metadata, 'tools')
  const component = child(metadata, 'component')
  return {
    timestamp: childText(metadata, 'timestamp'),
    tools:
      tools === undefined
        ? undefined
        : child(tools, 'components') !== undefined || child(tools, 'services') !== undefined
          ? { components: listOf(tools, 'components', 'component').map(readComponent), services: listOf(tools, 'services', 'service').map(readTool) }
          : childrenNamed(tools, 'tool').map(readTool),
    authors: listOf(metadata, 'authors', 'author').map(readEntity),
    component: component === undefined ? undefined : readComponent(component),
    supplier: optionalEntity(metadata, 'supplier'),
    properties: readProperties(metadata),
  }
}

function readTool(tool: XmlElement): JsonObject {
  return { vendor: childText(tool, 'vendor'), group: childText(tool, 'group'), name: childText(tool, 'name'), version: childText(tool, 'version') }
}

function readComponent(component: XmlElement): JsonObject {
  const swid = child(component, 'swid')
  return {
    type: component.attributes.type,
    'bom-ref': component.attributes['bom-ref'],
    supplier: optionalEntity(component, 'supplier'),
    manufacturer: optionalEntity(component, 'manufacturer'),
    author: childText(component, 'author'),
    authors: listOf(component, 'authors', 'author').map(readEntity),
    publisher: childText(component, 'publisher'),
    group: childText(component, 'group'),
    name: childText(component, 'name'),
    version: childText(component, 'version'),
    description: childText(component, 'description'),
    scope: childText(component, 'scope'),
    hashes: listOf(component, 'hashes', 'hash').map((h) => ({ alg: h.attributes.alg, content: h.text.trim() })),
    licenses: readLicenses(component),
    copyright: childText(component, 'copyright'),
    cpe: childText(component, 'cpe'),
    purl: childText(component, 'purl'),
    swid:
      swid === undefined
        ? undefined
        : {
            tagId: swid.attributes.tagId,
            name: swid.attributes.name,
            version: swid.attributes.version,
            tagVersion: swid.attributes.tagVersion === undefined ? undefined : Number(swid.attributes.tagVersion),
            patch: swid.attributes.patch === undefined ? undefined : swid.attributes.patch === 'true',
          },
    properties: readProperties(component),
    components: listOf(component, 'components', 'component').map(readComponent),
  }
}

function readLicenses(component: XmlElement): readonly JsonObject[] {
  const licenses = child(component, 'licenses')
  if (licenses === undefined) return []
  return licenses.children.map((entry) =>
    entry.local === 'expression' ? { expression: entry.text.trim() } : { license: { id: childText(entry, 'id'), name: childText(entry, 'name') } },
  )
}

function readProperties(element: XmlElement): readonly JsonObject[] {
  return listOf(element, 'properties', 'property').map((p) => ({ name: p.attributes.name, value: p.text }))
}

function readDependency(dependency: XmlElement): JsonObject {
  return { ref: dependency.attributes.ref, dependsOn: childrenNamed(dependency, 'dependency').map((d) => d.attributes.ref) }
}

function readEntity(entity: XmlElement): JsonObject {
  return { name: childText(entity, 'name') ?? entity.text.trim() }
}

function optionalEntity(parent: XmlElement, local: string): JsonObject | undefined {
  const entity = child(parent, local)
  return entity === undefined ? undefined : readEntity(entity)
}

function listOf(parent: XmlElement, wrapper: string, item: string): readonly XmlElement[] {
  const list = child(parent, wrapper)
  return list === undefined ? [] : childrenNamed(list, item)
}
