import { sql, type Kysely } from 'kysely'

/** Organizations, users, memberships, sessions, API tokens, the audit chain, products and devices. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table organizations (
      id uuid primary key,
      slug text not null unique,
      name text not null,
      kind text not null check (kind in ('manufacturer', 'hdo', 'researcher', 'regulator')),
      created_at timestamptz not null
    );
    create table users (
      id uuid primary key,
      email text not null,
      name text not null,
      password_hash text not null,
      created_at timestamptz not null,
      disabled_at timestamptz
    );
    create unique index users_email_lower on users (lower(email));
    create table memberships (
      org_id uuid not null references organizations(id),
      user_id uuid not null references users(id),
      role text not null check (role in ('admin', 'analyst', 'viewer')),
      created_at timestamptz not null,
      primary key (org_id, user_id)
    );
    create index memberships_user on memberships (user_id);
    create table sessions (
      token_hash text primary key,
      user_id uuid not null references users(id),
      csrf_token text not null,
      created_at timestamptz not null,
      expires_at timestamptz not null,
      last_seen_at timestamptz not null
    );
    create table api_tokens (
      id uuid primary key,
      org_id uuid not null references organizations(id),
      name text not null,
      role text not null check (role in ('admin', 'analyst', 'viewer')),
      token_hash text not null unique,
      token_prefix text not null,
      created_by uuid references users(id),
      created_at timestamptz not null,
      last_used_at timestamptz,
      revoked_at timestamptz
    );
    create index api_tokens_org on api_tokens (org_id);
    create table audit_log (
      seq bigserial primary key,
      org_id uuid references organizations(id),
      actor_id uuid,
      actor_label text not null,
      action text not null,
      target_type text not null,
      target_id text,
      details jsonb not null,
      created_at timestamptz not null,
      prev_hash text not null,
      hash text not null
    );
    create index audit_log_org_seq on audit_log (org_id, seq desc);
    create table products (
      id uuid primary key,
      org_id uuid not null references organizations(id),
      name text not null,
      model_number text,
      udi_di text,
      tlp text not null check (tlp in ('CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED')),
      created_at timestamptz not null,
      unique (org_id, name)
    );
    create table product_versions (
      id uuid primary key,
      org_id uuid not null references organizations(id),
      product_id uuid not null references products(id),
      version text not null,
      tlp text not null check (tlp in ('CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED')),
      created_at timestamptz not null,
      unique (product_id, version)
    );
    create index product_versions_org on product_versions (org_id);
    create table devices (
      id uuid primary key,
      org_id uuid not null references organizations(id),
      asset_tag text not null,
      serial_number text,
      manufacturer text,
      model text,
      software_version text,
      modality text,
      location text,
      ip_address text,
      hostname text,
      ae_title text,
      criticality text,
      stores_phi boolean not null default false,
      status text not null default 'in_service',
      tlp text not null check (tlp in ('CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED')),
      created_at timestamptz not null,
      unique (org_id, asset_tag)
    );
  `.execute(db)
  // The audit trail is append-only: the database itself refuses updates and deletes.
  await sql`
    create function audit_log_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_log is append-only';
    end $$;
    create trigger audit_log_no_update before update or delete on audit_log
      for each row execute function audit_log_append_only();
  `.execute(db)
}
