import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { readBom } from '../../ingest/bom'
import { readMagnetCompositions } from '../../ingest/magnetCompositions'
import type { Element } from '../../contracts/common'
import { ORIGIN_BASES, STAGES } from '../../contracts/exposure'
import { indexBom } from './bomTree'
import { elementExposures } from './concentration'
import { rollUp } from './rollUp'
import { rollUpRecursive, summarizeRollup, type RollupSummary } from './rollUpRecursive'
import { makePart } from './testParts'
import type { BomPart } from './types'

const root = join(__dirname, '../../..')
const library = (() => {
  const r = readMagnetCompositions(
    readFileSync(join(root, 'data/magnet_compositions.csv'), 'utf8'),
    'magnet_compositions.csv'
  )
  if (!r.ok) throw new Error(JSON.stringify(r.error))
  return r.value
})()

function loadExample(name: string) {
  const r = readBom(readFileSync(join(root, 'examples', name), 'utf8'), name, library)
  if (!r.ok) throw new Error(JSON.stringify(r.error))
  return r.value
}

describe('EV traction motor example, checked by hand', () => {
  const bom = loadExample('ev-traction-motor.csv')
  const r = rollUp(bom.parts, bom.index, new Map())
  const elements = elementExposures(r)
  const el = (e: string) => elements.find((x) => x.element === e)!

  it('gives the element masses per year worked out by hand', () => {
    // 100,000 motors/year; per motor: 1 rotor × 16 magnet segments of 0.0625 kg = 1.0 kg of segment material,
    // each segment with 0.00125 kg of diffused Dy; 1 oil pump with 0.05 kg of magnet filled from the library
    // (@ndfeb-sintered-dy: Nd 0.195, Pr 0.065, Dy 0.04, Fe 0.6395, B 0.011).
    // Nd per motor = 16 × 0.0625 × 0.21   + 0.05 × 0.195 = 0.21  + 0.00975 = 0.21975 kg → 21,975 kg/year
    // Pr per motor = 16 × 0.0625 × 0.07   + 0.05 × 0.065 = 0.07  + 0.00325 = 0.07325 kg →  7,325 kg/year
    // Dy per motor = 16 × 0.00125 × 1     + 0.05 × 0.04  = 0.02  + 0.002   = 0.022   kg →  2,200 kg/year
    // Fe per motor = 16 × 0.0625 × 0.6395 + 0.05 × 0.6395 = 0.6395 + 0.031975 = 0.671475 kg → 67,147.5 kg/year
    // B  per motor = 16 × 0.0625 × 0.011  + 0.05 × 0.011 = 0.011 + 0.00055 = 0.01155 kg →  1,155 kg/year
    expect(el('Nd').kg_per_year).toBeCloseTo(21975, 6)
    expect(el('Pr').kg_per_year).toBeCloseTo(7325, 6)
    expect(el('Dy').kg_per_year).toBeCloseTo(2200, 6)
    expect(el('Fe').kg_per_year).toBeCloseTo(67147.5, 6)
    expect(el('B').kg_per_year).toBeCloseTo(1155, 6)
  })

  it('keeps assumed (library) mass apart from inferred mass', () => {
    // The pump magnet (library) is assumed: Nd 0.00975 kg × 100,000 = 975 kg; the rest (21,000 kg) is inferred.
    expect(el('Nd').kg_per_year_by_basis).toEqual({ observed: 0, inferred: 21000, assumed: 975 })
    expect(el('Dy').kg_per_year_by_basis).toEqual({ observed: 0, inferred: 2000, assumed: 200 })
  })

  it('splits each stage by origin and computes the China share and HHI by hand', () => {
    // Nd: segments AUS → MYS → JPN → JPN (21,000 kg); pump magnet CHN at every stage (975 kg).
    expect(el('Nd').by_stage.mine).toEqual({ AUS: 21000, CHN: 975 })
    expect(el('Nd').by_stage.separation).toEqual({ MYS: 21000, CHN: 975 })
    // China share = 975 / 21,975 = 0.044368...
    expect(el('Nd').china_share.separation).toBeCloseTo(975 / 21975, 12)
    // HHI = (100 × 21000/21975)² + (100 × 975/21975)² = 95.563² + 4.437² = 9132.3 + 19.7 = 9151.9
    expect(el('Nd').hhi.separation).toBeCloseTo(9151.9, 0)
    // Dy: the diffused Dy is Chinese metal (2,000 kg) and becomes magnet in Japan, where its segment is made;
    // the pump magnet's Dy (200 kg) is Chinese throughout. Magnet stage: JPN 2,000, CHN 200 → China 200/2,200.
    expect(el('Dy').by_stage.metal).toEqual({ CHN: 2200 })
    expect(el('Dy').by_stage.magnet).toEqual({ JPN: 2000, CHN: 200 })
    expect(el('Dy').china_share.magnet).toBeCloseTo(200 / 2200, 12)
    expect(el('Dy').worst_stage).toEqual({
      stages: ['mine', 'separation', 'metal'],
      china_share: 1,
    })
  })

  it('gives kg per unit of each part with its sub-parts included', () => {
    const seg = bom.parts.findIndex((p) => p.partId === 'MAG-SEG')
    const K = r.elements.length
    const perUnit = (i: number, e: Element) =>
      [0, 1, 2].reduce(
        (s, b) => s + r.content[(r.pos[i]! * K + r.elementIndex.get(e)!) * 3 + b]!,
        0
      )
    // One segment: Nd 0.0625 × 0.21 = 0.013125 kg, plus its 0.00125 kg of diffused Dy.
    expect(perUnit(seg, 'Nd')).toBeCloseTo(0.013125, 12)
    expect(perUnit(seg, 'Dy')).toBeCloseTo(0.00125, 12)
  })
})

