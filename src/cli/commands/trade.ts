/** `chokepoint trade series|breakdown|throttling|sources|products`. */
import type { Command } from 'commander'
import {
  tradeBreakdown,
  tradeProducts,
  tradeSeries,
  tradeSources,
  tradeThrottling,
} from '../../services/trade'
import { loadRevisions } from '../../db/trade'
import { UsageError, outputFormat, readDb } from '../context'
import { print } from '../output'

type Flow = 'export' | 'import'

function flowOption(v: string | undefined): Flow {
  if (v === undefined || v === 'export' || v === 'import') return v ?? 'export'
  throw new UsageError(`--flow must be export or import, not "${v}"`)
}

function numberOption(v: string | undefined, name: string): number | undefined {
  if (v === undefined) return undefined
  const n = Number(v)
  if (!Number.isFinite(n)) throw new UsageError(`--${name} must be a number, not "${v}"`)
  return n
}

export function registerTrade(program: Command): void {
  const trade = program
    .command('trade')
    .description("China's rare-earth trade: series, breakdowns, throttling, sources")

  trade
    .command('series')
    .description(
      'monthly series with MoM, YoY, rolling 12-month sum and share of world (missing months stay missing)'
    )
    .requiredOption('--product <product>', 'product code, e.g. magnets, rare_earths')
    .option('--partner <iso3>', 'partner ISO3 or WLD', 'WLD')
    .option('--flow <flow>', 'export or import', 'export')
    .option('--from <YYYY-MM>', 'first month')
    .option('--to <YYYY-MM>', 'last month')
    .action(
      async (
        o: { product: string; partner: string; flow?: string; from?: string; to?: string },
        cmd: Command
      ) => {
        const rows = await readDb(cmd, (db) =>
          tradeSeries(db, {
            product: o.product,
            partner: o.partner,
            flow: flowOption(o.flow),
            from: o.from,
            to: o.to,
          })
        )
        print(rows, {
          format: outputFormat(cmd),
          columns: [
            'period',
            'partner',
            'quantity_t',
            'derived',
            'sources',
            'mom',
            'yoy',
            'rolling_12m_t',
            'share_of_world',
            'disagreement',
          ],
        })
      }
    )

  trade
    .command('breakdown')
    .description('partners of one product in one month, with shares of the world total')
    .requiredOption('--product <product>', 'product code')
    .requiredOption('--month <YYYY-MM>', 'month')
    .option('--flow <flow>', 'export or import', 'export')
    .action(async (o: { product: string; month: string; flow?: string }, cmd: Command) => {
      const b = await readDb(cmd, (db) =>
        tradeBreakdown(db, { product: o.product, month: o.month, flow: flowOption(o.flow) })
      )
      print(b, {
        format: outputFormat(cmd),
        heading: `${b.product} ${b.flow}s ${b.month}: world ${b.world_t ?? 'not reported'} t; not reported by partner: ${b.unreported_t === null ? 'n/a' : Math.round(b.unreported_t) + ' t'}`,
        tableRows: b.partners as unknown as Record<string, unknown>[],
      })
    })

  trade
    .command('throttling')
    .description(
      'per partner: actual vs expected tonnes given the world total, robust score, targeted flag, since when'
    )
    .requiredOption('--product <product>', 'product code')
    .option('--month <YYYY-MM>', 'month (default: latest month with a world total)')
    .option('--partner <iso3>', "one partner's whole history instead of one month")
    .option('--flow <flow>', 'export or import', 'export')
    .option('--z <z>', 'score threshold (flag when score <= -z)')
    .option(
      '--min-drop <fraction>',
      'minimum shortfall vs expected to flag (0.5 = at least 50% below)'
    )
    .option('--recovery <ratio>', 'actual/expected ratio that ends a flag')
    .action(
      async (
        o: {
          product: string
          month?: string
          partner?: string
          flow?: string
          z?: string
          minDrop?: string
          recovery?: string
        },
        cmd: Command
      ) => {
        const z = numberOption(o.z, 'z')
        const minDrop = numberOption(o.minDrop, 'min-drop')
        const recovery = numberOption(o.recovery, 'recovery')
        const result = await readDb(cmd, (db) =>
          tradeThrottling(db, {
            product: o.product,
            month: o.month,
            partner: o.partner,
            flow: flowOption(o.flow),
            config: {
              ...(z !== undefined ? { zThreshold: z } : {}),
              ...(minDrop !== undefined ? { minDrop } : {}),
              ...(recovery !== undefined ? { recoveryRatio: recovery } : {}),
            },
          })
        )
        print(result.rows, {
          format: outputFormat(cmd),
          columns: [
            'partner',
            'month',
            'actual_t',
            'expected_t',
            'score',
            'targeted',
            'since',
            'recovered',
            'baseline_share',
            'note',
          ],
        })
      }
    )

  trade
    .command('sources')
    .description('every source row per period with the canonical choice marked, and disagreements')
    .requiredOption('--product <product>', 'product code')
    .option('--partner <iso3>', 'partner ISO3 or WLD')
    .option('--period <period>', 'one period (YYYY-MM or YYYY)')
    .option('--flow <flow>', 'export or import', 'export')
    .option('--disagreements', 'only periods where sources disagree')
    .action(
      async (
        o: {
          product: string
          partner?: string
          period?: string
          flow?: string
          disagreements?: boolean
        },
        cmd: Command
      ) => {
        const groups = await readDb(cmd, (db) =>
          tradeSources(db, {
            product: o.product,
            partner: o.partner,
            period: o.period,
            flow: flowOption(o.flow),
            disagreementsOnly: o.disagreements ?? false,
          })
        )
        print(groups, {
          format: outputFormat(cmd),
          tableRows: groups.flatMap((g) =>
            g.sources.map((s) => ({
              period: g.period,
              kind: g.period_kind,
              partner: g.partner,
              quantity_t: s.quantity_t,
              canonical: s.canonical ? 'yes' : s.superseded ? 'revised' : '',
              disagree: g.disagreement ? 'yes' : '',
              basis: s.basis,
              flag: s.flag ?? '',
              source_date: s.source_date,
              source_url: s.source_url,
            }))
          ),
        })
      }
    )

  trade
    .command('revisions')
    .description('values revised by later imports: old and new figure, vintages and file')
    .option('--product <product>', 'only this product')
    .action(async (o: { product?: string }, cmd: Command) => {
      const rows = await readDb(cmd, (db) => loadRevisions(db, o.product))
      print(rows, { format: outputFormat(cmd) })
    })

  trade
    .command('products')
    .description(
      'products in the database with partner counts and world coverage (first, last month, gaps)'
    )
    .action(async (_o, cmd: Command) => {
      const rows = await readDb(cmd, tradeProducts)
      print(rows, {
        format: outputFormat(cmd),
        tableRows: rows.map((r) => ({
          product: r.product,
          flow: r.flow,
          partners: r.partners,
          first: r.world.first,
          last: r.world.last,
          months: r.world.months_with_data,
          gaps: r.world.gaps.length,
        })),
      })
    })
}
