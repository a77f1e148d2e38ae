/** Display formatting: the figures are the API's; only their rendering is decided here. */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
const MINUS = '\u2212'

function grouped(v: number, maxFractionDigits: number): string {
  return new Intl.NumberFormat('en-US', { maximumFractionDigits: maxFractionDigits }).format(v)
}

/** A number with thousands separators; small values keep more decimals (0.5 stays 0.5, 411.3 stays 411.3). */
export function formatNumber(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—'
  const a = Math.abs(v)
  const s = grouped(a, a >= 1000 ? 0 : a >= 1 ? 1 : 3)
  return v < 0 && s !== '0' ? MINUS + s : s
}

/** Tonnes: `1,238 t`; missing is an em dash, never 0. */
export function formatTonnes(v: number | null | undefined): string {
  const s = formatNumber(v)
  return s === '—' ? s : `${s} t`
}

/** US dollars, compact for large values: `USD 51.0m`. */
export function formatUsd(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—'
  const a = Math.abs(v)
  const sign = v < 0 ? MINUS : ''
  if (a >= 1e9) return `${sign}USD ${grouped(a / 1e9, 2)}bn`
  if (a >= 1e6) return `${sign}USD ${grouped(a / 1e6, 1)}m`
  return `${sign}USD ${grouped(a, a >= 100 ? 0 : 2)}`
}

/** A ratio as a signed percentage change: 0.052 → `+5.2%`, −0.741 → `−74.1%`. */
export function formatChange(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—'
  const pct = v * 100
  const a = Math.abs(pct)
  const s = a >= 100 ? grouped(a, 0) : a.toFixed(1)
  if (s === '0.0') return '0%'
  return `${pct < 0 ? MINUS : '+'}${s}%`
}

/** A share 0..1 as a percentage with one decimal: 0.1234 → `12.3%`; tiny shares keep two significant digits. */
export function formatShare(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—'
  const pct = v * 100
  if (pct !== 0 && Math.abs(pct) < 0.1) return `${pct.toPrecision(2)}%`
  return `${pct.toFixed(1)}%`
}

/** A score with two decimals and a true minus sign: −0.77. */
export function formatScore(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—'
  const s = Math.abs(v).toFixed(2)
  return v < 0 && s !== '0.00' ? MINUS + s : s
}

/** `2025-05` → `May 2025`; a year or other period is returned as is. */
export function formatMonth(period: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(period)
  if (!m) return period
  const name = MONTHS[Number(m[2]) - 1]
  return name ? `${name} ${m[1]}` : period
}

/** The host of a source address, for a short link label: `https://www.reuters.com/x` → `reuters.com`. */
export function sourceHost(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '')
  } catch {
    return url
  }
}
