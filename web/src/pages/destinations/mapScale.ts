/**
 * Colour classes for the destinations map. Shares use fixed breaks on a sequential ramp; deviation scores (the
 * throttling detector's robust z-scores) use symmetric breaks on a diverging ramp, so a colour always means the
 * same thing from month to month.
 */
import { DIVERGING, NO_DATA, SEQUENTIAL } from '../../lib/palette'
import { formatShare } from '../../lib/format'

export type ColourBy = 'share' | 'deviation'

export interface LegendItem {
  colour: string
  label: string
}

/** Upper bounds of the share classes (the last class is open). */
const SHARE_BREAKS = [0.01, 0.02, 0.05, 0.1, 0.2, 0.4]
/** Upper bounds of the deviation classes; ±3 is the detector's default flag threshold. */
const SCORE_BREAKS = [-3, -1.5, -0.5, 0.5, 1.5, 3]

function classIndex(v: number, breaks: readonly number[]): number {
  const i = breaks.findIndex((b) => v < b)
  return i === -1 ? breaks.length : i
}

export function colourFor(by: ColourBy, v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return NO_DATA
  if (by === 'share') return SEQUENTIAL[classIndex(v, SHARE_BREAKS)] ?? NO_DATA
  return DIVERGING[classIndex(v, SCORE_BREAKS)] ?? NO_DATA
}

export function legendFor(by: ColourBy): LegendItem[] {
  const breaks = by === 'share' ? SHARE_BREAKS : SCORE_BREAKS
  const ramp = by === 'share' ? SEQUENTIAL : DIVERGING
  const fmt = (b: number): string => (by === 'share' ? formatShare(b) : b.toFixed(1))
  const items = ramp.map((colour, i) => {
    const lo = breaks[i - 1]
    const hi = breaks[i]
    const label =
      lo === undefined && hi !== undefined
        ? `below ${fmt(hi)}`
        : hi === undefined && lo !== undefined
          ? `${fmt(lo)} or more`
          : `${fmt(lo ?? 0)} to ${fmt(hi ?? 0)}`
    return { colour, label }
  })
  return [...items, { colour: NO_DATA, label: by === 'share' ? 'not reported' : 'no assessment' }]
}
