import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Kysely } from 'kysely'
import { CONTROL_KINDS, RISK_LEVELS_DESCENDING } from '../../domain/risk/device-risk.js'
import { GROUP_FIELDS } from '../../domain/risk/risk-register.js'
import { sp80030Levels } from '../../domain/risk/sp800-30.js'
import type { Database } from '../../store/schema.js'
import { acceptRisk } from '../../services/fleet/accept-risk.js'
import { riskAlertsEnabled, startRiskAlertLoop } from '../../services/fleet/alert-risk-acceptances.js'
import { createRiskEntry } from '../../services/fleet/create-risk-entry.js'
import { fleetDashboard } from '../../services/fleet/fleet-dashboard.js'
import { getDeviceRisk } from '../../services/fleet/get-device-risk.js'
import { listDeviceRisks } from '../../services/fleet/list-device-risks.js'
import { listRiskRegister } from '../../services/fleet/list-risk-register.js'
import { addRiskControl, removeRiskControl } from '../../services/fleet/risk-controls.js'
import { PATCH_STATUSES, setPatchStatus } from '../../services/fleet/set-patch-status.js'
import { updateRiskEntry } from '../../services/fleet/update-risk-entry.js'
import { errorResponses, replyWith } from '../errors.js'
import { orgOf, withOrg } from '../request-context.js'
import { OrgParams } from '../schemas.js'

const Level = Type.Union(sp80030Levels.map((l) => Type.Literal(l)))
const EntryParams = Type.Object({ orgId: Type.String(), entryId: Type.String() })
const DeviceParams = Type.Object({ orgId: Type.String(), deviceId: Type.String() })
const Group = Type.Object(Object.fromEntries(GROUP_FIELDS.map((f) => [f, Type.Optional(Type.Union([Type.String({ maxLength: 300 }), Type.Null()]))])), { additionalProperties: false })
// Breakdowns, register entries and dashboards are documented by their services' types; the schema leaves them open.
const Open = Type.Unknown()

