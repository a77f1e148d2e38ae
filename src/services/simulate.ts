/**
 * Stress tests for the CLI and the API: read a scenario (file, text or object), check its links against the
 * database (rulebook measures, ex-China projects), reject every bad input before any run starts, then simulate on
 * worker threads. `SimulationJobs` runs API simulations in the background with progress, bounded concurrency
 * and bounded storage, and cancels them on shutdown.
 */
import { randomUUID } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { basename, dirname, resolve } from 'node:path'
import type { Scenario, SimulationJob, SimulationResult } from '../contracts/scenario'
import { InputError, RefusedError } from '../contracts/errors'
import { prepareScenario, type PreparedScenario } from '../core/simulate/prepareScenario'
import type { MeasureFacts, ProjectFacts } from '../core/simulate/resolveScenario'
import { tornadoBars } from '../core/simulate/sensitivity'
import { plannedRuns } from '../core/simulate/simulateModel'
import type { Progress } from '../core/simulate/simulateModel'
import type { Database } from '../db/Database'
import { loadDataset } from '../db/datasets'
import {
  locateIssues,
  readScenarioText,
  readScenarioValue,
  type ReadScenario,
} from '../ingest/scenario'
import { simulateWithWorkers } from '../workers/simulateWithWorkers'

export const DEFAULT_RUNS = 5000
/**
 * Runs per tornado bar end by default: at most min(runs, 1000), and no more than keeps the whole tornado near
 * 4 x runs (2 x runs / inputs per end), but at least 100, so a scenario with many uncertain inputs stays quick.
 */
export const DEFAULT_SENSITIVITY_RUNS = 1000
const MIN_SENSITIVITY_RUNS = 100
const DEFAULT_SEED = 1

/** Opens the database for a callback (the CLI's readDb, or the server's gate). */
export type WithDatabase = <T>(fn: (db: Database) => Promise<T>) => Promise<T>

export interface ScenarioSource {
  /** Where it came from, for messages: a file name or "request body". */
  file: string
  read: ReadScenario
  /** Folder that relative paths in the scenario (exposure files) start from; undefined = no file access. */
  baseDir?: string
}

export interface PreparedRun {
  scenario: Scenario
  prepared: PreparedScenario
}

export interface RunSettings {
  runs?: number | undefined
  seed?: number | undefined
  sensitivityRuns?: number | undefined
  workers: number
}

/** Reads a scenario file (YAML or JSON); throws InputError with located issues. */
export async function readScenarioFile(path: string): Promise<ScenarioSource> {
  const text = await readFile(path, 'utf8')
  return { ...scenarioFromText(text, basename(path)), baseDir: dirname(resolve(path)) }
}

export function scenarioFromText(text: string, file: string): ScenarioSource {
  const r = readScenarioText(text, file)
  if (!r.ok) throw new InputError(r.error)
  return { file, read: r.value }
}

export function scenarioFromValue(value: unknown, file: string): ScenarioSource {
  const r = readScenarioValue(value, file)
  if (!r.ok) throw new InputError(r.error)
  return { file, read: r.value }
}

/**
 * Cross-checks and resolves links; reads the database only when the scenario names a measure or a project.
 * Throws InputError (located) before anything runs.
 */
export async function prepareRun(
  source: ScenarioSource,
  withDatabase: WithDatabase | undefined
): Promise<PreparedRun> {
  const scenario = source.read.scenario
  const needsMeasures = scenario.disruptions.some((d) => d.measure !== undefined)
  const needsProjects = scenario.suppliers.some((s) => s.project !== undefined)
  let measures: MeasureFacts[] | undefined
  let projects: ProjectFacts[] | undefined
  if ((needsMeasures || needsProjects) && withDatabase) {
    await withDatabase(async (db) => {
      if (needsMeasures) measures = await storedMeasures(db)
      if (needsProjects) projects = await storedProjects(db)
    })
    const missing = [
      ...(measures?.length === 0 ? ['the rulebook (controls)'] : []),
      ...(projects?.length === 0 ? ['the ex-China projects (projects)'] : []),
    ]
    if (missing.length > 0)
      throw new InputError([
        {
          code: 'dataset_not_loaded',
          message: `the scenario links to ${missing.join(' and ')}, which the database does not hold: run chokepoint db init`,
          path: [],
          file: source.file,
        },
      ])
  }
  const exposureDemand =
    source.baseDir === undefined ? undefined : await exposureDemands(source, source.baseDir)
  const prepared = prepareScenario(scenario, {
    measures,
    projects,
    projectsFile: 'projects_ex_china.csv',
    exposureDemand,
  })
  if (!prepared.ok)
    throw new InputError(locateIssues(prepared.error, source.read.locate, source.file))
  return { scenario, prepared: prepared.value }
}

