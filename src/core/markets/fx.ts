/**
 * Exchange rates used to put every price in USD, each with the page it comes from. A conversion uses the cited
 * rate nearest in time to the observation and reports the gap; beyond `MAX_FX_GAP_DAYS` the row is not converted.
 */
import { dayNumber } from '../shared/months'

export interface FxRate {
  currency: 'CNY' | 'AUD'
  /** Units of `currency` per US dollar. */
  per_usd: number
  /** The date (or the middle of the period) the rate describes. */
  date: string
  basis: string
  source_url: string
}

const FRED_EXCHUS = 'https://fred.stlouisfed.org/series/EXCHUS'

/** The cited rates (CNY per USD unless stated). */
export const FX_RATES: readonly FxRate[] = [
  { currency: 'CNY', per_usd: 6.3885, date: '2011-09-15', basis: 'Federal Reserve H.10 monthly average, Sep 2011 (FRED EXCHUS)', source_url: FRED_EXCHUS },
  { currency: 'CNY', per_usd: 6.3125, date: '2012-03-15', basis: 'Federal Reserve H.10 monthly average, Mar 2012 (FRED EXCHUS)', source_url: FRED_EXCHUS },
  { currency: 'CNY', per_usd: 6.1343, date: '2013-07-15', basis: 'Federal Reserve H.10 monthly average, Jul 2013 (FRED EXCHUS)', source_url: FRED_EXCHUS },
  { currency: 'CNY', per_usd: 6.9225, date: '2019-08-05', basis: 'CFETS central parity, 5 Aug 2019 (Xinhua)', source_url: 'http://xinhuanet.com/english/2019-08/05/c_138284485.htm' },
  { currency: 'CNY', per_usd: 6.8585, date: '2020-01-17', basis: 'onshore yuan close, 17 Jan 2020 (Yicai Global)', source_url: 'https://www.yicaiglobal.com/news/pboc-strengthens-yuan-by-214-bips-to-68664-a-dollar' },
  { currency: 'CNY', per_usd: 6.466, date: '2021-08-02', basis: 'CFETS central parity, 2 Aug 2021 (Xinhua)', source_url: 'https://bioreports.net/market-exchange-rates-in-china-aug-2-big-news-network/' },
  { currency: 'CNY', per_usd: 6.7854, date: '2022-05-17', basis: 'CFETS central parity, 17 May 2022 (Xinhua)', source_url: 'http://en.xfafinance.com/html/Markets/Currencies/2022/815102.shtml' },
  { currency: 'CNY', per_usd: 6.9054, date: '2023-05-04', basis: 'CFETS central parity, 4 May 2023 (Xinhua)', source_url: 'https://www.urdupoint.com/en/miscellaneous/chinese-yuan-strengthens-to-69054-against-us-1686544.html' },
  { currency: 'CNY', per_usd: 7.2014, date: '2025-04-30', basis: 'CFETS central parity, 30 Apr 2025 (Xinhua)', source_url: 'http://en.people.cn/n3/2025/0430/c90000-20309632.html' },
  { currency: 'CNY', per_usd: 7.1057, date: '2025-09-23', basis: 'CFETS central parity, 23 Sep 2025', source_url: 'https://menafn.com/1110097610/Yuan-Edges-Higher-Against-US-Dollar' },
  { currency: 'CNY', per_usd: 7.0197, date: '2026-01-08', basis: 'CFETS central parity, 8 Jan 2026', source_url: 'https://menafn.com/1110571586/Chinese-Yuan-Edges-Down-Against-US-Dollar' },
  // AUD is quoted as US dollars per Australian dollar (0.7468); stored here as AUD per USD.
  { currency: 'AUD', per_usd: 1 / 0.7468, date: '2021-01-01', basis: 'RBA average USD per AUD 0.7468 for the year to 30 Jun 2021 (ATO)', source_url: 'https://ato.gov.au/Tax-professionals/TP/Rates-for-financial-year-ending-30-June-2021' },
] // prettier-ignore

export const MAX_FX_GAP_DAYS = 62

export interface FxChoice {
  rate: FxRate
  gap_days: number
}

/** The cited rate nearest to `date` (YYYY-MM-DD), or undefined when none is within `maxGapDays`. */
export function nearestRate(
  currency: FxRate['currency'],
  date: string,
  rates: readonly FxRate[] = FX_RATES,
  maxGapDays = MAX_FX_GAP_DAYS
): FxChoice | undefined {
  const day = dayNumber(date)
  let best: FxChoice | undefined
  for (const rate of rates) {
    if (rate.currency !== currency) continue
    const gap = Math.abs(dayNumber(rate.date) - day)
    if (!best || gap < best.gap_days) best = { rate, gap_days: gap }
  }
  return best && best.gap_days <= maxGapDays ? best : undefined
}
