/**
 * Colour-blind-safe colours. Categorical: Okabe & Ito (2008), https://jfly.uni-koeln.de/color/ — distinguishable
 * under the common colour-vision deficiencies. Sequential and diverging ramps: ColorBrewer Blues and PuOr
 * (https://colorbrewer2.org, marked colour-blind safe there).
 */
export const OKABE_ITO = {
  blue: '#0072B2',
  orange: '#E69F00',
  green: '#009E73',
  vermillion: '#D55E00',
  sky: '#56B4E9',
  purple: '#CC79A7',
  yellow: '#F0E442',
  black: '#000000',
} as const

/** Series order: the strongest contrasts first. */
export const CATEGORICAL = [
  OKABE_ITO.blue,
  OKABE_ITO.orange,
  OKABE_ITO.green,
  OKABE_ITO.vermillion,
  OKABE_ITO.sky,
  OKABE_ITO.purple,
  OKABE_ITO.black,
  OKABE_ITO.yellow,
]

/** ColorBrewer Blues, 7 classes, light to dark. */
export const SEQUENTIAL = [
  '#eff3ff',
  '#c6dbef',
  '#9ecae1',
  '#6baed6',
  '#4292c6',
  '#2171b5',
  '#084594',
]

/** ColorBrewer PuOr, 7 classes: orange (below expected) through white to purple (above). */
export const DIVERGING = [
  '#b35806',
  '#f1a340',
  '#fee0b6',
  '#f7f7f7',
  '#d8daeb',
  '#998ec3',
  '#542788',
]

export const NO_DATA = '#e5e5e5'

/** Verdict colours, with the verdict's text always shown alongside (colour is never the only cue). */
export const VERDICT_COLOURS: Record<string, string> = {
  prohibited: OKABE_ITO.vermillion,
  licence_required: OKABE_ITO.orange,
  needs_review: OKABE_ITO.purple,
  no_licence_required: OKABE_ITO.green,
}

/** The class (0..n-1) of `v` in [min, max] for an n-colour ramp; null for a missing value. */
export function classOf(v: number | null, min: number, max: number, n: number): number | null {
  if (v === null || !Number.isFinite(v)) return null
  if (max <= min) return Math.floor(n / 2)
  const t = (v - min) / (max - min)
  return Math.min(n - 1, Math.max(0, Math.floor(t * n)))
}
