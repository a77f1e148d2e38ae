/**
 * Picks one price per rare-earth element from the shipped price points and normalises it to USD per kg of
 * contained element. Rules (stated in the README and shown with every price used):
 * - units and currencies are normalised by src/core/markets (`normalisePrices`: USD/kg, USD/t, CNY/kg, CNY/t;
 *   CNY at the cited rate nearest the point, within 62 days; markets that are neither clearly China-domestic
 *   nor ex-China are left out);
 * - only `<El> oxide` products count (e.g. `Dy oxide 99.5% min`); bounds (`>x`, `<x`) are skipped;
 * - a point is usable on `asOf` when its period has ended (`2025` ends 2025-12-31, `2025-Q2` on 06-30);
 * - the latest usable point wins; on a tie, a single figure beats a range, USD beats CNY, then file order;
 * - a range counts at its high end (a higher content value can only make the de minimis rule apply sooner);
 * - a later CNY point that could not be converted is named in a warning;
 * - content is valued at the oxide price per kg of element: oxide price ÷ the element's mass fraction in the
 *   oxide (standard atomic weights), a floor for metal and magnet values.
 */
import type { Element } from '../../contracts/common'
import type { PriceUsed } from '../../contracts/exposure'
import type { FxRate } from '../markets/fx'
import { normalisePrices, type PriceObservation } from '../markets/priceObservations'

export interface PriceRow {
  date: string
  product: string
  market: string
  price: string
  currency: string
  unit: string
  source_url: string
}

/** Standard atomic weights (CIAAW, abridged): https://www.ciaaw.org/atomic-weights.htm */
const ATOMIC_WEIGHT: Partial<Record<Element | 'O', number>> = {
  O: 15.999,
  Sc: 44.956,
  Y: 88.906,
  La: 138.91,
  Ce: 140.12,
  Pr: 140.91,
  Nd: 144.24,
  Sm: 150.36,
  Eu: 151.96,
  Gd: 157.25,
  Tb: 158.93,
  Dy: 162.5,
  Ho: 164.93,
  Er: 167.26,
  Tm: 168.93,
  Yb: 173.05,
  Lu: 174.97,
}

/** The oxide each element's price refers to: RE2O3, except CeO2, Pr6O11 and Tb4O7 as traded. */
const OXIDE: Partial<Record<Element, { formula: string; metal: number; oxygen: number }>> = {
  Sc: { formula: 'Sc2O3', metal: 2, oxygen: 3 },
  Y: { formula: 'Y2O3', metal: 2, oxygen: 3 },
  La: { formula: 'La2O3', metal: 2, oxygen: 3 },
  Ce: { formula: 'CeO2', metal: 1, oxygen: 2 },
  Pr: { formula: 'Pr6O11', metal: 6, oxygen: 11 },
  Nd: { formula: 'Nd2O3', metal: 2, oxygen: 3 },
  Sm: { formula: 'Sm2O3', metal: 2, oxygen: 3 },
  Eu: { formula: 'Eu2O3', metal: 2, oxygen: 3 },
  Gd: { formula: 'Gd2O3', metal: 2, oxygen: 3 },
  Tb: { formula: 'Tb4O7', metal: 4, oxygen: 7 },
  Dy: { formula: 'Dy2O3', metal: 2, oxygen: 3 },
  Ho: { formula: 'Ho2O3', metal: 2, oxygen: 3 },
  Er: { formula: 'Er2O3', metal: 2, oxygen: 3 },
  Tm: { formula: 'Tm2O3', metal: 2, oxygen: 3 },
  Yb: { formula: 'Yb2O3', metal: 2, oxygen: 3 },
  Lu: { formula: 'Lu2O3', metal: 2, oxygen: 3 },
}

/** Mass fraction of `element` in its traded oxide, or undefined when no oxide is defined. */
export function elementFractionInOxide(
  element: Element
): { formula: string; fraction: number } | undefined {
  const ox = OXIDE[element]
  const w = ATOMIC_WEIGHT[element]
  if (!ox || w === undefined) return undefined
  const metal = ox.metal * w
  return { formula: ox.formula, fraction: metal / (metal + ox.oxygen * ATOMIC_WEIGHT.O!) }
}

