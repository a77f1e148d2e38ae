/**
 * Respond commands: `chokepoint optimize FILE`, `chokepoint floor --product NdPr --floor 110 --years 10
 * --volume-t 1000`, `chokepoint projects viability [--floor F]`, `chokepoint prices model`.
 */
import type { Command } from 'commander'
import type { z } from 'zod'
import {
  floorRequestSchema,
  priceModelRequestSchema,
  viabilityRequestSchema,
} from '../../contracts/markets'
import type { DomainIssue } from '../../core/shared/result'
import {
  floorValuation,
  infeasibilityIssues,
  optimizeFile,
  priceModel,
  projectViability,
  readAssumptionsFile,
} from '../../services/respond'
import { InputError, outputFormat, readDb } from '../context'
import { print } from '../output'

/** Parses CLI options with a contract schema; a bad value is invalid input (exit 1) naming the option. */
function parseOptions<S extends z.ZodType>(schema: S, raw: Record<string, unknown>): z.output<S> {
  const r = schema.safeParse(raw)
  if (r.success) return r.data
  throw new InputError(
    r.error.issues.map((i): DomainIssue => {
      const name = String(i.path[0] ?? '')
      return {
        code: `invalid_${i.code}`,
        message: `--${name.replace(/_/g, '-')}: ${i.message}, found ${JSON.stringify(raw[name])}`,
        path: [name],
        field: name,
      }
    })
  )
}

const money = (v: number) => Math.round(v).toLocaleString('en-US')

