/** `chokepoint simulate FILE [--runs N] [--seed S] [--workers K] [--sensitivity-runs N]`. */
import { availableParallelism } from 'node:os'
import cliProgress from 'cli-progress'
import type { Command } from 'commander'
import type { SimulationResult } from '../../contracts/scenario'
import { MAX_RUNS } from '../../contracts/scenario'
import { prepareRun, readScenarioFile, runPlan, runPrepared } from '../../services/simulate'
import { UsageError, outputFormat, readDb } from '../context'
import { print, renderTable } from '../output'

interface SimulateOptions {
  runs?: string
  seed?: string
  workers?: string
  sensitivityRuns?: string
}

function integerOption(value: string | undefined, name: string, min: number, max: number) {
  if (value === undefined) return undefined
  const n = Number(value)
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min || n > max)
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, not "${value}"`)
  return n
}

export function registerSimulate(program: Command): void {
  program
    .command('simulate <file>')
    .description(
      'Monte Carlo stress test of a disruption scenario (YAML or JSON): stockout dates, shortfall, extra cost, tornado'
    )
    .option('--runs <n>', 'Monte Carlo runs (default 5000)')
    .option('--seed <s>', 'random seed (default: the scenario seed, else 1)')
    .option('--workers <k>', 'worker threads; 0 = this thread (default: CPU cores, at most 8)')
    .option(
      '--sensitivity-runs <n>',
      'runs per tornado bar end (default min(runs, 1000); 0 = none)'
    )
    .action(async (file: string, opts: SimulateOptions, cmd: Command) => {
      const format = outputFormat(cmd)
      const settings = {
        runs: integerOption(opts.runs, 'runs', 1, MAX_RUNS),
        seed: integerOption(opts.seed, 'seed', 0, 0xffffffff),
        sensitivityRuns: integerOption(opts.sensitivityRuns, 'sensitivity-runs', 0, MAX_RUNS),
        workers:
          integerOption(opts.workers, 'workers', 0, 64) ?? Math.min(8, availableParallelism()),
      }
      const source = await readScenarioFile(file)
      const run = await prepareRun(source, (fn) => readDb(cmd, fn))
      const bar = process.stderr.isTTY
        ? new cliProgress.SingleBar(
            {
              stream: process.stderr,
              format: 'simulating [{bar}] {percentage}% | {value}/{total} runs | {duration}s',
              hideCursor: true,
            },
            cliProgress.Presets.shades_classic
          )
        : undefined
      bar?.start(runPlan(run, settings).totalRuns, 0)
      let result: SimulationResult
      try {
        result = await runPrepared(run, settings, {
          onProgress: (p) => bar?.update(p.doneRuns),
        })
      } finally {
        bar?.stop()
      }
      if (format === 'json') return print(result, { format })
      if (format === 'csv')
        return print(
          result.by_day.map((d) => ({
            day: d.day,
            date: d.date,
            p_stockout: d.p_stockout,
            inventory_t_p10: d.inventory_t.p10,
            inventory_t_p50: d.inventory_t.p50,
            inventory_t_p90: d.inventory_t.p90,
          })),
          { format }
        )
      printTables(result)
    })
}

function printTables(result: SimulationResult): void {
  const row = (name: string, o: Omit<SimulationResult['by_material'][number], 'material'>) => ({
    series: name,
    p_stockout: o.stockout_probability,
    first_out_p10: o.first_stockout_day.p10,
    first_out_p50: o.first_stockout_day.p50,
    first_out_p90: o.first_stockout_day.p90,
    recovery_p50: o.recovery_day.p50,
    unmet_t_mean: o.unmet_demand_t.mean,
    unmet_t_p90: o.unmet_demand_t.p90,
    extra_cost_usd_mean: o.extra_cost_usd.mean,
    extra_cost_usd_p90: o.extra_cost_usd.p90,
  })
  print(result, {
    format: 'table',
    heading: `${result.scenario}: ${result.runs} runs, seed ${result.seed}, ${result.horizon_days} days from ${result.start} (days counted from the start; empty = not within the horizon)`,
    tableRows: [row('all materials', result), ...result.by_material.map((m) => row(m.material, m))],
  })
  if (result.sensitivity.length > 0) {
    process.stdout.write(
      `\nsensitivity (tornado; each input at its p10 and p90, ${result.sensitivity_runs} runs each)\n\n`
    )
    process.stdout.write(
      renderTable(
        result.sensitivity.map((s) => ({
          input: s.parameter,
          p10_input: s.low_input,
          p90_input: s.high_input,
          unmet_t_at_p10: s.unmet_demand_t_mean.low,
          unmet_t_at_p90: s.unmet_demand_t_mean.high,
          p_stockout_at_p10: s.stockout_probability.low,
          p_stockout_at_p90: s.stockout_probability.high,
        }))
      )
    )
  }
  for (const w of result.warnings) process.stdout.write(`warning: ${w}\n`)
  for (const n of result.notes) process.stdout.write(`note: ${n}\n`)
}
