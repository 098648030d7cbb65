import type { Component, Property, Sbom } from './model.js'
import { endOfSupportProperty, supportLevelPhrase, supportLevelProperty } from './support.js'

const serialNumberPattern = /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Component types CycloneDX 1.6 accepts; anything else is written as library. */
const cycloneDx16Types = new Set(['application', 'framework', 'library', 'container', 'platform', 'operating-system', 'device', 'device-driver', 'firmware', 'file', 'machine-learning-model', 'data', 'cryptographic-asset'])

type Json = Record<string, unknown>

/** Writes the model as a CycloneDX 1.6 JSON document (FDA fields as properties), pretty-printed. */
export function toCycloneDxJson(sbom: Sbom): string {
  return JSON.stringify(cycloneDxObject(sbom), null, 2) + '\n'
}

/** The CycloneDX 1.6 JSON object for the model. */
export function cycloneDxObject(sbom: Sbom): Json {
  const { roots, childrenOf } = componentTree(sbom)
  const toJson = (component: Component): Json => {
    const children = childrenOf.get(component.ref) ?? []
    return compact({
      type: cycloneDx16Types.has(component.type) ? component.type : 'library',
      'bom-ref': component.ref,
      supplier: component.supplier === undefined ? undefined : { name: component.supplier },
      manufacturer: component.manufacturer === undefined ? undefined : { name: component.manufacturer },
      author: component.author,
      publisher: component.publisher,
      group: component.group,
      name: component.name,
      version: component.version,
      description: component.description,
      scope: component.scope,
      hashes: component.hashes.length === 0 ? undefined : component.hashes.map((h) => ({ alg: h.alg, content: h.value })),
      licenses: component.licenses.length === 0 ? undefined : component.licenses.map((l) => (l.kind === 'expression' ? { expression: l.expression } : { license: l.kind === 'id' ? { id: l.id } : { name: l.name } })),
      copyright: component.copyright,
      cpe: component.cpe,
      purl: component.purl,
      swid: component.swid,
      properties: nonEmpty(componentProperties(component)),
      components: children.length === 0 ? undefined : children.map(toJson),
    })
  }
  return compact({
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    serialNumber: sbom.serialNumber !== undefined && serialNumberPattern.test(sbom.serialNumber) ? sbom.serialNumber : undefined,
    version: sbom.bomVersion ?? 1,
    metadata: compact({
      timestamp: sbom.timestamp,
      tools: sbom.tools.length === 0 ? undefined : { components: sbom.tools.map((name) => ({ type: 'application', name })) },
      authors: sbom.authors.length === 0 ? undefined : sbom.authors.map((name) => ({ name })),
      component: sbom.subject === undefined ? undefined : toJson(sbom.subject),
      supplier: sbom.supplier === undefined ? undefined : { name: sbom.supplier },
      properties: nonEmpty(sbom.properties),
    }),
    components: roots.map(toJson),
    dependencies: sbom.dependencies.length === 0 ? undefined : sbom.dependencies.map((d) => ({ ref: d.ref, dependsOn: d.dependsOn })),
  })
}

