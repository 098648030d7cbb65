import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Kysely } from 'kysely'
import { disclosureCommandKinds, triageOutcomes, type DisclosureCommand } from '../../domain/disclosure/index.js'
import { exploitabilityLevels, patientHarmLevels } from '../../domain/risk/index.js'
import type { Database } from '../../store/schema.js'
import { downloadAttachment } from '../../services/disclosure/download-attachment.js'
import { exportCase } from '../../services/disclosure/export-case.js'
import { getCase } from '../../services/disclosure/get-case.js'
import { getDisclosureDashboard } from '../../services/disclosure/get-dashboard.js'
import { getProgramme } from '../../services/disclosure/get-programme.js'
import { inviteParty, listParties } from '../../services/disclosure/invite-party.js'
import { linkVersion } from '../../services/disclosure/link-version.js'
import { listCases } from '../../services/disclosure/list-cases.js'
import { postCaseMessage } from '../../services/disclosure/post-message.js'
import { saveProgramme } from '../../services/disclosure/save-programme.js'
import { manufacturerSecurityTxt } from '../../services/disclosure/security-txt.js'
import { setPgpKey } from '../../services/disclosure/set-pgp-key.js'
import { downloadSharedAttachment, getSharedCase, listSharedCases, postSharedMessage } from '../../services/disclosure/shared-cases.js'
import { transitionCase } from '../../services/disclosure/transition-case.js'
import { updateCase } from '../../services/disclosure/update-case.js'
import { errorResponses, replyWith, sendServiceError } from '../errors.js'
import { orgOf, withOrg } from '../request-context.js'
import { OrgParams } from '../schemas.js'
import { baseUrl, sendDownload } from '../public/http.js'
import { ATTACHMENT_BODY_LIMIT, AttachmentParams, CaseParams, MessageBody, UploadsSchema, View } from './schemas.js'
import { clockAlertsEnabled, startClockAlertLoop } from '../../services/disclosure/alert-clocks.js'

// Null first: with type coercion on, ajv would otherwise turn null into an empty string.
const NullableText = (maxLength: number) => Type.Union([Type.Null(), Type.String({ maxLength })])
const Enum = <T extends string>(values: readonly T[]) => Type.Unsafe<T>({ type: 'string', enum: [...values] })

const ClockPolicySchema = Type.Object(
  {
    acknowledgeBusinessDays: Type.Integer(),
    triageBusinessDays: Type.Integer(),
    remediateCalendarDays: Type.Integer(),
    uncontrolledCommunicateCalendarDays: Type.Integer(),
    uncontrolledRemediateCalendarDays: Type.Integer(),
    warnBusinessDays: Type.Integer(),
    holidays: Type.Array(Type.String({ maxLength: 10 }), { maxItems: 400 }),
  },
  { additionalProperties: false },
)

