import { useCallback, useEffect, useState } from 'react'
import { api, ApiError } from './api.js'

/** Loads a GET resource; reloads when the path changes or on demand. */
export function useApi<T>(path: string | null): { data: T | undefined; error: string; reload: () => void } {
  const [data, setData] = useState<T | undefined>(undefined)
  const [error, setError] = useState('')
  const [tick, setTick] = useState(0)
  useEffect(() => {
    if (!path) return
    let live = true
    setError('')
    api<T>('GET', path)
      .then((d) => live && setData(d))
      .catch((e: unknown) => live && setError(e instanceof ApiError ? e.message : String(e)))
    return () => {
      live = false
    }
  }, [path, tick])
  const reload = useCallback(() => setTick((t) => t + 1), [])
  return { data, error, reload }
}
