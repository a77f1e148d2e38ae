/**
 * The HTTP face: Fastify with zod-validated routes, generated OpenAPI (/api/openapi.json, /api/docs), the built
 * dashboard as static files, and one error shape.
 */
import { existsSync } from 'node:fs'
import { randomUUID } from 'node:crypto'
import fastifyStatic from '@fastify/static'
import fastifySwagger from '@fastify/swagger'
import fastifySwaggerUi from '@fastify/swagger-ui'
import Fastify, { type FastifyInstance } from 'fastify'
import type { DestinationStream } from 'pino'
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod'
import { DatabaseGate } from '../db/DatabaseGate'
import { installWriteGuard } from './auth'
import { typed, type ServerContext } from './context'
import { parseJsonBody } from './jsonBody'
import { storageProblem } from '../db/storageErrors'
import { clientErrorHandler, installErrorHandler, sendNotFound } from './errors'
import { DEFAULT_RATE_LIMITS, installRateLimits, type RateLimit } from './rateLimits'
import { installResponseCache } from './responseCache'
import { ROUTES } from './routes'

export interface AppOptions {
  dbPath: string
  token?: string | undefined
  /** Folder with the built dashboard (index.html); served at / when present. */
  webDir?: string
  /** Structured (pino) logs; `stream` sends the JSON lines elsewhere than stdout (tests). */
  logger?: boolean | { level: string; stream?: DestinationStream }
  now?: () => string
  /** Largest accepted request body in bytes (default 20 MiB). */
  bodyLimit?: number
  /** How long a client may take to send a whole request (default 120 s). */
  requestTimeoutMs?: number
  /** How long an idle database file stays open before the server lets go of it. */
  dbIdleMs?: number
  /** Per-group limits of the expensive routes (see rateLimits.ts); default DEFAULT_RATE_LIMITS. */
  rateLimits?: Readonly<Record<string, RateLimit>>
  /**
   * Host names (without port) the server answers to; anything else gets 421, which stops DNS-rebinding pages
   * from reading a loopback server. Default: localhost, 127.0.0.1 and [::1]. `'any'` turns the check off.
   */
  allowedHosts?: readonly string[] | 'any'
}

export const LOOPBACK_HOSTS: readonly string[] = ['localhost', '127.0.0.1', '[::1]']

/** A client's x-request-id is kept when it is short and plain (so it cannot forge log lines); else a UUID. */
function requestId(header: string | string[] | undefined): string {
  return typeof header === 'string' && /^[A-Za-z0-9._:-]{1,64}$/.test(header)
    ? header
    : randomUUID()
}

function hostName(host: string | undefined): string {
  if (!host) return ''
  const h = host.toLowerCase()
  return h.startsWith('[') ? h.slice(0, h.indexOf(']') + 1) : (h.split(':')[0] ?? '')
}

