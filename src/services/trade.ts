/** Trade use cases shared by the CLI and the API: series, breakdown, throttling, sources, latest release. */
import { isAggregate } from '../contracts/common'
import { NotFoundError, InputError } from '../contracts/errors'
import {
  PRODUCTS,
  type Breakdown,
  type BreakdownRow,
  type LatestRelease,
  type ProductCoverage,
  type SeriesPoint,
  type SourcesGroup,
  type ThrottlingRow,
  type TradeObservation,
} from '../contracts/trade'
import { canonicalPoints, type CanonicalPoint } from '../core/trade/canonical'
import { monthlyValues, type MonthValue } from '../core/trade/monthly'
import { buildSeries, coverage } from '../core/trade/series'
import {
  DEFAULT_THROTTLING_CONFIG,
  detectThrottling,
  throttlingHistory,
  type SeriesData,
  type ThrottlingConfig,
} from '../core/trade/throttling'
import { monthIndex, isMonth } from '../core/shared/months'
import type { Database } from '../db/Database'
import { loadObservations } from '../db/trade'

type Flow = 'export' | 'import'

function checkProduct(product: string): void {
  if (!Object.hasOwn(PRODUCTS, product)) {
    throw new InputError([
      {
        code: 'unknown_product',
        message: `unknown product "${product}" (known: ${Object.keys(PRODUCTS).join(', ')})`,
        path: ['product'],
        expected: 'a product code',
        found: product,
      },
    ])
  }
}

function checkMonth(month: string, field = 'month'): void {
  if (!isMonth(month)) {
    throw new InputError([
      {
        code: 'invalid_month',
        message: `${field} must be YYYY-MM, found "${month}"`,
        path: [field],
        expected: 'YYYY-MM',
        found: month,
      },
    ])
  }
}

/** Canonical points by partner for one product and flow. */
async function pointsByPartner(
  db: Database,
  product: string,
  flow: Flow
): Promise<Map<string, CanonicalPoint[]>> {
  const obs = await loadObservations(db, { product, flow })
  const byPartner = new Map<string, CanonicalPoint[]>()
  for (const p of canonicalPoints(obs)) {
    const list = byPartner.get(p.partner)
    if (list) list.push(p)
    else byPartner.set(p.partner, [p])
  }
  return byPartner
}

function seriesData(points: readonly CanonicalPoint[]): SeriesData {
  const months = new Map<number, number>()
  for (const [k, v] of monthlyValues(points)) months.set(k, v.quantity_t)
  const years = new Map<number, number>()
  for (const p of points)
    if (p.period_kind === 'year' && p.quantity_t !== null) years.set(Number(p.period), p.quantity_t)
  return { months, years }
}

export interface SeriesRequest {
  product: string
  partner: string
  flow?: Flow
  from?: string | undefined
  to?: string | undefined
}

export async function tradeSeries(db: Database, q: SeriesRequest): Promise<SeriesPoint[]> {
  checkProduct(q.product)
  if (q.from) checkMonth(q.from, 'from')
  if (q.to) checkMonth(q.to, 'to')
  const byPartner = await pointsByPartner(db, q.product, q.flow ?? 'export')
  const months = monthlyValues(byPartner.get(q.partner) ?? [])
  const world = monthlyValues(byPartner.get('WLD') ?? [])
  return buildSeries(months, world, {
    product: q.product,
    partner: q.partner,
    from: q.from,
    to: q.to,
  })
}

export async function tradeBreakdown(
  db: Database,
  q: { product: string; month: string; flow?: Flow }
): Promise<Breakdown> {
  checkProduct(q.product)
  checkMonth(q.month)
  const idx = monthIndex(q.month)
  const byPartner = await pointsByPartner(db, q.product, q.flow ?? 'export')
  const monthly = new Map<string, Map<number, MonthValue>>()
  for (const [partner, points] of byPartner) monthly.set(partner, monthlyValues(points))
  const world = monthly.get('WLD')?.get(idx) ?? null
  const partners: BreakdownRow[] = []
  for (const [partner, months] of monthly) {
    if (partner === 'WLD') continue
    const m = months.get(idx)
    if (!m) continue
    partners.push({
      partner,
      aggregate: isAggregate(partner),
      quantity_t: m.quantity_t,
      share_of_world: world && world.quantity_t > 0 ? m.quantity_t / world.quantity_t : null,
      derived: m.derived,
      sources: m.sources,
      disagreement: m.disagreement,
    })
  }
  partners.sort((a, b) => b.quantity_t - a.quantity_t)
  const countries = partners.filter((p) => !p.aggregate).reduce((s, p) => s + p.quantity_t, 0)
  return {
    product: q.product,
    flow: q.flow ?? 'export',
    month: q.month,
    world_t: world?.quantity_t ?? null,
    partners,
    unreported_t: world ? world.quantity_t - countries : null,
    coverage_note:
      'Partner figures exist only where an outlet reported them; the remainder is not reported, not zero.',
  }
}

export interface ThrottlingRequest {
  product: string
  month?: string | undefined
  partner?: string | undefined
  flow?: Flow
  config?: Partial<ThrottlingConfig>
}

