/**
 * The roll-up: element mass per unit and per year, by processing stage, origin country and basis, and the value
 * of China-origin rare-earth content in each part. Two linear passes over flat typed arrays (own material, then
 * children into parents in reverse topological order); no recursion, no per-part maps.
 */
import { RARE_EARTHS, type Element } from '../../contracts/common'
import { STAGES, UNKNOWN_ORIGIN } from '../../contracts/exposure'
import type { BomIndex } from './bomTree'
import { BASIS_INDEX, FORM_STAGES, MATERIAL_FORMS, type BomPart } from './types'

/** Number of bases (observed, inferred, assumed). */
export const NB = 3
const NS = STAGES.length
const RE = new Set<string>(RARE_EARTHS)

/** How the rare-earth content of a part relates to China. */
export const ORIGIN_CLASS = { china: 0, unknown: 1, other: 2 } as const

export interface Rollup {
  /** Elements present, in order of first appearance; `elementIndex` maps back. */
  elements: Element[]
  elementIndex: Map<Element, number>
  rareEarth: boolean[]
  /** Origin countries seen at any stage; index 0 is `unknown`. */
  countries: string[]
  /** kg/year of rare-earth elements at [stage][country][element][basis]: ((s*C + c)*K + e)*NB + b. */
  stageKg: Float64Array
  /** kg/year of every element by basis: e*NB + b. */
  totalKg: Float64Array
  /** kg per unit of each part, sub-parts included: (i*K + e)*NB + b. */
  content: Float64Array
  /** Per unit of each part (sub-parts included): USD of rare-earth content with a China stage. */
  chinaValueUsd: Float64Array
  /** Per unit of each part: USD of rare-earth content whose origin is unknown at every stage it passed. */
  unknownValueUsd: Float64Array
  /** Rare-earth elements without a price; `unpricedKg[i*U + u]` is their China-or-unknown-origin kg per unit. */
  unpriced: Element[]
  unpricedKg: Float64Array
  /** Basis of each part's own figures (index into ORIGIN_BASES). */
  partBasis: Uint8Array
  /** Origin class of each part's own rare-earth content (ORIGIN_CLASS). */
  originClass: Uint8Array
}

/**
 * Rolls `parts` up along `index`. `usdPerKg` prices rare-earth elements per kg of element; elements without a
 * price are tracked in `unpriced` so that value shares can say they are partial.
 */
