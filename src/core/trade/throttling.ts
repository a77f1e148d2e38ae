/**
 * Targeted-throttling detector: is one destination being squeezed beyond the world-wide move?
 *
 * For a partner p and month m with data:
 * - baseline share s = the partner's share of the world total before m, from months not themselves flagged:
 *   the median of same-calendar-month shares when at least `seasonalMinYears` earlier years (within the lookback)
 *   have that month unflagged, or any two earlier years have it at all (a dip that recurs yearly is seasonal)
 *   (seasonal); else the median of the latest `baselineMonths` shares within `lookbackMonths` (recent); else the
 *   share in the latest annual totals within `annualLookbackYears` (annual); else no baseline (no flag).
 * - expected_t = s × world(m): what the partner would have got had it moved with the world.
 * - score = ln((actual + c) / (expected + c)) / σ, a robust z-score: σ is 1.4826 × MAD of the baseline's log
 *   shares, floored at `sigmaFloor`, and widened with the baseline's age by `driftPerYear` (σ² + drift² × years).
 *   c = 1% of expected keeps a zero finite.
 * - targeted when score ≤ −zThreshold and actual ≤ (1 − minDrop) × expected. Once flagged, the flag holds until
 *   actual ≥ recoveryRatio × expected (hysteresis); `since` is the first flagged month of the run and `recovered`
 *   the month the last run ended. Months without partner data produce no row and neither start nor end a run.
 */
import type { ThrottlingRow } from '../../contracts/trade'
import { monthFromIndex, monthIndex } from '../shared/months'

export interface ThrottlingConfig {
  baselineMonths: number
  lookbackMonths: number
  annualLookbackYears: number
  seasonalMinYears: number
  zThreshold: number
  minDrop: number
  recoveryRatio: number
  sigmaFloor: number
  driftPerYear: number
}

export const DEFAULT_THROTTLING_CONFIG: ThrottlingConfig = {
  baselineMonths: 12,
  lookbackMonths: 36,
  annualLookbackYears: 6,
  seasonalMinYears: 1,
  zThreshold: 3,
  minDrop: 0.5,
  recoveryRatio: 0.8,
  sigmaFloor: 0.15,
  driftPerYear: 0.1,
}

/** Monthly tonnes by month index, and annual tonnes by year, for one series. */
export interface SeriesData {
  months: ReadonlyMap<number, number>
  years: ReadonlyMap<number, number>
}

interface Share {
  idx: number
  logShare: number
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  const n = s.length
  const mid = n >> 1
  return n % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2
}

/** Every month of one partner's history with its throttling assessment, in time order. */
export function throttlingHistory(
  partner: string,
  world: SeriesData,
  series: SeriesData,
  config: ThrottlingConfig = DEFAULT_THROTTLING_CONFIG
): ThrottlingRow[] {
  const out: ThrottlingRow[] = []
  const clean: Share[] = []
  const every = new Map<number, number>()
  let runStart: number | null = null
  let lastRecovery: number | null = null
  const idxs = [...series.months.keys()].sort((a, b) => a - b)
  for (const idx of idxs) {
    const actual = series.months.get(idx) as number
    const w = world.months.get(idx)
    const month = monthFromIndex(idx)
    const base = {
      partner,
      month,
      actual_t: actual,
      recovered: lastRecovery === null ? null : monthFromIndex(lastRecovery),
    }
    if (w === undefined || w <= 0) {
      out.push({
        ...base,
        expected_t: null,
        score: null,
        targeted: runStart !== null,
        since: runStart === null ? null : monthFromIndex(runStart),
        baseline_share: null,
        baseline_months: 0,
        world_change: null,
        partner_change: null,
        note: 'world total missing for this month: no assessment',
      })
      continue
    }
    const baseline = baselineFor(idx, clean, every, world, series, config)
    if (actual > 0) every.set(idx, Math.log(actual / w))
    if (!baseline) {
      out.push({
        ...base,
        expected_t: null,
        score: null,
        targeted: false,
        since: null,
        baseline_share: null,
        baseline_months: 0,
        world_change: null,
        partner_change: null,
        note: 'no earlier data for this partner: no baseline',
      })
      if (actual > 0) clean.push({ idx, logShare: Math.log(actual / w) })
      continue
    }
    const expected = baseline.share * w
    const c = 0.01 * expected
    const sigma = Math.sqrt(
      Math.max(baseline.sigma, config.sigmaFloor) ** 2 +
        config.driftPerYear ** 2 * (baseline.ageMonths / 12)
    )
    const score = Math.log((actual + c) / (expected + c)) / sigma
    let targeted: boolean
    if (runStart !== null) {
      targeted = actual < config.recoveryRatio * expected
      if (!targeted) {
        lastRecovery = idx
        runStart = null
      }
    } else {
      targeted = score <= -config.zThreshold && actual <= (1 - config.minDrop) * expected
      if (targeted) runStart = idx
    }
    const worldRef = baseline.worldRef
    const partnerRef = baseline.partnerRef
    out.push({
      ...base,
      recovered: lastRecovery === null ? null : monthFromIndex(lastRecovery),
      expected_t: expected,
      score,
      targeted,
      since: runStart === null ? null : monthFromIndex(runStart),
      baseline_share: baseline.share,
      baseline_months: baseline.count,
      world_change: worldRef !== null && worldRef > 0 ? w / worldRef - 1 : null,
      partner_change: partnerRef !== null && partnerRef > 0 ? actual / partnerRef - 1 : null,
      note: `baseline: ${baseline.method}`,
    })
    if (!targeted && actual > 0) clean.push({ idx, logShare: Math.log(actual / w) })
  }
  return out
}

