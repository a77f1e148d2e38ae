/**
 * The exposure use case shared by `chokepoint exposure` and `POST /api/exposure`: read and validate the BOM, pick
 * prices, roll up, run each part through the licence rulebook, and return one report.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { ExposureOptions, ExposureReport } from '../contracts/exposure'
import { InputError } from '../contracts/errors'
import { RARE_EARTHS, type Element } from '../contracts/common'
import { selectPrices, type PriceRow } from '../core/exposure/prices'
import { buildExposureReport, type Evaluate } from '../core/exposure/report'
import { rollUp } from '../core/exposure/rollUp'
import type { MagnetComposition } from '../core/exposure/types'
import type { Database } from '../db/Database'
import { loadDataset } from '../db/datasets'
import { readBom, readBomRecords, type ReadBom } from '../ingest/bom'
import { readMagnetCompositions } from '../ingest/magnetCompositions'
import { rulebookEvaluator } from './controls'
import { shippedDataDir } from './database'

/** The BOM as file text (CSV or JSON) or as JSON rows already parsed (API bodies). */
export type ExposureInput =
  { text: string; fileName: string } | { rows: Record<string, unknown>[]; fileName: string }

export const DEFAULT_DESTINATION = 'USA'
export const COMPOSITIONS_FILE = 'magnet_compositions.csv'

let libraryCache: { dir: string; value: MagnetComposition[] } | undefined

/** The magnet composition library shipped in data/ (read once per process). */
export function compositionLibrary(dataDir = shippedDataDir()): MagnetComposition[] {
  if (libraryCache?.dir === dataDir) return libraryCache.value
  const text = readFileSync(join(dataDir, COMPOSITIONS_FILE), 'utf8')
  const r = readMagnetCompositions(text, COMPOSITIONS_FILE)
  if (!r.ok) throw new InputError(r.error)
  libraryCache = { dir: dataDir, value: r.value }
  return r.value
}

/** Validates the BOM; throws InputError (exit 1 / HTTP 400) listing every problem, computing nothing. */
export function parseExposureInput(input: ExposureInput): ReadBom {
  const library = compositionLibrary()
  const r =
    'text' in input
      ? readBom(input.text, input.fileName, library)
      : readBomRecords(input.rows, input.fileName, library)
  if (!r.ok) throw new InputError(r.error)
  return r.value
}

/** A licence evaluator for a date, bound to the stored rulebook; null when none is available. */
export type EvaluatorLoader = (
  db: Database,
  asOf: string
) => Promise<{ evaluate: Evaluate; version: string } | null>

/**
 * Runs the exposure analysis. `today` (YYYY-MM-DD) is the default as-of date, read from the clock by the caller.
 */
export async function runExposure(
  db: Database,
  input: ExposureInput,
  options: ExposureOptions,
  today: string,
  loadEvaluator: EvaluatorLoader = defaultEvaluatorLoader
): Promise<ExposureReport> {
  const bom = parseExposureInput(input)
  const asOf = options.as_of ?? today
  const assumptions: string[] = []
  if (options.as_of === undefined) assumptions.push(`as_of not given: ${asOf} (today) used`)
  const destination = options.destination ?? DEFAULT_DESTINATION
  if (options.destination === undefined) {
    assumptions.push(
      `destination not given: finished products assumed imported into ${DEFAULT_DESTINATION} (pass --destination / "destination")`
    )
  }
  const exporter = options.exporter ?? 'supplier'
  assumptions.push(
    exporter === 'supplier'
      ? 'each part is exported from its supplier_country (else the country of its last processing stage, else CHN) to the country where its parent is made (its nearest ancestor with a supplier_country), finished products to the destination'
      : `every part assumed exported from ${exporter}`
  )
  if (options.end_use === undefined) assumptions.push('end_use not given: unknown')
  if (options.end_user_type === undefined) assumptions.push('end_user_type not given: unknown')
  assumptions.push(
    'China-origin rare-earth content: rare-earth mass with China at any processing stage it passed; valued at the oxide price per kg of contained element'
  )

  const priceRows = (await loadDataset<Record<string, string | null>>(db, 'prices')).map(
    (r): PriceRow => ({
      date: r.data['date'] ?? '',
      product: r.data['product'] ?? '',
      market: r.data['market'] ?? '',
      price: r.data['price'] ?? '',
      currency: r.data['currency'] ?? '',
      unit: r.data['unit'] ?? '',
      source_url: r.data['source_url'] ?? r.source_url ?? '',
    })
  )
  const reElements = [...new Set(bom.parts.flatMap((p) => p.content.map((c) => c.element)))].filter(
    (e): e is Element => (RARE_EARTHS as readonly string[]).includes(e)
  )
  const prices = selectPrices(priceRows, reElements, asOf, { market: options.price_market })
  if (priceRows.length === 0)
    prices.warnings.unshift('no price data loaded (run `chokepoint db init`): values not computed')
  const rollup = rollUp(bom.parts, bom.index, prices.usdPerKg)
  const evaluator = await loadEvaluator(db, asOf)
  return buildExposureReport({
    parts: bom.parts,
    index: bom.index,
    rollup,
    prices,
    library: compositionLibrary(),
    context: {
      asOf,
      destination,
      exporter,
      endUse: options.end_use ?? 'unknown',
      endUserType: options.end_user_type ?? 'unknown',
      endUser: options.end_user,
    },
    evaluate: evaluator?.evaluate,
    rulebookVersion: evaluator?.version ?? null,
    warnings: bom.warnings,
    assumptions,
  })
}

/** The stored rulebook (dataset kind `controls`, with its operative overlay) bound to the licence evaluator. */
export const defaultEvaluatorLoader: EvaluatorLoader = rulebookEvaluator
