/** The TLP 2.0 labels (FIRST), from least to most restricted. */
export const TLP_LABELS = ['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'] as const

/** A TLP 2.0 label carried by every shared artifact. */
export type TlpLabel = (typeof TLP_LABELS)[number]

/** Whether a string is a TLP 2.0 label (case-insensitive input is normalised by {@link parseTlp}). */
export function isTlpLabel(value: string): value is TlpLabel {
  return (TLP_LABELS as readonly string[]).includes(value)
}

/** Reads a TLP label, accepting the "TLP:" prefix and any case; undefined when it is not a TLP 2.0 label. */
export function parseTlp(value: string): TlpLabel | undefined {
  const upper = value.trim().toUpperCase().replace(/^TLP:/, '')
  return isTlpLabel(upper) ? upper : undefined
}

/** Whether moving from one label to another loosens the restriction (a downgrade, which must be audited). */
export function isTlpDowngrade(from: TlpLabel, to: TlpLabel): boolean {
  return TLP_LABELS.indexOf(to) < TLP_LABELS.indexOf(from)
}
