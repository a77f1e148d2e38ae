/**
 * `POST /api/simulations` (validate the scenario, start a background simulation: 202 with id and progress),
 * `GET /api/simulations/:id` (progress, then the result), `DELETE /api/simulations/:id` (cancel).
 * Jobs are cancelled when the server closes.
 */
import { z } from 'zod'
import { NotFoundError } from '../../contracts/errors'
import { MAX_RUNS, simulationJobSchema, simulationRequestSchema } from '../../contracts/scenario'
import {
  SimulationJobs,
  prepareRun,
  scenarioFromText,
  scenarioFromValue,
} from '../../services/simulate'
import type { RouteModule } from '../context'

const idParams = z.object({ id: z.string().uuid() })

/** Settings as query parameters, for a body that is the scenario itself (YAML or JSON text). */
const settingsQuery = z.object({
  runs: z.coerce.number().int().min(1).max(MAX_RUNS).optional(),
  seed: z.coerce.number().int().min(0).max(0xffffffff).optional(),
  sensitivity_runs: z.coerce.number().int().min(0).max(MAX_RUNS).optional(),
})

export const simulateRoutes: RouteModule = (app, ctx) => {
  const jobs = new SimulationJobs(ctx.now)
  app.addHook('onClose', async () => jobs.close())

  app.post(
    '/api/simulations',
    {
      schema: {
        summary:
          'Start a Monte Carlo stress test: JSON {scenario, runs, seed, sensitivity_runs} (scenario as an object or YAML/JSON text), or the scenario file itself as the body (application/x-yaml, text/plain) with the settings in the query; returns the job id and progress',
        tags: ['stress'],
        body: z.union([simulationRequestSchema, z.string().max(1_000_000)]),
        querystring: settingsQuery,
        response: { 202: simulationJobSchema },
      },
    },
    async (request, reply) => {
      const raw = request.body
      const body = typeof raw === 'string' ? { ...request.query, scenario: raw } : raw
      const source =
        typeof body.scenario === 'string'
          ? scenarioFromText(body.scenario, 'request body')
          : scenarioFromValue(body.scenario, 'request body')
      const run = await prepareRun(source, (fn) => ctx.gate.use(fn))
      const job = jobs.start(run, {
        runs: body.runs,
        seed: body.seed,
        sensitivityRuns: body.sensitivity_runs,
      })
      return reply.status(202).header('location', `/api/simulations/${job.id}`).send(job)
    }
  )

  app.get(
    '/api/simulations/:id',
    {
      schema: {
        summary: 'Progress of a simulation, or its result when done',
        tags: ['stress'],
        params: idParams,
        response: { 200: simulationJobSchema },
      },
    },
    async (request) => {
      const job = jobs.get(request.params.id)
      if (!job) throw new NotFoundError(`no simulation ${request.params.id} (unknown or expired)`)
      return job
    }
  )

  app.delete(
    '/api/simulations/:id',
    {
      schema: {
        summary: 'Cancel a queued or running simulation',
        tags: ['stress'],
        params: idParams,
        response: { 200: simulationJobSchema },
      },
    },
    async (request) => {
      if (!jobs.cancel(request.params.id))
        throw new NotFoundError(`no simulation ${request.params.id} (unknown or expired)`)
      const job = jobs.get(request.params.id)
      if (!job) throw new NotFoundError(`no simulation ${request.params.id}`)
      return job
    }
  )
}
