/**
 * The dashboard's only door to data: typed requests to the Chokepoint API. Errors come back as ApiError with the
 * API's `{ error: { code, message, details } }` body; a route this server does not have is `notAvailable`.
 */
import type { GetEndpoints, PostEndpoints } from './endpoints'

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown
  ) {
    super(message)
  }
  /** The server has no such route (an older server, or a capability that has not landed). */
  get notAvailable(): boolean {
    return this.status === 404 && this.message.startsWith('no route')
  }
}

type Query = Record<string, string | number | boolean | undefined>

/** `/api/rules/:id` with `{ id: 'x' }` → `/api/rules/x` (each value URL-encoded). */
export function fillPath(path: string, params: Record<string, string> = {}): string {
  return path.replace(/:([a-z_]+)/gi, (_m, name: string) => {
    const v = params[name]
    if (v === undefined) throw new Error(`missing path parameter ${name} for ${path}`)
    return encodeURIComponent(v)
  })
}

export function urlFor(path: string, query?: Query, params?: Record<string, string>): string {
  const q = new URLSearchParams()
  for (const [k, v] of Object.entries(query ?? {}))
    if (v !== undefined && v !== '') q.set(k, String(v))
  const qs = q.toString()
  return fillPath(path, params) + (qs ? `?${qs}` : '')
}

async function send<T>(url: string, init: RequestInit): Promise<T> {
  let res: Response
  try {
    res = await fetch(url, { ...init, headers: { accept: 'application/json', ...init.headers } })
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e
    throw new ApiError(0, 'network', `the server did not answer (${(e as Error).message})`)
  }
  const text = await res.text()
  let body: unknown = undefined
  if (text !== '') {
    try {
      body = JSON.parse(text)
    } catch {
      body = text
    }
  }
  if (!res.ok) {
    const err = (body as { error?: { code?: string; message?: string; details?: unknown } })?.error
    throw new ApiError(
      res.status,
      err?.code ?? `http_${res.status}`,
      err?.message ?? `${res.status} ${res.statusText}`,
      err?.details
    )
  }
  return body as T
}

type ParamsOf<E> = E extends { params: infer P } ? { params: P } : { params?: undefined }
type QueryOf<E> = E extends { query: infer Q } ? { query?: Q } : { query?: undefined }
export type GetOptions<P extends keyof GetEndpoints> = ParamsOf<GetEndpoints[P]> &
  QueryOf<GetEndpoints[P]> & { signal?: AbortSignal }

export function getUrl<P extends keyof GetEndpoints>(path: P, options: GetOptions<P>): string {
  const o = options as { query?: Query; params?: Record<string, string> }
  return urlFor(path, o.query, o.params)
}

export function apiGet<P extends keyof GetEndpoints>(
  path: P,
  options: GetOptions<P>
): Promise<GetEndpoints[P]['response']> {
  return send(getUrl(path, options), options.signal ? { signal: options.signal } : {})
}

export function apiPost<P extends keyof PostEndpoints>(
  path: P,
  body: PostEndpoints[P]['body'],
  options: { signal?: AbortSignal; params?: Record<string, string> } = {}
): Promise<PostEndpoints[P]['response']> {
  return send(urlFor(path, undefined, options.params), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    ...(options.signal ? { signal: options.signal } : {}),
  })
}

/** Posts a text body (YAML, CSV) with its content type; the server parses and validates it. */
export function apiPostText<P extends keyof PostEndpoints>(
  path: P,
  text: string,
  contentType: string,
  options: { signal?: AbortSignal; query?: Query } = {}
): Promise<PostEndpoints[P]['response']> {
  return send(urlFor(path, options.query), {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: text,
    ...(options.signal ? { signal: options.signal } : {}),
  })
}

/** Deletes (cancels) a resource, e.g. a running simulation. */
export function apiDelete(path: string, params: Record<string, string> = {}): Promise<unknown> {
  return send(urlFor(path, undefined, params), { method: 'DELETE' })
}
