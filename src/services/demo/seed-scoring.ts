import type { Kysely } from 'kysely'
import type { Database } from '../../store/schema.js'
import { assessmentRepository } from '../../store/repositories/assessments.js'
import { productRepository } from '../../store/repositories/products.js'
import { createAssessment } from '../scoring/create-assessment.js'
import { systemContext } from '../system-admin.js'

/** The demo assessment's vulnerability id (fictional, like the manufacturer). */
export const DEMO_ASSESSMENT_ID = 'ACME-PSIRT-2026-0001'

// A network-reachable DICOM listener that accepts unauthenticated writes: the rubric gives AV:N/AC:L/PR:N/UI:N/S:U
// with high impact through PHI disclosure (many patients), diagnostic integrity and availability.
const RUBRIC_ANSWERS = {
  XAVN: 'yes', XAVT: 'yes', XACL: 'yes', XPRL: 'no', XUI: 'no', XS: 'no',
  XCP: 'yes', XCPM: 'yes', XIP: 'no', XID: 'yes', XAP: 'no', XAD: 'yes',
} as const

/** Adds one assessment of Acme CT 5000 3.2 with a rubric and an FDA determination; does nothing if it exists. */
export async function seedScoringDemo(db: Kysely<Database>): Promise<void> {
  const acme = await systemContext(db, 'acme-imaging')
  if (!acme.ok) throw new Error(acme.error.message)
  const ctx = acme.value
  if ((await assessmentRepository.list(db, ctx.scope)).some((a) => a.vulnerability_id === DEMO_ASSESSMENT_ID)) return
  const product = await productRepository.findByName(db, ctx.scope, 'Acme CT 5000')
  if (!product) return
  const created = await createAssessment(ctx, {
    vulnerabilityId: DEMO_ASSESSMENT_ID,
    title: 'DICOM storage service accepts unauthenticated C-STORE and C-FIND from any AE title',
    productId: product.id,
    version: '3.2',
    rubricAnswers: RUBRIC_ANSWERS,
    determination: { harm: 'serious', essentialPerformanceImpact: true },
    note: 'Initial PSIRT triage (demo).',
  })
  if (!created.ok) throw new Error(created.error.message)
}
