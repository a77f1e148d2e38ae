/**
 * Picks one price per rare-earth element from the shipped price points and normalises it to USD per kg of
 * contained element. Rules (stated in the README and shown with every price used):
 * - only `<El> oxide` products count (e.g. `Dy oxide 99.5% min`); bounds (`>x`, `<x`) are skipped;
 * - a point is usable on `asOf` when its period has ended (`2025` ends 2025-12-31, `2025-Q2` on 06-30);
 * - the latest usable point wins; on a tie, a single figure beats a range, USD beats CNY, then file order;
 * - a range counts at its high end (a higher content value can only make the de minimis rule apply sooner);
 * - CNY converts at a cited USD/CNY rate for the point's date (or a rate the caller supplies), never at a rate
 *   from a distant period; a CNY point with no such rate is skipped and said so;
 * - content is valued at the oxide price per kg of element: oxide price ÷ the element's mass fraction in the
 *   oxide (standard atomic weights), a floor for metal and magnet values.
 */
import type { Element } from '../../contracts/common'
import type { PriceUsed } from '../../contracts/exposure'

export interface PriceRow {
  date: string
  product: string
  market: string
  price: string
  currency: string
  unit: string
  source_url: string
}

export interface FxRate {
  /** YYYY-MM */
  period: string
  cnyPerUsd: number
  sourceUrl: string | null
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

/** `92` → exact; `1400-1420` → range; bounds and anything else → undefined. */
function parsePrice(s: string): { value: number; range: boolean } | undefined {
  const t = s.trim()
  if (/^\d+(\.\d+)?$/.test(t)) return { value: Number(t), range: false }
  const r = /^(\d+(?:\.\d+)?)\s*-\s*(\d+(?:\.\d+)?)$/.exec(t)
  if (r && Number(r[2]) >= Number(r[1])) return { value: Number(r[2]), range: true }
  return undefined
}

const UNITS: Record<string, { currency: 'USD' | 'CNY'; perKg: number }> = {
  'usd/kg': { currency: 'USD', perKg: 1 },
  'usd/t': { currency: 'USD', perKg: 1 / 1000 },
  'cny/kg': { currency: 'CNY', perKg: 1 },
  'cny/t': { currency: 'CNY', perKg: 1 / 1000 },
}

export interface PriceOptions {
  /** Keep only points whose market contains this text (case-insensitive). */
  market?: string | undefined
  /** CNY per USD for a price point's date, or null when no cited rate fits that date. */
  fx: (date: string) => PriceUsed['fx']
  /** A CNY-per-USD rate supplied by the caller, used for every CNY point instead of the table. */
  fxOverride?: number | undefined
}

export interface PriceSelection {
  /** USD per kg of contained element. */
  usdPerKg: Map<Element, number>
  used: PriceUsed[]
  warnings: string[]
}

interface Candidate {
  row: PriceRow
  end: string
  value: number
  range: boolean
  currency: 'USD' | 'CNY'
  perKg: number
  order: number
}

/** One price per element of `elements` usable on `asOf`; elements with none are reported in `warnings`. */
export function selectPrices(
  rows: readonly PriceRow[],
  elements: readonly Element[],
  asOf: string,
  options: PriceOptions
): PriceSelection {
  const usdPerKg = new Map<Element, number>()
  const used: PriceUsed[] = []
  const warnings: string[] = []
  const market = options.market?.toLowerCase()
  for (const element of elements) {
    const oxide = elementFractionInOxide(element)
    if (!oxide) {
      warnings.push(`no oxide defined for ${element}: its content is not valued`)
      continue
    }
    const pattern = new RegExp(`^${element} oxide\\b`)
    const candidates: Candidate[] = []
    rows.forEach((row, order) => {
      if (!pattern.test(row.product.trim())) return
      if (market && !row.market.toLowerCase().includes(market)) return
      const end = periodEnd(row.date.trim())
      const price = parsePrice(row.price)
      const unit = UNITS[row.unit.trim().toLowerCase()]
      if (!end || end > asOf || !price || !unit) return
      candidates.push({ row, end, ...price, currency: unit.currency, perKg: unit.perKg, order })
    })
    candidates.sort(
      (a, b) =>
        b.end.localeCompare(a.end) ||
        Number(a.range) - Number(b.range) ||
        Number(a.currency === 'CNY') - Number(b.currency === 'CNY') ||
        a.order - b.order
    )
    const skipped: string[] = []
    let chosen: { c: Candidate; fx: PriceUsed['fx'] } | undefined
    for (const c of candidates) {
      if (c.currency === 'USD') {
        chosen = { c, fx: null }
        break
      }
      const fx =
        options.fxOverride !== undefined
          ? { cny_per_usd: options.fxOverride, period: 'caller-supplied', source_url: null }
          : options.fx(c.row.date)
      if (fx) {
        chosen = { c, fx }
        break
      }
      skipped.push(`${c.row.date} ${c.row.market} (${c.row.price} ${c.row.unit})`)
    }
    if (skipped.length > 0) {
      warnings.push(
        `${element}: later CNY price points skipped for want of a cited USD/CNY rate near their date (pass fx_cny_per_usd to use them): ${skipped.join('; ')}`
      )
    }
    if (!chosen) {
      warnings.push(
        `no usable ${element} oxide price on or before ${asOf}${market ? ` in markets matching "${options.market}"` : ''}: value shares of parts with China-origin or unknown-origin ${element} are partial`
      )
      continue
    }
    const { c, fx } = chosen
    const usdPerKgOxide = (c.value * c.perKg) / (fx ? fx.cny_per_usd : 1)
    const perElement = usdPerKgOxide / oxide.fraction
    usdPerKg.set(element, perElement)
    used.push({
      element,
      product: c.row.product,
      date: c.row.date,
      market: c.row.market,
      price: c.range ? `${c.row.price} (high end used)` : c.row.price,
      currency: c.row.currency,
      unit: c.row.unit,
      oxide: oxide.formula,
      element_fraction_in_oxide: oxide.fraction,
      usd_per_kg_oxide: usdPerKgOxide,
      usd_per_kg_element: perElement,
      fx,
      source_url: c.row.source_url,
    })
  }
  return { usdPerKg, used, warnings }
}

/** A lookup in a table of monthly rates: the rate of the point's own month, or null. */
export function monthlyFx(table: readonly FxRate[]): (date: string) => PriceUsed['fx'] {
  return (date) => {
    const month = /^(\d{4}-\d{2})/.exec(date)?.[1]
    const rate = month ? table.find((r) => r.period === month) : undefined
    return rate
      ? { cny_per_usd: rate.cnyPerUsd, period: rate.period, source_url: rate.sourceUrl }
      : null
  }
}
