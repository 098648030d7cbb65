/** Runs a check now and then every `intervalMs`, one run at a time, without keeping the process alive; returns the function that stops it. */
export function startPeriodicCheck(check: () => Promise<unknown>, options: { intervalMs: number; onError?: (error: unknown) => void }): () => void {
  let running = false
  const run = () => {
    if (running) return
    running = true
    check()
      .catch((error: unknown) => options.onError?.(error))
      .finally(() => {
        running = false
      })
  }
  const timer = setInterval(run, options.intervalMs)
  timer.unref()
  run()
  return () => clearInterval(timer)
}
