// CycloneDX VEX (specVersion 1.4 to 1.6, JSON) to and from the normalised VEX model.
import { asArray, asObject, asString } from '../csaf/document.js'
import type { JsonObject } from '../csaf/document.js'
import { fail, ok, problem } from '../result.js'
import type { Result } from '../result.js'
import { compact, isCycloneDxJustification, justificationFromCycloneDx, justificationToCycloneDx } from './model.js'
import type { CycloneDxState, VexDocument, VexProduct, VexResponse, VexStatement, VexStatus, VexVersionStatus } from './model.js'

const states: readonly CycloneDxState[] = ['resolved', 'resolved_with_pedigree', 'exploitable', 'in_triage', 'false_positive', 'not_affected']
const responses: readonly VexResponse[] = ['can_not_fix', 'will_not_fix', 'update', 'rollback', 'workaround_available']
const versionStatuses = ['affected', 'unaffected', 'unknown'] as const

const statusOfState: Readonly<Record<CycloneDxState, VexStatus>> = {
  resolved: 'fixed',
  resolved_with_pedigree: 'fixed',
  exploitable: 'affected',
  in_triage: 'under_investigation',
  false_positive: 'not_affected',
  not_affected: 'not_affected',
}

const stateOfStatus: Readonly<Record<VexStatus, CycloneDxState>> = {
  fixed: 'resolved',
  affected: 'exploitable',
  under_investigation: 'in_triage',
  not_affected: 'not_affected',
}

const statusOfVersion: Readonly<Record<VexVersionStatus['status'], VexStatus>> = {
  affected: 'affected',
  unaffected: 'not_affected',
  unknown: 'under_investigation',
}

/** The components of a BOM by bom-ref (metadata component and components, nested ones included). */
function componentsByRef(bom: JsonObject): Map<string, JsonObject> {
  const found = new Map<string, JsonObject>()
  const visit = (value: unknown, depth: number) => {
    const component = asObject(value)
    if (!component || depth > 64) return
    const ref = asString(component['bom-ref'])
    if (ref !== undefined) found.set(ref, component)
    for (const child of asArray(component.components)) visit(child, depth + 1)
  }
  visit(asObject(bom.metadata)?.component, 0)
  for (const component of asArray(bom.components)) visit(component, 0)
  return found
}

function parseVersions(value: unknown): VexVersionStatus[] {
  return asArray(value).flatMap((item) => {
    const entry = asObject(item)
    const status = asString(entry?.status) ?? 'affected'
    if (!entry || !(versionStatuses as readonly string[]).includes(status)) return []
    return [compact({ version: asString(entry.version), range: asString(entry.range), status: status as VexVersionStatus['status'] })]
  })
}

function parseVulnerability(value: unknown, index: number, components: Map<string, JsonObject>): Result<VexStatement> {
  const vulnerability = asObject(value)
  const id = asString(vulnerability?.id)
  if (!vulnerability || id === undefined) return fail(problem('cyclonedx_vulnerability_invalid', `vulnerability ${index} has no id`))
  const analysis = asObject(vulnerability.analysis)
  const state = asString(analysis?.state)
  if (state !== undefined && !(states as readonly string[]).includes(state)) {
    return fail(problem('cyclonedx_state_invalid', `vulnerability ${index} has analysis state ${JSON.stringify(state)}`))
  }
  const justification = analysis?.justification
  if (justification !== undefined && !isCycloneDxJustification(justification)) {
    return fail(problem('cyclonedx_justification_invalid', `vulnerability ${index} has justification ${JSON.stringify(justification)}`))
  }
  const products: VexProduct[] = asArray(vulnerability.affects).flatMap((item) => {
    const affect = asObject(item)
    const ref = asString(affect?.ref)
    if (ref === undefined) return []
    const component = components.get(ref)
    const versions = parseVersions(affect?.versions)
    return [
      compact({
        ref,
        // The serializer writes the purl or CPE as name when a product has none; read that back as no name.
        name: [component?.purl, component?.cpe].includes(component?.name) ? undefined : asString(component?.name),
        version: asString(component?.version),
        purl: asString(component?.purl) ?? (ref.startsWith('pkg:') ? ref : undefined),
        cpe: asString(component?.cpe),
        versions: versions.length > 0 ? versions : undefined,
      }),
    ]
  })
  const firstVersionStatus = products.flatMap((p) => p.versions ?? [])[0]?.status
  const status: VexStatus =
    state !== undefined ? statusOfState[state as CycloneDxState] : firstVersionStatus !== undefined ? statusOfVersion[firstVersionStatus] : 'under_investigation'
  const responseList = asArray(analysis?.response).filter((r): r is VexResponse => (responses as readonly unknown[]).includes(r))
  const source = asObject(vulnerability.source)
  const aliases = asArray(vulnerability.references).flatMap((r) => {
    const alias = asString(asObject(r)?.id)
    return alias === undefined ? [] : [alias]
  })
  const actions = [asString(vulnerability.recommendation), asString(vulnerability.workaround)].filter((t): t is string => t !== undefined)
  return ok(
    compact({
      vulnerability: compact({ id, aliases, description: asString(vulnerability.description), url: asString(source?.url) }),
      products,
      status,
      cyclonedxState: state as CycloneDxState | undefined,
      justification: justification === undefined ? undefined : justificationFromCycloneDx(justification),
      cyclonedxJustification: justification,
      responses: responseList.length > 0 ? responseList : undefined,
      actionStatement: actions.length > 0 ? actions.join('\n') : undefined,
      detail: asString(analysis?.detail),
      timestamp: asString(analysis?.firstIssued),
      lastUpdated: asString(analysis?.lastUpdated),
    }),
  )
}

