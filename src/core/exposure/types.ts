/** The validated bill of materials the exposure core works on, and the composition library's entries. */
import type { Element, Form } from '../../contracts/common'
import type { OriginBasis, Stage } from '../../contracts/exposure'

/** A mass fraction (0..1) of one element in a part's own material. */
export interface ElementFraction {
  element: Element
  fraction: number
}

/**
 * Where a part's composition came from: the file (`file`), the library (`library`, always counted as assumed),
 * the file listing elements without fractions (`presence_only`: no mass counted), nothing for a magnet that
 * has a mass (`unknown`), or nothing at all (`none`: an assembly or a part without rare-earth content).
 */
export type CompositionSource = 'file' | 'library' | 'presence_only' | 'unknown' | 'none'

/** Country (ISO3) at each stage, indexed like STAGES; null when not given. */
export type StageOrigins = readonly [string | null, string | null, string | null, string | null]

/** One row of a BOM after validation. Quantities are per one unit of the parent; masses in kg. */
export interface BomPart {
  /** 1-based line (CSV) or item number (JSON) the part came from. */
  line: number
  partId: string
  parentId: string | null
  description: string
  /** Units of this part in one unit of its parent (1 for top-level parts). */
  qtyPerParent: number
  annualUnits: number | null
  form: Form
  /** Mass of one unit of the part's own material (sub-parts excluded); null when not given. */
  massKg: number | null
  /** Element fractions of the part's own material that count towards mass. */
  content: readonly ElementFraction[]
  /** Elements listed without a fraction (present, mass unknown: not counted). */
  presentOnly: readonly Element[]
  composition: CompositionSource
  libraryId: string | null
  supplier: string
  supplierCountry: string | null
  origins: StageOrigins
  originBasis: OriginBasis
  valueUsd: number | null
  hsCode: string | null
}

/** A typical magnet composition from data/magnet_compositions.csv. */
export interface MagnetComposition {
  id: string
  name: string
  family: string
  elements: readonly ElementFraction[]
  /** The composition as written in the file (`Nd:0.195;Pr:0.065;...`). */
  elementsText: string
  /** Picked when a presence-only element list matches several entries. */
  presenceDefault: boolean
  sourceUrl: string
  note: string
}

/** Stages a part's material passed through, by form: an oxide was mined and separated, a magnet went all the way. */
export const FORM_STAGES: Record<Form, readonly Stage[]> = {
  ore: ['mine'],
  oxide: ['mine', 'separation'],
  compound: ['mine', 'separation'],
  metal: ['mine', 'separation', 'metal'],
  alloy: ['mine', 'separation', 'metal'],
  target: ['mine', 'separation', 'metal'],
  magnet: ['mine', 'separation', 'metal', 'magnet'],
  article: ['mine', 'separation', 'metal', 'magnet'],
  equipment: ['mine', 'separation', 'metal', 'magnet'],
  technology: [],
}

/**
 * Forms that are materials: a material inside another material (Dy metal diffused into a magnet) also passes
 * through the stages of the part that contains it. Articles and equipment are assemblies: nothing inside them is
 * processed further.
 */
export const MATERIAL_FORMS: ReadonlySet<Form> = new Set<Form>([
  'ore',
  'oxide',
  'compound',
  'metal',
  'alloy',
  'target',
  'magnet',
])

/** Index of each basis; a larger index is weaker. */
export const BASIS_INDEX: Record<OriginBasis, number> = { observed: 0, inferred: 1, assumed: 2 }