/** Demand of materials given by `demand_from_exposure`: the element's kg/year in the BOM, as t/day. */
async function exposureDemands(
  source: ScenarioSource,
  baseDir: string
): Promise<Record<number, { tPerDay: number; note: string }>> {
  const out: Record<number, { tPerDay: number; note: string }> = {}
  const materials = source.read.scenario.materials
  if (!materials.some((m) => m.demand_from_exposure)) return out
  // Loaded only when a scenario asks for it.
  const { NB, rollUp } = await import('../core/exposure/rollUp')
  const { parseExposureInput } = await import('./exposure')
  for (let i = 0; i < materials.length; i++) {
    const link = materials[i]!.demand_from_exposure
    if (!link) continue
    const path = resolve(baseDir, link.file)
    let text: string
    try {
      text = await readFile(path, 'utf8')
    } catch (e) {
      throw new InputError(
        locateIssues(
          [
            {
              code: 'file_not_found',
              message: `cannot read the exposure file ${path}: ${(e as Error).message}`,
              path: ['materials', i, 'demand_from_exposure', 'file'],
            },
          ],
          source.read.locate,
          source.file
        )
      )
    }
    const bom = parseExposureInput({ text, fileName: basename(path) })
    const rollup = rollUp(bom.parts, bom.index, new Map())
    const e = rollup.elementIndex.get(link.element)
    let kgPerYear = 0
    if (e !== undefined) for (let b = 0; b < NB; b++) kgPerYear += rollup.totalKg[e * NB + b]!
    const tPerDay = kgPerYear / 1000 / 365
    out[i] = {
      tPerDay,
      note: `demand ${tPerDay.toPrecision(6)} t/day = ${kgPerYear.toPrecision(6)} kg/yr of ${link.element} rolled up from ${basename(path)} (its annual_units; all bases: observed, inferred, assumed)`,
    }
  }
  return out
}

async function storedMeasures(db: Database): Promise<MeasureFacts[]> {
  const rows = await loadDataset<Record<string, unknown>>(db, 'controls')
  return rows.map((r) => ({
    id: String(r.data['id'] ?? r.row_key),
    effective: typeof r.data['effective'] === 'string' ? r.data['effective'] : null,
    status: typeof r.data['status'] === 'string' ? r.data['status'] : null,
  }))
}

async function storedProjects(db: Database): Promise<ProjectFacts[]> {
  const rows = await loadDataset(db, 'projects')
  return rows.map((r) => ({
    project: r.data['project'] ?? '',
    company: r.data['company'] ?? null,
    country_iso3: r.data['country_iso3'] ?? null,
    capacity: r.data['capacity'] ?? null,
    capacity_unit: r.data['capacity_unit'] ?? null,
    status: r.data['status'] ?? null,
    start_year: r.data['start_year'] ?? null,
    source_url: r.source_url,
    line: r.line,
  }))
}

/** Resolved run counts and seed (explicit settings, then the scenario's seed, then defaults). */
export function runPlan(run: PreparedRun, settings: RunSettings) {
  const runs = settings.runs ?? DEFAULT_RUNS
  const bars = tornadoBars(run.prepared.model).length
  const sensitivityRuns =
    settings.sensitivityRuns ??
    Math.min(
      runs,
      DEFAULT_SENSITIVITY_RUNS,
      Math.max(MIN_SENSITIVITY_RUNS, Math.floor((2 * runs) / Math.max(1, bars)))
    )
  const seed = settings.seed ?? run.scenario.seed ?? DEFAULT_SEED
  return {
    runs,
    seed,
    sensitivityRuns,
    totalRuns: plannedRuns(run.prepared.model, runs, sensitivityRuns),
  }
}

export async function runPrepared(
  run: PreparedRun,
  settings: RunSettings,
  hooks: { onProgress?: (p: Progress) => void; signal?: AbortSignal } = {}
): Promise<SimulationResult> {
  const plan = runPlan(run, settings)
  return simulateWithWorkers(
    run.prepared.model,
    {
      runs: plan.runs,
      seed: plan.seed,
      sensitivityRuns: plan.sensitivityRuns,
      scenario: run.scenario.name,
      start: run.scenario.start,
      notes: run.prepared.resolved.notes,
      warnings: run.prepared.resolved.warnings,
    },
    {
      workers: settings.workers,
      ...(hooks.onProgress ? { onProgress: hooks.onProgress } : {}),
      ...(hooks.signal ? { signal: hooks.signal } : {}),
    }
  )
}

interface JobRecord {
  job: SimulationJob
  controller: AbortController
  start: () => void
  done: Promise<void>
}

export interface JobLimits {
  /** Simulations running at once. */
  maxRunning: number
  /** Simulations waiting to start; beyond that, new ones are refused (HTTP 429). */
  maxQueued: number
  /** Finished jobs (with their results) kept for GET; the oldest are dropped first. */
  maxStored: number
  workersPerJob: number
  /** Largest planned runs x days x supplier lanes a job may take. */
  maxWork: number
}

export const DEFAULT_JOB_LIMITS: JobLimits = {
  maxRunning: 1,
  maxQueued: 4,
  maxStored: 20,
  workersPerJob: 2,
  maxWork: 5e9,
}