/** Parses a CycloneDX 1.4-1.6 JSON BOM that carries VEX data in `vulnerabilities`. */
export function parseCycloneDxVex(input: unknown): Result<VexDocument> {
  const bom = asObject(input)
  if (!bom || bom.bomFormat !== 'CycloneDX') return fail(problem('cyclonedx_not_a_bom', 'not a CycloneDX JSON BOM (bomFormat is not CycloneDX)'))
  const components = componentsByRef(bom)
  const statements: VexStatement[] = []
  for (const [index, value] of asArray(bom.vulnerabilities).entries()) {
    const statement = parseVulnerability(value, index, components)
    if (!statement.ok) return statement
    statements.push(statement.value)
  }
  const metadata = asObject(bom.metadata)
  const author = asString(asObject(asArray(metadata?.authors)[0])?.name) ?? asString(asObject(metadata?.manufacturer)?.name)
  return ok(
    compact({
      id: asString(bom.serialNumber),
      author,
      timestamp: asString(metadata?.timestamp),
      version: typeof bom.version === 'number' ? bom.version : undefined,
      statements,
    }),
  )
}

/** Options of {@link serializeCycloneDxVex}. */
export interface CycloneDxVexOptions {
  readonly specVersion?: '1.4' | '1.5' | '1.6'
}

/** Serializes the model as a CycloneDX VEX BOM (components for every identified product, one vulnerability per statement). */
export function serializeCycloneDxVex(document: VexDocument, options: CycloneDxVexOptions = {}): Record<string, unknown> {
  const components = new Map<string, Record<string, unknown>>()
  const refOf = (product: VexProduct, index: number): string => {
    const ref = product.ref ?? product.purl ?? product.cpe ?? `product-${index}`
    if (!components.has(ref) && (product.name !== undefined || product.purl !== undefined || product.cpe !== undefined)) {
      components.set(
        ref,
        compact({ type: 'application', 'bom-ref': ref, name: product.name ?? product.purl ?? product.cpe, version: product.version, purl: product.purl, cpe: product.cpe }),
      )
    }
    return ref
  }
  let counter = 0
  const vulnerabilities = document.statements.map((statement) => {
    const affects = statement.products.map((product) => compact({ ref: refOf(product, counter++), versions: product.versions }))
    const justification = statement.cyclonedxJustification ?? (statement.justification ? justificationToCycloneDx(statement.justification) : undefined)
    return compact({
      id: statement.vulnerability.id,
      source: statement.vulnerability.url === undefined ? undefined : { url: statement.vulnerability.url },
      references: statement.vulnerability.aliases.length > 0 ? statement.vulnerability.aliases.map((alias) => ({ id: alias, source: {} })) : undefined,
      description: statement.vulnerability.description,
      recommendation: statement.actionStatement,
      analysis: compact({
        // Without an explicit state the per-version statuses carry the status, when there are any.
        state: statement.cyclonedxState ?? (statement.products.some((p) => (p.versions ?? []).length > 0) ? undefined : stateOfStatus[statement.status]),
        justification,
        response: statement.responses,
        detail: statement.detail,
        firstIssued: statement.timestamp,
        lastUpdated: statement.lastUpdated,
      }),
      affects,
    })
  })
  return compact({
    bomFormat: 'CycloneDX',
    specVersion: options.specVersion ?? '1.6',
    serialNumber: document.id?.startsWith('urn:uuid:') ? document.id : undefined,
    version: document.version ?? 1,
    metadata: compact({ timestamp: document.timestamp, authors: document.author === undefined ? undefined : [{ name: document.author }] }),
    components: components.size > 0 ? [...components.values()] : undefined,
    vulnerabilities,
  })
}
