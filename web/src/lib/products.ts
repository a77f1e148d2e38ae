/** Short labels for trade product codes (the API's /api/trade/products gives the full descriptions). */
const LABELS: Record<string, string> = {
  magnets: 'Rare-earth magnets',
  rare_earths: 'Rare earths',
  rare_earth_products: 'Rare-earth products',
  dysprosium: 'Dysprosium',
  terbium: 'Terbium',
}

export function productLabel(code: string): string {
  return LABELS[code] ?? code.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase())
}
