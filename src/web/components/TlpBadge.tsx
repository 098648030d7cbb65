import type { TlpLabel } from '../../domain/tlp/tlp.js'

/** A TLP 2.0 label in the FIRST colours. */
export function TlpBadge({ label }: { label: TlpLabel }) {
  return <span className={`tlp tlp-${label.toLowerCase().replace('+', '-')}`}>TLP:{label}</span>
}
