/**
 * The roll-up: element mass per unit and per year, by processing stage, origin country and basis, and the value
 * of China-origin rare-earth content in each part. Linear passes over flat typed arrays: the part objects are read
 * once, in file order; everything else, including walking the tree
 * (stage inheritance top-down, sub-parts into parents bottom-up), runs over typed arrays in parents-first
 * positions. No recursion, no per-part maps, one large allocation.
 */
import { RARE_EARTHS, type Element } from '../../contracts/common'
import { STAGES, UNKNOWN_ORIGIN } from '../../contracts/exposure'
import { arena } from './arena'
import type { BomIndex } from './bomTree'
import { BASIS_INDEX, FORM_STAGES, MATERIAL_FORMS, type BomPart } from './types'

/** Number of bases (observed, inferred, assumed). */
export const NB = 3
const NS = STAGES.length
const RE = new Set<string>(RARE_EARTHS)
/** Marks a stage the part's own form does not have (it may inherit one from an enclosing material). */
const NOT_OWN = -2

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
  /**
   * Per-part arrays below are indexed by the part's position `p = pos[i]` in the parents-first order (not by its
   * file index i), so that walking the tree streams through memory.
   */
  pos: Int32Array
  /** kg per unit of each part, sub-parts included: (p*K + e)*NB + b. */
  content: Float64Array
  /** Per unit of each part (sub-parts included): USD of rare-earth content with a China stage. */
  chinaValueUsd: Float64Array
  /** Per unit of each part: USD of rare-earth content whose origin is unknown at every stage it passed. */
  unknownValueUsd: Float64Array
  /** Rare-earth elements without a price; `unpricedKg[p*U + u]` is their China-or-unknown-origin kg per unit. */
  unpriced: Element[]
  unpricedKg: Float64Array
  /** By position: basis of each part's own figures (index into ORIGIN_BASES). */
  partBasis: Uint8Array
  /** By position: origin class of each part's own material (ORIGIN_CLASS). */
  originClass: Uint8Array
  /**
   * Country index at each stage of each part's own material ((p*NS + s)): 0 unknown, -1 never passed that stage.
   * A stage the part's form lacks is inherited from the nearest enclosing material (Dy metal diffused into a
   * magnet becomes magnet where that magnet is made); assemblies (articles, equipment) pass nothing on.
   */
  stage: Int32Array
}

