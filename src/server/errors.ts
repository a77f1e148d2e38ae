/** The one place errors become HTTP responses: `{ error: { code, message, details } }`, no stack traces. */
import type { FastifyError, FastifyInstance } from 'fastify'
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod'
import { InputError, NotFoundError, RefusedError } from '../contracts/errors'
import { DatabaseBusyError } from '../db/Database'

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
    const fe = error as FastifyError
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
      return send(fe.statusCode, (fe.code ?? 'bad_request').toLowerCase(), fe.message)
    }
    request.log.error({ err: error }, 'unhandled error')
    return send(
      500,
      'internal',
      'internal error (see the server log for request ' + request.id + ')'
    )
  })
  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send({
      error: {
        code: 'not_found',
        message: `no route ${request.method} ${request.url.split('?')[0]}`,
      },
    })
  })
}