describe('rollUp', () => {
  it('values only China-origin rare-earth content, and says which elements had no price', () => {
    const parts = [
      makePart({ partId: 'P', annualUnits: 1, valueUsd: 100 }),
      makePart({
        partId: 'CN',
        parentId: 'P',
        qtyPerParent: 2,
        form: 'magnet',
        massKg: 1,
        content: [
          { element: 'Dy', fraction: 0.1 },
          { element: 'Sm', fraction: 0.1 },
          { element: 'Fe', fraction: 0.5 },
        ],
        origins: [null, null, 'CHN', 'JPN'],
      }),
      makePart({
        partId: 'AU',
        parentId: 'P',
        form: 'magnet',
        massKg: 1,
        content: [{ element: 'Dy', fraction: 0.1 }],
        origins: ['AUS', 'MYS', 'JPN', 'JPN'],
      }),
    ]
    const index = indexBom(parts)
    if (!index.ok) throw new Error('bad tree')
    const r = rollUp(parts, index.value, new Map<Element, number>([['Dy', 300]]))
    // CN: 2 units × 1 kg × 0.1 Dy × 300 USD/kg = 60 USD China-origin; AU adds nothing (no China stage).
    expect(r.chinaValueUsd[0]).toBeCloseTo(60, 12)
    expect(r.unpriced).toEqual(['Sm'])
    expect(r.unpricedKg[0]).toBeCloseTo(0.2, 12)
  })
})

// Property: the fast roll-up and the straightforward recursive one agree on random trees.
const ONLY_SEED: number | undefined = undefined
const SEED = ONLY_SEED ?? 20250601

