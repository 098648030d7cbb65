import { sql, type Kysely } from 'kysely'

/**
 * Hospital fleet: the inventory fields the foundation's devices table lacks (UDI-DI, network, exposure, lifecycle
 * dates, owner, product link), each upload kept as received with its SHA-256, saved column mappings, confirmed
 * device-to-product links reused for identical devices, DICOM discovery results, and the manufacturer's security
 * end of support per product version.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table devices
      add column udi_di text,
      add column department text,
      add column mac_address text,
      add column vlan integer check (vlan between 1 and 4094),
      add column dicom_port integer check (dicom_port between 1 and 65535),
      add column internet_exposed boolean not null default false,
      add column install_date text check (install_date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
      add column clinical_end_of_life text check (clinical_end_of_life ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
      add column owner text,
      add column updated_at timestamptz,
      add column product_version_id uuid references product_versions(id),
      add column link_source text check (link_source in ('confirmed', 'reused')),
      add column link_confidence real,
      add column linked_by text,
      add column linked_at timestamptz;
    create index devices_org_serial on devices (org_id, upper(serial_number));
    create index devices_org_product_version on devices (org_id, product_version_id);
    alter table product_versions
      add column security_end_of_support text check (security_end_of_support ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$');

    create table fleet_imports (
      id uuid primary key,
      org_id uuid not null references organizations(id),
      filename text not null,
      format text not null check (format in ('csv', 'xlsx', 'fhir')),
      original bytea not null,
      sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
      size_bytes integer not null,
      mapping jsonb,
      created_count integer not null,
      updated_count integer not null,
      unchanged_count integer not null,
      rejected jsonb not null,
      created_by uuid,
      created_by_label text not null,
      created_at timestamptz not null
    );
    create index fleet_imports_org on fleet_imports (org_id, created_at desc);

    create table fleet_mappings (
      id uuid primary key,
      org_id uuid not null references organizations(id),
      name text not null,
      mapping jsonb not null,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      unique (org_id, name)
    );

    create table fleet_link_rules (
      org_id uuid not null references organizations(id),
      identity_key text not null,
      product_version_id uuid not null references product_versions(id),
      confidence real not null,
      confirmed_by text not null,
      confirmed_at timestamptz not null,
      primary key (org_id, identity_key)
    );

    create table fleet_discoveries (
      id uuid primary key,
      org_id uuid not null references organizations(id),
      run_id uuid not null,
      host text not null,
      port integer not null check (port between 1 and 65535),
      called_ae text not null,
      calling_ae text not null,
      outcome text not null check (outcome in ('echo_ok', 'echo_failed', 'association_rejected')),
      echo_status integer,
      implementation_class_uid text,
      implementation_version text,
      responded_at timestamptz not null,
      status text not null check (status in ('proposed', 'accepted', 'dismissed')),
      device_id uuid references devices(id),
      decided_by text,
      decided_at timestamptz
    );
    create index fleet_discoveries_org on fleet_discoveries (org_id, status);
  `.execute(db)
}