/** A manufacturer's disclosure programme and cases, and the cases other organizations invited it to. */
export function disclosureRoutes(db: Kysely<Database>): FastifyPluginAsyncTypebox {
  return async (app) => {
    const tags = ['disclosure']
    const guard = withOrg(db)
    if (clockAlertsEnabled()) {
      let stop: (() => void) | undefined
      app.addHook('onReady', async () => {
        stop = startClockAlertLoop(db, { intervalMs: 60 * 60_000, onError: (error) => app.log.error({ err: error }, 'disclosure clock alerts failed') })
      })
      app.addHook('onClose', async () => stop?.())
    }

    app.get('/api/orgs/:orgId/disclosure/programme', { preHandler: guard, schema: { tags, summary: 'Programme settings (defaults until saved)', params: OrgParams, response: { 200: View('ProgrammeSettings'), ...errorResponses } } }, async (request, reply) => {
      const result = await getProgramme(orgOf(request))
      return replyWith(reply, result)
    })

    app.put(
      '/api/orgs/:orgId/disclosure/programme',
      {
        preHandler: guard,
        schema: {
          tags,
          summary: 'Save the programme: contact, policy links, languages, clocks (admins)',
          params: OrgParams,
          body: Type.Object(
            {
              intakeOpen: Type.Boolean(),
              catalogueTlp: Type.Optional(Enum(['CLEAR', 'GREEN'] as const)),
              contactEmail: NullableText(200),
              websiteUrl: NullableText(500),
              policyUrl: NullableText(500),
              acknowledgmentsUrl: NullableText(500),
              hiringUrl: NullableText(500),
              preferredLanguages: Type.Array(Type.String({ maxLength: 35 }), { maxItems: 20 }),
              clockPolicy: ClockPolicySchema,
            },
            { additionalProperties: false },
          ),
          response: { 200: View('ProgrammeSettings'), ...errorResponses },
        },
      },
      async (request, reply) => {
        const result = await saveProgramme(orgOf(request), { ...request.body, catalogueTlp: request.body.catalogueTlp ?? 'GREEN' })
        return replyWith(reply, result)
      },
    )

    app.put(
      '/api/orgs/:orgId/disclosure/programme/pgp-key',
      { preHandler: guard, schema: { tags, summary: 'Publish (or withdraw with null) the OpenPGP public key (admins)', params: OrgParams, body: Type.Object({ armoredKey: NullableText(100_000) }), response: { 200: View('ProgrammeSettings'), ...errorResponses } } },
      async (request, reply) => {
        const result = await setPgpKey(orgOf(request), request.body.armoredKey)
        return replyWith(reply, result)
      },
    )

    app.get(
      '/api/orgs/:orgId/disclosure/security-txt',
      {
        preHandler: guard,
        schema: { tags, summary: "The manufacturer's security.txt (platform copy or for its own web site) with its RFC 9116 validation", params: OrgParams, querystring: Type.Object({ target: Type.Optional(Enum(['platform', 'website'] as const)) }), response: { 200: View('GeneratedSecurityTxt'), ...errorResponses } },
      },
      async (request, reply) => {
        const ctx = orgOf(request)
        if (ctx.org.kind !== 'manufacturer') return sendServiceError(reply, { code: 'forbidden', message: 'disclosure programmes are run by manufacturers' })
        const result = await manufacturerSecurityTxt(db, ctx.org.slug, baseUrl(request), request.query.target ?? 'website')
        return replyWith(reply, result)
      },
    )

    app.get('/api/orgs/:orgId/disclosure/dashboard', { preHandler: guard, schema: { tags, summary: 'Programme metrics and clocks that need attention', params: OrgParams, response: { 200: View('DisclosureDashboard'), ...errorResponses } } }, async (request, reply) => {
      const result = await getDisclosureDashboard(orgOf(request))
      return replyWith(reply, result)
    })

    app.get('/api/orgs/:orgId/disclosure/cases', { preHandler: guard, schema: { tags, summary: 'Cases with their clocks, newest first', params: OrgParams, response: { 200: View('CaseSummary[]'), ...errorResponses } } }, async (request, reply) => {
      const result = await listCases(orgOf(request))
      return replyWith(reply, result)
    })

    app.get('/api/orgs/:orgId/disclosure/cases/:caseId', { preHandler: guard, schema: { tags, summary: 'One case in full', params: CaseParams, response: { 200: View('CaseDetail'), ...errorResponses } } }, async (request, reply) => {
      const result = await getCase(orgOf(request), request.params.caseId)
      return replyWith(reply, result)
    })

    app.post(
      '/api/orgs/:orgId/disclosure/cases/:caseId/transitions',
      {
        preHandler: guard,
        schema: {
          tags,
          summary: 'Move a case: acknowledge, triage, start_remediation, publish, close, reopen (the note is shown to the reporter)',
          params: CaseParams,
          body: Type.Object(
            {
              command: Enum(disclosureCommandKinds),
              outcome: Type.Optional(Enum(triageOutcomes)),
              duplicateOf: Type.Optional(Type.String({ maxLength: 100 })),
              advisoryId: Type.Optional(Type.String({ maxLength: 40, description: 'the advisory (of this organization) published for the case; it is linked' })),
              note: Type.Optional(Type.String({ maxLength: 10_000 })),
            },
            { additionalProperties: false },
          ),
          response: { 200: View('CaseDetail'), ...errorResponses },
        },
      },
      async (request, reply) => {
        const body = request.body
        const note = body.note === undefined ? {} : { note: body.note }
        let command: DisclosureCommand
        switch (body.command) {
          case 'triage':
            if (!body.outcome) return sendServiceError(reply, { code: 'validation_failed', message: 'triage needs an outcome: valid, duplicate or not_vulnerability' })
            command = { kind: 'triage', outcome: body.outcome, ...note, ...(body.duplicateOf ? { duplicateOf: body.duplicateOf } : {}) }
            break
          case 'publish':
            command = { kind: 'publish', ...note, ...(body.advisoryId ? { advisoryId: body.advisoryId } : {}) }
            break
          case 'reopen':
            command = { kind: 'reopen', note: body.note ?? '' }
            break
          default:
            command = { kind: body.command, ...note }
        }
        const result = await transitionCase(orgOf(request), request.params.caseId, command)
        return replyWith(reply, result)
      },
    )

    app.patch(
      '/api/orgs/:orgId/disclosure/cases/:caseId',
      {
        preHandler: guard,
        schema: {
          tags,
          summary: 'Record severity (CVSS), the FDA determination, CVE ids, linked findings and advisories, credit and dates',
          params: CaseParams,
          body: Type.Object(
            {
              cvssVector: Type.Optional(NullableText(300)),
              fda: Type.Optional(
                Type.Union([
                  Type.Object(
                    {
                      exploitability: Type.Optional(Enum(exploitabilityLevels)),
                      harm: Enum(patientHarmLevels),
                      essentialPerformanceImpact: Type.Boolean(),
                      date: Type.Optional(Type.String({ maxLength: 10 })),
                      seriousAdverseEvents: Type.Optional(Type.Boolean()),
                      pmaDevice: Type.Optional(Type.Boolean()),
                    },
                    { additionalProperties: false },
                  ),
                  Type.Null(),
                ]),
              ),
              cves: Type.Optional(Type.Array(Type.Object({ id: Type.String({ maxLength: 30 }), status: Enum(['reserved', 'published'] as const) }), { maxItems: 50 })),
              findingIds: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 200, description: "ids of this organization's findings; replaces the linked set" })),
              advisoryIds: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 50, description: "ids of this organization's advisories; replaces the linked set" })),
              creditWanted: Type.Optional(Type.Boolean()),
              creditName: Type.Optional(NullableText(200)),
              fixReleasedOn: Type.Optional(NullableText(10)),
              customersNotifiedOn: Type.Optional(NullableText(10)),
            },
            { additionalProperties: false },
          ),
          response: { 200: View('CaseDetail'), ...errorResponses },
        },
      },
      async (request, reply) => {
        const result = await updateCase(orgOf(request), request.params.caseId, request.body)
        return replyWith(reply, result)
      },
    )

    const VersionParams = Type.Object({ orgId: Type.String(), caseId: Type.String(), versionId: Type.String() })
    app.put('/api/orgs/:orgId/disclosure/cases/:caseId/versions/:versionId', { preHandler: guard, schema: { tags, summary: 'Link an affected product version', params: VersionParams, response: { 200: View('CaseDetail'), ...errorResponses } } }, async (request, reply) => {
      const result = await linkVersion(orgOf(request), request.params.caseId, request.params.versionId, true)
      return replyWith(reply, result)
    })
    app.delete('/api/orgs/:orgId/disclosure/cases/:caseId/versions/:versionId', { preHandler: guard, schema: { tags, summary: 'Unlink a product version', params: VersionParams, response: { 200: View('CaseDetail'), ...errorResponses } } }, async (request, reply) => {
      const result = await linkVersion(orgOf(request), request.params.caseId, request.params.versionId, false)
      return replyWith(reply, result)
    })

    app.post(
      '/api/orgs/:orgId/disclosure/cases/:caseId/messages',
      {
        preHandler: guard,
        bodyLimit: ATTACHMENT_BODY_LIMIT,
        schema: {
          tags,
          summary: 'Write to the reporter, to invited parties (coordination) or an internal note, with attachments',
          params: CaseParams,
          body: Type.Object({ thread: Enum(['reporter', 'coordination', 'internal'] as const), body: MessageBody, replyTo: Type.Optional(Type.String({ maxLength: 40 })), attachments: UploadsSchema }, { additionalProperties: false }),
          response: { 201: View('CaseMessageView'), ...errorResponses },
        },
      },
      async (request, reply) => {
        const result = await postCaseMessage(orgOf(request), request.params.caseId, request.body)
        return replyWith(reply, result, (value) => reply.status(201).send(value))
      },
    )

    app.get('/api/orgs/:orgId/disclosure/cases/:caseId/attachments/:attachmentId', { preHandler: guard, schema: { tags, summary: 'Download an attachment (always as a file, never inline)', params: AttachmentParams } }, async (request, reply) => {
      const result = await downloadAttachment(orgOf(request), request.params.caseId, request.params.attachmentId)
      return replyWith(reply, result, (value) => sendDownload(reply, value))
    })

    app.get('/api/orgs/:orgId/disclosure/cases/:caseId/parties', { preHandler: guard, schema: { tags, summary: 'Organizations invited to the case', params: CaseParams, response: { 200: View('DisclosurePartyWithName[]'), ...errorResponses } } }, async (request, reply) => {
      const result = await listParties(orgOf(request), request.params.caseId)
      return replyWith(reply, result)
    })

    app.post(
      '/api/orgs/:orgId/disclosure/cases/:caseId/parties',
      {
        preHandler: guard,
        schema: {
          tags,
          summary: 'Invite another organization to the case under TLP:AMBER+STRICT',
          params: CaseParams,
          body: Type.Object({ partySlug: Type.String({ minLength: 1, maxLength: 100 }), role: Enum(['component_manufacturer', 'coordinator', 'other'] as const) }, { additionalProperties: false }),
          response: { 201: View('DisclosurePartyWithName[]'), ...errorResponses },
        },
      },
      async (request, reply) => {
        const result = await inviteParty(orgOf(request), request.params.caseId, request.body.partySlug, request.body.role)
        return replyWith(reply, result, (value) => reply.status(201).send(value))
      },
    )

    app.get('/api/orgs/:orgId/disclosure/cases/:caseId/export', { preHandler: guard, schema: { tags, summary: 'The case as JSON for records', params: CaseParams, response: { 200: View('CaseExport'), ...errorResponses } } }, async (request, reply) => {
      const result = await exportCase(orgOf(request), request.params.caseId)
      return replyWith(reply, result, (value) => reply.header('content-disposition', `attachment; filename="${value.case.reference}.json"`).send(value))
    })

    app.get('/api/orgs/:orgId/disclosure/shared', { preHandler: guard, schema: { tags, summary: 'Cases other organizations invited this organization to', params: OrgParams, response: { 200: View('SharedCaseView[]'), ...errorResponses } } }, async (request, reply) => {
      const result = await listSharedCases(orgOf(request))
      return replyWith(reply, result)
    })

    app.get('/api/orgs/:orgId/disclosure/shared/:caseId', { preHandler: guard, schema: { tags, summary: 'A case this organization is invited to (TLP:AMBER+STRICT)', params: CaseParams, response: { 200: View('SharedCaseView'), ...errorResponses } } }, async (request, reply) => {
      const result = await getSharedCase(orgOf(request), request.params.caseId)
      return replyWith(reply, result)
    })

    app.post(
      '/api/orgs/:orgId/disclosure/shared/:caseId/messages',
      {
        preHandler: guard,
        bodyLimit: ATTACHMENT_BODY_LIMIT,
        schema: {
          tags,
          summary: 'Write in the coordination thread of a case this organization is invited to',
          params: CaseParams,
          body: Type.Object({ body: MessageBody, replyTo: Type.Optional(Type.String({ maxLength: 40 })), attachments: UploadsSchema }, { additionalProperties: false }),
          response: { 201: View('CaseMessageView'), ...errorResponses },
        },
      },
      async (request, reply) => {
        const result = await postSharedMessage(orgOf(request), request.params.caseId, request.body)
        return replyWith(reply, result, (value) => reply.status(201).send(value))
      },
    )

    app.get('/api/orgs/:orgId/disclosure/shared/:caseId/attachments/:attachmentId', { preHandler: guard, schema: { tags, summary: 'Download a coordination attachment', params: AttachmentParams } }, async (request, reply) => {
      const result = await downloadSharedAttachment(orgOf(request), request.params.caseId, request.params.attachmentId)
      return replyWith(reply, result, (value) => sendDownload(reply, value))
    })
  }
}