export function rollUp(
  parts: readonly BomPart[],
  index: BomIndex,
  usdPerKg: ReadonlyMap<Element, number>
): Rollup {
  const n = parts.length
  const elementIndex = new Map<Element, number>()
  const elements: Element[] = []
  const countryIndex = new Map<string, number>([[UNKNOWN_ORIGIN, 0]])
  const countries: string[] = [UNKNOWN_ORIGIN]
  for (let i = 0; i < n; i++) {
    const p = parts[i]!
    for (const c of p.content) {
      if (!elementIndex.has(c.element)) {
        elementIndex.set(c.element, elements.length)
        elements.push(c.element)
      }
    }
    for (const o of p.origins) {
      if (o !== null && !countryIndex.has(o)) {
        countryIndex.set(o, countries.length)
        countries.push(o)
      }
    }
  }
  const K = elements.length
  const C = countries.length
  const rareEarth = elements.map((e) => RE.has(e))
  const price = new Float64Array(K).fill(NaN)
  const unpriced: Element[] = []
  const unpricedSlot = new Int32Array(K).fill(-1)
  elements.forEach((e, k) => {
    const v = usdPerKg.get(e)
    if (v !== undefined) price[k] = v
    else if (rareEarth[k]) {
      unpricedSlot[k] = unpriced.length
      unpriced.push(e)
    }
  })
  const U = unpriced.length

  const stageKg = new Float64Array(NS * C * K * NB)
  const totalKg = new Float64Array(K * NB)
  const content = new Float64Array(n * K * NB)
  const chinaValueUsd = new Float64Array(n)
  const unknownValueUsd = new Float64Array(n)
  const unpricedKg = new Float64Array(n * U)
  const partBasis = new Uint8Array(n)
  const originClass = new Uint8Array(n)
  const chn = countryIndex.get('CHN') ?? -1
  const stage = stageCountries(parts, index, countryIndex)

  // Pass 1: each part's own material.
  for (let i = 0; i < n; i++) {
    const p = parts[i]!
    const b = Math.max(
      BASIS_INDEX[p.originBasis],
      p.composition === 'library' ? BASIS_INDEX.assumed : 0
    )
    partBasis[i] = b
    let hasChina = false
    let hasUnknown = false
    for (let s = 0; s < NS; s++) {
      const c = stage[i * NS + s]!
      if (c < 0) continue
      if (c === chn) hasChina = true
      else if (c === 0) hasUnknown = true
    }
    const cls = hasChina
      ? ORIGIN_CLASS.china
      : hasUnknown
        ? ORIGIN_CLASS.unknown
        : ORIGIN_CLASS.other
    originClass[i] = cls
    if (p.massKg === null || p.content.length === 0) continue
    const perYear = index.unitsPerYear[i]!
    for (const f of p.content) {
      const e = elementIndex.get(f.element)!
      const kgUnit = p.massKg * f.fraction
      content[(i * K + e) * NB + b]! += kgUnit
      const kgYear = kgUnit * perYear
      totalKg[e * NB + b]! += kgYear
      if (!rareEarth[e]) continue
      for (let s = 0; s < NS; s++) {
        const c = stage[i * NS + s]!
        if (c >= 0) stageKg[((s * C + c) * K + e) * NB + b]! += kgYear
      }
      if (cls === ORIGIN_CLASS.other) continue
      const pr = price[e]!
      if (Number.isNaN(pr)) unpricedKg[i * U + unpricedSlot[e]!]! += kgUnit
      else if (cls === ORIGIN_CLASS.china) chinaValueUsd[i]! += kgUnit * pr
      else unknownValueUsd[i]! += kgUnit * pr
    }
  }

  // Pass 2: children into parents, deepest first.
  const { order, parent } = index
  const block = K * NB
  for (let k = n - 1; k >= 0; k--) {
    const i = order[k]!
    const up = parent[i]!
    if (up < 0) continue
    const q = parts[i]!.qtyPerParent
    const from = i * block
    const to = up * block
    for (let x = 0; x < block; x++) content[to + x]! += content[from + x]! * q
    chinaValueUsd[up]! += chinaValueUsd[i]! * q
    unknownValueUsd[up]! += unknownValueUsd[i]! * q
    for (let u = 0; u < U; u++) unpricedKg[up * U + u]! += unpricedKg[i * U + u]! * q
  }

  return {
    elements,
    elementIndex,
    rareEarth,
    countries,
    stageKg,
    totalKg,
    content,
    chinaValueUsd,
    unknownValueUsd,
    unpriced,
    unpricedKg,
    partBasis,
    originClass,
  }
}

/**
 * Country index at each stage of each part's own material ((i*NS + s)): 0 unknown, -1 the material never passed
 * that stage. A stage the part's form lacks is inherited from the nearest enclosing material (Dy metal inside a
 * magnet is made into a magnet where that magnet is made); assemblies pass nothing on.
 */
export function stageCountries(
  parts: readonly BomPart[],
  index: BomIndex,
  countryIndex: ReadonlyMap<string, number>
): Int32Array {
  const n = parts.length
  const stage = new Int32Array(n * NS).fill(-1)
  const stageIdx = STAGE_INDEXES
  for (let k = 0; k < n; k++) {
    const i = index.order[k]!
    const p = parts[i]!
    const up = index.parent[i]!
    if (up >= 0 && MATERIAL_FORMS.has(parts[up]!.form)) {
      for (let s = 0; s < NS; s++) stage[i * NS + s] = stage[up * NS + s]!
    }
    for (const s of stageIdx[p.form]) {
      const o = p.origins[s] ?? null
      stage[i * NS + s] = o === null ? 0 : countryIndex.get(o)!
    }
  }
  return stage
}

const STAGE_INDEXES = Object.fromEntries(
  Object.entries(FORM_STAGES).map(([form, stages]) => [form, stages.map((s) => STAGES.indexOf(s))])
) as Record<BomPart['form'], number[]>