/** Writes the model as a CycloneDX 1.6 XML document, elements in the order the XSD requires. */
export function toCycloneDxXml(sbom: Sbom): string {
  const { roots, childrenOf } = componentTree(sbom)
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>\n']
  const serial = sbom.serialNumber !== undefined && serialNumberPattern.test(sbom.serialNumber) ? ` serialNumber="${escape(sbom.serialNumber)}"` : ''
  out.push(`<bom xmlns="http://cyclonedx.org/schema/bom/1.6"${serial} version="${sbom.bomVersion ?? 1}">\n`)
  const writeComponent = (component: Component, indent: string) => {
    out.push(`${indent}<component type="${escape(cycloneDx16Types.has(component.type) ? component.type : 'library')}" bom-ref="${escape(component.ref)}">\n`)
    const inner = indent + '  '
    if (component.supplier !== undefined) out.push(`${inner}<supplier><name>${escape(component.supplier)}</name></supplier>\n`)
    if (component.manufacturer !== undefined) out.push(`${inner}<manufacturer><name>${escape(component.manufacturer)}</name></manufacturer>\n`)
    textElement(out, inner, 'author', component.author)
    textElement(out, inner, 'publisher', component.publisher)
    textElement(out, inner, 'group', component.group)
    textElement(out, inner, 'name', component.name)
    textElement(out, inner, 'version', component.version)
    textElement(out, inner, 'description', component.description)
    textElement(out, inner, 'scope', component.scope)
    if (component.hashes.length > 0) {
      out.push(`${inner}<hashes>\n`)
      for (const hash of component.hashes) out.push(`${inner}  <hash alg="${escape(hash.alg)}">${escape(hash.value)}</hash>\n`)
      out.push(`${inner}</hashes>\n`)
    }
    if (component.licenses.length > 0) {
      out.push(`${inner}<licenses>\n`)
      for (const license of component.licenses) {
        if (license.kind === 'expression') out.push(`${inner}  <expression>${escape(license.expression)}</expression>\n`)
        else if (license.kind === 'id') out.push(`${inner}  <license><id>${escape(license.id)}</id></license>\n`)
        else out.push(`${inner}  <license><name>${escape(license.name)}</name></license>\n`)
      }
      out.push(`${inner}</licenses>\n`)
    }
    textElement(out, inner, 'copyright', component.copyright)
    textElement(out, inner, 'cpe', component.cpe)
    textElement(out, inner, 'purl', component.purl)
    if (component.swid !== undefined) {
      const swid = component.swid
      const attributes = [`tagId="${escape(swid.tagId)}"`, `name="${escape(swid.name)}"`]
      if (swid.version !== undefined) attributes.push(`version="${escape(swid.version)}"`)
      if (swid.tagVersion !== undefined) attributes.push(`tagVersion="${swid.tagVersion}"`)
      if (swid.patch !== undefined) attributes.push(`patch="${swid.patch}"`)
      out.push(`${inner}<swid ${attributes.join(' ')}/>\n`)
    }
    writeProperties(out, inner, componentProperties(component))
    const children = childrenOf.get(component.ref) ?? []
    if (children.length > 0) {
      out.push(`${inner}<components>\n`)
      for (const nested of children) writeComponent(nested, inner + '  ')
      out.push(`${inner}</components>\n`)
    }
    out.push(`${indent}</component>\n`)
  }
  out.push('  <metadata>\n')
  textElement(out, '    ', 'timestamp', sbom.timestamp)
  if (sbom.tools.length > 0) {
    out.push('    <tools>\n      <components>\n')
    for (const tool of sbom.tools) out.push(`        <component type="application"><name>${escape(tool)}</name></component>\n`)
    out.push('      </components>\n    </tools>\n')
  }
  if (sbom.authors.length > 0) {
    out.push('    <authors>\n')
    for (const author of sbom.authors) out.push(`      <author><name>${escape(author)}</name></author>\n`)
    out.push('    </authors>\n')
  }
  if (sbom.subject !== undefined) writeComponent(sbom.subject, '    ')
  if (sbom.supplier !== undefined) out.push(`    <supplier><name>${escape(sbom.supplier)}</name></supplier>\n`)
  writeProperties(out, '    ', sbom.properties)
  out.push('  </metadata>\n')
  out.push('  <components>\n')
  for (const component of roots) writeComponent(component, '    ')
  out.push('  </components>\n')
  if (sbom.dependencies.length > 0) {
    out.push('  <dependencies>\n')
    for (const dependency of sbom.dependencies) {
      if (dependency.dependsOn.length === 0) out.push(`    <dependency ref="${escape(dependency.ref)}"/>\n`)
      else {
        out.push(`    <dependency ref="${escape(dependency.ref)}">\n`)
        for (const ref of dependency.dependsOn) out.push(`      <dependency ref="${escape(ref)}"/>\n`)
        out.push('    </dependency>\n')
      }
    }
    out.push('  </dependencies>\n')
  }
  out.push('</bom>\n')
  return out.join('')
}

/** The component's properties with the FDA fields written back as taxonomy properties. */
function componentProperties(component: Component): Property[] {
  const properties = [...component.properties]
  if (component.supportLevel !== undefined) properties.push({ name: supportLevelProperty, value: supportLevelPhrase(component.supportLevel) })
  if (component.endOfSupport !== undefined) properties.push({ name: endOfSupportProperty, value: component.endOfSupport })
  return properties
}

/** Top-level components and the children of each nested one; for SPDX models the subject is written only in metadata. */
function componentTree(sbom: Sbom): { roots: Component[]; childrenOf: Map<string, Component[]> } {
  const roots: Component[] = []
  const childrenOf = new Map<string, Component[]>()
  const refs = new Set(sbom.components.map((c) => c.ref))
  for (const component of sbom.components) {
    if (component === sbom.subject || (sbom.subject !== undefined && sbom.format === 'spdx' && component.ref === sbom.subject.ref)) continue
    if (component.parent !== undefined && refs.has(component.parent)) {
      const siblings = childrenOf.get(component.parent)
      if (siblings === undefined) childrenOf.set(component.parent, [component])
      else siblings.push(component)
    } else roots.push(component)
  }
  return { roots, childrenOf }
}

function writeProperties(out: string[], indent: string, properties: readonly Property[]): void {
  if (properties.length === 0) return
  out.push(`${indent}<properties>\n`)
  for (const property of properties) out.push(`${indent}  <property name="${escape(property.name)}">${escape(property.value)}</property>\n`)
  out.push(`${indent}</properties>\n`)
}

function textElement(out: string[], indent: string, name: string, value: string | undefined): void {
  if (value !== undefined) out.push(`${indent}<${name}>${escape(value)}</${name}>\n`)
}

/** Escapes text for XML content and attribute values. */
export function escape(value: string): string {
  return value.replace(/[<>&"']/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : c === '"' ? '&quot;' : '&apos;'))
}

function nonEmpty<T>(list: readonly T[]): readonly T[] | undefined {
  return list.length === 0 ? undefined : list
}

function compact(value: Json): Json {
  const out: Json = {}
  for (const [key, v] of Object.entries(value)) if (v !== undefined) out[key] = v
  return out
}
