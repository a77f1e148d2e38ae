/** `chokepoint exposure FILE [--as-of DATE] [--destination ISO3] ...`: element mass by origin and stage per BOM. */
import { readFile } from 'node:fs/promises'
import { basename } from 'node:path'
import type { Command } from 'commander'
import { exposureOptionsSchema, type ExposureReport, type Stage } from '../../contracts/exposure'
import { runExposure } from '../../services/exposure'
import { UsageError, nowIso, outputFormat, readDb } from '../context'
import { render, renderTable } from '../output'

interface CliOptions {
  asOf?: string
  destination?: string
  exporter?: string
  endUse?: string
  endUserType?: string
  endUser?: string
  priceMarket?: string
}

export function registerExposure(program: Command): void {
  program
    .command('exposure <file>')
    .description(
      'element mass per unit and per year by origin country at each stage (mine, separation, metal, magnet), China shares, HHI, China-origin value shares and the export-control measures that hit each part, for a BOM (CSV or JSON)'
    )
    .option('--as-of <date>', 'rulebook and prices as of this date YYYY-MM-DD (default: today)')
    .option(
      '--destination <iso3>',
      'country the finished products are imported into (default: USA, stated in the output)'
    )
    .option(
      '--exporter <who>',
      '"supplier" (default: each part from its supplier_country) or one ISO3 code for every part'
    )
    .option('--end-use <use>', 'end use for every part (civilian, military, ...; default unknown)')
    .option('--end-user-type <type>', 'civilian, military, government, research or unknown')
    .option('--end-user <name>', 'end user name, screened against the entity lists')
    .option('--price-market <text>', 'only use price points whose market contains this text')
    .action(async (file: string, opts: CliOptions, cmd: Command) => {
      const parsed = exposureOptionsSchema.safeParse({
        as_of: opts.asOf,
        destination: opts.destination?.toUpperCase(),
        exporter:
          opts.exporter === undefined || opts.exporter === 'supplier'
            ? opts.exporter
            : opts.exporter.toUpperCase(),
        end_use: opts.endUse,
        end_user_type: opts.endUserType,
        end_user: opts.endUser,
        price_market: opts.priceMarket,
      })
      if (!parsed.success) {
        const i = parsed.error.issues[0]
        throw new UsageError(`--${String(i?.path[0] ?? '').replace(/_/g, '-')}: ${i?.message}`)
      }
      const format = outputFormat(cmd)
      const text = await readFile(file, 'utf8')
      const report = await readDb(cmd, (db) =>
        runExposure(db, { text, fileName: basename(file) }, parsed.data, nowIso().slice(0, 10))
      )
      if (format === 'json') {
        process.stdout.write(render(report, { format }))
        return
      }
      if (format === 'csv') {
        process.stdout.write(render(elementRows(report), { format }))
        return
      }
      process.stdout.write(tableReport(report))
    })
}

const pct = (x: number | null): string => (x === null ? '' : `${(x * 100).toFixed(1)}%`)
const kg = (x: number): string => (Math.abs(x) >= 100 ? x.toFixed(0) : x.toPrecision(4))

/** China's share at a stage, with the unknown share when some origins are missing. */
function stageShare(e: ExposureReport['elements'][number], s: Stage): string {
  const unknown = e.unknown_share[s]
  return `${pct(e.china_share[s])}${unknown ? ` (+${pct(unknown)} unknown)` : ''}`
}

function elementRows(report: ExposureReport): Record<string, unknown>[] {
  return report.elements.map((e) => ({
    element: e.element,
    kg_per_year: e.kg_per_year,
    assumed_kg: e.kg_per_year_by_basis.assumed,
    cn_mine: stageShare(e, 'mine'),
    cn_separation: stageShare(e, 'separation'),
    cn_metal: stageShare(e, 'metal'),
    cn_magnet: stageShare(e, 'magnet'),
    worst_stage: e.worst_stage
      ? `${e.worst_stage.stages.join('+')} ${pct(e.worst_stage.china_share)}`
      : '',
    hhi_separation: e.hhi.separation === null ? null : Math.round(e.hhi.separation),
    hhi_magnet: e.hhi.magnet === null ? null : Math.round(e.hhi.magnet),
  }))
}

function tableReport(report: ExposureReport): string {
  const parts = report.parts.map((p) => ({
    part_id: p.part_id,
    form: p.form,
    per_year: p.units_per_year,
    kg_per_unit: Object.entries(p.kg_per_unit)
      .map(([el, v]) => `${el} ${kg(v)}`)
      .join(', '),
    basis: p.basis,
    route: `${p.shipment.exporter_country}→${p.shipment.destination}`,
    cn_value_share:
      p.cn_content_value_share.share === null ? 'n/a' : pct(p.cn_content_value_share.share),
    verdict: p.verdict,
    measures: p.measures.map((m) => `${m.id} (${m.effect})`).join(', '),
  }))
  const lines = [
    `Exposure as of ${report.as_of}${report.rulebook_version ? ` (rulebook ${report.rulebook_version})` : ''}`,
    '',
    'Elements (kg per year; China share of mass at each stage)',
    renderTable(elementRows(report)),
    'Parts',
    renderTable(parts),
  ]
  if (report.prices.length > 0) {
    lines.push(
      'Prices used',
      renderTable(
        report.prices.map((p) => ({
          element: p.element,
          product: p.product,
          date: p.date,
          market: p.market,
          price: `${p.price} ${p.unit}`,
          usd_per_kg_element: Math.round(p.usd_per_kg_element * 100) / 100,
          source: p.source_url,
        }))
      )
    )
  }
  if (report.assumptions.length > 0)
    lines.push('Assumptions', ...report.assumptions.map((a) => `- ${a}`), '')
  if (report.warnings.length > 0)
    lines.push('Warnings', ...report.warnings.map((w) => `- ${w}`), '')
  return lines.join('\n') + '\n'
}
