import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { as, startHarness, type ApiHarness, type TestSession } from '../../test/support/api-harness.js'
import { routeTable } from '../../test/support/route-table.js'
import { verifyAudit } from '../services/audit/verify-audit.js'
import { MATRIX_UNKNOWN_ID, ROUTE_RULES } from './sharing/route-rules.js'

// Every route under /api gets the same fixed set of bad inputs; none may answer 500, hang, or give an error body
// without a stable snake_case code. Bad inputs are sent by the admin of the demo organization that owns the data,
// with real ids where the demo has them, so that they reach past the guards into the services.

const ERROR_CODE = /^[a-z][a-z0-9_]*$/
const ANSWER_WITHIN_MS = 5_000
const LONG_STRING = 'x'.repeat(100 * 1024)
const NASTY_STRING = 'a\u0000b\u202e\ud800\uffff\u{1f4a5}\u0301 "\'<script>'
const NOT_BASE64 = '!!! this is not base64 \u0000 ###'

const ADMINS = {
  manufacturer: 'admin@acme-imaging.example',
  hdo: 'admin@st-example.example',
  researcher: 'admin@odsr.example',
  regulator: 'admin@regulator.example',
} as const
type Owner = keyof typeof ADMINS

/** The demo organization whose data a route is about. */
function ownerOf(url: string): Owner {
  if (/\/(devices|fleet|shared|notifications|sharing\/requests|webhooks)\b/.test(url)) return 'hdo'
  if (/\/disclosure\/shared\b/.test(url)) return 'researcher'
  if (/\/regulator\//.test(url)) return 'regulator'
  return 'manufacturer'
}

/** The table a path parameter names, to fill it with a real id of the owner when the demo has one. */
const PARAM_TABLES: Readonly<Record<string, string>> = {
  productId: 'products',
  versionId: 'product_versions',
  beforeVersionId: 'product_versions',
  afterVersionId: 'product_versions',
  revisionId: 'sbom_revisions',
  componentId: 'sbom_components',
  deviceId: 'devices',
  caseId: 'disclosure_cases',
  advisoryId: 'advisories',
  findingId: 'findings',
  assessmentId: 'vulnerability_assessments',
  entryId: 'fleet_risk_entries',
  relationshipId: 'sharing_relationships',
  uploadId: 'mds2_uploads',
  discoveryId: 'fleet_discoveries',
  webhookId: 'webhook_endpoints',
  tokenId: 'api_tokens',
  attachmentId: 'disclosure_attachments',
  controlId: 'fleet_risk_controls',
  deliveryId: 'delivery_outbox',
}

interface BadRequest {
  readonly label: string
  readonly url: string
  readonly payload?: string
  readonly contentType?: string
}

/** The part of a JSON schema the test reads from the OpenAPI document. */
interface JsonSchema {
  readonly type?: string | readonly string[]
  readonly format?: string
  readonly enum?: readonly unknown[]
  readonly anyOf?: readonly JsonSchema[]
  readonly properties?: Readonly<Record<string, JsonSchema>>
}

/** What the OpenAPI document says a route takes: its query parameters and the properties of its JSON body. */
interface RouteShape {
  readonly query: readonly { name: string; schema: JsonSchema }[]
  readonly bodyProperties: Readonly<Record<string, JsonSchema>>
}

/** The first type a schema names (looking into anyOf), e.g. 'string'. */
function typeOf(schema: JsonSchema): string | undefined {
  if (typeof schema.type === 'string') return schema.type
  if (Array.isArray(schema.type)) return schema.type.find((t) => t !== 'null')
  if (schema.enum) return typeof schema.enum[0]
  for (const option of schema.anyOf ?? []) {
    const found = typeOf(option)
    if (found && found !== 'null') return found
  }
  return undefined
}

/** A plausible value of a schema's type, for a field the route's sample body leaves out. */
function plausibleValue(schema: JsonSchema): unknown {
  const type = typeOf(schema)
  return type === 'number' || type === 'integer' ? 1 : type === 'boolean' ? true : type === 'array' ? [] : type === 'object' ? {} : 'x'
}

/** Wrong values for a field, chosen by the type of a valid value. */
function wrongValues(field: string, valid: unknown): [string, unknown][] {
  const values: [string, unknown][] = []
  if (typeof valid === 'string') values.push(['number', 12345], ['object', { a: 1 }], ['long string', LONG_STRING], ['unicode/NUL', NASTY_STRING], ['not an id', 'not-a-uuid'], ['unknown id', MATRIX_UNKNOWN_ID])
  else if (typeof valid === 'number') values.push(['string', 'NaN'], ['huge', 1e308], ['negative', -1])
  else if (typeof valid === 'boolean') values.push(['string', 'maybe'])
  else if (Array.isArray(valid)) values.push(['object', { 0: 'x' }], ['array of wrong items', [null, 7, 'x', { a: NASTY_STRING }]], ['20 000 items', Array.from({ length: 20_000 }, () => 'x')], ['not ids', ['not-a-uuid']])
  else if (valid !== null && typeof valid === 'object') values.push(['array', ['x']], ['string', 'x'], ['unicode/NUL key', { [NASTY_STRING]: NASTY_STRING }])
  else values.push(['object', { a: 1 }], ['unicode/NUL', NASTY_STRING])
  if (/base64/i.test(field)) values.push(['not base64', NOT_BASE64], ['base64 of binary', Buffer.from([0, 255, 254, 0, 1]).toString('base64')])
  return values
}

/** Bad query-string values for a parameter, chosen by its schema. */
function wrongQueryValues(schema: JsonSchema): [string, string][] {
  const type = typeOf(schema)
  const values: [string, string][] = [['NUL and unicode', 'a\u0000\u{1f4a5}'], ['8 kB', 'z'.repeat(8000)], ['empty', '']]
  if (type === 'number' || type === 'integer') values.push(['not a number', 'abc'], ['negative', '-1'], ['huge', '99999999999999999999999'], ['infinite', '1e400'], ['fraction', '1.5'])
  else if (type === 'boolean') values.push(['not a boolean', 'maybe'])
  else values.push(['wrong value', 'nope'], ['number', '-1'])
  if (schema.format) values.push([`not a ${schema.format}`, '2026-13-45T99:99'])
  return values
}

/** A JSON text nested `depth` levels deep. */
function deeplyNested(depth: number): string {
  return '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)
}

/** The paths to the leaves of a sample body (up to three levels down), each with its valid value. */
function leaves(value: unknown, path: readonly string[] = []): { path: readonly string[]; valid: unknown }[] {
  if (path.length < 3 && value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length > 0) {
    return Object.entries(value).flatMap(([key, item]) => leaves(item, [...path, key]))
  }
  return path.length === 0 ? [] : [{ path, valid: value }]
}

/** A copy of a body with the value at a path replaced. */
function withValueAt(body: unknown, path: readonly string[], value: unknown): unknown {
  if (path.length === 0) return value
  const [head, ...rest] = path
  const object = (body !== null && typeof body === 'object' ? body : {}) as Record<string, unknown>
  return { ...object, [head!]: withValueAt(object[head!], rest, value) }
}

/** The bad requests for one route: path, query and (for writes) body cases. */
function badRequests(method: string, url: string, fill: (name: string) => string, validBody: unknown, shape: RouteShape): BadRequest[] {
  const params = [...url.matchAll(/:(\w+)/g)].map((m) => m[1]!)
  const withParams = (override: Record<string, string>) => url.replace(/:(\w+)/g, (_m, name: string) => encodeURIComponent(override[name] ?? fill(name)))
  const base = withParams({})
  const cases: BadRequest[] = []
  for (const name of params) {
    for (const [label, value] of [['not a uuid', 'not-a-uuid'], ['unknown uuid', MATRIX_UNKNOWN_ID], ['NUL and unicode', 'x\u0000\u{1f4a5}'], ['long', 'y'.repeat(2000)]] as const) {
      cases.push({ label: `path ${name}: ${label}`, url: withParams({ [name]: value }) })
    }
  }
  // Generic parameters every route may get, then each parameter the route declares with values of the wrong kind.
  const queries = [
    'limit=-1&offset=-5&page=-2',
    'limit=abc&offset=xyz&page=1.5',
    'limit=99999999999999999999999&offset=1e400&page=9007199254740993',
    'q=%00%F0%9F%92%A5%ED%A0%80&search=%ff&sort=%27;drop%20table&status=nope&format=nope&tlp=nope&kind=nope',
    `q=${'z'.repeat(8000)}&limit=1&limit=2&ids=a&ids=b`,
  ]
  for (const query of queries) cases.push({ label: `query ${query.slice(0, 60)}`, url: `${base}?${query}` })
  for (const { name, schema } of shape.query) {
    for (const [label, value] of wrongQueryValues(schema)) cases.push({ label: `query ${name}: ${label}`, url: `${base}?${encodeURIComponent(name)}=${encodeURIComponent(value)}` })
    cases.push({ label: `query ${name}: repeated`, url: `${base}?${name}=a&${name}=b` })
  }
  if (method === 'GET' || method === 'DELETE') return cases
  const json = 'application/json'
  cases.push(
    { label: 'body not JSON', url: base, payload: '{"not": json', contentType: json },
    { label: 'body empty JSON', url: base, payload: '', contentType: json },
    { label: 'body JSON array', url: base, payload: '[1,2,3]', contentType: json },
    { label: 'body JSON string', url: base, payload: '"a string"', contentType: json },
    { label: 'body JSON null', url: base, payload: 'null', contentType: json },
    { label: 'body JSON number', url: base, payload: '1e999', contentType: json },
    { label: 'body empty object', url: base, payload: '{}', contentType: json },
    { label: 'body deep nesting', url: base, payload: deeplyNested(20_000), contentType: json },
    { label: 'body 100 kB string', url: base, payload: JSON.stringify(LONG_STRING), contentType: json },
    { label: 'body text/plain', url: base, payload: 'plain text', contentType: 'text/plain' },
    { label: 'body unknown content type', url: base, payload: '<x/>', contentType: 'application/xml' },
    { label: 'body prototype pollution', url: base, payload: '{"__proto__":{"admin":true},"constructor":{"prototype":{"x":1}}}', contentType: json },
  )
  const sample = validBody !== null && typeof validBody === 'object' && !Array.isArray(validBody) ? (validBody as Record<string, unknown>) : {}
  const fields = [
    ...leaves(sample),
    ...Object.entries(shape.bodyProperties).filter(([name]) => !(name in sample)).map(([name, schema]) => ({ path: [name], valid: plausibleValue(schema) })),
  ]
  for (const { path, valid } of fields) {
    const field = path.join('.')
    for (const [label, wrong] of wrongValues(field, valid)) {
      cases.push({ label: `body field ${field}: ${label}`, url: base, payload: JSON.stringify(withValueAt(sample, path, wrong)), contentType: json })
    }
    if (typeof valid === 'number') cases.push({ label: `body field ${field}: infinite (1e999)`, url: base, payload: JSON.stringify(withValueAt(sample, path, '__INFINITE__')).replace('"__INFINITE__"', '1e999'), contentType: json })
    cases.push({ label: `body field ${field}: deep nesting`, url: base, payload: JSON.stringify(withValueAt(sample, path, '__DEEP__')).replace('"__DEEP__"', deeplyNested(5_000)), contentType: json })
  }
  cases.push({ label: 'body valid sample plus unknown 100 kB field', url: base, payload: JSON.stringify({ ...sample, unexpected: LONG_STRING }), contentType: json })
  return cases
}

/** What the OpenAPI document says each route takes, keyed "METHOD /path" with fastify's :params. */
function routeShapes(document: unknown): Map<string, RouteShape> {
  type Operation = { parameters?: { in: string; name: string; schema: JsonSchema }[]; requestBody?: { content?: Record<string, { schema?: JsonSchema }> } }
  const shapes = new Map<string, RouteShape>()
  const paths = (document as { paths: Record<string, Record<string, Operation>> }).paths
  for (const [path, operations] of Object.entries(paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      shapes.set(`${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`, {
        query: (operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => ({ name: p.name, schema: p.schema })),
        bodyProperties: operation.requestBody?.content?.['application/json']?.schema?.properties ?? {},
      })
    }
  }
  return shapes
}

/** Resolves to 'timeout' when a promise takes longer than the given time. */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms)
  })
  try {
    return await Promise.race([promise, timeout])
  } finally {
    clearTimeout(timer)
  }
}

