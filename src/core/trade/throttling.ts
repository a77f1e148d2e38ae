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

/** What the detector concluded for one month of one partner (numbers only; rows are built on demand). */
interface Assessment {
  idx: number
  actual: number
  expected: number | null
  score: number | null
  targeted: boolean
  since: number | null
  recovered: number | null
  share: number | null
  count: number
  /** 0 no baseline, 1 seasonal, 2 recent, 3 annual, 4 world total missing. */
  method: number
  annualYear: number
  worldChange: number | null
  partnerChange: number | null
}

/** Median of the first `n` values of `xs` (sorted in place: insertion sort, n is small). */
function medianInPlace(xs: Float64Array, n: number): number {
  for (let i = 1; i < n; i++) {
    const v = xs[i] as number
    let j = i - 1
    while (j >= 0 && (xs[j] as number) > v) {
      xs[j + 1] = xs[j] as number
      j--
    }
    xs[j + 1] = v
  }
  const mid = n >> 1
  return n % 2 ? (xs[mid] as number) : ((xs[mid - 1] as number) + (xs[mid] as number)) / 2
}

function sortedKeys(months: ReadonlyMap<number, number>): number[] {
  const keys = Array.from(months.keys())
  for (let k = 1; k < keys.length; k++) {
    if ((keys[k - 1] as number) > (keys[k] as number)) return keys.sort((a, b) => a - b)
  }
  return keys
}

/**
 * Walks one partner's months in time order, keeping only running state (typed arrays, no per-month
 * allocation), and hands each month's assessment to `emit`, or only month `only` when given.
 */