/** The fleet's clinical-context risk (dashboard, per-device scores and breakdowns, patch status) and the SP 800-30 risk register; starts the acceptance-expiry alerts. */
export function fleetRiskRoutes(db: Kysely<Database>, options: { alertIntervalMs?: number } = {}): FastifyPluginAsyncTypebox {
  return async (app) => {
    if (riskAlertsEnabled()) {
      let stop: (() => void) | undefined
      app.addHook('onReady', async () => {
        stop = startRiskAlertLoop(db, { intervalMs: options.alertIntervalMs ?? 60 * 60_000, onError: (error) => app.log.error({ err: error }, 'risk acceptance alerts failed') })
      })
      app.addHook('onClose', async () => stop?.())
    }

    app.get(
      '/api/orgs/:orgId/fleet/dashboard',
      { preHandler: withOrg(db), schema: { tags: ['fleet'], summary: 'Fleet dashboard: devices by modality, risk distribution, support positions, end-of-support cliff, register', params: OrgParams, response: { 200: Open, ...errorResponses } } },
      async (request, reply) => {
        const result = await fleetDashboard(orgOf(request))
        return replyWith(reply, result)
      },
    )

    app.get(
      '/api/orgs/:orgId/fleet/risk',
      {
        preHandler: withOrg(db),
        schema: {
          tags: ['fleet'],
          summary: "Devices by clinical-context risk score, highest first, each with the score's breakdown",
          params: OrgParams,
          querystring: Type.Object({
            level: Type.Optional(Type.Union(RISK_LEVELS_DESCENDING.map((l) => Type.Literal(l)))),
            modality: Type.Optional(Type.String({ maxLength: 10 })),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
            offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000_000, default: 0 })),
          }),
          response: { 200: Open, ...errorResponses },
        },
      },
      async (request, reply) => {
        const result = await listDeviceRisks(orgOf(request), request.query)
        return replyWith(reply, result)
      },
    )

    app.get(
      '/api/orgs/:orgId/devices/:deviceId/risk',
      { preHandler: withOrg(db), schema: { tags: ['fleet'], summary: "A device's risk score breakdown, vulnerabilities, patch status, support life and register entries", params: DeviceParams, response: { 200: Open, ...errorResponses } } },
      async (request, reply) => {
        const result = await getDeviceRisk(orgOf(request), request.params.deviceId)
        return replyWith(reply, result)
      },
    )

    app.put(
      '/api/orgs/:orgId/devices/:deviceId/patch-status',
      {
        preHandler: withOrg(db),
        schema: {
          tags: ['fleet'],
          summary: "Record a device's patch/update status (analyst+)",
          params: DeviceParams,
          body: Type.Object({ status: Type.Union([...PATCH_STATUSES.map((s) => Type.Literal(s)), Type.Null()]), note: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])) }),
          response: { 200: Open, ...errorResponses },
        },
      },
      async (request, reply) => {
        const result = await setPatchStatus(orgOf(request), request.params.deviceId, request.body)
        return replyWith(reply, result)
      },
    )

    app.get(
      '/api/orgs/:orgId/fleet/risk-register',
      {
        preHandler: withOrg(db),
        schema: { tags: ['fleet'], summary: 'The risk register (NIST SP 800-30) with controls and acceptances', params: OrgParams, querystring: Type.Object({ includeClosed: Type.Optional(Type.Boolean()) }), response: { 200: Open, ...errorResponses } },
      },
      async (request, reply) => {
        const result = await listRiskRegister(orgOf(request), { includeClosed: request.query.includeClosed })
        return replyWith(reply, result)
      },
    )

    app.post(
      '/api/orgs/:orgId/fleet/risk-register',
      {
        preHandler: withOrg(db),
        schema: {
          tags: ['fleet'],
          summary: 'Add a risk about one device or a group of devices (analyst+)',
          params: OrgParams,
          body: Type.Object({
            title: Type.String({ minLength: 1, maxLength: 300 }),
            description: Type.Optional(Type.Union([Type.String({ maxLength: 10_000 }), Type.Null()])),
            deviceId: Type.Optional(Type.String()),
            group: Type.Optional(Group),
            likelihood: Level,
            impact: Level,
            residualLikelihood: Type.Optional(Type.Union([Level, Type.Null()])),
          }),
          response: { 201: Open, ...errorResponses },
        },
      },
      async (request, reply) => {
        const result = await createRiskEntry(orgOf(request), request.body)
        return replyWith(reply, result, (value) => reply.status(201).send(value))
      },
    )

    app.patch(
      '/api/orgs/:orgId/fleet/risk-register/:entryId',
      {
        preHandler: withOrg(db),
        schema: {
          tags: ['fleet'],
          summary: "Change a register entry's title, description, levels or status (analyst+)",
          params: EntryParams,
          body: Type.Object(
            {
              title: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
              description: Type.Optional(Type.Union([Type.String({ maxLength: 10_000 }), Type.Null()])),
              likelihood: Type.Optional(Level),
              impact: Type.Optional(Level),
              residualLikelihood: Type.Optional(Type.Union([Level, Type.Null()])),
              status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('mitigating'), Type.Literal('closed')])),
            },
            { additionalProperties: false },
          ),
          response: { 200: Open, ...errorResponses },
        },
      },
      async (request, reply) => {
        const result = await updateRiskEntry(orgOf(request), request.params.entryId, request.body)
        return replyWith(reply, result)
      },
    )

    app.post(
      '/api/orgs/:orgId/fleet/risk-register/:entryId/acceptance',
      {
        preHandler: withOrg(db),
        schema: {
          tags: ['fleet'],
          summary: "Accept a register entry's risk with owner, rationale and expiry (admin)",
          params: EntryParams,
          body: Type.Object({ owner: Type.String({ minLength: 1, maxLength: 200 }), expires: Type.String({ maxLength: 10 }), rationale: Type.String({ minLength: 1, maxLength: 10_000 }) }),
          response: { 200: Open, ...errorResponses },
        },
      },
      async (request, reply) => {
        const result = await acceptRisk(orgOf(request), request.params.entryId, request.body)
        return replyWith(reply, result)
      },
    )

    app.post(
      '/api/orgs/:orgId/fleet/risk-register/:entryId/controls',
      {
        preHandler: withOrg(db),
        schema: {
          tags: ['fleet'],
          summary: 'Record a compensating control on a register entry (analyst+)',
          params: EntryParams,
          body: Type.Object({ kind: Type.Union(CONTROL_KINDS.map((k) => Type.Literal(k))), description: Type.String({ minLength: 1, maxLength: 2000 }) }),
          response: { 201: Open, ...errorResponses },
        },
      },
      async (request, reply) => {
        const result = await addRiskControl(orgOf(request), request.params.entryId, request.body)
        return replyWith(reply, result, (value) => reply.status(201).send(value))
      },
    )

    app.delete(
      '/api/orgs/:orgId/fleet/risk-register/:entryId/controls/:controlId',
      {
        preHandler: withOrg(db),
        schema: { tags: ['fleet'], summary: 'Remove a compensating control (analyst+)', params: Type.Object({ orgId: Type.String(), entryId: Type.String(), controlId: Type.String() }), response: { 200: Open, ...errorResponses } },
      },
      async (request, reply) => {
        const result = await removeRiskControl(orgOf(request), request.params.entryId, request.params.controlId)
        return replyWith(reply, result)
      },
    )
  }
}
