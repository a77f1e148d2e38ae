/** The server's settings from the environment, validated with messages that name the variable. */
import { LOOPBACK_HOSTS } from './app'
import { rateLimitsFromEnv, type RateLimit } from './rateLimits'

export interface ServerSettings {
  dbPath: string
  host: string
  port: number
  token: string | undefined
  logLevel: string
  bodyLimit: number
  requestTimeoutMs: number
  shutdownTimeoutMs: number
  rateLimits: Record<string, RateLimit>
  allowedHosts: readonly string[] | 'any'
  /** Things the operator should hear about at start (e.g. listening beyond loopback). */
  warnings: string[]
}

const LOOPBACK_BINDS = ['127.0.0.1', 'localhost', '::1']

function positiveInt(
  env: Record<string, string | undefined>,
  name: string,
  fallback: number,
  max = Number.MAX_SAFE_INTEGER
): number {
  const raw = env[name]?.trim()
  if (raw === undefined || raw === '') return fallback
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > max) {
    throw new Error(`${name}: expected a whole number from 1 to ${max}, found "${raw}"`)
  }
  return Number(raw)
}

export function serverSettingsFromEnv(env: Record<string, string | undefined>): ServerSettings {
  const host = env['HOST']?.trim() || '127.0.0.1'
  const token = env['CHOKEPOINT_TOKEN'] || undefined
  const warnings: string[] = []
  if (token !== undefined && token.length < 16) {
    throw new Error('CHOKEPOINT_TOKEN: expected at least 16 characters (e.g. openssl rand -hex 32)')
  }
  const loopback = LOOPBACK_BINDS.includes(host) || host.startsWith('127.')
  const hostsRaw = env['CHOKEPOINT_ALLOWED_HOSTS']?.trim()
  let allowedHosts: readonly string[] | 'any'
  if (hostsRaw === '*') allowedHosts = 'any'
  else if (hostsRaw) allowedHosts = hostsRaw.split(',').map((h) => h.trim().toLowerCase())
  else if (loopback) allowedHosts = LOOPBACK_HOSTS
  else allowedHosts = 'any'
  if (!loopback) {
    warnings.push(
      `listening on ${host}, beyond this machine: reads and computations are open to anyone who can reach it` +
        (allowedHosts === 'any' ? '; set CHOKEPOINT_ALLOWED_HOSTS to the names clients use' : '')
    )
  }
  return {
    dbPath: env['CHOKEPOINT_DB'] ?? './chokepoint.duckdb',
    host,
    port: env['PORT'] === undefined ? 4173 : positiveInt(env, 'PORT', 4173, 65535),
    token,
    logLevel: env['LOG_LEVEL'] ?? 'info',
    bodyLimit: positiveInt(env, 'CHOKEPOINT_BODY_LIMIT', 20 * 1024 * 1024),
    requestTimeoutMs: positiveInt(env, 'CHOKEPOINT_REQUEST_TIMEOUT_MS', 120_000),
    shutdownTimeoutMs: positiveInt(env, 'CHOKEPOINT_SHUTDOWN_TIMEOUT_MS', 30_000),
    rateLimits: rateLimitsFromEnv(env),
    allowedHosts,
    warnings,
  }
}
