import { useEffect, useState } from 'react'

/** `value`, updated only after it has stopped changing for `ms` (slider drags send one request, not fifty). */
export function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value)
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms)
    return () => clearTimeout(t)
  }, [value, ms])
  return v
}
