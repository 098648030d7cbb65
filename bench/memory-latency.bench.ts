// What one dependent memory access costs on this machine, by working-set size: a pointer chase through one random
// cycle over an Int32Array (each load's address is the previous load's value, so nothing overlaps). A scan of a
// never-seen SBOM against a 500,000-advisory index follows a few such pointers per component through a heap of about
// 1 GB; this bench separates that hardware cost from the code's own (docs/PERFORMANCE.md, issue 6).
const sizesMb = (process.env.MEMORY_LATENCY_SIZES_MB ?? '1,8,64,256,1024').split(',').map(Number)
const steps = 2_000_000

/** An Int32Array holding one cycle through all its slots in random order (Sattolo's algorithm). */
function randomCycle(length: number): Int32Array {
  const next = new Int32Array(length)
  for (let i = 0; i < length; i++) next[i] = i
  let seed = 0x9e3779b9
  const random = () => {
    // xorshift32: deterministic, so every run chases the same cycle.
    seed ^= seed << 13
    seed ^= seed >>> 17
    seed ^= seed << 5
    return (seed >>> 0) / 0x1_0000_0000
  }
  for (let i = length - 1; i > 0; i--) {
    const j = Math.floor(random() * i)
    const swap = next[i] as number
    next[i] = next[j] as number
    next[j] = swap
  }
  return next
}

function chase(next: Int32Array, count: number): number {
  let at = 0
  for (let i = 0; i < count; i++) at = next[at] as number
  return at
}

const rows: Record<string, unknown>[] = []
for (const mb of sizesMb) {
  const next = randomCycle((mb * 1024 * 1024) / 4)
  chase(next, steps) // warm-up: pages touched, code optimised
  const runs: number[] = []
  for (let r = 0; r < 5; r++) {
    const t = performance.now()
    chase(next, steps)
    runs.push(((performance.now() - t) * 1e6) / steps)
  }
  runs.sort((a, b) => a - b)
  rows.push({ 'working set MB': mb, 'ns per dependent load (median of 5)': Number((runs[2] as number).toFixed(1)), 'min ns': Number((runs[0] as number).toFixed(1)) })
}
console.table(rows)
