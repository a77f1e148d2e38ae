/**
 * Data hooks: `useGet` fetches a typed GET (cached briefly per URL, shared between pages), and `useCapability`
 * says whether this server has a route, from its OpenAPI document, so pages can say "not available" up front.
 */
import { useEffect, useState } from 'react'
import { ApiError, apiGet, getUrl, type GetOptions } from './client'
import type { GetEndpoints } from './endpoints'

export type AsyncState<T> =
  | { status: 'loading'; data?: undefined; error?: undefined }
  | { status: 'ok'; data: T; error?: undefined }
  | { status: 'error'; data?: undefined; error: ApiError }

const TTL_MS = 60_000
const cache = new Map<string, { at: number; promise: Promise<unknown> }>()

function cached<T>(url: string, load: () => Promise<T>): Promise<T> {
  const hit = cache.get(url)
  if (hit && performance.now() - hit.at < TTL_MS) return hit.promise as Promise<T>
  const promise = load()
  cache.set(url, { at: performance.now(), promise })
  promise.catch(() => cache.delete(url))
  return promise
}

/** Forgets cached responses (after an import or a run that changes stored data). */
export function clearApiCache(): void {
  cache.clear()
}

function asApiError(e: unknown): ApiError {
  return e instanceof ApiError ? e : new ApiError(0, 'client', (e as Error).message)
}

/** Fetches `path` with `options` (null = do not fetch yet); re-fetches when the URL changes. */
export function useGet<P extends keyof GetEndpoints>(
  path: P | null,
  options: GetOptions<P>
): AsyncState<GetEndpoints[P]['response']> {
  const url = path === null ? null : getUrl(path, options)
  const [state, setState] = useState<{
    url: string | null
    s: AsyncState<GetEndpoints[P]['response']>
  }>({ url: null, s: { status: 'loading' } })
  useEffect(() => {
    if (url === null || path === null) return
    let live = true
    cached(url, () => apiGet(path, options)).then(
      (data) => live && setState({ url, s: { status: 'ok', data } }),
      (e: unknown) => live && setState({ url, s: { status: 'error', error: asApiError(e) } })
    )
    return () => {
      live = false
    }
    // The URL captures path and options, so it is the only dependency.
  }, [url])
  return state.url === url ? state.s : { status: 'loading' }
}

interface OpenApiDoc {
  paths?: Record<string, Record<string, unknown>>
}

let routesPromise: Promise<Set<string> | null> | null = null

/** The set of `METHOD /path` this server documents (path params written `:name`); null if unknown. */
export function loadRoutes(): Promise<Set<string> | null> {
  routesPromise ??= fetch('/api/openapi.json', { headers: { accept: 'application/json' } })
    .then((r) => {
      if (!r.ok) throw new Error(`openapi ${r.status}`)
      return r.json() as Promise<OpenApiDoc>
    })
    .then((doc) => {
      const out = new Set<string>()
      for (const [p, methods] of Object.entries(doc.paths ?? {}))
        for (const m of Object.keys(methods))
          out.add(`${m.toUpperCase()} ${p.replace(/\{([^}]+)\}/g, ':$1')}`)
      return out
    })
    .catch(() => {
      routesPromise = null
      return null
    })
  return routesPromise
}

export type Capability = 'loading' | 'yes' | 'no' | 'unknown'

/** Whether this server documents one `METHOD /path`; 'unknown' when it serves no OpenAPI document. */
export function useCapability(route: string): Capability {
  const [routes, setRoutes] = useState<Set<string> | null | undefined>(undefined)
  useEffect(() => {
    let live = true
    void loadRoutes().then((r) => live && setRoutes(r))
    return () => {
      live = false
    }
  }, [])
  if (routes === undefined) return 'loading'
  // Without an OpenAPI document, pages try the route and handle a 404 themselves.
  if (routes === null) return 'unknown'
  return routes.has(route) ? 'yes' : 'no'
}
