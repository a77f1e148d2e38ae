/**
 * Runs a simulation on the server: POST the scenario, then poll its job until it is done, failed or cancelled,
 * exposing the progress as it goes. Leaving the page stops polling (the server finishes or expires the job).
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import { ApiError, apiDelete, apiGet, apiPost } from '../../api/client'
import type { SimulationJob, SimulationRequest } from '../../api/endpoints'

export type SimulationState =
  | { status: 'idle' }
  | { status: 'starting' }
  | { status: 'polling'; job: SimulationJob }
  | { status: 'finished'; job: SimulationJob }
  | { status: 'error'; error: ApiError }

const POLL_MS = 250

export function useSimulation(): {
  state: SimulationState
  start: (req: SimulationRequest) => void
  cancel: () => void
} {
  const [state, setState] = useState<SimulationState>({ status: 'idle' })
  const generation = useRef(0)
  const jobId = useRef<string | null>(null)
  useEffect(() => () => void (generation.current += 1), [])

  const start = useCallback((req: SimulationRequest) => {
    const gen = ++generation.current
    jobId.current = null
    setState({ status: 'starting' })
    const fail = (e: unknown): void => {
      if (gen !== generation.current) return
      setState({
        status: 'error',
        error: e instanceof ApiError ? e : new ApiError(0, 'client', (e as Error).message),
      })
    }
    const poll = (id: string): void => {
      apiGet('/api/simulations/:id', { params: { id } }).then((job) => {
        if (gen !== generation.current) return
        if (job.status === 'done' || job.status === 'failed' || job.status === 'cancelled') {
          setState({ status: 'finished', job })
        } else {
          setState({ status: 'polling', job })
          setTimeout(() => poll(id), POLL_MS)
        }
      }, fail)
    }
    apiPost('/api/simulations', req).then((job) => {
      if (gen !== generation.current) return
      jobId.current = job.id
      setState({ status: 'polling', job })
      setTimeout(() => poll(job.id), POLL_MS)
    }, fail)
  }, [])

  const cancel = useCallback(() => {
    const id = jobId.current
    if (id) void apiDelete('/api/simulations/:id', { id }).catch(() => undefined)
  }, [])

  return { state, start, cancel }
}
