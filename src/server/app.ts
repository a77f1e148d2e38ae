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
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod'
import { DatabaseGate } from '../db/DatabaseGate'
import { typed, type ServerContext } from './context'
import { installErrorHandler } from './errors'
import { ROUTES } from './routes'

export interface AppOptions {
  dbPath: string
  token?: string | undefined
  /** Folder with the built dashboard (index.html); served at / when present. */
  webDir?: string
  logger?: boolean | { level: string }
  now?: () => string
  /** Largest accepted request body in bytes. */
  bodyLimit?: number
  /** How long an idle database file stays open before the server lets go of it. */
  dbIdleMs?: number
}

export async function buildApp(
  options: AppOptions
): Promise<{ app: FastifyInstance; ctx: ServerContext }> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: options.bodyLimit ?? 20 * 1024 * 1024,
    requestTimeout: 120_000,
    genReqId: () => randomUUID(),
    // Reject __proto__ and constructor.prototype keys in JSON bodies (prototype pollution).
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
  })
  app.setValidatorCompiler(validatorCompiler)
  app.setSerializerCompiler(serializerCompiler)
  installErrorHandler(app)

  const ctx: ServerContext = {
    gate: new DatabaseGate(options.dbPath, { idleMs: options.dbIdleMs ?? 250 }),
    now: options.now ?? (() => new Date().toISOString()),
    token: options.token || undefined,
  }
  app.addHook('onClose', async () => ctx.gate.close())

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
    if (!request.url.startsWith('/api/docs')) {
      reply.header(
        'content-security-policy',
        "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'"
      )
    }
    return payload
  })

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
  api.get('/readyz', { schema: { hide: true } }, async (_req, reply) => {
    try {
      await ctx.gate.use((db) => db.one('SELECT 1 AS ok'))
      return { status: 'ready' }
    } catch (e) {
      return reply.status(503).send({ error: { code: 'not_ready', message: (e as Error).message } })
    }
  })
  api.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger())
  for (const route of ROUTES) route(api, ctx)

  if (options.webDir && existsSync(options.webDir)) {
    await app.register(fastifyStatic, {
      root: options.webDir,
      prefix: '/',
      wildcard: false,
      index: ['index.html'],
    })
    // Client-side routes fall back to index.html; unknown /api paths stay 404 JSON.
    app.setNotFoundHandler((request, reply) => {
      if (request.url.startsWith('/api/') || request.method !== 'GET') {
        return reply.status(404).send({
          error: {
            code: 'not_found',
            message: `no route ${request.method} ${request.url.split('?')[0]}`,
          },
        })
      }
      return reply.sendFile('index.html')
    })
  }
  return { app, ctx }
}
