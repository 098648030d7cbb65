import type { Component, Dependency, Hash, License, Property, Sbom, Swid } from '../../domain/sbom/index.js'
import type { NewSbomComponent, NewSbomDependency } from '../../store/repositories/sboms.js'
import type { SbomComponentRow, SbomDependencyRow } from '../../store/tables/sbom.js'

/** The model fields kept in the `extra` jsonb column of a component row. */
interface ComponentExtra {
  readonly description?: string
  readonly scope?: string
  readonly manufacturer?: string
  readonly publisher?: string
  readonly author?: string
  readonly swid?: Swid
  readonly copyright?: string
  readonly properties?: readonly Property[]
}

/** The document-level model stored with a revision: everything but the components and dependencies. */
export type StoredDocument = Omit<Sbom, 'components' | 'dependencies'>

/** Splits the model into what the revision row keeps. */
export function documentPart(sbom: Sbom): StoredDocument {
  const { components: _components, dependencies: _dependencies, ...document } = sbom
  return document
}

/** The row an upload writes for a component. */
export function componentRow(component: Component): NewSbomComponent {
  const extra: ComponentExtra = {
    ...(component.description === undefined ? {} : { description: component.description }),
    ...(component.scope === undefined ? {} : { scope: component.scope }),
    ...(component.manufacturer === undefined ? {} : { manufacturer: component.manufacturer }),
    ...(component.publisher === undefined ? {} : { publisher: component.publisher }),
    ...(component.author === undefined ? {} : { author: component.author }),
    ...(component.swid === undefined ? {} : { swid: component.swid }),
    ...(component.copyright === undefined ? {} : { copyright: component.copyright }),
    ...(component.properties.length === 0 ? {} : { properties: component.properties }),
  }
  return {
    bomRef: component.ref,
    parentRef: component.parent ?? null,
    type: component.type,
    name: component.name,
    group: component.group ?? null,
    version: component.version ?? null,
    supplier: component.supplier ?? null,
    purl: component.purl ?? null,
    cpe: component.cpe ?? null,
    licenses: component.licenses,
    hashes: component.hashes,
    supportLevel: component.supportLevel ?? null,
    endOfSupport: component.endOfSupport ?? null,
    extra,
  }
}

/** The dependency edges an upload writes, in document order. */
export function dependencyEdges(dependencies: readonly Dependency[]): NewSbomDependency[] {
  const edges: NewSbomDependency[] = []
  dependencies.forEach((dependency, ordinal) => {
    if (dependency.dependsOn.length === 0) edges.push({ ordinal, position: 0, ref: dependency.ref, dependsOn: null })
    dependency.dependsOn.forEach((target, position) => edges.push({ ordinal, position, ref: dependency.ref, dependsOn: target }))
  })
  return edges
}

/** Rebuilds a model component from its row (with any FDA edits). */
export function componentFromRow(row: SbomComponentRow): Component {
  const extra = (row.extra ?? {}) as ComponentExtra
  return {
    ref: row.bom_ref,
    type: row.type,
    name: row.name,
    ...(row.group_name === null ? {} : { group: row.group_name }),
    ...(row.version === null ? {} : { version: row.version }),
    ...(extra.description === undefined ? {} : { description: extra.description }),
    ...(extra.scope === undefined ? {} : { scope: extra.scope }),
    ...(row.supplier === null ? {} : { supplier: row.supplier }),
    ...(extra.manufacturer === undefined ? {} : { manufacturer: extra.manufacturer }),
    ...(extra.publisher === undefined ? {} : { publisher: extra.publisher }),
    ...(extra.author === undefined ? {} : { author: extra.author }),
    ...(row.purl === null ? {} : { purl: row.purl }),
    ...(row.cpe === null ? {} : { cpe: row.cpe }),
    ...(extra.swid === undefined ? {} : { swid: extra.swid }),
    hashes: (row.hashes ?? []) as Hash[],
    licenses: (row.licenses ?? []) as License[],
    ...(extra.copyright === undefined ? {} : { copyright: extra.copyright }),
    properties: extra.properties ?? [],
    ...(row.support_level === null ? {} : { supportLevel: row.support_level }),
    ...(row.end_of_support === null ? {} : { endOfSupport: row.end_of_support }),
    ...(row.parent_ref === null ? {} : { parent: row.parent_ref }),
  }
}

/** Rebuilds the dependencies from their edges. */
export function dependenciesFromRows(rows: readonly SbomDependencyRow[]): Dependency[] {
  const dependencies: { ref: string; dependsOn: string[] }[] = []
  let current: { ordinal: number; entry: { ref: string; dependsOn: string[] } } | undefined
  for (const row of rows) {
    if (current === undefined || current.ordinal !== row.ordinal) {
      current = { ordinal: row.ordinal, entry: { ref: row.ref, dependsOn: [] } }
      dependencies.push(current.entry)
    }
    if (row.depends_on !== null) current.entry.dependsOn.push(row.depends_on)
  }
  return dependencies
}

/** A license as one line of text for tables. */
export function licenseText(license: License): string {
  return license.kind === 'expression' ? license.expression : license.kind === 'id' ? license.id : license.name
}
