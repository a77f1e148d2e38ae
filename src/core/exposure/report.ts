/**
 * Assembles the exposure report (the JSON shape of `chokepoint exposure` and `POST /api/exposure`) from a validated
 * BOM, its roll-up, the prices used and, when a rulebook is loaded, a licence determination per part.
 */
import type { Element } from '../../contracts/common'
import {
  ORIGIN_BASES,
  type ExposureReport,
  type OriginBasis,
  type PartExposure,
} from '../../contracts/exposure'
import type { Determination, Shipment } from '../../contracts/licence'
import type { BomIndex } from './bomTree'
import { clean } from './clean'
import { elementExposures } from './concentration'
import type { PriceSelection } from './prices'
import { NB, type Rollup } from './rollUp'
import { partShipment, type ShipmentContext } from './shipments'
import type { BomPart, MagnetComposition } from './types'

export type Evaluate = (shipment: Shipment) => Determination

export interface ReportInput {
  parts: readonly BomPart[]
  index: BomIndex
  rollup: Rollup
  prices: PriceSelection
  library: readonly MagnetComposition[]
  context: ShipmentContext
  /** The licence evaluator bound to a compiled rulebook; absent when none is available. */
  evaluate?: Evaluate | undefined
  rulebookVersion: string | null
  /** Warnings from reading the file (library fills, ignored values ...). */
  warnings: readonly string[]
  /** Stated assumptions (defaults the caller applied). */
  assumptions: readonly string[]
}

export function buildExposureReport(input: ReportInput): ExposureReport {
  const { parts, index, rollup: r, prices, context } = input
  const K = r.elements.length
  const U = r.unpriced.length
  const warnings = [...input.warnings, ...prices.warnings]
  if (!input.evaluate) {
    warnings.push(
      'no licence rulebook evaluator available: parts were not run through the export-control rules (verdict not_evaluated)'
    )
  }
  const hasChild = new Uint8Array(parts.length)
  for (let i = 0; i < parts.length; i++) if (index.parent[i]! >= 0) hasChild[index.parent[i]!] = 1

  const partsOut: PartExposure[] = parts.map((p, i) => {
    const k = r.pos[i]!
    const perUnit: Record<string, number> = {}
    const byBasis = { observed: {}, inferred: {}, assumed: {} } as Record<
      OriginBasis,
      Record<string, number>
    >
    let weakest = -1
    for (let e = 0; e < K; e++) {
      let sum = 0
      for (let b = 0; b < NB; b++) {
        const v = r.content[(k * K + e) * NB + b]!
        if (v === 0) continue
        byBasis[ORIGIN_BASES[b]!][r.elements[e]!] = clean(v)
        sum += v
        weakest = Math.max(weakest, b)
      }
      if (sum !== 0) perUnit[r.elements[e]!] = clean(sum)
    }
    const unpricedElements: string[] = []
    for (let u = 0; u < U; u++)
      if (r.unpricedKg[k * U + u]! > 0) unpricedElements.push(r.unpriced[u]!)
    const china = r.chinaValueUsd[k]!
    const unknown = r.unknownValueUsd[k]!
    const gaps: string[] = []
    if (p.valueUsd === null) gaps.push('value_usd not given')
    else if (p.valueUsd === 0) gaps.push('value_usd is 0')
    if (unknown > 0) gaps.push('some rare-earth content has no origin at any stage')
    if (unpricedElements.length > 0) gaps.push(`no price for ${unpricedElements.join(', ')}`)
    const share = gaps.length === 0 && p.valueUsd ? china / p.valueUsd : null

    const own = new Map(p.content.map((c) => [c.element, c.fraction]))
    const shipElements = Object.keys(perUnit).map((el) => ({
      element: el as Element,
      fraction: hasChild[i] ? null : (own.get(el as Element) ?? null),
    }))
    const ship = partShipment(parts, index, i, shipElements, share, context)
    const entry = input.library.find((c) => c.id === p.libraryId)
    const base = {
      part_id: p.partId,
      parent_id: p.parentId,
      line: p.line,
      description: p.description,
      form: p.form,
      units_per_year: clean(index.unitsPerYear[k]!),
      kg_per_unit: perUnit,
      kg_per_unit_by_basis: byBasis,
      basis: ORIGIN_BASES[weakest >= 0 ? weakest : r.partBasis[k]!]!,
      composition: {
        source: p.composition,
        library_id: p.libraryId,
        source_url: entry?.sourceUrl ?? null,
      },
      cn_content_value_share: {
        share: share === null ? null : clean(share),
        china_value_usd: clean(china),
        unknown_origin_value_usd: clean(unknown),
        value_usd: p.valueUsd,
        unpriced_elements: unpricedElements,
        complete: gaps.length === 0,
        note: gaps.length === 0 ? null : `share not computed: ${gaps.join('; ')}`,
      },
      shipment: {
        exporter_country: ship.shipment.exporter_country,
        destination: ship.shipment.destination,
        made_in: ship.shipment.made_in ?? ship.shipment.exporter_country,
        domestic: ship.domestic,
      },
    }
    const partWarnings = ship.exporterAssumed ? [ship.exporterAssumed] : []
    if (share !== null && share > 1) {
      partWarnings.push(
        `value_usd ${p.valueUsd} is below the value of the part's China-origin rare-earth content (${clean(china)} USD at the prices used): check value_usd`
      )
    }
    if (ship.domestic) {
      return {
        ...base,
        verdict: 'not_exported' as const,
        measures: [],
        review: null,
        missing_facts: [],
        expected_review_working_days: null,
        rationale: [
          `made and used in ${ship.shipment.destination}: no border crossing, so no export control applies to this leg`,
        ],
        warnings: partWarnings,
      }
    }
    if (!input.evaluate) {
      return {
        ...base,
        verdict: 'not_evaluated' as const,
        measures: [],
        review: null,
        missing_facts: [],
        expected_review_working_days: null,
        rationale: [],
        warnings: partWarnings,
      }
    }
    const d = input.evaluate(ship.shipment)
    return {
      ...base,
      verdict: d.verdict,
      measures: d.measures,
      review: d.review,
      missing_facts: d.missing_facts,
      expected_review_working_days: d.expected_review_working_days,
      rationale: d.rationale,
      warnings: [...partWarnings, ...d.warnings],
    }
  })

  const roots = parts.map((p, i) => ({ p, i })).filter(({ p }) => p.parentId === null)
  const usedLibrary = new Set(parts.map((p) => p.libraryId).filter((x) => x !== null))
  return {
    as_of: context.asOf,
    elements: elementExposures(r),
    parts: partsOut,
    warnings,
    products: roots.map(({ p, i }) => ({
      part_id: p.partId,
      description: p.description,
      annual_units: p.annualUnits ?? 0,
      kg_per_unit: partsOut[i]!.kg_per_unit,
      kg_per_unit_by_basis: partsOut[i]!.kg_per_unit_by_basis,
      basis: partsOut[i]!.basis,
    })),
    prices: prices.used,
    compositions: input.library
      .filter((c) => usedLibrary.has(c.id))
      .map((c) => ({
        id: c.id,
        name: c.name,
        elements: c.elementsText,
        source_url: c.sourceUrl,
        note: c.note,
      })),
    assumptions: [...input.assumptions],
    rulebook_version: input.rulebookVersion,
  }
}
