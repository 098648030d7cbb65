import type { Component, Sbom } from './model.js'
import { spdx2SupportAnnotationPrefix, spdxChecksumAlgorithm, spdxPurpose } from './spdx2.js'
import { supportLevelPhrase } from './support.js'

type Json = Record<string, unknown>

/** Options for an SPDX export. */
export interface SpdxExportOptions {
  /** The documentNamespace to write when the model has none of SPDX form; a stable urn is derived otherwise. */
  readonly namespace?: string
  /** The creation time written when the model has no timestamp (pure code does not read the clock). */
  readonly created?: string
}

/** Writes the model as an SPDX 2.3 JSON document: packages, DEPENDS_ON relationships, validUntilDate and a support-level annotation. */
export function toSpdxJson(sbom: Sbom, options: SpdxExportOptions = {}): string {
  return JSON.stringify(spdxObject(sbom, options), null, 2) + '\n'
}

/** The SPDX 2.3 JSON object for the model. */
export function spdxObject(sbom: Sbom, options: SpdxExportOptions = {}): Json {
  const idOf = spdxIds(sbom)
  const created = sbom.timestamp ?? options.created ?? '1970-01-01T00:00:00Z'
  const packages = allComponents(sbom).map((component) => packageOf(component, idOf(component.ref), created))
  const relationships: Json[] = []
  if (sbom.subject !== undefined) relationships.push({ spdxElementId: 'SPDXRef-DOCUMENT', relationshipType: 'DESCRIBES', relatedSpdxElement: idOf(sbom.subject.ref) })
  for (const component of sbom.components) {
    if (component.parent !== undefined) relationships.push({ spdxElementId: idOf(component.parent), relationshipType: 'CONTAINS', relatedSpdxElement: idOf(component.ref) })
  }
  for (const dependency of sbom.dependencies) {
    for (const target of dependency.dependsOn) relationships.push({ spdxElementId: idOf(dependency.ref), relationshipType: 'DEPENDS_ON', relatedSpdxElement: idOf(target) })
  }
  for (const relationship of sbom.relationships) {
    if (relationship.type === 'DESCRIBES' && relationship.from === 'SPDXRef-DOCUMENT' && relationship.to === sbom.subject?.ref) continue
    if (/^[A-Z_]+$/.test(relationship.type)) relationships.push({ spdxElementId: idOf(relationship.from), relationshipType: relationship.type, relatedSpdxElement: idOf(relationship.to) })
  }
  const creators = [...sbom.authors.map((a) => `Organization: ${a}`), ...sbom.tools.map((t) => `Tool: ${t}`)]
  return {
    spdxVersion: 'SPDX-2.3',
    dataLicense: 'CC0-1.0',
    SPDXID: 'SPDXRef-DOCUMENT',
    name: sbom.name ?? sbom.subject?.name ?? 'sbom',
    documentNamespace: options.namespace ?? namespaceOf(sbom),
    creationInfo: { created, creators: creators.length === 0 ? ['Tool: medsec'] : creators },
    packages,
    relationships,
  }
}

function allComponents(sbom: Sbom): readonly Component[] {
  if (sbom.subject === undefined || sbom.components.some((c) => c.ref === sbom.subject?.ref)) return sbom.components
  return [sbom.subject, ...sbom.components]
}

function packageOf(component: Component, id: string, created: string): Json {
  const externalRefs: Json[] = []
  if (component.purl !== undefined) externalRefs.push({ referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: component.purl })
  if (component.cpe !== undefined) {
    externalRefs.push({ referenceCategory: 'SECURITY', referenceType: component.cpe.startsWith('cpe:2.3:') ? 'cpe23Type' : 'cpe22Type', referenceLocator: component.cpe })
  }
  if (component.swid !== undefined) externalRefs.push({ referenceCategory: 'PERSISTENT-ID', referenceType: 'swid', referenceLocator: component.swid.tagId })
  const checksums = component.hashes
    .map((h) => ({ algorithm: spdxChecksumAlgorithm(h.alg), checksumValue: h.value }))
    .filter((c) => c.algorithm !== undefined)
  const expression = licenseExpression(component)
  const out: Json = {
    SPDXID: id,
    name: component.group === undefined ? component.name : `${component.group}/${component.name}`,
    downloadLocation: 'NOASSERTION',
    filesAnalyzed: false,
    primaryPackagePurpose: spdxPurpose(component.type),
    licenseConcluded: 'NOASSERTION',
    licenseDeclared: expression ?? 'NOASSERTION',
    copyrightText: component.copyright ?? 'NOASSERTION',
  }
  if (component.version !== undefined) out.versionInfo = component.version
  const supplier = component.supplier ?? component.manufacturer ?? component.publisher
  if (supplier !== undefined) out.supplier = `Organization: ${supplier}`
  if (component.author !== undefined) out.originator = `Organization: ${component.author}`
  if (component.description !== undefined) out.description = component.description
  if (checksums.length > 0) out.checksums = checksums
  if (externalRefs.length > 0) out.externalRefs = externalRefs
  if (component.endOfSupport !== undefined) out.validUntilDate = spdxDate(component.endOfSupport)
  if (component.supportLevel !== undefined) {
    out.annotations = [{ annotationType: 'OTHER', annotator: 'Tool: medsec', annotationDate: spdxDate(created), comment: `${spdx2SupportAnnotationPrefix}${supportLevelPhrase(component.supportLevel)}` }]
  }
  return out
}

/** One SPDX license expression for the component's licenses; free-text names become LicenseRef- ids. */
function licenseExpression(component: Component): string | undefined {
  const parts = component.licenses.map((l) => (l.kind === 'expression' ? (component.licenses.length > 1 ? `(${l.expression})` : l.expression) : l.kind === 'id' ? l.id : `LicenseRef-${l.name.replace(/[^A-Za-z0-9.-]+/g, '-')}`))
  return parts.length === 0 ? undefined : parts.join(' AND ')
}

/** SPDX dates are YYYY-MM-DDThh:mm:ssZ; a bare date gets midnight UTC. */
function spdxDate(value: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return `${value}T00:00:00Z`
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})/.exec(value)
  return match === null ? value : `${match[1]}Z`
}

/** Maps every ref to a valid SPDX id (SPDXRef- followed by letters, digits, dots and dashes), unique in the document. */
function spdxIds(sbom: Sbom): (ref: string) => string {
  const ids = new Map<string, string>()
  const used = new Set<string>(['SPDXRef-DOCUMENT'])
  return (ref: string) => {
    const known = ids.get(ref)
    if (known !== undefined) return known
    if (ref === 'SPDXRef-DOCUMENT' || ref.startsWith('DocumentRef-')) return ref
    const base = /^SPDXRef-[A-Za-z0-9.-]+$/.test(ref) ? ref : `SPDXRef-${ref.replace(/[^A-Za-z0-9.-]+/g, '-').replace(/^-+|-+$/g, '') || 'component'}`
    let id = base
    for (let n = 2; used.has(id); n++) id = `${base}-${n}`
    used.add(id)
    ids.set(ref, id)
    return id
  }
}

function namespaceOf(sbom: Sbom): string {
  if (sbom.serialNumber !== undefined && /^[a-z][a-z0-9+.-]*:/i.test(sbom.serialNumber)) {
    return sbom.serialNumber.startsWith('urn:uuid:') ? `https://medsec.invalid/spdx/${sbom.serialNumber.slice(9)}` : sbom.serialNumber
  }
  return `https://medsec.invalid/spdx/${encodeURIComponent(sbom.name ?? sbom.subject?.name ?? 'sbom')}`
}