describe('bad input on every route', () => {
  let h: ApiHarness
  const sessions = new Map<Owner, TestSession>()
  const orgIds = new Map<Owner, string>()

  beforeAll(async () => {
    h = await startHarness('pglite')
    const slugs: Record<Owner, string> = { manufacturer: 'acme-imaging', hdo: 'st-example-hospital', researcher: 'open-device-research', regulator: 'device-regulator' }
    for (const owner of Object.keys(ADMINS) as Owner[]) {
      sessions.set(owner, await h.login(ADMINS[owner]))
      orgIds.set(owner, await h.orgId(slugs[owner]))
    }
    // The demo has no disclosure case: report one publicly and invite the researcher, so case routes get a real id.
    const reported = await h.app.inject({ method: 'POST', url: '/api/public/disclosure/acme-imaging/reports', payload: { title: 'Bad input probe', description: 'a case for the bad-input test' } })
    expect(reported.statusCode).toBe(201)
    const caseId = (await h.database.db.selectFrom('disclosure_cases').select('id').where('org_id', '=', orgIds.get('manufacturer')!).executeTakeFirstOrThrow()).id
    const invited = await h.app.inject({ method: 'POST', url: `/api/orgs/${orgIds.get('manufacturer')}/disclosure/cases/${caseId}/parties`, headers: as(sessions.get('manufacturer')!, true), payload: { partySlug: 'open-device-research', role: 'other' } })
    expect(invited.statusCode).toBeLessThan(300)
  })
  afterAll(async () => {
    await h?.close()
  })

  it('answers every route and bad input with a 4xx and a stable error code, or a success, quickly', async () => {
    // A real id per (owner, parameter), read once; the analyst is the member a member route may change or remove.
    const realIds = new Map<string, string | undefined>()
    const realId = async (owner: Owner, name: string): Promise<string | undefined> => {
      const key = `${owner} ${name}`
      if (realIds.has(key)) return realIds.get(key)
      let id: string | undefined
      const table = PARAM_TABLES[name]
      // A hospital reads the manufacturer's products and cases shared with it; the ids are the manufacturer's.
      const holder = owner !== 'manufacturer' && ['productId', 'versionId', 'caseId'].includes(name) ? 'manufacturer' : owner
      if (table) {
        const rows = await sql<{ id: string }>`select id::text as id from ${sql.table(table)} where org_id = ${orgIds.get(holder)!} order by id limit 1`.execute(h.database.db)
        id = rows.rows[0]?.id
      } else if (name === 'userId') {
        id = (await h.database.db.selectFrom('users').select('id').where('email', '=', ADMINS[owner].replace('admin@', 'analyst@')).executeTakeFirst())?.id
      }
      realIds.set(key, id)
      return id
    }

    const routes = routeTable(h.app)
    const shapes = routeShapes(h.app.swagger())
    const failures: string[] = []
    let cases = 0
    let counter = 0
    const started = Date.now()
    for (const route of routes) {
      const owner = ownerOf(route.url)
      const session = sessions.get(owner)!
      const rule = ROUTE_RULES[`${route.method} ${route.url}`]
      const filled = new Map<string, string>()
      for (const [, name] of route.url.matchAll(/:(\w+)/g)) {
        filled.set(name!, name === 'orgId' ? orgIds.get(owner)! : (rule?.sample?.params?.[name!] ?? (await realId(owner, name!)) ?? MATRIX_UNKNOWN_ID))
      }
      const sample = typeof rule?.sample?.body === 'function' ? (rule.sample.body as (n: number) => unknown)(++counter + 100_000) : rule?.sample?.body
      const shape = shapes.get(`${route.method} ${route.url}`) ?? { query: [], bodyProperties: {} }
      for (const bad of badRequests(route.method, route.url, (name) => filled.get(name)!, sample, shape)) {
        cases++
        const headers = as(session, route.method !== 'GET')
        if (bad.contentType) headers['content-type'] = bad.contentType
        const answer = await within(h.app.inject({ method: route.method as 'GET', url: bad.url, headers, ...(bad.payload === undefined ? {} : { payload: bad.payload }) }), ANSWER_WITHIN_MS)
        const where = `${route.method} ${route.url} [${bad.label.slice(0, 80)}]`
        if (answer === 'timeout') {
          failures.push(`${where}: no answer within ${ANSWER_WITHIN_MS} ms`)
          continue
        }
        const status = answer.statusCode
        const body = answer.body.slice(0, 200)
        if (status >= 500) {
          failures.push(`${where}: ${status} ${body}`)
          continue
        }
        if (status < 400) continue
        let code: unknown
        try {
          code = answer.json<{ error?: { code?: unknown; message?: unknown } }>().error?.code
        } catch {
          code = undefined
        }
        if (typeof code !== 'string' || !ERROR_CODE.test(code)) failures.push(`${where}: ${status} without a stable error code: ${body}`)
      }
    }
    const seconds = (Date.now() - started) / 1000
    const unfilled = [...realIds.keys()].filter((key) => realIds.get(key) === undefined)
    console.log(`bad input: ${routes.length} routes, ${cases} cases, ${seconds.toFixed(1)} s; no demo row for: ${unfilled.join(', ') || 'none'}`)
    expect(routes.length).toBeGreaterThan(150)
    expect(cases).toBeGreaterThan(3000)
    // Every write the bad inputs got through was recorded whole: the audit chain still verifies.
    expect(await verifyAudit(h.database.db)).toMatchObject({ ok: true })
    expect(failures, `${failures.length} bad answers:\n${failures.join('\n')}`).toEqual([])
  }, 300_000)
})
