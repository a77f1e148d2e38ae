/**
 * Caches the responses of read-only GET routes until the database changes. The data version is the size and
 * modification time of the database file and its write-ahead log, so a write by this server or by a CLI in
 * another process invalidates every entry, and a hit costs two `stat` calls and no database access.
 */
import { statSync } from 'node:fs'
import type { FastifyInstance, FastifyRequest } from 'fastify'

/** Route prefixes whose answers depend only on the URL and the stored data. */
const CACHEABLE = [
  '/api/trade/',
  '/api/datasets',
  '/api/vintages',
  '/api/events',
  '/api/rules',
  '/api/prices/model',
  '/api/projects/viability',
  '/api/floor',
]

interface Entry {
  version: string
  payload: string
  type: string
}

function fileStamp(path: string): string {
  try {
    const s = statSync(path)
    return `${s.mtimeMs}:${s.size}`
  } catch {
    return '-'
  }
}

/** The data version of a database file, or undefined for an in-memory database (never cached). */
export function dataVersion(dbPath: string): string | undefined {
  if (dbPath === ':memory:') return undefined
  return `${fileStamp(dbPath)}|${fileStamp(`${dbPath}.wal`)}`
}

const versionOf = new WeakMap<FastifyRequest, string>()

export function installResponseCache(app: FastifyInstance, dbPath: string, maxEntries = 500): void {
  const entries = new Map<string, Entry>()
  app.addHook('preHandler', async (request, reply) => {
    if (request.method !== 'GET' || !CACHEABLE.some((p) => request.url.startsWith(p))) return
    const version = dataVersion(dbPath)
    if (version === undefined) return
    const hit = entries.get(request.url)
    if (hit && hit.version === version) {
      entries.delete(request.url)
      entries.set(request.url, hit) // most recently used last
      reply.header('x-cache', 'hit').type(hit.type)
      return reply.send(hit.payload)
    }
    versionOf.set(request, version)
  })
  app.addHook('onSend', async (request, reply, payload) => {
    const version = versionOf.get(request)
    if (version === undefined || reply.statusCode !== 200 || typeof payload !== 'string')
      return payload
    versionOf.delete(request)
    entries.set(request.url, {
      version,
      payload,
      type: String(reply.getHeader('content-type') ?? 'application/json'),
    })
    if (entries.size > maxEntries) entries.delete(entries.keys().next().value as string)
    reply.header('x-cache', 'miss')
    return payload
  })
}
