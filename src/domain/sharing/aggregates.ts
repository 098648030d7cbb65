/** A figure before publication: its value and how many organizations' data it is computed from. */
export interface RawCell {
  readonly value: number
  readonly contributors: number
}

/** A published figure: the number, or "suppressed" when too few organizations contribute to it. */
export type Cell = { readonly kind: 'value'; readonly value: number } | { readonly kind: 'suppressed' }

/** The smallest number of contributing organizations a regulator figure needs, unless configured otherwise. */
export const DEFAULT_MIN_CONTRIBUTORS = 3

/** Reads the configured threshold (a whole number of at least 1); the default for anything else. */
export function parseMinContributors(text: string | undefined): number {
  const n = Number(text)
  return text !== undefined && text.trim() !== '' && Number.isInteger(n) && n >= 1 ? n : DEFAULT_MIN_CONTRIBUTORS
}

/**
 * Small-count suppression of one figure: published only when at least k organizations contribute to it. A figure
 * with no contributor at all (an empty count) tells nothing about anyone and is published as it is.
 */
export function suppressCell(raw: RawCell, k: number): Cell {
  return raw.contributors === 0 || raw.contributors >= k ? { kind: 'value', value: raw.value } : { kind: 'suppressed' }
}

/**
 * Suppression of a breakdown whose total is published as well: each cell on its own, then, when exactly one cell is
 * suppressed, the smallest other non-empty cell too, so that the hidden one cannot be found by subtracting the
 * published cells from the total (complementary suppression).
 */
export function suppressBreakdown(raw: Readonly<Record<string, RawCell>>, k: number, totalPublished: boolean): Record<string, Cell> {
  const cells: Record<string, Cell> = Object.fromEntries(Object.entries(raw).map(([key, cell]) => [key, suppressCell(cell, k)]))
  const hidden = Object.keys(cells).filter((key) => cells[key]!.kind === 'suppressed')
  if (totalPublished && hidden.length === 1) {
    const [next] = Object.entries(raw)
      .filter(([key, cell]) => cells[key]!.kind === 'value' && cell.value > 0)
      .sort(([, a], [, b]) => a.value - b.value)
    if (next) cells[next[0]] = { kind: 'suppressed' }
  }
  return cells
}