/** Bit s set when a form's own material passes stage s. */
const STAGE_MASK = Object.fromEntries(
  Object.entries(FORM_STAGES).map(([form, stages]) => [
    form,
    stages.reduce((m, s) => m | (1 << STAGES.indexOf(s)), 0),
  ])
) as Record<BomPart['form'], number>

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
  const { pos, parentPos, qtyAtPos, unitsPerYear } = index
  const elements = [...index.elements]
  const elementIndex = new Map<Element, number>(elements.map((e, k) => [e, k]))
  const countryIndex = new Map<string, number>([[UNKNOWN_ORIGIN, 0]])
  const countries: string[] = [UNKNOWN_ORIGIN]
  const K = elements.length
  const block = K * NB
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
  // One allocation for every per-part array: each large allocation can trigger a whole-heap collection.
  const perPart = arena([n * block, n, n, n * U], [n * NS], [n, n, n])
  const [content, chinaValueUsd, unknownValueUsd, unpricedKg] = perPart.f64
  const [stage] = perPart.i32
  const [material, partBasis, originClass] = perPart.u8

  // Pass 0 (file order, the only pass that reads the parts): own stages, basis, kind of form and own element
  // mass, written at the part's position.
  // Consecutive rows often repeat a form, a basis or (shared) origins: remember the last lookups.
  let lastForm: BomPart['form'] | null = null
  let formMask = 0
  let formMaterial = 0
  let lastOrigins: BomPart['origins'] | null = null
  const originCountry = new Int32Array(NS)
  for (let i = 0; i < n; i++) {
    const p = parts[i]!
    const k = pos[i]!
    if (p.form !== lastForm) {
      lastForm = p.form
      formMask = STAGE_MASK[p.form]
      formMaterial = MATERIAL_FORMS.has(p.form) ? 1 : 0
    }
    if (p.origins !== lastOrigins) {
      lastOrigins = p.origins
      for (let s = 0; s < NS; s++) {
        const o = p.origins[s] ?? null
        let c = 0
        if (o !== null) {
          const known = countryIndex.get(o)
          if (known === undefined) {
            c = countries.length
            countryIndex.set(o, c)
            countries.push(o)
          } else c = known
        }
        originCountry[s] = c
      }
    }
    for (let s = 0; s < NS; s++)
      stage[k * NS + s] = formMask & (1 << s) ? originCountry[s]! : NOT_OWN
    material[k] = formMaterial
    const b = Math.max(
      BASIS_INDEX[p.originBasis],
      p.composition === 'library' ? BASIS_INDEX.assumed : 0
    )
    partBasis[k] = b
    if (p.massKg === null) continue
    for (const f of p.content) {
      content[(k * K + elementIndex.get(f.element)!) * NB + b]! += p.massKg * f.fraction
    }
  }

  // Pass 1 (by position, parents first): inherit the stages a part's form lacks from an enclosing material,
  // then classify the part's own material: China at some stage, else unknown at some stage, else other.
  const C = countries.length
  const chn = countryIndex.get('CHN') ?? -1
  for (let k = 0; k < n; k++) {
    const up = parentPos[k]!
    const inherit = up >= 0 && material[up] === 1
    let hasChina = false
    let hasUnknown = false
    for (let s = 0; s < NS; s++) {
      let c = stage[k * NS + s]!
      if (c === NOT_OWN) {
        c = inherit ? stage[up * NS + s]! : -1
        stage[k * NS + s] = c
      }
      if (c < 0) continue
      if (c === chn) hasChina = true
      else if (c === 0) hasUnknown = true
    }
    originClass[k] = hasChina
      ? ORIGIN_CLASS.china
      : hasUnknown
        ? ORIGIN_CLASS.unknown
        : ORIGIN_CLASS.other
  }

  const stageKg = new Float64Array(NS * C * K * NB)
  const totalKg = new Float64Array(K * NB)

  // Pass 2 (by position, sequential): totals, stage × country masses and values of each part's own material
  // (content holds own mass only until pass 3).
  for (let k = 0; k < n; k++) {
    const perYear = unitsPerYear[k]!
    const cls = originClass[k]!
    for (let e = 0; e < K; e++) {
      for (let b = 0; b < NB; b++) {
        const kgUnit = content[(k * K + e) * NB + b]!
        if (kgUnit === 0) continue
        const kgYear = kgUnit * perYear
        totalKg[e * NB + b]! += kgYear
        if (!rareEarth[e]) continue
        for (let s = 0; s < NS; s++) {
          const c = stage[k * NS + s]!
          if (c >= 0) stageKg[((s * C + c) * K + e) * NB + b]! += kgYear
        }
        if (cls === ORIGIN_CLASS.other) continue
        const pr = price[e]!
        if (Number.isNaN(pr)) unpricedKg[k * U + unpricedSlot[e]!]! += kgUnit
        else if (cls === ORIGIN_CLASS.china) chinaValueUsd[k]! += kgUnit * pr
        else unknownValueUsd[k]! += kgUnit * pr
      }
    }
  }

  // Pass 3 (by position, children first): sub-parts into parents. Siblings are contiguous and parents come
  // in the same order as their children, so both reads and writes stream through memory.
  for (let k = n - 1; k >= 0; k--) {
    const up = parentPos[k]!
    if (up < 0) continue
    const q = qtyAtPos[k]!
    const from = k * block
    const to = up * block
    for (let x = 0; x < block; x++) content[to + x]! += content[from + x]! * q
    chinaValueUsd[up]! += chinaValueUsd[k]! * q
    unknownValueUsd[up]! += unknownValueUsd[k]! * q
    for (let u = 0; u < U; u++) unpricedKg[up * U + u]! += unpricedKg[k * U + u]! * q
  }

  return {
    elements,
    elementIndex,
    rareEarth,
    countries,
    stageKg,
    totalKg,
    pos,
    content,
    chinaValueUsd,
    unknownValueUsd,
    unpriced,
    unpricedKg,
    partBasis,
    originClass,
    stage,
  }
}