/** Last day covered by a price date written `YYYY`, `YYYY-Qn`, `YYYY-MM` or `YYYY-MM-DD`; undefined if none. */
export function periodEnd(date: string): string | undefined {
  let m = /^(\d{4})$/.exec(date)
  if (m) return `${m[1]}-12-31`
  m = /^(\d{4})-Q([1-4])$/.exec(date)
  if (m) return `${m[1]}-${['03-31', '06-30', '09-30', '12-31'][Number(m[2]) - 1]}`
  m = /^(\d{4})-(\d{2})$/.exec(date)
  if (m) {
    const y = Number(m[1])
    const mo = Number(m[2])
    if (mo < 1 || mo > 12) return undefined
    const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0
    const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1]!
    return `${m[1]}-${m[2]}-${String(days).padStart(2, '0')}`
  }
  return /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : undefined
}

export interface PriceOptions {
  /** Keep only points whose market contains this text (case-insensitive). */
  market?: string | undefined
  /** Exchange rates for CNY points (default: the cited rates of src/core/markets/fx.ts). */
  rates?: readonly FxRate[] | undefined
}

export interface PriceSelection {
  /** USD per kg of contained element. */
  usdPerKg: Map<Element, number>
  used: PriceUsed[]
  warnings: string[]
}

interface Candidate {
  row: PriceRow
  obs: PriceObservation
  end: string
  order: number
}

/** One price per element of `elements` usable on `asOf`; elements with none are reported in `warnings`. */
export function selectPrices(
  rows: readonly PriceRow[],
  elements: readonly Element[],
  asOf: string,
  options: PriceOptions = {}
): PriceSelection {
  const usdPerKg = new Map<Element, number>()
  const used: PriceUsed[] = []
  const warnings: string[] = []
  const market = options.market?.toLowerCase()
  // Unit and currency normalisation is the markets module's (one row at a time, to keep each row's text).
  const normalised = rows.map((row, order) => {
    const r = normalisePrices([{ ...row, line: order }], options.rates)
    return { row, order, obs: r.observations[0], excluded: r.excluded[0] }
  })
  for (const element of elements) {
    const oxide = elementFractionInOxide(element)
    if (!oxide) {
      warnings.push(`no oxide defined for ${element}: its content is not valued`)
      continue
    }
    const key = `${element} oxide`
    const candidates: Candidate[] = []
    const noRate: { end: string; text: string }[] = []
    for (const { row, order, obs, excluded } of normalised) {
      if (market && !row.market.toLowerCase().includes(market)) continue
      const end = periodEnd(row.date.trim())
      if (!end || end > asOf) continue
      if (!obs) {
        if (excluded && /CNY rate/.test(excluded.reason) && row.product.startsWith(key))
          noRate.push({ end, text: `${row.date} ${row.market} (${row.price} ${row.unit})` })
        continue
      }
      if (obs.product !== key || obs.kind === 'lower' || obs.kind === 'upper') continue
      candidates.push({ row, obs, end, order })
    }
    candidates.sort(
      (a, b) =>
        b.end.localeCompare(a.end) ||
        Number(a.obs.kind === 'range') - Number(b.obs.kind === 'range') ||
        Number(a.obs.fx !== null) - Number(b.obs.fx !== null) ||
        a.order - b.order
    )
    const chosen = candidates[0]
    const skipped = noRate.filter((x) => !chosen || x.end > chosen.end).map((x) => x.text)
    if (skipped.length > 0) {
      warnings.push(
        `${element}: later CNY price points skipped, no cited USD/CNY rate within 62 days of them: ${skipped.join('; ')}`
      )
    }
    if (!chosen) {
      warnings.push(
        `no usable ${element} oxide price on or before ${asOf}${market ? ` in markets matching "${options.market}"` : ''}: value shares of parts with China-origin or unknown-origin ${element} are partial`
      )
      continue
    }
    const { row, obs } = chosen
    const usdPerKgOxide = obs.high_usd_per_kg
    const perElement = usdPerKgOxide / oxide.fraction
    usdPerKg.set(element, perElement)
    used.push({
      element,
      product: row.product,
      date: row.date,
      market: row.market,
      price: obs.kind === 'range' ? `${row.price} (high end used)` : row.price,
      currency: row.currency,
      unit: row.unit,
      oxide: oxide.formula,
      element_fraction_in_oxide: oxide.fraction,
      usd_per_kg_oxide: usdPerKgOxide,
      usd_per_kg_element: perElement,
      fx: obs.fx
        ? {
            cny_per_usd: obs.fx.per_usd,
            rate_date: obs.fx.rate_date,
            gap_days: obs.fx.gap_days,
            source_url: obs.fx.source_url,
          }
        : null,
      source_url: row.source_url,
    })
  }
  return { usdPerKg, used, warnings }
}
