/**
 * Turns each part into the shipment that brings it to where it is used: exported from its supplier's country
 * (or the country of its last processing stage) to the country where its parent is made, or, for a finished
 * product, to the user's country of import.
 */
import type { Element } from '../../contracts/common'
import { STAGES } from '../../contracts/exposure'
import type { Shipment } from '../../contracts/licence'
import type { END_USER_TYPES, END_USES } from '../../contracts/licence'
import type { BomIndex } from './bomTree'
import { FORM_STAGES, type BomPart } from './types'

export interface ShipmentContext {
  asOf: string
  /** Country the finished products are imported into. */
  destination: string
  /** `supplier` (per part) or one ISO3 code for every part. */
  exporter: string
  endUse: (typeof END_USES)[number]
  endUserType: (typeof END_USER_TYPES)[number]
  endUser?: string | undefined
}

export interface PartShipment {
  shipment: Shipment
  /** True when the part does not cross a border (exporter = destination): no export control applies. */
  domestic: boolean
  /** Why the exporter is what it is, when it had to be assumed. */
  exporterAssumed: string | null
}

/** Country of the last processing stage the part's material passed through, if given. */
export function lastStageCountry(p: BomPart): string | null {
  const stages = FORM_STAGES[p.form]
  for (let k = stages.length - 1; k >= 0; k--) {
    const o = p.origins[STAGES.indexOf(stages[k]!)] ?? null
    if (o !== null) return o
  }
  return null
}

/**
 * The shipment of part `i`. `elements` lists the element content of one unit (sub-parts included) with the
 * part's own fractions where the part has no sub-parts, presence only otherwise.
 */
export function partShipment(
  parts: readonly BomPart[],
  index: BomIndex,
  i: number,
  elements: readonly { element: Element; fraction: number | null }[],
  cnValueShare: number | null,
  ctx: ShipmentContext
): PartShipment {
  const p = parts[i]!
  let exporterAssumed: string | null = null
  let exporter: string
  if (ctx.exporter !== 'supplier') exporter = ctx.exporter
  else {
    const own = p.supplierCountry ?? lastStageCountry(p)
    if (own === null) {
      exporter = 'CHN'
      exporterAssumed = `no supplier_country or stage country for "${p.partId}": exporter assumed CHN (the worst case for Chinese controls)`
    } else exporter = own
  }
  let destination = ctx.destination
  for (let up = index.parent[i]!; up >= 0; up = index.parent[up]!) {
    const c = parts[up]!.supplierCountry
    if (c !== null) {
      destination = c
      break
    }
  }
  const madeIn = p.supplierCountry ?? lastStageCountry(p) ?? exporter
  const shipment: Shipment = {
    id: p.partId,
    date: ctx.asOf,
    exporter_country: exporter,
    made_in: madeIn,
    form: p.form,
    destination,
    end_user_type: ctx.endUserType,
    end_use: ctx.endUse,
    elements: elements.map((e) => ({ element: e.element, fraction: e.fraction })),
    ...(cnValueShare === null ? {} : { cn_content_value_share: Math.min(1, cnValueShare) }),
    ...(p.hsCode === null ? {} : { hs_code: p.hsCode }),
    ...(p.valueUsd === null ? {} : { value_usd: p.valueUsd }),
    ...(ctx.endUser === undefined ? {} : { end_user: ctx.endUser }),
  }
  return { shipment, domestic: exporter === destination, exporterAssumed }
}
