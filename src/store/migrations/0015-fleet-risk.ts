import { sql, type Kysely } from 'kysely'

/**
 * Fleet risk and capital planning (issue 10, parts 5 and 6): a device's replacement cost and patch status, the
 * hospital's risk register (NIST SP 800-30 likelihood x impact, per device or per group of devices) with its
 * compensating controls and time-limited risk acceptance, and which acceptance expiry was already alerted.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table devices
      add column replacement_cost double precision check (replacement_cost >= 0),
      add column patch_status text check (patch_status in ('current', 'update_available', 'update_pending', 'not_patchable')),
      add column patch_status_note text,
      add column patch_status_at timestamptz;

    create table fleet_risk_entries (
      id uuid primary key,
      org_id uuid not null references organizations(id),
      title text not null,
      description text,
      scope_kind text not null check (scope_kind in ('device', 'group')),
      device_id uuid references devices(id),
      group_filter jsonb,
      likelihood text not null check (likelihood in ('very-low', 'low', 'moderate', 'high', 'very-high')),
      impact text not null check (impact in ('very-low', 'low', 'moderate', 'high', 'very-high')),
      residual_likelihood text check (residual_likelihood in ('very-low', 'low', 'moderate', 'high', 'very-high')),
      status text not null check (status in ('open', 'mitigating', 'accepted', 'closed')),
      acceptance_owner text,
      acceptance_rationale text,
      acceptance_expires text check (acceptance_expires ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
      accepted_by text,
      accepted_at timestamptz,
      expiry_alerted_for text,
      created_by_label text not null,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      check ((scope_kind = 'device') = (device_id is not null)),
      check ((scope_kind = 'group') = (group_filter is not null)),
      check (status <> 'accepted' or (acceptance_owner is not null and acceptance_expires is not null))
    );
    create index fleet_risk_entries_org on fleet_risk_entries (org_id, status);
    create index fleet_risk_entries_device on fleet_risk_entries (org_id, device_id) where device_id is not null;

    create table fleet_risk_controls (
      id uuid primary key,
      org_id uuid not null references organizations(id),
      entry_id uuid not null references fleet_risk_entries(id),
      kind text not null check (kind in ('segmentation', 'allow_listing', 'service_disabled', 'monitoring', 'physical', 'other')),
      description text not null,
      created_by_label text not null,
      created_at timestamptz not null,
      removed_at timestamptz
    );
    create index fleet_risk_controls_entry on fleet_risk_controls (org_id, entry_id);
  `.execute(db)
}
