import type { Kysely } from 'kysely'
import type { ArtifactHeader, ArtifactKind, Viewer } from '../../domain/sharing/artifacts.js'
import { canRead, type ReadDecision } from '../../domain/sharing/policy.js'
import type { Database } from '../../store/schema.js'
import { sharingRepository } from '../../store/repositories/sharing.js'
import { serviceError, type OrgContext, type ServiceResult } from '../context.js'

/** Who reads shared artifacts: the database, the policy's viewer, and how to name the reader in the access log. */
export interface SharingReader {
  readonly db: Kysely<Database>
  readonly viewer: Viewer
  readonly actorId: string | null
  readonly actorLabel: string
}

/** An artifact with the header the policy decides on. */
export interface SharedRecord<T> {
  readonly header: ArtifactHeader
  readonly value: T
}

/**
 * How one kind of artifact plugs into sharing: find one record with its header (no access check), and list the
 * records a viewer may see with the SQL predicate `visibleTo` from src/store/repositories/sharing.ts (one query).
 */
export interface ArtifactSource<T, F = Record<string, never>> {
  readonly kind: ArtifactKind
  find(db: Kysely<Database>, id: string): Promise<SharedRecord<T> | undefined>
  listVisible(db: Kysely<Database>, viewer: Viewer, filter: F): Promise<readonly SharedRecord<T>[]>
}

/** The reader of an organization context; its relationships are loaded now (never cached), so a revocation applies at once. */
export async function readerFor(ctx: OrgContext): Promise<SharingReader> {
  const grants = await sharingRepository.grantsFor(ctx.db, ctx.scope.orgId)
  return {
    db: ctx.db,
    viewer: { kind: 'member', orgId: ctx.org.id, orgKind: ctx.org.kind, userId: ctx.actor.kind === 'user' ? ctx.actor.id : null, role: ctx.role, grants },
    actorId: ctx.actor.kind === 'user' ? ctx.actor.id : null,
    actorLabel: ctx.actor.label,
  }
}

/** The reader for requests without credentials: it sees TLP:CLEAR only. */
export function anonymousReader(db: Kysely<Database>): SharingReader {
  return { db, viewer: { kind: 'anonymous' }, actorId: null, actorLabel: 'anonymous' }
}

async function recordReads(reader: SharingReader, reads: readonly { header: ArtifactHeader; decision: ReadDecision }[], action: string): Promise<void> {
  if (reader.viewer.kind !== 'member') return
  const viewerOrgId = reader.viewer.orgId
  await sharingRepository.logAccess(
    reader.db,
    reads
      .filter((r) => r.decision.logAccess)
      .map((r) => ({ artifact: r.header, viewerOrgId, viewerActorId: reader.actorId, viewerLabel: reader.actorLabel, action, reason: r.decision.reason })),
  )
}

/**
 * Reads one shared artifact through the TLP policy: "not found" when the viewer may not read it (its existence is
 * not revealed), and an access-log entry when a restricted artifact is read by another organization.
 */
export async function readSharedArtifact<T, F>(reader: SharingReader, source: ArtifactSource<T, F>, id: string, action = 'read'): Promise<ServiceResult<SharedRecord<T>>> {
  const found = await source.find(reader.db, id)
  const notFound = serviceError('not_found', `no such ${source.kind}`)
  if (!found) return notFound
  const decision = canRead(found.header, reader.viewer)
  if (!decision.allowed) return notFound
  await recordReads(reader, [{ header: found.header, decision }], action)
  return { ok: true, value: found }
}

/**
 * Lists the shared artifacts of one kind a viewer may see. The source filters in SQL; every row is checked again
 * with the pure policy (a row the two disagree on is left out), and restricted reads are logged in one statement.
 */
export async function listSharedArtifacts<T, F>(reader: SharingReader, source: ArtifactSource<T, F>, filter: F): Promise<ServiceResult<SharedRecord<T>[]>> {
  const rows = await source.listVisible(reader.db, reader.viewer, filter)
  const decided = rows.map((row) => ({ row, decision: canRead(row.header, reader.viewer) }))
  const allowed = decided.filter((d) => d.decision.allowed)
  await recordReads(reader, allowed.map((d) => ({ header: d.row.header, decision: d.decision })), 'list')
  return { ok: true, value: allowed.map((d) => d.row) }
}
