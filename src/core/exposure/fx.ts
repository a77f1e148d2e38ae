/**
 * Monthly average USD/CNY rates used to convert CNY price points, as published by the Federal Reserve (H.10,
 * series EXCHUS: yuan per US dollar, averages of daily noon buying rates). Only months listed here convert; a CNY
 * price from any other month is skipped unless the caller supplies a rate.
 */
import type { FxRate } from './prices'

const FRED_EXCHUS = 'https://alfred.stlouisfed.org/series?seid=EXCHUS'

export const CNY_PER_USD_MONTHLY: readonly FxRate[] = [
  { period: '2024-10', cnyPerUsd: 7.0881, sourceUrl: FRED_EXCHUS },
  { period: '2024-11', cnyPerUsd: 7.2063, sourceUrl: FRED_EXCHUS },
  { period: '2024-12', cnyPerUsd: 7.2807, sourceUrl: FRED_EXCHUS },
  { period: '2025-01', cnyPerUsd: 7.2957, sourceUrl: FRED_EXCHUS },
  { period: '2025-02', cnyPerUsd: 7.2734, sourceUrl: FRED_EXCHUS },
]
