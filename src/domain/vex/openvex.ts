// OpenVEX 0.2.0 (https://openvex.dev/ns/v0.2.0) to and from the normalised VEX model.
import { asArray, asObject, asString } from '../csaf/document.js'
import type { JsonObject } from '../csaf/document.js'
import { fail, ok, problem } from '../result.js'
import type { Result } from '../result.js'
import { compact, isVexJustification } from './model.js'
import type { VexDocument, VexProduct, VexStatement, VexStatus } from './model.js'

/** The JSON-LD context of OpenVEX 0.2.0. */
export const openVexContext = 'https://openvex.dev/ns/v0.2.0'

const statuses: readonly VexStatus[] = ['affected', 'not_affected', 'fixed', 'under_investigation']

function parseProduct(value: unknown): VexProduct | undefined {
  // OpenVEX 0.0.1 wrote products as plain identifiers.
  if (typeof value === 'string') return productFromIdentifier(value)
  const object = asObject(value)
  if (!object) return undefined
  const identifiers = asObject(object.identifiers)
  const ref = asString(object['@id'])
  const hashes = asObject(object.hashes)
  const subcomponents = asArray(object.subcomponents).map(parseProduct).filter((p): p is VexProduct => p !== undefined)
  const fromRef = ref === undefined ? {} : productFromIdentifier(ref)
  return compact({
    ref,
    purl: asString(identifiers?.purl) ?? fromRef.purl,
    cpe: asString(identifiers?.cpe23) ?? asString(identifiers?.cpe22) ?? fromRef.cpe,
    hashes: hashes && Object.keys(hashes).length > 0 ? (Object.fromEntries(Object.entries(hashes).filter(([, v]) => typeof v === 'string')) as Record<string, string>) : undefined,
    subcomponents: subcomponents.length > 0 ? subcomponents : undefined,
  })
}

// A product @id is often itself a purl or CPE; use it as the identity when no identifiers are given.
function productFromIdentifier(id: string): VexProduct {
  if (id.startsWith('pkg:')) return { ref: id, purl: id }
  if (id.startsWith('cpe:')) return { ref: id, cpe: id }
  return { ref: id }
}

function parseStatement(value: unknown, index: number, document: JsonObject): Result<VexStatement> {
  const statement = asObject(value)
  if (!statement) return fail(problem('openvex_statement_invalid', `statement ${index} is not an object`))
  const vulnerabilityValue = statement.vulnerability
  const vulnerability = asObject(vulnerabilityValue)
  const name = typeof vulnerabilityValue === 'string' ? vulnerabilityValue : asString(vulnerability?.name) ?? asString(vulnerability?.['@id'])
  if (name === undefined) return fail(problem('openvex_vulnerability_missing', `statement ${index} names no vulnerability`))
  const status = asString(statement.status)
  if (status === undefined || !(statuses as readonly string[]).includes(status)) {
    return fail(problem('openvex_status_invalid', `statement ${index} has status ${JSON.stringify(statement.status)}`))
  }
  const justification = statement.justification
  if (justification !== undefined && !isVexJustification(justification)) {
    return fail(problem('openvex_justification_invalid', `statement ${index} has justification ${JSON.stringify(justification)}`))
  }
  const products = asArray(statement.products).map(parseProduct).filter((p): p is VexProduct => p !== undefined)
  const aliases = asArray(vulnerability?.aliases).filter((a): a is string => typeof a === 'string')
  return ok(
    compact({
      vulnerability: compact({ id: name, aliases, description: asString(vulnerability?.description), url: asString(vulnerability?.['@id']) }),
      products,
      status: status as VexStatus,
      justification: justification as VexStatement['justification'],
      impactStatement: asString(statement.impact_statement),
      actionStatement: asString(statement.action_statement),
      actionStatementTimestamp: asString(statement.action_statement_timestamp),
      detail: asString(statement.status_notes),
      // Statements inherit the document timestamp when they give none (OpenVEX §Inheritance).
      timestamp: asString(statement.timestamp) ?? asString(document.timestamp),
      lastUpdated: asString(statement.last_updated),
    }),
  )
}

/** Parses an OpenVEX document (0.2.0; the 0.0.1 shorthand of string products is accepted). */
export function parseOpenVex(input: unknown): Result<VexDocument> {
  const document = asObject(input)
  const context = asString(document?.['@context'])
  if (!document || context === undefined || !context.startsWith('https://openvex.dev/ns')) {
    return fail(problem('openvex_not_a_document', 'not an OpenVEX document (no https://openvex.dev/ns @context)'))
  }
  const statements: VexStatement[] = []
  const list = asArray(document.statements)
  for (const [index, value] of list.entries()) {
    const statement = parseStatement(value, index, document)
    if (!statement.ok) return statement
    statements.push(statement.value)
  }
  const version = document.version
  return ok(
    compact({
      id: asString(document['@id']),
      author: asString(document.author),
      authorRole: asString(document.role),
      timestamp: asString(document.timestamp),
      lastUpdated: asString(document.last_updated),
      version: typeof version === 'number' ? version : typeof version === 'string' && /^\d+$/.test(version) ? Number(version) : undefined,
      statements,
    }),
  )
}

function serializeProduct(product: VexProduct): Record<string, unknown> {
  const identifiers = compact({ purl: product.purl, cpe23: product.cpe?.startsWith('cpe:2.3:') ? product.cpe : undefined, cpe22: product.cpe?.startsWith('cpe:/') ? product.cpe : undefined })
  return compact({
    '@id': product.ref ?? product.purl ?? product.cpe ?? (product.name !== undefined ? [product.name, product.version].filter(Boolean).join('@') : undefined),
    identifiers: Object.keys(identifiers).length > 0 ? identifiers : undefined,
    hashes: product.hashes,
    subcomponents: product.subcomponents?.map(serializeProduct),
  })
}

/** Serializes the model as an OpenVEX 0.2.0 document; fill @id, author, timestamp and version first ({@link withDocumentDefaults}). */
export function serializeOpenVex(document: VexDocument): Record<string, unknown> {
  return compact({
    '@context': openVexContext,
    '@id': document.id,
    author: document.author,
    role: document.authorRole,
    timestamp: document.timestamp,
    last_updated: document.lastUpdated,
    version: document.version,
    statements: document.statements.map((statement) =>
      compact({
        vulnerability: compact({
          '@id': statement.vulnerability.url,
          name: statement.vulnerability.id,
          description: statement.vulnerability.description,
          aliases: statement.vulnerability.aliases.length > 0 ? statement.vulnerability.aliases : undefined,
        }),
        timestamp: statement.timestamp,
        last_updated: statement.lastUpdated,
        products: statement.products.map(serializeProduct),
        status: statement.status,
        status_notes: statement.detail,
        justification: statement.justification,
        impact_statement: statement.impactStatement,
        action_statement: statement.actionStatement,
        action_statement_timestamp: statement.actionStatementTimestamp,
      }),
    ),
  })
}
