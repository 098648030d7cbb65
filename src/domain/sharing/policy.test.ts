import { describe, expect, it } from 'vitest'
import type { ArtifactHeader, SharingGrant, Viewer } from './artifacts.js'
import { canRead, grantCovers } from './policy.js'
import { nextStatus } from './relationship.js'
import { backoffMs } from './events.js'
import { TLP_LABELS, type TlpLabel } from '../tlp/tlp.js'

const MAKER = 'maker'
const grant: SharingGrant = { relationshipId: 'r', manufacturerOrgId: MAKER, recipientOrgId: 'hospital', allProducts: false, productIds: ['p1'], artifactKinds: ['sbom'] }
const artifact = (tlp: TlpLabel, over: Partial<ArtifactHeader> = {}): ArtifactHeader => ({ kind: 'sbom', id: 'a', ownerOrgId: MAKER, tlp, productId: 'p1', namedRecipients: ['named'], ...over })
const member = (orgId: string, userId: string | null, grants: SharingGrant[] = []): Viewer => ({ kind: 'member', orgId, orgKind: 'hdo', userId, role: 'viewer', grants })

// Each viewer's expected access per label, in TLP_LABELS order (CLEAR, GREEN, AMBER, AMBER+STRICT, RED).
const CASES: readonly [string, Viewer, readonly boolean[]][] = [
  ['anonymous', { kind: 'anonymous' }, [true, false, false, false, false]],
  ['owner user', member(MAKER, 'u'), [true, true, true, true, true]],
  ['owner token', member(MAKER, null), [true, true, true, true, true]],
  ['unrelated org user', member('other', 'u'), [true, true, false, false, false]],
  ['recipient user', member('hospital', 'u', [grant]), [true, true, true, true, false]],
  ['recipient token', member('hospital', null, [grant]), [true, true, true, false, false]],
  ['recipient named user', member('hospital', 'named', [grant]), [true, true, true, true, true]],
  ['named user without relationship', member('hospital', 'named'), [true, true, false, false, false]],
  ["someone else's grant", member('other', 'named', [grant]), [true, true, false, false, false]],
]

describe('the TLP 2.0 read policy', () => {
  it.each(CASES)('%s', (_name, viewer, expected) => {
    expect(TLP_LABELS.map((tlp) => canRead(artifact(tlp), viewer).allowed)).toEqual(expected)
  })

  it('logs only restricted reads by other organizations', () => {
    const recipient = member('hospital', 'named', [grant])
    expect(TLP_LABELS.map((tlp) => canRead(artifact(tlp), recipient).logAccess)).toEqual([false, false, true, true, true])
    expect(TLP_LABELS.map((tlp) => canRead(artifact(tlp), member(MAKER, 'u')).logAccess)).toEqual([false, false, false, false, false])
  })

  it('covers only the scoped products and kinds of the same manufacturer', () => {
    expect(grantCovers(grant, artifact('AMBER'))).toBe(true)
    expect(grantCovers(grant, artifact('AMBER', { productId: 'p2' }))).toBe(false)
    expect(grantCovers(grant, artifact('AMBER', { kind: 'vex' }))).toBe(false)
    expect(grantCovers(grant, artifact('AMBER', { kind: 'product' }))).toBe(true)
    expect(grantCovers(grant, artifact('AMBER', { ownerOrgId: 'another maker' }))).toBe(false)
    expect(grantCovers(grant, artifact('AMBER', { productId: null }))).toBe(false)
    expect(grantCovers({ ...grant, allProducts: true }, artifact('AMBER', { productId: null }))).toBe(true)
  })
})

describe('the relationship state machine', () => {
  it('lets the other side approve, either side decline a pending one, and either side revoke an approved one', () => {
    expect(nextStatus('requested', 'manufacturer', 'approve')).toEqual({ ok: true, value: 'approved' })
    expect(nextStatus('requested', 'recipient', 'approve').ok).toBe(false)
    expect(nextStatus('invited', 'recipient', 'approve')).toEqual({ ok: true, value: 'approved' })
    expect(nextStatus('invited', 'manufacturer', 'approve').ok).toBe(false)
    expect(nextStatus('requested', 'recipient', 'decline')).toEqual({ ok: true, value: 'declined' })
    expect(nextStatus('approved', 'recipient', 'revoke')).toEqual({ ok: true, value: 'revoked' })
    expect(nextStatus('revoked', 'manufacturer', 'approve').ok).toBe(false)
    expect(nextStatus('declined', 'manufacturer', 'revoke')).toMatchObject({ ok: false, error: { code: 'sharing_invalid_transition' } })
  })

  it('backs off exponentially up to a cap', () => {
    expect([1, 2, 3, 4, 10].map((n) => backoffMs(n, 1000, 5000))).toEqual([1000, 2000, 4000, 5000, 5000])
  })
})
