/**
 * A straightforward recursive roll-up (object tree, one map per part, string keys), kept as the reference the
 * fast `rollUp` is tested against and as the peer in `npm run bench -- exposure`. Assumes a valid tree.
 */
import { RARE_EARTHS, type Element } from '../../contracts/common'
import { ORIGIN_BASES, STAGES, UNKNOWN_ORIGIN } from '../../contracts/exposure'
import type { BomIndex } from './bomTree'
import type { Rollup } from './rollUp'
import { BASIS_INDEX, FORM_STAGES, MATERIAL_FORMS, type BomPart } from './types'

/** Results keyed by strings: the common shape both roll-ups are compared in. */
export interface RollupSummary {
  /** `El|basis` → kg/year. */
  totals: Map<string, number>
  /** `stage|country|El|basis` → kg/year (rare earths only). */
  stages: Map<string, number>
  /** part_id → `El|basis` → kg per unit of the part. */
  content: Map<string, Map<string, number>>
  /** part_id → USD of China-origin rare-earth content per unit. */
  chinaValue: Map<string, number>
  unknownValue: Map<string, number>
  /** part_id → `El` → kg of unpriced China-or-unknown-origin rare earths per unit. */
  unpriced: Map<string, Map<string, number>>
}

const RE = new Set<string>(RARE_EARTHS)

function add(m: Map<string, number>, k: string, v: number): void {
  m.set(k, (m.get(k) ?? 0) + v)
}

export function rollUpRecursive(
  parts: readonly BomPart[],
  usdPerKg: ReadonlyMap<Element, number>
): RollupSummary {
  const children = new Map<string, BomPart[]>()
  const roots: BomPart[] = []
  for (const p of parts) {
    if (p.parentId === null) roots.push(p)
    else {
      const list = children.get(p.parentId)
      if (list) list.push(p)
      else children.set(p.parentId, [p])
    }
  }
  const out: RollupSummary = {
    totals: new Map(),
    stages: new Map(),
    content: new Map(),
    chinaValue: new Map(),
    unknownValue: new Map(),
    unpriced: new Map(),
  }

  interface Visit {
    content: Map<string, number>
    china: number
    unknown: number
    unpriced: Map<string, number>
  }

  /** `inherited`: stage → country passed down by an enclosing material (absent: not passed). */
  function visit(p: BomPart, unitsPerYear: number, inherited: Map<string, string>): Visit {
    const r: Visit = { content: new Map(), china: 0, unknown: 0, unpriced: new Map() }
    const basis =
      ORIGIN_BASES[
        Math.max(BASIS_INDEX[p.originBasis], p.composition === 'library' ? BASIS_INDEX.assumed : 0)
      ]!
    const own = new Map(inherited)
    for (const s of FORM_STAGES[p.form]) own.set(s, p.origins[STAGES.indexOf(s)] ?? UNKNOWN_ORIGIN)
    const stages = STAGES.filter((s) => own.has(s))
    const origins = stages.map((s) => own.get(s)!)
    const china = origins.includes('CHN')
    const unknown = !china && origins.includes(UNKNOWN_ORIGIN)
    if (p.massKg !== null) {
      for (const f of p.content) {
        const kg = p.massKg * f.fraction
        add(r.content, `${f.element}|${basis}`, kg)
        add(out.totals, `${f.element}|${basis}`, kg * unitsPerYear)
        if (!RE.has(f.element)) continue
        stages.forEach((s, k) =>
          add(out.stages, `${s}|${origins[k]}|${f.element}|${basis}`, kg * unitsPerYear)
        )
        if (!china && !unknown) continue
        const price = usdPerKg.get(f.element)
        if (price === undefined) add(r.unpriced, f.element, kg)
        else if (china) r.china += kg * price
        else r.unknown += kg * price
      }
    }
    const passDown = MATERIAL_FORMS.has(p.form) ? own : new Map<string, string>()
    for (const c of children.get(p.partId) ?? []) {
      const sub = visit(c, unitsPerYear * c.qtyPerParent, passDown)
      for (const [k, v] of sub.content) add(r.content, k, v * c.qtyPerParent)
      for (const [k, v] of sub.unpriced) add(r.unpriced, k, v * c.qtyPerParent)
      r.china += sub.china * c.qtyPerParent
      r.unknown += sub.unknown * c.qtyPerParent
    }
    out.content.set(p.partId, r.content)
    out.chinaValue.set(p.partId, r.china)
    out.unknownValue.set(p.partId, r.unknown)
    out.unpriced.set(p.partId, r.unpriced)
    return r
  }

  for (const root of roots) visit(root, root.annualUnits ?? 0, new Map())
  return out
}

/** The fast roll-up's arrays in the string-keyed shape of `rollUpRecursive` (zeros left out of the maps). */
export function summarizeRollup(
  parts: readonly BomPart[],
  index: BomIndex,
  r: Rollup
): RollupSummary {
  const K = r.elements.length
  const C = r.countries.length
  const U = r.unpriced.length
  const nb = ORIGIN_BASES.length
  const out: RollupSummary = {
    totals: new Map(),
    stages: new Map(),
    content: new Map(),
    chinaValue: new Map(),
    unknownValue: new Map(),
    unpriced: new Map(),
  }
  for (let e = 0; e < K; e++) {
    for (let b = 0; b < nb; b++) {
      const v = r.totalKg[e * nb + b]!
      if (v !== 0) out.totals.set(`${r.elements[e]}|${ORIGIN_BASES[b]}`, v)
      for (let s = 0; s < STAGES.length; s++) {
        for (let c = 0; c < C; c++) {
          const kg = r.stageKg[((s * C + c) * K + e) * nb + b]!
          if (kg !== 0)
            out.stages.set(`${STAGES[s]}|${r.countries[c]}|${r.elements[e]}|${ORIGIN_BASES[b]}`, kg)
        }
      }
    }
  }
  for (let k = 0; k < parts.length; k++) {
    const id = parts[index.order[k]!]!.partId
    const m = new Map<string, number>()
    for (let e = 0; e < K; e++) {
      for (let b = 0; b < nb; b++) {
        const v = r.content[(k * K + e) * nb + b]!
        if (v !== 0) m.set(`${r.elements[e]}|${ORIGIN_BASES[b]}`, v)
      }
    }
    const u = new Map<string, number>()
    for (let x = 0; x < U; x++) {
      const v = r.unpricedKg[k * U + x]!
      if (v !== 0) u.set(r.unpriced[x]!, v)
    }
    out.content.set(id, m)
    out.unpriced.set(id, u)
    out.chinaValue.set(id, r.chinaValueUsd[k]!)
    out.unknownValue.set(id, r.unknownValueUsd[k]!)
  }
  return out
}
