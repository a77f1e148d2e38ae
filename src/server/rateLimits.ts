/**
 * Rate limits for the expensive computations, set here in one table keyed by method and URL so route modules stay
 * free of them. Each group counts requests per client address in a fixed window; operators tune a group with
 * `CHOKEPOINT_RATE_<GROUP>=<max>[/<window seconds>]` (e.g. `CHOKEPOINT_RATE_SIMULATIONS=20/60`, `=off` to lift it).
 */
import fastifyRateLimit from '@fastify/rate-limit'
import type { FastifyInstance, RouteOptions } from 'fastify'
import { RefusedError } from '../contracts/errors'

export interface RateLimit {
  /** Requests allowed per client address in one window; `Infinity` lifts the limit. */
  max: number
  windowMs: number
}

export interface RateLimitedRoute {
  group: string
  methods: readonly string[]
  url: string
}

/** The routes that run Monte Carlo, LP solves or whole-BOM analyses, by group. */
export const RATE_LIMITED_ROUTES: readonly RateLimitedRoute[] = [
  { group: 'simulations', methods: ['POST'], url: '/api/simulations' },
  { group: 'optimize', methods: ['POST'], url: '/api/optimize' },
  { group: 'floor', methods: ['GET', 'POST'], url: '/api/floor' },
  { group: 'viability', methods: ['GET'], url: '/api/projects/viability' },
  { group: 'exposure', methods: ['POST'], url: '/api/exposure' },
  { group: 'determinations', methods: ['POST'], url: '/api/licence/determinations' },
]

/**
 * Default budget per client address and minute. These are operating defaults (an assumption about what one
 * analyst's browser or script needs), not measured figures; raise them with the environment variables.
 */
export const DEFAULT_RATE_LIMITS: Readonly<Record<string, RateLimit>> = {
  simulations: { max: 10, windowMs: 60_000 },
  optimize: { max: 60, windowMs: 60_000 },
  floor: { max: 30, windowMs: 60_000 },
  viability: { max: 30, windowMs: 60_000 },
  exposure: { max: 120, windowMs: 60_000 },
  determinations: { max: 600, windowMs: 60_000 },
}

/** Reads `CHOKEPOINT_RATE_<GROUP>` overrides; throws with the variable's name on a malformed value. */
export function rateLimitsFromEnv(
  env: Record<string, string | undefined>,
  defaults: Readonly<Record<string, RateLimit>> = DEFAULT_RATE_LIMITS
): Record<string, RateLimit> {
  const out: Record<string, RateLimit> = { ...defaults }
  for (const group of Object.keys(defaults)) {
    const name = `CHOKEPOINT_RATE_${group.toUpperCase()}`
    const raw = env[name]?.trim()
    if (raw === undefined || raw === '') continue
    if (raw === 'off') {
      out[group] = { max: Infinity, windowMs: defaults[group]?.windowMs ?? 60_000 }
      continue
    }
    const m = /^(\d+)(?:\/(\d+))?$/.exec(raw)
    if (!m || Number(m[1]) < 1 || (m[2] !== undefined && Number(m[2]) < 1)) {
      throw new Error(
        `${name}: expected <max>[/<window seconds>] (e.g. 20/60) or off, found "${raw}"`
      )
    }
    out[group] = {
      max: Number(m[1]),
      windowMs: m[2] !== undefined ? Number(m[2]) * 1000 : (defaults[group]?.windowMs ?? 60_000),
    }
  }
  return out
}

function matches(route: RateLimitedRoute, options: RouteOptions): boolean {
  if (route.url !== options.url) return false
  const methods = Array.isArray(options.method) ? options.method : [options.method]
  return methods.some((m) => route.methods.includes(m.toUpperCase()))
}

/**
 * Installs the limiter and the hook that gives each listed route its group's limit. Call before any route is
 * added (the hook sees routes as they are registered).
 */
export async function installRateLimits(
  app: FastifyInstance,
  limits: Readonly<Record<string, RateLimit>>
): Promise<void> {
  app.addHook('onRoute', (options) => {
    const route = RATE_LIMITED_ROUTES.find((r) => matches(r, options))
    const limit = route ? limits[route.group] : undefined
    if (!route || !limit || !Number.isFinite(limit.max)) return
    options.config = {
      ...(options.config ?? {}),
      rateLimit: { max: limit.max, timeWindow: limit.windowMs, groupId: route.group },
    }
  })
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) =>
      new RefusedError(
        'rate_limited',
        429,
        `too many requests to this computation: at most ${context.max} per client in each window; retry in ${context.after}`
      ),
  })
}
