/**
 * Property tests (fast-check, replayable seeds): determinism; adding a measure never relaxes a verdict; before
 * every effective date nothing is required; the verdict is the strongest effect among the listed measures.
 * Replay one case with ONLY_SEED=<seed>.
 */
import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { FORMS } from '../../contracts/common'
import {
  END_USER_TYPES,
  END_USES,
  shipmentSchema,
  type Determination,
  type Shipment,
} from '../../contracts/licence'
import type { Measure, OverlayEntry } from '../../contracts/rulebook'
import { parseOverlay, parseRulebook } from '../../ingest/rulebookJson'
import { compileRulebook } from './compile'
import { addDays } from './dates'
import { determine, determineBatch } from './determine'

const measures: Measure[] = (() => {
  const r = parseRulebook(readFileSync('data/controls_measures.json', 'utf8'), 'm')
  if (!r.ok) throw new Error('rulebook')
  return r.value.map((x) => x.value)
})()
const overlay: OverlayEntry[] = (() => {
  const r = parseOverlay(readFileSync('data/controls_operative.json', 'utf8'), 'o')
  if (!r.ok) throw new Error('overlay')
  return r.value.map((x) => x.value)
})()
const full = compileRulebook(measures, overlay)

const RANK: Record<Determination['verdict'], number> = {
  no_licence_required: 0,
  needs_review: 1,
  licence_required: 2,
  prohibited: 3,
}
const ELEMENT_POOL = ['Dy', 'Tb', 'Nd', 'Pr', 'Sm', 'Co', 'Gd', 'Y', 'Sc', 'Lu', 'La', 'Ce', 'Ho', 'Er', 'Ga', 'Ge', 'Sb', 'W', 'C', 'In', 'Ni', 'Mn', 'Ag'] as const // prettier-ignore
const END_USERS = ['TDK Corp.', 'Hino Motor Ltd', 'MHI Aero Engines', 'Mitsubishi Electric Defense Systems', 'Example Motors Inc.', 'ＮＩＴＴＯ ＤＥＮＫＯ', 'ENEOS Holdings'] // prettier-ignore
const HS = ['8505111000', '2846901940', '8486909110', '8112929010', '2805301910', '284690', '84798999'] // prettier-ignore
const COUNTRIES = ['CHN', 'USA', 'JPN', 'DEU', 'KOR', 'VNM', 'IND', 'MEX'] as const

const dateArb = (from: string, to: string) =>
  fc
    .integer({ min: 0, max: Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) })
    .map((n) => addDays(from, n))

const shipmentArb = (dates: fc.Arbitrary<string>): fc.Arbitrary<Shipment> =>
  fc
    .record({
      date: dates,
      form: fc.constantFrom(...FORMS),
      elements: fc.option(
        fc.uniqueArray(fc.constantFrom(...ELEMENT_POOL), { minLength: 1, maxLength: 3 }),
        { nil: undefined }
      ),
      hs: fc.option(fc.constantFrom(...HS), { nil: undefined, freq: 4 }),
      exporter: fc.constantFrom<string>('CHN', 'CHN', 'CHN', 'DEU', 'VNM', 'JPN'),
      madeIn: fc.option(fc.constantFrom(...COUNTRIES), { nil: undefined }),
      destination: fc.constantFrom(...COUNTRIES),
      endUser: fc.option(fc.constantFrom(...END_USERS), { nil: undefined }),
      endUserType: fc.constantFrom(...END_USER_TYPES),
      endUse: fc.constantFrom(...END_USES),
      share: fc.option(fc.constantFrom(0, 0.0005, 0.001, 0.002, 0.05), { nil: undefined }),
      tech: fc.option(fc.boolean(), { nil: undefined }),
    })
    .map((r) =>
      shipmentSchema.parse({
        id: 'p',
        date: r.date,
        form: r.form,
        destination: r.destination,
        exporter_country: r.exporter,
        end_user_type: r.endUserType,
        end_use: r.endUse,
        ...(r.elements ? { elements: r.elements.join(';') } : {}),
        ...(r.hs ? { hs_code: r.hs } : {}),
        ...(r.madeIn ? { made_in: r.madeIn } : {}),
        ...(r.endUser ? { end_user: r.endUser } : {}),
        ...(r.share !== undefined ? { cn_content_value_share: r.share } : {}),
        ...(r.tech !== undefined ? { made_with_cn_technology: r.tech } : {}),
      })
    )

const anyDate = dateArb('2023-01-01', '2027-06-30')
const seed = Number(process.env['ONLY_SEED'] ?? 20261128)

describe('licence evaluator properties', () => {
  it(`is deterministic: same input, same answer, in batch or alone, in any order (seed ${seed})`, () => {
    fc.assert(
      fc.property(fc.array(shipmentArb(anyDate), { minLength: 1, maxLength: 20 }), (ships) => {
        const a = determineBatch(full, ships)
        const b = ships.map((s) => determine(full, s))
        const c = determineBatch(full, [...ships].reverse()).reverse()
        const recompiled = determineBatch(compileRulebook(measures, overlay), ships)
        expect(b).toEqual(a)
        expect(c).toEqual(a)
        expect(recompiled).toEqual(a)
      }),
      { seed, numRuns: 60 }
    )
  })

  it(`adding a measure never relaxes a verdict (seed ${seed + 1})`, () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: measures.length - 1 }), { maxLength: 12 }),
        fc.integer({ min: 0, max: measures.length - 1 }),
        fc.array(shipmentArb(anyDate), { minLength: 5, maxLength: 25 }),
        (dropped, added, ships) => {
          const without = new Set([...dropped, added])
          const base = measures.filter((_, i) => !without.has(i))
          const more = measures.filter((_, i) => !without.has(i) || i === added)
          const rbBase = compileRulebook(base, overlay)
          const rbMore = compileRulebook(more, overlay)
          for (const s of ships) {
            const before = determine(rbBase, s).verdict
            const after = determine(rbMore, s).verdict
            if (RANK[after] < RANK[before]) {
              throw new Error(
                `adding ${measures[added]?.id} relaxed ${before} to ${after} for ${JSON.stringify(s)}`
              )
            }
          }
        }
      ),
      { seed: seed + 1, numRuns: 40 }
    )
  })

  it(`a date before every effective date requires nothing (seed ${seed + 2})`, () => {
    expect(full.earliestStart).toBe('2023-08-01')
    const before = dateArb('2000-01-01', addDays(full.earliestStart ?? '2023-08-01', -1))
    fc.assert(
      fc.property(shipmentArb(before), (s) => {
        const d = determine(full, s)
        expect(d.verdict).toBe('no_licence_required')
        expect(d.measures).toEqual([])
        expect(d.warnings).toEqual([])
      }),
      { seed: seed + 2, numRuns: 300 }
    )
  })

  it(`the verdict is the strongest effect among the listed measures (seed ${seed + 3})`, () => {
    const level: Record<string, number> = { deny: 3, case_by_case: 2, licence: 2, review: 1 }
    fc.assert(
      fc.property(shipmentArb(anyDate), (s) => {
        const d = determine(full, s)
        const strongest = Math.max(0, ...d.measures.map((m) => level[m.effect] ?? 0))
        expect(RANK[d.verdict]).toBe(strongest)
        if (d.verdict === 'needs_review') expect(d.missing_facts.length).toBeGreaterThan(0)
        if (d.verdict !== 'licence_required') expect(d.expected_review_working_days).toBeNull()
        for (const m of d.measures)
          if (m.confidence === 'low') expect(d.warnings.join('\n')).toContain('low confidence')
      }),
      { seed: seed + 3, numRuns: 500 }
    )
  })
})
