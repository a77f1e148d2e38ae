/** Builders of BOM parts for tests and the benchmark (no IO, deterministic). */
import type { BomPart } from './types'

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
    content: [],
    presentOnly: [],
    composition: 'none',
    libraryId: null,
    supplier: '',
    supplierCountry: null,
    origins: [null, null, null, null],
    originBasis: 'observed',
    valueUsd: null,
    hsCode: null,
    ...fields,
  }
}
