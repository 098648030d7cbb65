/** The file name of a CSAF document per §5.1: the tracking id lowercased, other characters runs replaced by `_`. */
export function csafFileName(trackingId: string): string {
  return trackingId.toLowerCase().replace(/[^+\-a-z0-9]+/g, '_') + '.json'
}
