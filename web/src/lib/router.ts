/**
 * A small history router: the location is an external store, links push state, and the query string holds
 * page state (product, month, partner) so every view has a shareable address.
 */
import { useSyncExternalStore } from 'react'

const listeners = new Set<() => void>()

function onPopState(): void {
  navigated = true
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  window.addEventListener('popstate', onPopState)
  window.addEventListener('popstate', listener)
  return () => {
    listeners.delete(listener)
    window.removeEventListener('popstate', listener)
  }
}

function snapshot(): string {
  return window.location.pathname + window.location.search
}

let navigated = false

/** True once the user has moved between pages in the app (not on the first page load). */
export function hasNavigated(): boolean {
  return navigated
}

/** Moves to `to` (path and query); `replace` keeps the history entry (for filter changes). */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === snapshot()) return
  if (!options.replace) navigated = true
  if (options.replace) window.history.replaceState(null, '', to)
  else window.history.pushState(null, '', to)
  for (const l of listeners) l()
}

export interface Location {
  path: string
  query: URLSearchParams
}

export function useLocation(): Location {
  const href = useSyncExternalStore(subscribe, snapshot, snapshot)
  const url = new URL(href, 'http://local')
  return { path: url.pathname, query: url.searchParams }
}

/** One query parameter with a default, and a setter that replaces the history entry. */
export function useQueryParam(name: string, fallback: string): [string, (v: string) => void] {
  const { path, query } = useLocation()
  const value = query.get(name) ?? fallback
  const set = (v: string): void => {
    const next = new URLSearchParams(window.location.search)
    if (v === '' || v === fallback) next.delete(name)
    else next.set(name, v)
    const qs = next.toString()
    navigate(path + (qs ? `?${qs}` : ''), { replace: true })
  }
  return [value, set]
}

/** Builds `path?k=v` from the defined entries of `params`. */
export function href(path: string, params: Record<string, string | undefined> = {}): string {
  const q = new URLSearchParams()
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, v)
  const qs = q.toString()
  return qs ? `${path}?${qs}` : path
}
