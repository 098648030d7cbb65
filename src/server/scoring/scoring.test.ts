import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { as, startHarness, type ApiHarness, type TestSession } from '../../../test/support/api-harness.js'
import { testEngines } from '../../../test/support/database.js'
import { scoreCvssVector } from '../../domain/cvss/index.js'
import { DEMO_ASSESSMENT_ID } from '../../services/demo/seed-scoring.js'

interface AssessmentBody {
  id: string
  vulnerabilityId: string
  product: { name: string } | null
  version: { version: string } | null
  cvss: { vector: string; score: number; severity: string } | null
  rubric: { answers: Record<string, string>; rationale: { metric: string; value?: string }[] } | null
  case: { state: string; determination?: { risk: string; date: string; obligations: { id: string; dueDate?: string }[] }; history: { kind: string; from: string; to: string; actor?: string; note?: string }[] }
  allowedTransitions: string[]
  risk: string | null
  nextDueDate: string | null
}

const CRITICAL = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H'

describe.each(testEngines)('scoring API on %s', (engine) => {
  let h: ApiHarness
  let acmeId: string
  let analyst: TestSession
  let viewerToken: string
  let productId: string

  beforeAll(async () => {
    h = await startHarness(engine)
    acmeId = await h.orgId('acme-imaging')
    analyst = await h.login('analyst@acme-imaging.example')
    const admin = await h.login('admin@acme-imaging.example')
    const token = await h.app.inject({ method: 'POST', url: `/api/orgs/${acmeId}/tokens`, headers: as(admin, true), payload: { name: 'viewer bot', role: 'viewer' } })
    viewerToken = token.json<{ secret: string }>().secret
    const product = await h.database.db.selectFrom('products').select('id').where('org_id', '=', acmeId).where('name', '=', 'Acme CT 5000').executeTakeFirstOrThrow()
    productId = product.id
  })
  afterAll(() => h?.close())

  const post = (url: string, payload: unknown, session: TestSession = analyst) => h.app.inject({ method: 'POST', url, headers: as(session, true), payload: payload as object })

  describe('pure computations', () => {
    it('scores vectors of all four versions exactly as the domain does, and needs a principal', async () => {
      const vectors = [
        CRITICAL,
        'CVSS:3.0/AV:N/AC:H/PR:L/UI:R/S:C/C:L/I:L/A:N/E:P',
        'AV:N/AC:L/Au:N/C:P/I:P/A:P/E:F/RL:OF/RC:C',
        'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:P',
      ]
      for (const vector of vectors) {
        const res = await post('/api/cvss/score', { vector })
        expect(res.statusCode, vector).toBe(200)
        const expected = scoreCvssVector(vector)
        expect(expected.ok && res.json()).toEqual(expected.ok && JSON.parse(JSON.stringify(expected.value)))
      }
      expect((await post('/api/cvss/score', { vector: CRITICAL })).json()).toMatchObject({ version: '3.1', baseScore: 9.8, baseSeverity: 'Critical', score: 9.8 })
      expect((await h.app.inject({ method: 'POST', url: '/api/cvss/score', payload: { vector: CRITICAL } })).statusCode).toBe(401)
      const withToken = await h.app.inject({ method: 'POST', url: '/api/cvss/score', headers: { authorization: `Bearer ${viewerToken}` }, payload: { vector: CRITICAL } })
      expect(withToken.statusCode).toBe(200)
    })

    it("rejects invalid vectors with a 400 carrying the domain's code", async () => {
      const cases = [
        ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:Q', 'cvss_invalid_value'],
        ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H', 'cvss_missing_metric'],
        ['CVSS:3.1/AV:N/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 'cvss_duplicate_metric'],
        ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/ZZ:X', 'cvss_unknown_metric'],
        ['CVSS:9.9/AV:N', 'cvss_invalid_prefix'],
        ['', 'cvss_empty_vector'],
      ] as const
      const failures: string[] = []
      for (const [vector, code] of cases) {
        const res = await post('/api/cvss/score', { vector })
        const body = res.json<{ error: { code: string; message: string } }>()
        if (res.statusCode !== 400 || body.error.code !== code || !body.error.message) failures.push(`${vector}: ${res.statusCode} ${res.body}`)
      }
      expect(failures).toEqual([])
      const missingField = await post('/api/cvss/score', {})
      expect(missingField.statusCode).toBe(400)
      expect(missingField.json()).toMatchObject({ error: { code: 'validation_failed' } })
    })

    it('serves the metric definitions of the four versions and the rubric questions', async () => {
      const res = await h.app.inject({ method: 'GET', url: '/api/cvss/metrics', headers: as(analyst) })
      const versions = res.json<{ version: string; metrics: { key: string; group: string; values: unknown[] }[] }[]>()
      expect(versions.map((v) => v.version)).toEqual(['2.0', '3.0', '3.1', '4.0'])
      expect(versions.map((v) => v.metrics.length)).toEqual([14, 22, 22, 32])
      expect(versions[3]!.metrics.find((m) => m.key === 'U')!.values).toHaveLength(5)
      const questions = await h.app.inject({ method: 'GET', url: '/api/rubric/questions', headers: as(analyst) })
      expect(questions.json<{ questions: unknown[]; rules: unknown[] }>().rules).toHaveLength(8)
    })

    it('evaluates the rubric, partially and completely, and rejects unknown questions', async () => {
      const partial = await post('/api/rubric/evaluate', { answers: { XAVN: 'yes' } })
      expect(partial.json()).toMatchObject({ complete: false, missing: expect.arrayContaining(['XAVT', 'XACL']) })
      const answers = { XAVN: 'yes', XAVT: 'yes', XACL: 'yes', XPRL: 'no', XUI: 'no', XS: 'no', XCP: 'yes', XCPM: 'yes', XIP: 'no', XID: 'yes', XAP: 'no', XAD: 'yes' }
      const complete = await post('/api/rubric/evaluate', { answers })
      expect(complete.json()).toMatchObject({ complete: true, vector: CRITICAL, score: { score: 9.8 }, missing: [] })
      expect(complete.json<{ rationale: unknown[] }>().rationale).toHaveLength(8)
      const unknown = await post('/api/rubric/evaluate', { answers: { NOPE: 'yes' } })
      expect(unknown.statusCode).toBe(400)
      expect(unknown.json()).toMatchObject({ error: { code: 'rubric_unknown_question' } })
      const badAnswer = await post('/api/rubric/evaluate', { answers: { XAVN: 'maybe' } })
      expect(badAnswer.json()).toMatchObject({ error: { code: 'rubric_invalid_answer' } })
    })

    it('computes SP 800-30 risk, FIPS 199 categories and FDA determinations', async () => {
      expect((await post('/api/risk/sp800-30', { likelihood: 'high', impact: 'very-high' })).json()).toMatchObject({ risk: 'very-high' })
      expect((await post('/api/risk/sp800-30', { initiationLikelihood: 'VH', adverseImpactLikelihood: 'VL', impact: 'moderate' })).json()).toMatchObject({ likelihood: 'low', risk: 'low' })
      expect((await post('/api/risk/sp800-30', { likelihood: 'huge', impact: 'low' })).json()).toMatchObject({ error: { code: 'sp80030_invalid_level' } })
      expect((await post('/api/risk/sp800-30', { impact: 'low' })).json()).toMatchObject({ error: { code: 'sp80030_missing_likelihood' } })
      const fips = await post('/api/risk/fips199', { informationTypes: [{ name: 'studies', confidentiality: 'moderate', integrity: 'high', availability: 'low' }] })
      expect(fips.json()).toMatchObject({ overall: 'high', integrity: 'high' })
      const badFips = await post('/api/risk/fips199', { informationTypes: [{ name: 'x', confidentiality: 'low', integrity: 'not-applicable', availability: 'low' }] })
      expect(badFips.statusCode).toBe(400)
      expect(badFips.json()).toMatchObject({ error: { code: 'fips199_invalid_impact' } })
      expect((await post('/api/risk/fips199', { informationTypes: [] })).json()).toMatchObject({ error: { code: 'fips199_no_information_types' } })
      const fda = await post('/api/risk/fda', { exploitability: 'high', harm: 'serious', date: '2026-01-10' })
      const determination = fda.json<{ risk: string; obligations: { id: string; dueDate?: string }[] }>()
      expect(determination.risk).toBe('uncontrolled')
      expect(determination.obligations.find((o) => o.id === 'notify_customers')?.dueDate).toBe('2026-02-09')
      expect(determination.obligations.find((o) => o.id === 'fix_distributed')?.dueDate).toBe('2026-03-11')
      expect((await post('/api/risk/fda', { exploitability: 'high', harm: 'serious', date: '2026-02-30' })).json()).toMatchObject({ error: { code: 'date_invalid' } })
      expect((await post('/api/risk/fda', { exploitability: 'extreme', harm: 'serious' })).json()).toMatchObject({ error: { code: 'fda_invalid_exploitability' } })
    })
  })

  describe('stored assessments', () => {
    const url = () => `/api/orgs/${acmeId}/assessments`

    it('lists the seeded assessment of Acme CT 5000 3.2 with its rubric and determination', async () => {
      const res = await h.app.inject({ method: 'GET', url: url(), headers: as(analyst) })
      expect(res.statusCode).toBe(200)
      const seeded = res.json<AssessmentBody[]>().find((a) => a.vulnerabilityId === DEMO_ASSESSMENT_ID)!
      expect(seeded).toMatchObject({ product: { name: 'Acme CT 5000' }, version: { version: '3.2' }, cvss: { vector: CRITICAL, score: 9.8 }, risk: 'uncontrolled' })
      expect(seeded.rubric!.rationale.map((r) => `${r.metric}:${r.value}`).join('/')).toBe(CRITICAL.slice(9))
      expect(seeded.case.history.map((e) => e.kind)).toEqual(['determined'])
      expect(seeded.nextDueDate).toBe(seeded.case.determination!.obligations.find((o) => o.id === 'notify_customers')!.dueDate)
    })

    it('creates an assessment, walks the case through every transition, and audits each change', async () => {
      const created = await post(url(), { vulnerabilityId: 'CVE-2026-0001', title: 'Weak TLS on the service port', productId, version: '3.1', cvssVector: 'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:L/I:L/A:N' })
      expect(created.statusCode).toBe(201)
      const assessment = created.json<AssessmentBody>()
      expect(assessment).toMatchObject({ version: { version: '3.1' }, cvss: { score: 4.8, severity: 'Medium' }, case: { state: 'draft', history: [] }, allowedTransitions: ['determine'], risk: null })
      const move = (payload: unknown) => post(`${url()}/${assessment.id}/transitions`, payload)

      const early = await move({ kind: 'close' })
      expect(early.statusCode).toBe(409)
      expect(early.json()).toMatchObject({ error: { code: 'postmarket_invalid_transition', details: { state: 'draft', command: 'close' } } })

      // Exploitability from the CVSS score (4.8 -> medium) with critical harm is uncontrolled in the default matrix.
      const determined = await move({ kind: 'determine', determination: { harm: 'critical', date: '2026-03-01' }, note: 'first look' })
      expect(determined.statusCode).toBe(200)
      expect(determined.json()).toMatchObject({ case: { state: 'determined', determination: { risk: 'uncontrolled', exploitability: 'medium', exploitabilitySource: 'cvss' } }, nextDueDate: '2026-03-31' })
      expect((await move({ kind: 'close' })).json()).toMatchObject({ error: { code: 'postmarket_invalid_transition' } })

      const redetermined = await move({ kind: 'determine', determination: { exploitability: 'low', exploitabilitySource: 'analyst', harm: 'minor', date: '2026-03-05' } })
      expect(redetermined.json()).toMatchObject({ risk: 'controlled', determinationDate: '2026-03-05', nextDueDate: null })
      expect((await move({ kind: 'start_remediation' })).json()).toMatchObject({ case: { state: 'remediating' } })
      expect((await move({ kind: 'close', note: 'patch 3.1.4 shipped' })).json()).toMatchObject({ case: { state: 'closed' }, allowedTransitions: ['reopen'] })
      const noNote = await move({ kind: 'reopen' })
      expect(noNote.statusCode).toBe(400)
      const reopened = await move({ kind: 'reopen', note: 'exploit published' })
      const final = reopened.json<AssessmentBody>()
      expect(final.case.state).toBe('draft')
      expect(final.case.history.map((e) => `${e.kind}:${e.from}->${e.to}`)).toEqual([
        'determined:draft->determined', 'redetermined:determined->determined', 'remediation_started:determined->remediating', 'closed:remediating->closed', 'reopened:closed->draft',
      ])
      expect(final.case.history.every((e) => e.actor === 'analyst@acme-imaging.example')).toBe(true)
      expect(final.case.history[0]!.note).toBe('first look')

      const fetched = await h.app.inject({ method: 'GET', url: `${url()}/${assessment.id}`, headers: as(analyst) })
      expect(fetched.json()).toEqual(final)
      const audit = await h.database.db.selectFrom('audit_log').select(['action', 'target_id']).where('target_id', '=', assessment.id).orderBy('seq').execute()
      expect(audit.map((a) => a.action)).toEqual([
        'assessment.create', 'assessment.determined', 'assessment.redetermined', 'assessment.remediation_started', 'assessment.closed', 'assessment.reopened',
      ])
    })

    it('creates from rubric answers, with an initial determination, and checks the vector against the rubric', async () => {
      const answers = { XAVN: 'no', XAVP: 'yes', XACL: 'yes', XPRL: 'no', XUI: 'no', XS: 'no', XCP: 'no', XCD: 'no', XCT: 'no', XCW: 'no', XCS: 'no', XCO: 'no', XIP: 'no', XID: 'yes', XAP: 'no', XAD: 'no', XAT: 'no', XAW: 'yes' }
      const res = await post(url(), { vulnerabilityId: 'USB service port', rubricAnswers: answers, determination: { harm: 'serious', date: '2026-04-01' } })
      expect(res.statusCode).toBe(201)
      const body = res.json<AssessmentBody>()
      expect(body.cvss!.vector).toBe('CVSS:3.1/AV:P/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:H')
      expect(body.rubric!.answers).toEqual(answers)
      expect(body.case).toMatchObject({ state: 'determined', determination: { exploitabilitySource: 'rubric' } })
      const withTemporal = await post(url(), { vulnerabilityId: 'USB service port', rubricAnswers: answers, cvssVector: 'CVSS:3.1/AV:P/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:H/E:U' })
      expect(withTemporal.statusCode).toBe(201)
      const mismatch = await post(url(), { vulnerabilityId: 'USB service port', rubricAnswers: answers, cvssVector: CRITICAL })
      expect(mismatch.json()).toMatchObject({ error: { code: 'validation_failed', details: { code: 'rubric_vector_mismatch' } } })
      const incomplete = await post(url(), { vulnerabilityId: 'x', rubricAnswers: { XAVN: 'yes' } })
      expect(incomplete.json()).toMatchObject({ error: { code: 'validation_failed', details: { code: 'rubric_incomplete' } } })
    })

    it('refuses bad input, viewers, and products of other organizations, writing nothing', async () => {
      const count = async () => Number((await h.database.db.selectFrom('vulnerability_assessments').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
      const before = await count()
      const badVector = await post(url(), { vulnerabilityId: 'CVE-2026-0002', cvssVector: 'CVSS:3.1/AV:X' })
      expect(badVector.statusCode).toBe(400)
      expect(badVector.json()).toMatchObject({ error: { code: 'validation_failed', details: { code: 'cvss_invalid_value' } } })
      expect((await post(url(), { vulnerabilityId: '   ' })).statusCode).toBe(400)
      expect((await post(url(), { vulnerabilityId: 'x', productId, version: '9.9' })).json()).toMatchObject({ error: { details: { code: 'unknown_product_version' } } })
      expect((await post(url(), { vulnerabilityId: 'x', version: '3.1' })).statusCode).toBe(400)
      expect((await post(url(), { vulnerabilityId: 'x', determination: { harm: 'serious' } })).json()).toMatchObject({ error: { details: { code: 'fda_missing_exploitability' } } })
      const otherOrgProduct = await h.database.db.selectFrom('products').select('id').where('org_id', '!=', acmeId).executeTakeFirst()
      if (otherOrgProduct) expect((await post(url(), { vulnerabilityId: 'x', productId: otherOrgProduct.id })).json()).toMatchObject({ error: { details: { code: 'unknown_product' } } })
      expect((await post(url(), { vulnerabilityId: 'x', productId: '00000000-0000-4000-8000-000000000000' })).json()).toMatchObject({ error: { details: { code: 'unknown_product' } } })
      const viewer = await h.app.inject({ method: 'POST', url: url(), headers: { authorization: `Bearer ${viewerToken}` }, payload: { vulnerabilityId: 'x', cvssVector: CRITICAL } })
      expect(viewer.statusCode).toBe(403)
      const viewerList = await h.app.inject({ method: 'GET', url: url(), headers: { authorization: `Bearer ${viewerToken}` } })
      expect(viewerList.statusCode).toBe(200)
      expect(await count()).toBe(before)

      const seeded = (await h.database.db.selectFrom('vulnerability_assessments').select('id').where('org_id', '=', acmeId).executeTakeFirstOrThrow()).id
      const viewerMove = await h.app.inject({ method: 'POST', url: `${url()}/${seeded}/transitions`, headers: { authorization: `Bearer ${viewerToken}` }, payload: { kind: 'start_remediation' } })
      expect(viewerMove.statusCode).toBe(403)
      expect((await post(`${url()}/${seeded}/transitions`, { kind: 'determine' })).json()).toMatchObject({ error: { details: { code: 'fda_determination_required' } } })
      expect((await post(`${url()}/${seeded}/transitions`, { kind: 'explode' })).statusCode).toBe(400)
      for (const id of ['not-a-uuid', '00000000-0000-4000-8000-000000000000']) {
        expect((await h.app.inject({ method: 'GET', url: `${url()}/${id}`, headers: as(analyst) })).statusCode).toBe(404)
        expect((await post(`${url()}/${id}/transitions`, { kind: 'start_remediation' })).statusCode).toBe(404)
      }
    })
  })
})
