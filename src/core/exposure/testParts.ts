/** Builders of BOM parts for tests and the benchmark (no IO, deterministic). */
import type { BomPart } from './types'

const NONE: readonly never[] = []
const NO_ORIGINS = [null, null, null, null] as const

/** A part with the given fields; everything else empty (a top-level article with no material). */
export function makePart(fields: Partial<BomPart> & { partId: string }): BomPart {
  return {
    line: 0,
    parentId: null,
    description: '',
    qtyPerParent: 1,
    annualUnits: null,
    form: 'article',
    massKg: null,
    content: NONE,
    presentOnly: NONE,
    composition: 'none',
    libraryId: null,
    supplier: '',
    supplierCountry: null,
    origins: NO_ORIGINS,
    originBasis: 'observed',
    valueUsd: null,
    hsCode: null,
    ...fields,
  }
}