function assess(
  world: SeriesData,
  series: SeriesData,
  config: ThrottlingConfig,
  emit: (a: Assessment) => void,
  only?: number
): void {
  const idxs = sortedKeys(series.months)
  const n = idxs.length
  if (n === 0) return
  const first = idxs[0] as number
  const span = (idxs[n - 1] as number) - first + 1
  // Log share, partner and world tonnes of every month with a share (flagged or not), by offset from `first`.
  const everyLog = new Float64Array(span).fill(NaN)
  const everyP = new Float64Array(span)
  const everyW = new Float64Array(span)
  const isClean = new Uint8Array(span)
  // Clean (unflagged) months in time order.
  const cleanIdx = new Int32Array(n)
  const cleanLog = new Float64Array(n)
  const cleanP = new Float64Array(n)
  const cleanW = new Float64Array(n)
  let cleanCount = 0
  let windowStart = 0
  const logs = new Float64Array(
    Math.max(config.baselineMonths, Math.ceil(config.lookbackMonths / 12) + 1, 4)
  )
  const usedIdx = new Int32Array(logs.length)
  const usedP = new Float64Array(logs.length)
  const usedW = new Float64Array(logs.length)
  let runStart: number | null = null
  let lastRecovery: number | null = null
  const a: Assessment = {
    idx: 0,
    actual: 0,
    expected: null,
    score: null,
    targeted: false,
    since: null,
    recovered: null,
    share: null,
    count: 0,
    method: 0,
    annualYear: 0,
    worldChange: null,
    partnerChange: null,
  }
  const pushClean = (idx: number, logShare: number, p: number, w: number): void => {
    cleanIdx[cleanCount] = idx
    cleanLog[cleanCount] = logShare
    cleanP[cleanCount] = p
    cleanW[cleanCount] = w
    cleanCount++
    isClean[idx - first] = 1
  }

  for (let k = 0; k < n; k++) {
    const idx = idxs[k] as number
    const actual = series.months.get(idx) as number
    const w = world.months.get(idx)
    a.idx = idx
    a.actual = actual
    a.expected = null
    a.score = null
    a.share = null
    a.count = 0
    a.worldChange = null
    a.partnerChange = null
    a.recovered = lastRecovery
    if (w === undefined || w <= 0) {
      a.method = 4
      a.targeted = runStart !== null
      a.since = runStart
      if (only === undefined || only === idx) emit(a)
      continue
    }
    // Baseline: seasonal (same calendar month in earlier years), else recent clean months, else annual.
    while (
      windowStart < cleanCount &&
      (cleanIdx[windowStart] as number) < idx - config.lookbackMonths
    )
      windowStart++
    let used = 0
    let seasonalAll = 0
    let seasonalClean = 0
    for (let back = 12; back <= config.lookbackMonths; back += 12) {
      const off = idx - back - first
      if (off < 0) break
      if (!Number.isNaN(everyLog[off] as number)) {
        seasonalAll++
        if (isClean[off]) seasonalClean++
      }
    }
    let method = 0
    if (seasonalClean >= config.seasonalMinYears || seasonalAll >= 2) {
      const cleanOnly = seasonalAll < 2
      for (let back = 12 * Math.floor(config.lookbackMonths / 12); back >= 12; back -= 12) {
        const off = idx - back - first
        if (off < 0 || Number.isNaN(everyLog[off] as number) || (cleanOnly && !isClean[off]))
          continue
        logs[used] = everyLog[off] as number
        usedIdx[used] = idx - back
        usedP[used] = everyP[off] as number
        usedW[used] = everyW[off] as number
        used++
      }
      method = 1
    } else if (cleanCount > windowStart) {
      const from = Math.max(windowStart, cleanCount - config.baselineMonths)
      for (let c = from; c < cleanCount; c++) {
        logs[used] = cleanLog[c] as number
        usedIdx[used] = cleanIdx[c] as number
        usedP[used] = cleanP[c] as number
        usedW[used] = cleanW[c] as number
        used++
      }
      method = 2
    }
    let share = 0
    let sigma = 0
    let ageMonths = 0
    let worldRef: number | null = null
    let partnerRef: number | null = null
    if (used > 0) {
      let sumIdx = 0
      let sumW = 0
      let sumP = 0
      for (let u = 0; u < used; u++) {
        sumIdx += usedIdx[u] as number
        sumW += usedW[u] as number
        sumP += usedP[u] as number
      }
      const med = medianInPlace(logs, used)
      for (let u = 0; u < used; u++) logs[u] = Math.abs((logs[u] as number) - med)
      share = Math.exp(med)
      sigma = 1.4826 * medianInPlace(logs, used)
      ageMonths = idx - sumIdx / used
      worldRef = sumW / used
      partnerRef = sumP / used
    } else {
      const year = Math.floor(idx / 12)
      for (let y = year - 1; y >= year - config.annualLookbackYears; y--) {
        const p = series.years.get(y)
        const wy = world.years.get(y)
        if (p !== undefined && wy !== undefined && p > 0 && wy > 0) {
          share = p / wy
          ageMonths = idx - (y * 12 + 5.5)
          worldRef = wy / 12
          partnerRef = p / 12
          method = 3
          a.annualYear = y
          break
        }
      }
    }
    if (actual > 0) {
      everyLog[idx - first] = Math.log(actual / w)
      everyP[idx - first] = actual
      everyW[idx - first] = w
    }
    a.method = method
    a.count = used
    if (method === 0) {
      a.targeted = false
      a.since = null
      if (only === undefined || only === idx) emit(a)
      if (actual > 0) pushClean(idx, Math.log(actual / w), actual, w)
      continue
    }
    const expected = share * w
    const c = 0.01 * expected
    const s = Math.sqrt(
      Math.max(sigma, config.sigmaFloor) ** 2 + config.driftPerYear ** 2 * (ageMonths / 12)
    )
    const score = Math.log((actual + c) / (expected + c)) / s
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
    a.expected = expected
    a.score = score
    a.share = share
    a.targeted = targeted
    a.since = runStart
    a.recovered = lastRecovery
    a.worldChange = worldRef !== null && worldRef > 0 ? w / worldRef - 1 : null
    a.partnerChange = partnerRef !== null && partnerRef > 0 ? actual / partnerRef - 1 : null
    if (only === undefined || only === idx) emit(a)
    if (!targeted && actual > 0) pushClean(idx, Math.log(actual / w), actual, w)
  }
}

function noteFor(a: Assessment): string {
  switch (a.method) {
    case 0:
      return 'no earlier data for this partner: no baseline'
    case 1:
      return `baseline: seasonal (${a.count} same-month shares)`
    case 2:
      return `baseline: recent (${a.count} monthly shares)`
    case 3:
      return `baseline: annual ${a.annualYear} share`
    default:
      return 'world total missing for this month: no assessment'
  }
}

function rowFrom(partner: string, a: Assessment): ThrottlingRow {
  return {
    partner,
    month: monthFromIndex(a.idx),
    actual_t: a.actual,
    expected_t: a.expected,
    score: a.score,
    targeted: a.targeted,
    since: a.since === null ? null : monthFromIndex(a.since),
    baseline_share: a.share,
    baseline_months: a.count,
    world_change: a.worldChange,
    partner_change: a.partnerChange,
    recovered: a.recovered === null ? null : monthFromIndex(a.recovered),
    note: noteFor(a),
  }
}

/** Every month of one partner's history with its throttling assessment, in time order. */
export function throttlingHistory(
  partner: string,
  world: SeriesData,
  series: SeriesData,
  config: ThrottlingConfig = DEFAULT_THROTTLING_CONFIG
): ThrottlingRow[] {
  const out: ThrottlingRow[] = []
  assess(world, series, config, (a) => out.push(rowFrom(partner, a)))
  return out
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
    assess(world, series, config, (a) => rows.push(rowFrom(partner, a)), idx)
  }
  return rows
}