/** Background simulations for the API: start → poll progress → result. */
export class SimulationJobs {
  private readonly jobs = new Map<string, JobRecord>()
  private readonly queue: JobRecord[] = []
  private running = 0
  private closed = false

  constructor(
    private readonly now: () => string,
    private readonly limits: JobLimits = DEFAULT_JOB_LIMITS
  ) {}

  /** Queues a prepared simulation; refuses when too much is waiting or the job is too large. */
  start(run: PreparedRun, settings: Omit<RunSettings, 'workers'>): SimulationJob {
    if (this.closed) throw new RefusedError('shutting_down', 503, 'the server is shutting down')
    const plan = runPlan(run, { ...settings, workers: this.limits.workersPerJob })
    const model = run.prepared.model
    const work = plan.totalRuns * model.horizon * Math.max(1, model.lanes.length)
    if (work > this.limits.maxWork)
      throw new InputError([
        {
          code: 'too_much_work',
          message: `${plan.totalRuns} runs x ${model.horizon} days x ${model.lanes.length} lanes is above this server's limit (${this.limits.maxWork.toExponential(1)}); lower runs or sensitivity_runs, or use the CLI`,
          path: ['runs'],
        },
      ])
    const waiting = this.queue.length
    if (waiting >= this.limits.maxQueued)
      throw new RefusedError(
        'too_many_jobs',
        429,
        `${this.running} simulations running and ${waiting} waiting: try again later`
      )
    const id = randomUUID()
    const controller = new AbortController()
    const job: SimulationJob = {
      id,
      status: 'queued',
      progress: { done_runs: 0, total_runs: plan.totalRuns, fraction: 0 },
      created_at: this.now(),
      finished_at: null,
    }
    let begin: () => void = () => {}
    const started = new Promise<void>((resolve) => (begin = resolve))
    const record: JobRecord = {
      job,
      controller,
      start: begin,
      done: started.then(() => this.execute(record, run, settings)),
    }
    this.jobs.set(id, record)
    this.queue.push(record)
    this.pump()
    return this.view(job)
  }

  /** The job as the API shows it, or undefined when unknown (or dropped). */
  get(id: string): SimulationJob | undefined {
    const record = this.jobs.get(id)
    return record ? this.view(record.job) : undefined
  }

  /** Cancels a queued or running job; true when it existed. */
  cancel(id: string): boolean {
    const record = this.jobs.get(id)
    if (!record) return false
    this.abort(record)
    return true
  }

  /** Cancels everything and waits for the workers to stop (server shutdown). */
  async close(): Promise<void> {
    this.closed = true
    const records = [...this.jobs.values()]
    for (const record of records) this.abort(record)
    await Promise.all(records.map((r) => r.done.catch(() => undefined)))
  }

  private abort(record: JobRecord): void {
    const job = record.job
    if (job.status === 'queued') {
      this.queue.splice(this.queue.indexOf(record), 1)
      this.finish(job, 'cancelled', { code: 'cancelled', message: 'the simulation was cancelled' })
      record.start()
    } else if (job.status === 'running') {
      record.controller.abort()
    }
  }

  private pump(): void {
    while (this.running < this.limits.maxRunning && this.queue.length > 0) {
      const record = this.queue.shift()!
      this.running++
      record.job.status = 'running'
      record.start()
    }
  }

  private async execute(
    record: JobRecord,
    run: PreparedRun,
    settings: Omit<RunSettings, 'workers'>
  ): Promise<void> {
    const job = record.job
    if (job.status !== 'running') return
    try {
      const result = await runPrepared(
        run,
        { ...settings, workers: this.limits.workersPerJob },
        {
          signal: record.controller.signal,
          onProgress: (p) => {
            job.progress = {
              done_runs: p.doneRuns,
              total_runs: p.totalRuns,
              fraction: p.totalRuns === 0 ? 1 : p.doneRuns / p.totalRuns,
            }
          },
        }
      )
      job.result = result
      this.finish(job, 'done')
    } catch (e) {
      if (record.controller.signal.aborted)
        this.finish(job, 'cancelled', {
          code: 'cancelled',
          message: 'the simulation was cancelled',
        })
      else
        this.finish(job, 'failed', {
          code: 'internal',
          message: e instanceof Error ? e.message : String(e),
        })
    } finally {
      this.running--
      this.pump()
    }
  }

  private finish(
    job: SimulationJob,
    status: 'done' | 'failed' | 'cancelled',
    error?: { code: string; message: string }
  ): void {
    job.status = status
    job.finished_at = this.now()
    if (error) job.error = error
    const finished = [...this.jobs.values()].filter((r) => r.job.finished_at !== null)
    for (const old of finished.slice(0, Math.max(0, finished.length - this.limits.maxStored)))
      this.jobs.delete(old.job.id)
  }

  private view(job: SimulationJob): SimulationJob {
    return { ...job, progress: { ...job.progress } }
  }
}