export function registerRespond(program: Command): void {
  program
    .command('optimize <file>')
    .description(
      'least-cost supply mix under share caps, budget and disruption scenarios (YAML or JSON input); exit 1 when infeasible'
    )
    .option('--no-frontier', 'skip the cost vs expected-shortfall frontier')
    .action(async (file: string, opts: { frontier: boolean }, cmd: Command) => {
      const result = await optimizeFile(file, { frontier: opts.frontier })
      const format = outputFormat(cmd)
      print(result, {
        format,
        heading:
          `status ${result.status}` +
          (result.cost !== null
            ? `, cost ${money(result.cost)}, expected shortfall ${result.expected_shortfall_t} t`
            : '') +
          result.stockpile
            .map((k) => `\nstockpile ${k.material}: ${k.t} t (holding ${money(k.holding_cost)})`)
            .join('') +
          (result.frontier.length > 0
            ? `\nfrontier (penalty per t: cost / expected shortfall t): ${result.frontier.map((f) => `${money(f.penalty_per_t)}: ${money(f.cost)} / ${f.expected_shortfall_t}`).join('; ')}`
            : '') +
          (result.explanation ? `\n${result.explanation.summary}` : '') +
          (result.binding_constraints.length > 0
            ? `\n${result.binding_constraints.map((b) => `  ${b.name}: ${b.meaning}`).join('\n')}`
            : ''),
        tableRows: result.allocation,
        columns: ['source', 'material', 'country', 't', 'cost'],
      })
      if (result.status !== 'optimal') throw infeasibilityIssues(result, file)
    })

  program
    .command('floor')
    .description('value a price floor as a strip of monthly puts over simulated price paths')
    .requiredOption('--floor <usd_per_kg>', 'floor price, USD/kg')
    .requiredOption('--years <n>', 'term in years')
    .requiredOption('--volume-t <t>', 'covered volume, tonnes per year')
    .option('--product <name>', 'product (e.g. NdPr, Dy oxide)', 'NdPr')
    .option('--market <market>', 'reference market: china_domestic or ex_china', 'china_domestic')
    .option('--paths <n>', 'simulated paths', '20000')
    .option('--seed <n>', 'random seed', '1')
    .option('--start <YYYY-MM>', 'first month of the floor (default: after the last observation)')
    .option(
      '--upside-share <share>',
      'share of the upside above the floor returned to the payer (DoD–MP: 0.3)',
      '0'
    )
    .option('--discount-rate <rate>', 'annual discount rate for the expected total', '0')
    .action(async (opts: Record<string, string | undefined>, cmd: Command) => {
      const req = parseOptions(floorRequestSchema, {
        product: opts['product'],
        floor: opts['floor'],
        years: opts['years'],
        volume_t: opts['volumeT'],
        paths: opts['paths'],
        seed: opts['seed'],
        market: opts['market'],
        ...(opts['start'] ? { start: opts['start'] } : {}),
        upside_share: opts['upsideShare'],
        discount_rate: opts['discountRate'],
      })
      const result = await readDb(cmd, (db) => floorValuation(db, req))
      print(result, {
        format: outputFormat(cmd),
        heading:
          `${result.product} floor ${result.floor_usd_per_kg} USD/kg on ${result.volume_t_per_year} t/yr for ${result.years} years from ${result.start} (${result.market} price, ${result.paths} paths)\n` +
          `expected cost ${money(result.expected_cost_usd)} USD; annual cost P10/P50/P90 ${money(result.cost_p10)} / ${money(result.cost_p50)} / ${money(result.cost_p90)}; p_binding ${result.p_binding}`,
        tableRows: result.by_year,
      })
    })

  const projects = program.command('projects').description('ex-China projects')
  projects
    .command('viability')
    .description(
      'NPV and IRR distributions over price paths, with and without a floor, and the break-even floor'
    )
    .option('--floor <usd_per_kg>', 'NdPr floor to test')
    .option(
      '--upside-share <share>',
      'share of the upside above the floor returned to the payer',
      '0'
    )
    .option('--paths <n>', 'simulated paths', '2000')
    .option('--seed <n>', 'random seed', '1')
    .option('--assumptions <file>', 'YAML/JSON overriding assumptions and per-project figures')
    .action(async (opts: Record<string, string | undefined>, cmd: Command) => {
      const req = parseOptions(viabilityRequestSchema, {
        ...(opts['floor'] !== undefined ? { floor: opts['floor'] } : {}),
        upside_share: opts['upsideShare'],
        paths: opts['paths'],
        seed: opts['seed'],
      })
      const file = opts['assumptions'] ? await readAssumptionsFile(opts['assumptions']) : {}
      const result = await readDb(cmd, (db) => projectViability(db, req, file))
      print(result, {
        format: outputFormat(cmd),
        heading: `valuation from ${result.valuation_year}; ${result.lacking_data.length} projects lack data (see --format json)`,
        tableRows: result.projects.map((p) => ({
          project: p.project,
          npv_p50_usd_m: Math.round(p.without_floor.npv_usd_m.p50),
          p_npv_pos: p.without_floor.p_npv_positive,
          npv_p50_floor_usd_m: p.with_floor ? Math.round(p.with_floor.npv_usd_m.p50) : null,
          p_npv_pos_floor: p.with_floor?.p_npv_positive ?? null,
          break_even_floor: p.break_even_floor_usd_per_kg,
        })),
      })
    })

  const prices = program.command('prices').description('price data and the price model')
  prices
    .command('model')
    .description('fitted mean-reverting jump model per product and market, with diagnostics')
    .option('--product <name>', 'only this product')
    .option('--market <market>', 'china_domestic or ex_china')
    .action(async (opts: Record<string, string | undefined>, cmd: Command) => {
      const req = parseOptions(priceModelRequestSchema, {
        ...(opts['product'] ? { product: opts['product'] } : {}),
        ...(opts['market'] ? { market: opts['market'] } : {}),
      })
      const result = await readDb(cmd, (db) => priceModel(db, req))
      print(result, {
        format: outputFormat(cmd),
        heading: `${result.models.length} calibrated series from ${result.observations} observations`,
        tableRows: result.models.map((m) => ({
          product: m.product,
          market: m.market,
          fit: m.status,
          n: m.diagnostics.observations,
          last: m.last_observation.usd_per_kg,
          long_run: m.derived.long_run_usd_per_kg,
          half_life_y: m.derived.half_life_years,
          sigma: Math.round(m.params.sigma * 1000) / 1000,
          jumps_per_y: Math.round(m.params.lambda * 1000) / 1000,
          jump_mean: Math.round(m.params.jumpMean * 1000) / 1000,
          resid_sd: m.diagnostics.residual_sd,
        })),
      })
    })
}
