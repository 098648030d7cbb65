import type { TlpLabel } from '../tlp/tlp.js'

/** The FIRST TLP 2.0 definition every marking points to. */
export const TLP_DEFINITION_URL = 'https://www.first.org/tlp/'

/** The sharing rule of each label in one sentence, for banners on exports and pages. */
export const TLP_RULES: Readonly<Record<TlpLabel, string>> = {
  CLEAR: 'Disclosure is not limited.',
  GREEN: 'Limited disclosure: the recipient may share within its community, not publicly.',
  AMBER: "Limited disclosure: the recipient's organization and its clients, on a need-to-know basis.",
  'AMBER+STRICT': "Limited disclosure: the recipient's organization only.",
  RED: 'For the eyes and ears of the named recipients only; no further disclosure.',
}

/** The marking an export carries: the label as written ("TLP:AMBER"), its rule and the definition. */
export interface TlpMarking {
  readonly label: `TLP:${TlpLabel}`
  readonly rule: string
  readonly definition: string
}

/** The marking of a label. */
export function tlpMarking(tlp: TlpLabel): TlpMarking {
  return { label: `TLP:${tlp}`, rule: TLP_RULES[tlp], definition: TLP_DEFINITION_URL }
}

/** Wraps exported content so that the label travels with it. */
export function markedExport<T>(tlp: TlpLabel, kind: string, content: T, exportedAt: Date): { readonly tlp: TlpMarking; readonly kind: string; readonly exportedAt: string; readonly content: T } {
  return { tlp: tlpMarking(tlp), kind, exportedAt: exportedAt.toISOString(), content }
}
