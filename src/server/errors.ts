/** The one place errors become HTTP responses: `{ error: { code, message, details } }`, no stack traces. */
import { STATUS_CODES } from 'node:http'
import type { Duplex } from 'node:stream'
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod'
import { InputError, NotFoundError, RefusedError } from '../contracts/errors'
import { DatabaseBusyError } from '../db/Database'
import { storageProblem } from '../db/storageErrors'

/** Fastify's own client errors, renamed to stable snake_case codes. */
const FASTIFY_CODES: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'body_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'invalid_content_length',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalid_json',
  FST_ERR_VALIDATION: 'invalid_request',
  FST_ERR_BAD_URL: 'bad_url',
  FST_ERR_ASYNC_CONSTRAINT: 'bad_request',
}

function isSyntaxErrorFromBody(error: unknown): boolean {
  // secure-json-parse throws a bare SyntaxError for __proto__ / constructor.prototype keys.
  return error instanceof SyntaxError && (error as { statusCode?: number }).statusCode === 400
}

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | Error, request, reply) => {
    const send = (status: number, code: string, message: string, details?: unknown) =>
      reply
        .status(status)
        .send({ error: { code, message, ...(details === undefined ? {} : { details }) } })
    if (hasZodFastifySchemaValidationErrors(error)) {
      return send(400, 'invalid_request', 'the request does not match the schema', {
        issues: error.validation.map((v) => ({
          path: v.instancePath,
          message: v.message,
          params: v.params,
        })),
      })
    }
    if (error instanceof InputError)
      return send(400, error.code, error.message, { issues: error.issues })
    if (error instanceof NotFoundError) return send(404, error.code, error.message)
    if (error instanceof RefusedError) return send(error.status, error.code, error.message)
    if (error instanceof DatabaseBusyError) return send(503, error.code, error.message)
    if (isSyntaxErrorFromBody(error)) return send(400, 'invalid_json', error.message)
    const fe = error as Partial<FastifyError>
    if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
      const code =
        (fe.code && FASTIFY_CODES[fe.code]) ??
        (fe.code ?? 'bad_request').replace(/^FST_ERR_/, '').toLowerCase()
      return send(fe.statusCode, code, fe.message ?? 'bad request')
    }
    const storage = storageProblem(error)
    request.log.error({ err: error }, storage ? 'storage failure' : 'unhandled error')
    if (storage) return send(storage.status, storage.code, storage.message)
    return send(
      500,
      'internal',
      'internal error (see the server log for request ' + request.id + ')'
    )
  })
}

/** The 404 answer for unknown routes, in the one error shape. */
export function sendNotFound(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return reply.status(404).send({
    error: {
      code: 'not_found',
      message: `no route ${request.method} ${request.url.split('?')[0]?.slice(0, 200)}`,
    },
  })
}

/**
 * Errors Node raises before a request reaches Fastify (timeouts, oversized headers, malformed HTTP), written
 * straight to the socket in the one error shape.
 */
export function clientErrorHandler(err: Error & { code?: string }, socket: Duplex): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return
  const [status, code, message] =
    err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? [408, 'request_timeout', 'the request did not arrive in time']
      : err.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'headers_too_large', 'the request headers are too large']
        : [400, 'bad_request', 'malformed HTTP request']
  const body = JSON.stringify({ error: { code, message } })
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `Content-Type: application/json; charset=utf-8\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n${body}`
    )
  }
  socket.destroy()
}
