/** Bit positions of the closed vocabularies (elements, forms, end uses, end-user types) for the hot path. */
import { ELEMENTS, FORMS } from '../../contracts/common'
import { END_USER_TYPES, END_USES } from '../../contracts/licence'

function indexOf(values: readonly string[]): Record<string, number> {
  const out: Record<string, number> = Object.create(null) as Record<string, number>
  values.forEach((v, i) => (out[v] = i))
  return out
}

/** Element symbol → index in ELEMENTS (35 elements: bits 0–31 in `lo`, 32–34 in `hi`). */
export const ELEMENT_INDEX = indexOf(ELEMENTS)
export const FORM_INDEX = indexOf(FORMS)
export const END_USE_INDEX = indexOf(END_USES)
export const END_USER_TYPE_INDEX = indexOf(END_USER_TYPES)

/** Two 32-bit masks for a set of element symbols. */
export function elementMask(symbols: readonly string[]): [number, number] {
  let lo = 0
  let hi = 0
  for (const s of symbols) {
    const i = ELEMENT_INDEX[s]
    if (i === undefined) continue
    if (i < 32) lo |= 1 << i
    else hi |= 1 << (i - 32)
  }
  return [lo, hi]
}

export function bitsOf(values: readonly string[], index: Record<string, number>): number {
  let mask = 0
  for (const v of values) {
    const i = index[v]
    if (i !== undefined) mask |= 1 << i
  }
  return mask
}