interface Baseline {
  share: number
  sigma: number
  count: number
  ageMonths: number
  method: string
  worldRef: number | null
  partnerRef: number | null
}

function baselineFor(
  idx: number,
  clean: readonly Share[],
  every: ReadonlyMap<number, number>,
  world: SeriesData,
  series: SeriesData,
  config: ThrottlingConfig
): Baseline | null {
  // `clean` is in time order and holds only months before idx: find the window start by binary search.
  let lo = 0
  let hi = clean.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if ((clean[mid] as Share).idx < idx - config.lookbackMonths) lo = mid + 1
    else hi = mid
  }
  const window = clean.slice(Math.max(lo, clean.length - Math.max(config.baselineMonths, 60)))
  // Same-calendar-month shares: clean ones count from one year; a dip that recurs (flagged or not) in at least
  // two earlier years is a seasonal pattern, not a new throttle.
  const seasonal: Share[] = []
  for (let back = 12; back <= config.lookbackMonths; back += 12) {
    const logShare = every.get(idx - back)
    if (logShare !== undefined) seasonal.unshift({ idx: idx - back, logShare })
  }
  const seasonalClean = seasonal.filter((s) => window.some((c) => c.idx === s.idx))
  let used: Share[] = []
  let method = ''
  if (seasonalClean.length >= config.seasonalMinYears || seasonal.length >= 2) {
    used =
      seasonalClean.length >= config.seasonalMinYears && seasonal.length < 2
        ? seasonalClean
        : seasonal
    method = `seasonal (${seasonal.length} same-month shares)`
  } else if (window.length > 0) {
    used = window.filter((s) => s.idx >= idx - config.lookbackMonths).slice(-config.baselineMonths)
    method = `recent (${used.length} monthly shares)`
  }
  if (used.length > 0) {
    const logs = used.map((s) => s.logShare)
    const med = median(logs)
    const mad = median(logs.map((l) => Math.abs(l - med)))
    const meanIdx = used.reduce((a, s) => a + s.idx, 0) / used.length
    const refs = used.map((s) => ({
      w: world.months.get(s.idx) ?? 0,
      p: series.months.get(s.idx) ?? 0,
    }))
    return {
      share: Math.exp(med),
      sigma: 1.4826 * mad,
      count: used.length,
      ageMonths: idx - meanIdx,
      method,
      worldRef: refs.reduce((a, r) => a + r.w, 0) / refs.length,
      partnerRef: refs.reduce((a, r) => a + r.p, 0) / refs.length,
    }
  }
  const year = Math.floor(idx / 12)
  for (let y = year - 1; y >= year - config.annualLookbackYears; y--) {
    const p = series.years.get(y)
    const w = world.years.get(y)
    if (p !== undefined && w !== undefined && p > 0 && w > 0) {
      return {
        share: p / w,
        sigma: 0,
        count: 0,
        ageMonths: idx - (y * 12 + 5.5),
        method: `annual ${y} share`,
        worldRef: w / 12,
        partnerRef: p / 12,
      }
    }
  }
  return null
}

/** One row per partner with data in `month` (partners in the order given). */
export function detectThrottling(
  month: string,
  world: SeriesData,
  partners: ReadonlyMap<string, SeriesData>,
  config: ThrottlingConfig = DEFAULT_THROTTLING_CONFIG
): ThrottlingRow[] {
  const idx = monthIndex(month)
  const rows: ThrottlingRow[] = []
  for (const [partner, series] of partners) {
    if (!series.months.has(idx)) continue
    const history = throttlingHistory(partner, world, series, config)
    const row = history.find((r) => r.month === month)
    if (row) rows.push(row)
  }
  return rows
}