/** Rows for one month (default: the latest month with a world total), or one partner's whole history. */
export async function tradeThrottling(
  db: Database,
  q: ThrottlingRequest
): Promise<{ month: string | null; config: ThrottlingConfig; rows: ThrottlingRow[] }> {
  checkProduct(q.product)
  if (q.month) checkMonth(q.month)
  const config = { ...DEFAULT_THROTTLING_CONFIG, ...q.config }
  const byPartner = await pointsByPartner(db, q.product, q.flow ?? 'export')
  const world = seriesData(byPartner.get('WLD') ?? [])
  const partners = new Map<string, SeriesData>()
  for (const [p, points] of byPartner) if (p !== 'WLD') partners.set(p, seriesData(points))
  if (q.partner) {
    const s = partners.get(q.partner)
    if (!s) throw new NotFoundError(`no ${q.product} data for partner ${q.partner}`)
    const rows = throttlingHistory(q.partner, world, s, config)
    return {
      month: q.month ?? null,
      config,
      rows: q.month ? rows.filter((r) => r.month === q.month) : rows,
    }
  }
  const latest = [...world.months.keys()].sort((a, b) => b - a)[0]
  const month = q.month ?? (latest === undefined ? null : monthlyPeriod(latest))
  if (!month) return { month: null, config, rows: [] }
  return { month, config, rows: detectThrottling(month, world, partners, config) }
}

function monthlyPeriod(idx: number): string {
  return `${Math.floor(idx / 12)}-${String((idx % 12) + 1).padStart(2, '0')}`
}

export const CANONICAL_RULE =
  'unflagged over flagged (ERROR-LIKELY/CONFLICT); stated over derived; the value most sources report; ties to the earliest source_date, then source_url'

/** Every source row (revised ones too) per period for a product and partner, with the canonical choice marked. */
export async function tradeSources(
  db: Database,
  q: {
    product: string
    partner?: string | undefined
    flow?: Flow
    period?: string | undefined
    disagreementsOnly?: boolean
  }
): Promise<SourcesGroup[]> {
  checkProduct(q.product)
  const all = await loadObservations(db, {
    product: q.product,
    flow: q.flow ?? 'export',
    ...(q.partner ? { partner: q.partner } : {}),
    includeSuperseded: true,
  })
  const rows = q.period ? all.filter((o) => o.period === q.period) : all
  const current = rows.filter((o) => o.superseded_by === null)
  const groups: SourcesGroup[] = []
  for (const point of canonicalPoints(current)) {
    const same = (o: TradeObservation): boolean =>
      o.period === point.period &&
      o.period_kind === point.period_kind &&
      o.partner === point.partner
    groups.push({
      period: point.period,
      period_kind: point.period_kind,
      partner: point.partner,
      canonical_t: point.quantity_t,
      disagreement: point.disagreement,
      spread: point.spread,
      rule: CANONICAL_RULE,
      sources: rows.filter(same).map((o) => ({
        ...o,
        canonical:
          point.chosen !== null &&
          o.source_url === point.chosen.source_url &&
          o.superseded_by === null,
        superseded: o.superseded_by !== null,
      })),
    })
  }
  const filtered = q.disagreementsOnly ? groups.filter((g) => g.disagreement) : groups
  return filtered.sort((a, b) =>
    a.period === b.period ? a.partner.localeCompare(b.partner) : a.period.localeCompare(b.period)
  )
}

export async function tradeProducts(db: Database): Promise<ProductCoverage[]> {
  const obs = await loadObservations(db)
  const keys = new Set(obs.map((o) => `${o.product}|${o.flow}`))
  const out: ProductCoverage[] = []
  for (const key of [...keys].sort()) {
    const [product, flow] = key.split('|') as [string, Flow]
    const rows = obs.filter((o) => o.product === product && o.flow === flow)
    const points = canonicalPoints(rows)
    const world = monthlyValues(points.filter((p) => p.partner === 'WLD'))
    out.push({
      product,
      description: PRODUCTS[product]?.description ?? product,
      flow,
      partners: new Set(rows.map((o) => o.partner).filter((p) => p !== 'WLD')).size,
      world: coverage(world),
    })
  }
  return out
}

/** Each headline product's newest month with a world figure (MoM, YoY), and the magnets throttling flags then. */
export async function tradeLatest(db: Database): Promise<LatestRelease> {
  const products: LatestRelease['products'] = []
  let month: string | null = null
  for (const product of ['magnets', 'rare_earths']) {
    const s = await tradeSeries(db, { product, partner: 'WLD' })
    const p = [...s].reverse().find((x) => x.quantity_t !== null)
    if (product === 'magnets') month = p?.period ?? null
    products.push({
      product,
      month: p?.period ?? null,
      quantity_t: p?.quantity_t ?? null,
      mom: p?.mom ?? null,
      yoy: p?.yoy ?? null,
      derived: p?.derived ?? false,
      sources: p?.sources ?? 0,
    })
  }
  const flags = month ? (await tradeThrottling(db, { product: 'magnets', month })).rows : []
  return { month, products, throttling: flags }
}
