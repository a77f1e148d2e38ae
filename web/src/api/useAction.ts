/** A user-triggered request (a form submit): idle → running → ok | error, with the previous run cancelled. */
import { useCallback, useEffect, useRef, useState } from 'react'
import { ApiError } from './client'

export type ActionState<T> =
  | { status: 'idle' }
  | { status: 'running' }
  | { status: 'ok'; data: T }
  | { status: 'error'; error: ApiError }

export function useAction<A extends unknown[], T>(
  run: (signal: AbortSignal, ...args: A) => Promise<T>
): [ActionState<T>, (...args: A) => void, () => void] {
  const [state, setState] = useState<ActionState<T>>({ status: 'idle' })
  const current = useRef<AbortController | null>(null)
  const runRef = useRef(run)
  runRef.current = run
  useEffect(() => () => current.current?.abort(), [])
  const start = useCallback((...args: A) => {
    current.current?.abort()
    const ctl = new AbortController()
    current.current = ctl
    setState({ status: 'running' })
    runRef.current(ctl.signal, ...args).then(
      (data) => !ctl.signal.aborted && setState({ status: 'ok', data }),
      (e: unknown) => {
        if (ctl.signal.aborted) return
        setState({
          status: 'error',
          error: e instanceof ApiError ? e : new ApiError(0, 'client', (e as Error).message),
        })
      }
    )
  }, [])
  const reset = useCallback(() => {
    current.current?.abort()
    setState({ status: 'idle' })
  }, [])
  return [state, start, reset]
}
