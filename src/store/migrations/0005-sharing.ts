import { sql, type Kysely } from 'kysely'

const AGREEMENT_V1 = `Terms of use for sharing on medsec (version 1)

1. Purpose. Artifacts (product records, SBOMs, VEX statements, advisories, MDS2 forms, assessments) are shared to
   manage the cybersecurity of medical devices in use. Use them only for that purpose.
2. Traffic Light Protocol. Every artifact carries a TLP 2.0 label (https://www.first.org/tlp/). The recipient
   honours it: AMBER stays within the recipient organization and its clients on a need-to-know basis,
   AMBER+STRICT within the recipient organization only, RED with the named individuals only.
3. Accountability. Reads of AMBER, AMBER+STRICT and RED artifacts are recorded and visible to the manufacturer.
4. Scope and ending. The manufacturer decides which products and kinds of artifact a relationship covers and
   either side may end it at any time; access ends at once.
5. No warranty. Artifacts are provided as they are; they do not replace the manufacturer's instructions for use.`

/** Sharing: agreements, relationships and their scope, RED recipients, the access log, notifications, the outbox. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table sharing_agreements (
      version integer primary key,
      title text not null,
      body text not null,
      published_at timestamptz not null
    );
    create table sharing_relationships (
      id uuid primary key,
      org_id uuid not null references organizations(id),
      recipient_org_id uuid not null references organizations(id),
      status text not null check (status in ('requested', 'invited', 'approved', 'declined', 'revoked')),
      initiated_by text not null check (initiated_by in ('manufacturer', 'recipient')),
      all_products boolean not null default false,
      artifact_kinds text[] not null default '{}',
      message text,
      created_by_label text not null,
      created_at timestamptz not null,
      decided_by_label text,
      decided_at timestamptz,
      revoked_by_label text,
      revoked_at timestamptz,
      updated_at timestamptz not null,
      check (org_id <> recipient_org_id)
    );
    create unique index sharing_relationships_open on sharing_relationships (org_id, recipient_org_id)
      where status in ('requested', 'invited', 'approved');
    create index sharing_relationships_recipient on sharing_relationships (recipient_org_id, status);
    create table sharing_relationship_products (
      relationship_id uuid not null references sharing_relationships(id),
      product_id uuid not null references products(id),
      primary key (relationship_id, product_id)
    );
    create index sharing_relationship_products_product on sharing_relationship_products (product_id);
    create table sharing_agreement_acceptances (
      id uuid primary key,
      relationship_id uuid not null references sharing_relationships(id),
      org_id uuid not null references organizations(id),
      agreement_version integer not null references sharing_agreements(version),
      user_id uuid,
      accepted_by_label text not null,
      accepted_at timestamptz not null
    );
    create index sharing_agreement_acceptances_relationship on sharing_agreement_acceptances (relationship_id);
    create table artifact_recipients (
      artifact_kind text not null,
      artifact_id uuid not null,
      org_id uuid not null references organizations(id),
      user_id uuid not null references users(id),
      primary key (artifact_kind, artifact_id, user_id)
    );
    create table access_log (
      id bigserial primary key,
      org_id uuid not null references organizations(id),
      viewer_org_id uuid not null references organizations(id),
      viewer_actor_id uuid,
      viewer_label text not null,
      artifact_kind text not null,
      artifact_id uuid not null,
      product_id uuid,
      tlp text not null check (tlp in ('CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED')),
      action text not null,
      reason text not null,
      created_at timestamptz not null
    );
    create index access_log_org_time on access_log (org_id, created_at desc);
    create table events (
      id uuid primary key,
      type text not null,
      source_org_id uuid references organizations(id),
      title text not null,
      payload jsonb not null,
      created_at timestamptz not null
    );
    create table notifications (
      id uuid primary key,
      org_id uuid not null references organizations(id),
      user_id uuid not null references users(id),
      event_id uuid not null references events(id),
      event_type text not null,
      title text not null,
      link text,
      created_at timestamptz not null,
      read_at timestamptz
    );
    create index notifications_user_unread on notifications (user_id, org_id, created_at desc);
    create table notification_preferences (
      org_id uuid not null references organizations(id),
      user_id uuid not null references users(id),
      event_type text not null,
      channel text not null check (channel in ('in_app', 'email')),
      enabled boolean not null,
      primary key (org_id, user_id, event_type, channel)
    );
    create table webhook_endpoints (
      id uuid primary key,
      org_id uuid not null references organizations(id),
      url text not null,
      secret text not null,
      event_types text[] not null default '{}',
      active boolean not null default true,
      created_by_label text not null,
      created_at timestamptz not null
    );
    create index webhook_endpoints_org on webhook_endpoints (org_id);
    create table delivery_outbox (
      id uuid primary key,
      org_id uuid not null references organizations(id),
      channel text not null check (channel in ('webhook', 'email')),
      endpoint_id uuid references webhook_endpoints(id),
      recipient text not null,
      event_id uuid not null references events(id),
      event_type text not null,
      payload jsonb not null,
      status text not null check (status in ('pending', 'delivered', 'failed')),
      attempts integer not null default 0,
      next_attempt_at timestamptz not null,
      last_error text,
      created_at timestamptz not null,
      delivered_at timestamptz
    );
    create index delivery_outbox_due on delivery_outbox (status, next_attempt_at);
    create index delivery_outbox_org on delivery_outbox (org_id, created_at desc);
    create table delivery_attempts (
      id bigserial primary key,
      outbox_id uuid not null references delivery_outbox(id),
      attempt integer not null,
      attempted_at timestamptz not null,
      ok boolean not null,
      status_code integer,
      error text,
      duration_ms integer not null
    );
    create index delivery_attempts_outbox on delivery_attempts (outbox_id, attempt);
  `.execute(db)
  await sql`insert into sharing_agreements (version, title, body, published_at) values (1, 'Terms of use for sharing on medsec', ${AGREEMENT_V1}, now())`.execute(db)
}