export async function buildApp(
  options: AppOptions
): Promise<{ app: FastifyInstance; ctx: ServerContext }> {
  const logger = options.logger ?? false
  const requestTimeout = options.requestTimeoutMs ?? 120_000
  const app = Fastify({
    logger:
      typeof logger === 'object'
        ? { ...logger, redact: ['req.headers.authorization', 'req.headers.cookie'] }
        : logger,
    bodyLimit: options.bodyLimit ?? 20 * 1024 * 1024,
    // A client gets requestTimeout to send the whole request and at most 30 s for its headers (slow-loris);
    // Node checks for overdue connections every connectionsCheckingInterval.
    requestTimeout,
    http: {
      headersTimeout: Math.min(30_000, requestTimeout),
      connectionsCheckingInterval: Math.min(2_000, Math.max(100, Math.floor(requestTimeout / 4))),
    },
    genReqId: (req) => requestId(req.headers['x-request-id']),
    // Reject __proto__ and constructor.prototype keys in JSON bodies (prototype pollution).
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    // While closing, new requests get our own 503 (below) instead of Fastify's differently shaped one.
    return503OnClosing: false,
    clientErrorHandler,
  })
  app.setValidatorCompiler(validatorCompiler)
  app.setSerializerCompiler(serializerCompiler)
  installErrorHandler(app)

  // Graceful shutdown: once close() starts, requests already running finish; new ones are refused.
  // Connections that were busy when close() began are shut as soon as they fall idle (not after keep-alive).
  let closing = false
  let reaper: NodeJS.Timeout | undefined
  app.addHook('preClose', async () => {
    closing = true
    reaper = setInterval(() => app.server.closeIdleConnections(), 50)
    reaper.unref()
  })
  app.addHook('onClose', async () => clearInterval(reaper))
  const allowed = options.allowedHosts ?? LOOPBACK_HOSTS
  app.addHook('onRequest', async (request, reply) => {
    if (closing) {
      reply.header('connection', 'close')
      return reply.status(503).send({
        error: { code: 'shutting_down', message: 'the server is shutting down; retry shortly' },
      })
    }
    if (allowed !== 'any' && !allowed.includes(hostName(request.headers.host))) {
      return reply.status(421).send({
        error: {
          code: 'host_not_allowed',
          message: `this server does not answer to host "${hostName(request.headers.host)}" (allowed: ${allowed.join(', ')}; set CHOKEPOINT_ALLOWED_HOSTS)`,
        },
      })
    }
  })

  const ctx: ServerContext = {
    gate: new DatabaseGate(options.dbPath, { idleMs: options.dbIdleMs ?? 250 }),
    now: options.now ?? (() => new Date().toISOString()),
    token: options.token || undefined,
  }
  app.addHook('onClose', async () => ctx.gate.close())

  // JSON bodies: parsed here so prototype keys and runaway nesting are refused with a located message.
  app.removeContentTypeParser('application/json')
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    try {
      done(null, parseJsonBody(body as string))
    } catch (e) {
      done(e as Error, undefined)
    }
  })
  // CSV and plain-text bodies (imports, licence files, BOMs) arrive as strings.
  app.addContentTypeParser(
    ['text/csv', 'text/plain', 'application/x-yaml', 'text/yaml'],
    { parseAs: 'string' },
    (_req, body, done) => done(null, body)
  )

  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('x-request-id', request.id)
    reply.header('x-content-type-options', 'nosniff')
    reply.header('x-frame-options', 'DENY')
    reply.header('referrer-policy', 'no-referrer')
    reply.header('cross-origin-opener-policy', 'same-origin')
    reply.header('cross-origin-resource-policy', 'same-origin')
    if (!request.url.startsWith('/api/docs')) {
      reply.header(
        'content-security-policy',
        "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'"
      )
    }
    return payload
  })

  installWriteGuard(app, ctx)
  installResponseCache(app, options.dbPath)
  await installRateLimits(app, options.rateLimits ?? DEFAULT_RATE_LIMITS)
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Chokepoint API',
        description:
          'Rare-earth supply-chain intelligence: trade, controls, exposure, stress, respond.',
        version: '0.1.0',
      },
    },
    transform: jsonSchemaTransform,
  })
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' })

  const api = typed(app)
  api.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }))
  api.get('/readyz', { schema: { hide: true } }, async (request, reply) => {
    try {
      await ctx.gate.use((db) => db.one('SELECT 1 AS ok'))
      return { status: 'ready' }
    } catch (e) {
      request.log.warn({ err: e }, 'not ready')
      const message = storageProblem(e)?.message ?? 'the database cannot be opened'
      return reply.status(503).send({ error: { code: 'not_ready', message } })
    }
  })
  api.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger())
  for (const route of ROUTES) route(api, ctx)

  const webDir =
    options.webDir !== undefined && existsSync(options.webDir) ? options.webDir : undefined
  const spa = webDir !== undefined
  if (spa) {
    await app.register(fastifyStatic, {
      root: webDir,
      prefix: '/',
      wildcard: false,
      index: ['index.html'],
      dotfiles: 'ignore',
    })
  }
  // Client-side routes fall back to index.html; unknown /api paths and other methods get the 404 error shape.
  app.setNotFoundHandler((request, reply) => {
    if (!spa || request.url.startsWith('/api/') || request.method !== 'GET') {
      return sendNotFound(request, reply)
    }
    return reply.sendFile('index.html')
  })
  return { app, ctx }
}