function randomBom(spec: {
  shape: number[]
  qty: number[]
  mass: number[]
  forms: number[]
  origins: number[]
  basis: number[]
}): BomPart[] {
  const forms = ['magnet', 'metal', 'oxide', 'article', 'alloy'] as const
  const countries = [null, 'CHN', 'JPN', 'AUS', 'MYS'] as const
  const elements: Element[] = ['Nd', 'Pr', 'Dy', 'Tb', 'Fe']
  const parts: BomPart[] = [makePart({ partId: 'R0', annualUnits: 1000 })]
  spec.shape.forEach((p, k) => {
    const parent = parts[p % parts.length]!
    const form = forms[spec.forms[k % spec.forms.length]! % forms.length]!
    const o = (j: number) =>
      countries[spec.origins[(k + j) % spec.origins.length]! % countries.length]!
    parts.push(
      makePart({
        partId: `P${k}`,
        parentId: parent.partId,
        qtyPerParent: spec.qty[k % spec.qty.length]!,
        form,
        massKg: spec.mass[k % spec.mass.length]!,
        content: [
          { element: elements[k % 5]!, fraction: 0.2 },
          { element: elements[(k + 2) % 5]!, fraction: 0.05 },
        ],
        composition: k % 3 === 0 ? 'library' : 'file',
        origins: [o(0), o(1), o(2), o(3)],
        originBasis: ORIGIN_BASES[spec.basis[k % spec.basis.length]! % 3]!,
      })
    )
  })
  return parts
}

function expectSameMaps(a: Map<string, number>, b: Map<string, number>, what: string): void {
  const keys = new Set([...a.keys(), ...b.keys()])
  for (const k of keys) {
    const x = a.get(k) ?? 0
    const y = b.get(k) ?? 0
    expect(Math.abs(x - y), `${what} ${k}: ${x} vs ${y}`).toBeLessThanOrEqual(
      1e-9 * Math.max(1, Math.abs(x))
    )
  }
}

function expectSameSummary(a: RollupSummary, b: RollupSummary): void {
  expectSameMaps(a.totals, b.totals, 'totals')
  expectSameMaps(a.stages, b.stages, 'stages')
  expectSameMaps(a.chinaValue, b.chinaValue, 'china value')
  expectSameMaps(a.unknownValue, b.unknownValue, 'unknown value')
  for (const [id, m] of a.content)
    expectSameMaps(m, b.content.get(id) ?? new Map(), `content ${id}`)
  for (const [id, m] of a.unpriced)
    expectSameMaps(m, b.unpriced.get(id) ?? new Map(), `unpriced ${id}`)
}

describe(`rollUp agrees with the recursive reference (fast-check seed ${SEED})`, () => {
  it('on random trees with mixed forms, origins, bases and prices', () => {
    fc.assert(
      fc.property(
        fc.record({
          shape: fc.array(fc.nat(1000), { minLength: 1, maxLength: 60 }),
          qty: fc.array(fc.integer({ min: 0, max: 8 }), { minLength: 1, maxLength: 5 }),
          mass: fc.array(fc.double({ min: 0, max: 10, noNaN: true }), {
            minLength: 1,
            maxLength: 5,
          }),
          forms: fc.array(fc.nat(4), { minLength: 1, maxLength: 5 }),
          origins: fc.array(fc.nat(4), { minLength: 4, maxLength: 9 }),
          basis: fc.array(fc.nat(2), { minLength: 1, maxLength: 4 }),
        }),
        (spec) => {
          const parts = randomBom(spec)
          const index = indexBom(parts)
          expect(index.ok).toBe(true)
          if (!index.ok) return
          const prices = new Map<Element, number>([
            ['Nd', 85],
            ['Dy', 274],
          ])
          const fast = summarizeRollup(parts, index.value, rollUp(parts, index.value, prices))
          expectSameSummary(fast, rollUpRecursive(parts, prices))
        }
      ),
      { seed: SEED, numRuns: 150 }
    )
  })

  it('covers every stage in the summary keys', () => {
    const parts = randomBom({
      shape: [0, 1, 2, 3],
      qty: [2],
      mass: [1],
      forms: [0],
      origins: [1, 2, 3, 4],
      basis: [0],
    })
    const index = indexBom(parts)
    if (!index.ok) throw new Error('bad tree')
    const keys = [
      ...summarizeRollup(parts, index.value, rollUp(parts, index.value, new Map())).stages.keys(),
    ]
    for (const s of STAGES) expect(keys.some((k) => k.startsWith(`${s}|`))).toBe(true)
  })
})
