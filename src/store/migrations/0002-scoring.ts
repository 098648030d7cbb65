import { sql, type Kysely } from 'kysely'

/** Vulnerability assessments: CVSS vector and scores, MITRE rubric answers, and the FDA postmarket case. */
// Calendar dates are kept as YYYY-MM-DD text: the drivers would turn a `date` into a local-midnight Date object.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table vulnerability_assessments (
      id uuid primary key,
      org_id uuid not null references organizations(id),
      vulnerability_id text not null,
      title text,
      product_id uuid references products(id),
      product_version_id uuid references product_versions(id),
      cvss_vector text,
      cvss_version text check (cvss_version in ('2.0', '3.0', '3.1', '4.0')),
      cvss_base_score double precision,
      cvss_score double precision,
      cvss_severity text check (cvss_severity in ('None', 'Low', 'Medium', 'High', 'Critical')),
      cvss_scores jsonb,
      rubric_answers jsonb,
      rubric_rationale jsonb,
      case_state text not null check (case_state in ('draft', 'determined', 'remediating', 'closed')),
      case_history jsonb not null,
      determination jsonb,
      risk text check (risk in ('controlled', 'uncontrolled')),
      determination_date text check (determination_date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
      next_due_date text check (next_due_date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
      created_by text not null,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      check ((cvss_vector is null) = (cvss_score is null)),
      check ((rubric_answers is null) = (rubric_rationale is null)),
      check (product_version_id is null or product_id is not null)
    );
    create index vulnerability_assessments_org on vulnerability_assessments (org_id, updated_at desc);
    create index vulnerability_assessments_vulnerability on vulnerability_assessments (org_id, vulnerability_id);
  `.execute(db)
}
