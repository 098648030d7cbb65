import { createHash } from 'node:crypto'
import { createMessage, encrypt, generateKey, readKey } from 'openpgp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { validateSecurityTxt } from '../../domain/disclosure/index.js'
import { as, startHarness, type ApiHarness, type TestSession } from '../../../test/support/api-harness.js'
import { testEngines } from '../../../test/support/database.js'

const SCRIPT = '<script>alert("xss")</script><img src=x onerror=alert(1)>'
const b64 = (text: string) => Buffer.from(text).toString('base64')

interface Receipt {
  caseId: string
  reference: string
  portalToken: string
  portalPath: string
}
interface Portal {
  state: string
  stateLabel: string
  title: string
  events: { kind: string; summary: string; note: string | null; actorLabel: string }[]
  messages: { body: string; authorLabel: string; thread: string }[]
  attachments: { id: string; filename: string; sha256: string }[]
  versions: { productName: string; version: string }[]
  cves: { id: string; status: string }[]
  advisoryRefs: string[]
}

describe.each(testEngines)('coordinated vulnerability disclosure on %s', (engine) => {
  let h: ApiHarness
  let acmeId: string
  let admin: TestSession
  let analyst: TestSession
  let hospital: TestSession
  let researcher: TestSession
  let researcherId: string
  let hospitalId: string
  let receipt: Receipt
  let catalogue: { id: string; productName: string; version: string }[]
  let ip = 0
  const nextIp = () => `203.0.113.${(ip += 1)}`
  const report = (payload: Record<string, unknown>, slug = 'acme-imaging') =>
    h.app.inject({ method: 'POST', url: `/api/public/disclosure/${slug}/reports`, payload, remoteAddress: nextIp() })
  const portal = async (token: string) => {
    const res = await h.app.inject({ method: 'GET', url: '/api/public/disclosure/portal', headers: { 'x-portal-token': token } })
    expect(res.statusCode, res.body).toBe(200)
    return res.json<Portal>()
  }
  const caseUrl = (suffix = '') => `/api/orgs/${acmeId}/disclosure/cases/${receipt.caseId}${suffix}`
  const transition = (payload: Record<string, unknown>, who = analyst) => h.app.inject({ method: 'POST', url: caseUrl('/transitions'), headers: as(who, true), payload })

  beforeAll(async () => {
    process.env.MEDSEC_PUBLIC_URL = 'https://medsec.example'
    h = await startHarness(engine)
    acmeId = await h.orgId('acme-imaging')
    hospitalId = await h.orgId('st-example-hospital')
    researcherId = await h.orgId('open-device-research')
    admin = await h.login('admin@acme-imaging.example')
    analyst = await h.login('analyst@acme-imaging.example')
    hospital = await h.login('admin@st-example.example')
    researcher = await h.login('analyst@odsr.example')
  })
  afterAll(async () => {
    delete process.env.MEDSEC_PUBLIC_URL
    await h?.close()
  })

  it('publishes the public catalogue (TLP:CLEAR and GREEN only) and refuses organizations that are not manufacturers', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/api/public/disclosure/acme-imaging' })
    expect(res.statusCode).toBe(200)
    const body = res.json<{ name: string; intakeOpen: boolean; catalogue: typeof catalogue; acknowledgeBusinessDays: number }>()
    expect(body).toMatchObject({ name: 'Acme Imaging', intakeOpen: true, acknowledgeBusinessDays: 5 })
    catalogue = body.catalogue
    expect(catalogue.map((c) => `${c.productName} ${c.version}`)).toEqual(['Acme CT 5000 3.1', 'Acme CT 5000 3.2', 'Acme PACS Viewer 7.4'])
    // An AMBER product stays out of the public catalogue.
    await h.app.inject({ method: 'POST', url: `/api/orgs/${acmeId}/products`, headers: as(admin, true), payload: { name: 'Secret Prototype', tlp: 'AMBER', versions: ['0.1'] } })
    const again = await h.app.inject({ method: 'GET', url: '/api/public/disclosure/acme-imaging' })
    expect(again.json<{ catalogue: unknown[] }>().catalogue).toHaveLength(3)
    expect((await h.app.inject({ method: 'GET', url: '/api/public/disclosure/st-example-hospital' })).statusCode).toBe(404)
    expect((await h.app.inject({ method: 'GET', url: '/api/public/disclosure/no-such-org' })).statusCode).toBe(404)
  })

  it('takes an anonymous report with an attachment and gives a case reference and a secret portal link', async () => {
    const res = await report({
      title: `Auth bypass ${SCRIPT}`,
      description: `The DICOM service accepts any AE title. ${SCRIPT}`,
      productVersionId: catalogue[1]!.id,
      wantsCredit: true,
      creditName: 'Ada (ODSR)',
      attachments: [{ filename: 'poc.txt', contentBase64: b64('echoscu -aet ANY 10.0.0.1 104\n') }],
    })
    expect(res.statusCode, res.body).toBe(201)
    receipt = res.json<Receipt>()
    expect(receipt.reference).toMatch(/^CVD-\d{4}-0001$/)
    expect(receipt.portalPath).toBe(`/reporter-portal#${receipt.portalToken}`)
    expect(receipt.portalToken.length).toBeGreaterThanOrEqual(43)
    const stored = await h.database.db.selectFrom('disclosure_cases').select(['portal_token_hash', 'title']).where('id', '=', receipt.caseId).executeTakeFirstOrThrow()
    expect(stored.portal_token_hash).toBe(createHash('sha256').update(receipt.portalToken).digest('hex'))
    expect(stored.title).toBe(`Auth bypass ${SCRIPT}`)
    const view = await portal(receipt.portalToken)
    expect(view).toMatchObject({ state: 'received', title: `Auth bypass ${SCRIPT}` })
    expect(view.versions).toEqual([expect.objectContaining({ productName: 'Acme CT 5000', version: '3.2' })])
    expect(view.attachments).toHaveLength(1)
  })

  it('lists the case for the manufacturer with its clocks, and hides it from other organizations', async () => {
    const list = await h.app.inject({ method: 'GET', url: `/api/orgs/${acmeId}/disclosure/cases`, headers: as(analyst) })
    const cases = list.json<{ id: string; state: string; clocks: { id: string; status: string; dueOn: string }[] }[]>()
    expect(cases).toHaveLength(1)
    expect(cases[0]!.clocks.map((c) => c.id)).toEqual(['acknowledge', 'triage', 'remediate'])
    expect(cases[0]!.clocks.every((c) => c.status === 'running' || c.status === 'due_soon')).toBe(true)
    const other = await h.app.inject({ method: 'GET', url: `/api/orgs/${hospitalId}/disclosure/cases`, headers: as(hospital) })
    expect(other.json()).toEqual([])
    const peek = await h.app.inject({ method: 'GET', url: `/api/orgs/${hospitalId}/disclosure/cases/${receipt.caseId}`, headers: as(hospital) })
    expect(peek.statusCode).toBe(404)
  })

  it('runs the ISO/IEC 30111 workflow, each step audited and shown to the reporter', async () => {
    expect((await transition({ command: 'publish' })).json()).toMatchObject({ error: { code: 'disclosure_invalid_transition' } })
    expect((await transition({ command: 'acknowledge', note: 'Thank you, we are looking at it.' })).statusCode).toBe(200)
    expect((await transition({ command: 'triage' })).statusCode).toBe(400)
    const triaged = await transition({ command: 'triage', outcome: 'valid', note: 'Reproduced on 3.2.' })
    expect(triaged.json()).toMatchObject({ state: 'triaged', triageOutcome: 'valid', availableCommands: ['triage', 'start_remediation'] })
    const linked = await h.app.inject({ method: 'PUT', url: caseUrl(`/versions/${catalogue[0]!.id}`), headers: as(analyst, true) })
    expect(linked.json<{ versions: unknown[] }>().versions).toHaveLength(2)
    expect((await h.app.inject({ method: 'PUT', url: caseUrl(`/versions/${catalogue[0]!.id}`), headers: as(analyst, true) })).statusCode).toBe(409)
    const assessed = await h.app.inject({
      method: 'PATCH',
      url: caseUrl(),
      headers: as(analyst, true),
      payload: {
        cvssVector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
        fda: { harm: 'serious', essentialPerformanceImpact: true },
        cves: [{ id: 'CVE-2026-12345', status: 'reserved' }],
      },
    })
    expect(assessed.statusCode, assessed.body).toBe(200)
    const detail = assessed.json<{ cvss: { score: number; severity: string }; fdaRisk: string; clocks: { id: string; dueOn: string }[]; cves: unknown[] }>()
    expect(detail.cvss).toMatchObject({ score: 9.8, severity: 'Critical' })
    expect(detail.fdaRisk).toBe('uncontrolled')
    expect(detail.clocks.map((c) => c.id)).toEqual(['acknowledge', 'triage', 'remediate', 'fda_communicate', 'fda_remediate'])
    const badCvss = await h.app.inject({ method: 'PATCH', url: caseUrl(), headers: as(analyst, true), payload: { cvssVector: 'CVSS:3.1/AV:X' } })
    expect(badCvss.statusCode).toBe(400)
    const badCve = await h.app.inject({ method: 'PATCH', url: caseUrl(), headers: as(analyst, true), payload: { cves: [{ id: 'CVE-26-1', status: 'reserved' }] } })
    expect(badCve.statusCode).toBe(400)
    expect((await transition({ command: 'start_remediation' })).statusCode).toBe(200)
    const advisory = await h.database.db.selectFrom('advisories').select('id').where('org_id', '=', acmeId).where('tracking_id', '=', 'ACME-SA-2026-001').executeTakeFirstOrThrow()
    const published = await transition({ command: 'publish', advisoryId: advisory.id, note: 'Fixed in 3.3.' })
    expect(published.json()).toMatchObject({ state: 'published', advisories: [{ id: advisory.id, trackingId: 'ACME-SA-2026-001' }] })

    const view = await portal(receipt.portalToken)
    expect(view.state).toBe('published')
    expect(view.events.map((e) => e.kind)).toEqual(['received', 'acknowledge', 'triage', 'version_link', 'severity', 'cve', 'start_remediation', 'publish'])
    expect(view.events.find((e) => e.kind === 'acknowledge')).toMatchObject({ note: 'Thank you, we are looking at it.', actorLabel: 'Acme Imaging' })
    expect(JSON.stringify(view)).not.toContain('uncontrolled')
    expect(view.cves).toEqual([{ id: 'CVE-2026-12345', status: 'reserved' }])
    expect(view.advisoryRefs).toEqual(['ACME-SA-2026-001'])

    const audit = await h.database.db.selectFrom('audit_log').select('action').where('org_id', '=', acmeId).where('target_id', '=', receipt.caseId).orderBy('seq').execute()
    expect(audit.map((a) => a.action)).toEqual([
      'disclosure.report_receive', 'disclosure.case_acknowledge', 'disclosure.case_triage', 'disclosure.version_link', 'disclosure.case_update', 'disclosure.case_start_remediation', 'disclosure.case_publish',
    ])
  })

  it('carries messages both ways with attachments served only as downloads, and keeps internal threads from the reporter', async () => {
    const toReporter = await h.app.inject({ method: 'POST', url: caseUrl('/messages'), headers: as(analyst, true), payload: { thread: 'reporter', body: `Can you confirm the port? ${SCRIPT}` } })
    expect(toReporter.statusCode, toReporter.body).toBe(201)
    await h.app.inject({ method: 'POST', url: caseUrl('/messages'), headers: as(analyst, true), payload: { thread: 'internal', body: 'internal: blame the DICOM stack vendor', attachments: [{ filename: 'internal.txt', contentBase64: b64('internal') }] } })
    const fromReporter = await h.app.inject({
      method: 'POST',
      url: '/api/public/disclosure/portal/messages',
      headers: { 'x-portal-token': receipt.portalToken },
      payload: { body: 'Port 104, and 11112.', attachments: [{ filename: 'capture.json', contentBase64: b64('{"port":104}') }] },
      remoteAddress: nextIp(),
    })
    expect(fromReporter.statusCode, fromReporter.body).toBe(201)
    const view = await portal(receipt.portalToken)
    expect(view.messages.map((m) => [m.authorLabel, m.body])).toEqual([['Acme Imaging', `Can you confirm the port? ${SCRIPT}`], ['You', 'Port 104, and 11112.']])
    expect(view.attachments.map((a) => a.filename)).toEqual(['poc.txt', 'capture.json'])
    expect(JSON.stringify(view)).not.toContain('internal')

    const detail = (await h.app.inject({ method: 'GET', url: caseUrl(), headers: as(analyst) })).json<{ attachments: { id: string; filename: string; sha256: string }[] }>()
    const capture = detail.attachments.find((a) => a.filename === 'capture.json')!
    const download = await h.app.inject({ method: 'GET', url: caseUrl(`/attachments/${capture.id}`), headers: as(analyst) })
    expect(download.statusCode).toBe(200)
    expect(download.headers['content-type']).toBe('application/octet-stream')
    expect(download.headers['content-disposition']).toContain('attachment; filename="capture.json"')
    expect(download.headers['x-content-type-options']).toBe('nosniff')
    expect(download.body).toBe('{"port":104}')
    expect(capture.sha256).toBe(createHash('sha256').update('{"port":104}').digest('hex'))
    const viaPortal = await h.app.inject({ method: 'GET', url: `/api/public/disclosure/portal/attachments/${capture.id}`, headers: { 'x-portal-token': receipt.portalToken } })
    expect(viaPortal.rawPayload.toString()).toBe('{"port":104}')
    const internal = detail.attachments.find((a) => a.filename === 'internal.txt')!
    expect((await h.app.inject({ method: 'GET', url: `/api/public/disclosure/portal/attachments/${internal.id}`, headers: { 'x-portal-token': receipt.portalToken } })).statusCode).toBe(404)
  })

  it('invites another organization under TLP:AMBER+STRICT to a coordination thread it alone shares', async () => {
    const invited = await h.app.inject({ method: 'POST', url: caseUrl('/parties'), headers: as(analyst, true), payload: { partySlug: 'open-device-research', role: 'coordinator' } })
    expect(invited.statusCode, invited.body).toBe(201)
    expect(invited.json()).toEqual([expect.objectContaining({ partyName: 'Open Device Security Research', tlp: 'AMBER+STRICT', role: 'coordinator' })])
    expect((await h.app.inject({ method: 'POST', url: caseUrl('/parties'), headers: as(analyst, true), payload: { partySlug: 'acme-imaging', role: 'other' } })).statusCode).toBe(400)
    await h.app.inject({ method: 'POST', url: caseUrl('/messages'), headers: as(analyst, true), payload: { thread: 'coordination', body: 'Does your DICOM toolkit have the same flaw?' } })

    const shared = await h.app.inject({ method: 'GET', url: `/api/orgs/${researcherId}/disclosure/shared`, headers: as(researcher) })
    expect(shared.json()).toEqual([expect.objectContaining({ reference: receipt.reference, manufacturerName: 'Acme Imaging', tlp: 'AMBER+STRICT' })])
    const one = await h.app.inject({ method: 'GET', url: `/api/orgs/${researcherId}/disclosure/shared/${receipt.caseId}`, headers: as(researcher) })
    const view = one.json<{ messages: { body: string }[]; versions: unknown[] }>()
    expect(view.messages.map((m) => m.body)).toEqual(['Does your DICOM toolkit have the same flaw?'])
    expect(view.versions).toHaveLength(2)
    expect(one.body).not.toContain('Ada (ODSR)')
    expect(one.body).not.toContain('Port 104')
    const reply = await h.app.inject({ method: 'POST', url: `/api/orgs/${researcherId}/disclosure/shared/${receipt.caseId}/messages`, headers: as(researcher, true), payload: { body: 'Yes, fixed upstream in 2.1.' } })
    expect(reply.statusCode, reply.body).toBe(201)
    const thread = (await h.app.inject({ method: 'GET', url: caseUrl(), headers: as(analyst) })).json<{ messages: { thread: string; authorKind: string; body: string }[] }>()
    expect(thread.messages.filter((m) => m.thread === 'coordination').map((m) => m.authorKind)).toEqual(['manufacturer', 'party'])
    // An organization that was not invited sees nothing and cannot write.
    expect((await h.app.inject({ method: 'GET', url: `/api/orgs/${hospitalId}/disclosure/shared/${receipt.caseId}`, headers: as(hospital) })).statusCode).toBe(404)
    expect((await h.app.inject({ method: 'POST', url: `/api/orgs/${hospitalId}/disclosure/shared/${receipt.caseId}/messages`, headers: as(hospital, true), payload: { body: 'let me in' } })).statusCode).toBe(404)
    expect((await portal(receipt.portalToken)).messages).toHaveLength(2)
  })

  it('exports the case for records, closes it and credits the reporter', async () => {
    const exported = await h.app.inject({ method: 'GET', url: caseUrl('/export'), headers: as(analyst) })
    expect(exported.headers['content-disposition']).toContain(`${receipt.reference}.json`)
    const record = exported.json<{ kind: string; case: { reference: string; events: unknown[]; attachments: { sha256: string }[] }; parties: unknown[] }>()
    expect(record.kind).toBe('medsec-disclosure-case')
    expect(record.case.reference).toBe(receipt.reference)
    expect(record.case.events.length).toBeGreaterThanOrEqual(9)
    expect(record.parties).toHaveLength(1)
    expect(JSON.stringify(record)).not.toContain('contentBase64')
    expect((await transition({ command: 'close' })).json()).toMatchObject({ state: 'closed' })
    const hall = await h.app.inject({ method: 'GET', url: '/orgs/acme-imaging/acknowledgments.txt' })
    expect(hall.body).toContain('Ada (ODSR)  (ACME-SA-2026-001)')
    const dashboard = await h.app.inject({ method: 'GET', url: `/api/orgs/${acmeId}/disclosure/dashboard`, headers: as(analyst) })
    const metrics = dashboard.json<{ metrics: { cases: number; open: number; timeToAcknowledgeBusinessDays: { count: number }; timeToDiscloseDays: { count: number; median: number } } }>().metrics
    expect(metrics).toMatchObject({ cases: 1, open: 0, timeToAcknowledgeBusinessDays: { count: 1 }, timeToDiscloseDays: { count: 1, median: 0 } })
  })

  it('closes duplicates after triage and keeps role rules', async () => {
    const dup = (await report({ title: 'Same DICOM issue', description: 'AE title not checked' })).json<Receipt>()
    const url = `/api/orgs/${acmeId}/disclosure/cases/${dup.caseId}/transitions`
    const viewerLike = await h.app.inject({ method: 'POST', url: `/api/orgs/${acmeId}/tokens`, headers: as(admin, true), payload: { name: 'viewer', role: 'viewer' } })
    const viewerToken = viewerLike.json<{ secret: string }>().secret
    expect((await h.app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${viewerToken}` }, payload: { command: 'acknowledge' } })).statusCode).toBe(403)
    await h.app.inject({ method: 'POST', url, headers: as(analyst, true), payload: { command: 'acknowledge' } })
    await h.app.inject({ method: 'POST', url, headers: as(analyst, true), payload: { command: 'triage', outcome: 'duplicate', duplicateOf: receipt.reference } })
    const closed = await h.app.inject({ method: 'POST', url, headers: as(analyst, true), payload: { command: 'close' } })
    expect(closed.json()).toMatchObject({ state: 'closed', triageOutcome: 'duplicate', duplicateOf: receipt.reference })
    const clocks = closed.json<{ clocks: { id: string; status: string }[] }>().clocks
    expect(clocks.find((c) => c.id === 'remediate')?.status).toBe('stopped')
    expect((await portal(dup.portalToken)).events.map((e) => e.summary)).toContain('The report was triaged: duplicate of an earlier report.')
  })

  it('lets admins (only) set the programme and clocks, validating them', async () => {
    const settings = {
      intakeOpen: true,
      contactEmail: 'psirt@acme-imaging.example',
      websiteUrl: 'https://acme-imaging.example',
      policyUrl: 'https://acme-imaging.example/cvd-policy',
      acknowledgmentsUrl: null,
      hiringUrl: null,
      preferredLanguages: ['en', 'de'],
      clockPolicy: { acknowledgeBusinessDays: 3, triageBusinessDays: 10, remediateCalendarDays: 60, uncontrolledCommunicateCalendarDays: 30, uncontrolledRemediateCalendarDays: 60, warnBusinessDays: 1, holidays: ['2026-12-25'] },
    }
    expect((await h.app.inject({ method: 'PUT', url: `/api/orgs/${acmeId}/disclosure/programme`, headers: as(analyst, true), payload: settings })).statusCode).toBe(403)
    expect((await h.app.inject({ method: 'PUT', url: `/api/orgs/${acmeId}/disclosure/programme`, headers: as(admin, true), payload: { ...settings, policyUrl: 'http://insecure.example' } })).statusCode).toBe(400)
    expect((await h.app.inject({ method: 'PUT', url: `/api/orgs/${acmeId}/disclosure/programme`, headers: as(admin, true), payload: { ...settings, clockPolicy: { ...settings.clockPolicy, holidays: ['25/12'] } } })).statusCode).toBe(400)
    const saved = await h.app.inject({ method: 'PUT', url: `/api/orgs/${acmeId}/disclosure/programme`, headers: as(admin, true), payload: settings })
    expect(saved.statusCode, saved.body).toBe(200)
    expect(saved.json()).toMatchObject({ clockPolicy: { acknowledgeBusinessDays: 3 }, preferredLanguages: ['en', 'de'] })
    expect((await h.app.inject({ method: 'GET', url: '/api/public/disclosure/acme-imaging' })).json()).toMatchObject({ acknowledgeBusinessDays: 3, policyUrl: settings.policyUrl })
    expect((await h.app.inject({ method: 'GET', url: `/api/orgs/${hospitalId}/disclosure/programme`, headers: as(hospital) })).statusCode).toBe(403)
    // A manufacturer may keep its TLP:GREEN products out of the public pickers.
    await h.app.inject({ method: 'PUT', url: `/api/orgs/${acmeId}/disclosure/programme`, headers: as(admin, true), payload: { ...settings, catalogueTlp: 'CLEAR' } })
    expect((await h.app.inject({ method: 'GET', url: '/api/public/disclosure/acme-imaging' })).json<{ catalogue: unknown[] }>().catalogue).toEqual([])
    expect((await report({ title: 't', description: 'd', productVersionId: catalogue[0]!.id })).statusCode).toBe(400)
    await h.app.inject({ method: 'PUT', url: `/api/orgs/${acmeId}/disclosure/programme`, headers: as(admin, true), payload: settings })
    expect((await h.app.inject({ method: 'GET', url: '/api/public/disclosure/acme-imaging' })).json<{ catalogue: unknown[] }>().catalogue).toHaveLength(3)
  })

  it('publishes an OpenPGP key and accepts only reports really encrypted to it', async () => {
    const { publicKey, privateKey } = await generateKey({ type: 'ecc', curve: 'curve25519Legacy', userIDs: [{ name: 'Acme PSIRT', email: 'psirt@acme-imaging.example' }], format: 'armored' })
    const stranger = await generateKey({ type: 'ecc', curve: 'curve25519Legacy', userIDs: [{ name: 'Other' }], format: 'armored' })
    const url = `/api/orgs/${acmeId}/disclosure/programme/pgp-key`
    expect((await h.app.inject({ method: 'PUT', url, headers: as(admin, true), payload: { armoredKey: privateKey } })).statusCode).toBe(400)
    expect((await h.app.inject({ method: 'PUT', url, headers: as(admin, true), payload: { armoredKey: 'not a key' } })).statusCode).toBe(400)
    const set = await h.app.inject({ method: 'PUT', url, headers: as(admin, true), payload: { armoredKey: publicKey } })
    expect(set.statusCode, set.body).toBe(200)
    const fingerprint = set.json<{ pgpFingerprint: string }>().pgpFingerprint
    expect(fingerprint).toMatch(/^[0-9A-F]{40}$/)
    const served = await h.app.inject({ method: 'GET', url: '/orgs/acme-imaging/pgp-key.asc' })
    expect(served.headers['content-type']).toContain('application/pgp-keys')
    expect((await readKey({ armoredKey: served.body })).getFingerprint().toUpperCase()).toBe(fingerprint)

    const seal = async (armoredKey: string, text: string) => (await encrypt({ message: await createMessage({ text }), encryptionKeys: await readKey({ armoredKey }) })) as string
    const good = await report({ title: 'Encrypted report', description: await seal(publicKey, 'the secret details'), encrypted: true })
    expect(good.statusCode, good.body).toBe(201)
    const stored = await h.database.db.selectFrom('disclosure_cases').select(['body', 'body_encrypted']).where('id', '=', good.json<Receipt>().caseId).executeTakeFirstOrThrow()
    expect(stored.body_encrypted).toBe(true)
    expect(stored.body).toMatch(/^-----BEGIN PGP MESSAGE-----/)
    expect(stored.body).not.toContain('secret details')
    const plain = await report({ title: 'Claims to be encrypted', description: 'plain text', encrypted: true })
    expect(plain.json()).toMatchObject({ error: { code: 'validation_failed' } })
    const wrongKey = await report({ title: 'Encrypted to someone else', description: await seal(stranger.publicKey, 'x'), encrypted: true })
    expect(wrongKey.json<{ error: { message: string } }>().error.message).toContain("manufacturer's published key")
    const garbage = await report({ title: 'Fake armor', description: '-----BEGIN PGP MESSAGE-----\n\nnot base64 at all\n-----END PGP MESSAGE-----', encrypted: true })
    expect(garbage.statusCode).toBe(400)
  })

  it('serves security.txt files that pass RFC 9116 validation, with Expires in the future', async () => {
    const now = new Date()
    const instance = await h.app.inject({ method: 'GET', url: '/.well-known/security.txt' })
    expect(instance.statusCode).toBe(200)
    expect(instance.headers['content-type']).toBe('text/plain; charset=utf-8')
    const instanceReport = validateSecurityTxt(instance.body, { now: now.toISOString(), location: 'https://medsec.example/.well-known/security.txt' })
    expect(instanceReport.issues.filter((i) => i.severity !== 'warning' || i.code !== 'unsigned')).toEqual([])
    const expires = Date.parse(instanceReport.fields.expires![0]!)
    expect(expires - now.getTime()).toBeGreaterThan(179 * 86_400_000)
    expect(instance.body).toContain('Contact: mailto:security@')
    const legacy = await h.app.inject({ method: 'GET', url: '/security.txt' })
    expect([legacy.statusCode, legacy.headers.location]).toEqual([301, '/.well-known/security.txt'])

    const acme = await h.app.inject({ method: 'GET', url: '/orgs/acme-imaging/security.txt' })
    const report = validateSecurityTxt(acme.body, { now: now.toISOString(), location: 'https://medsec.example/orgs/acme-imaging/security.txt' })
    expect(report.valid, JSON.stringify(report.issues)).toBe(true)
    expect(report.fields).toMatchObject({
      contact: ['https://medsec.example/report/acme-imaging', 'mailto:psirt@acme-imaging.example'],
      encryption: ['https://medsec.example/orgs/acme-imaging/pgp-key.asc'],
      policy: ['https://acme-imaging.example/cvd-policy'],
      acknowledgments: ['https://medsec.example/orgs/acme-imaging/acknowledgments.txt'],
      'preferred-languages': ['en, de'],
      canonical: ['https://medsec.example/orgs/acme-imaging/security.txt'],
      csaf: ['https://medsec.example/orgs/acme-imaging/.well-known/csaf/provider-metadata.json'],
    })
    const own = await h.app.inject({ method: 'GET', url: `/api/orgs/${acmeId}/disclosure/security-txt?target=website`, headers: as(analyst) })
    const generated = own.json<{ text: string; report: { valid: boolean } }>()
    expect(generated.report.valid).toBe(true)
    expect(generated.text).toContain('Canonical: https://acme-imaging.example/.well-known/security.txt')
    expect((await h.app.inject({ method: 'GET', url: '/orgs/st-example-hospital/security.txt' })).statusCode).toBe(404)
  })
})
