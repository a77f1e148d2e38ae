/**
 * Shared vocabulary of every contract: countries, dates, months, elements, forms, output formats.
 */
import countries from 'i18n-iso-countries'
import { z } from 'zod'
import { isIsoDate, isMonth } from '../core/shared/months'

/** Aggregates that are not ISO countries: the world total, the EU27, Europe as a region. */
export const AGGREGATES = {
  WLD: 'World',
  EUN: 'European Union (EU27)',
  XEU: 'Europe (region)',
} as const
export type Aggregate = keyof typeof AGGREGATES

export function isAggregate(code: string): code is Aggregate {
  return Object.hasOwn(AGGREGATES, code)
}

/** True for an ISO 3166-1 alpha-3 code (upper case). */
export function isIso3(code: string): boolean {
  return /^[A-Z]{3}$/.test(code) && countries.isValid(code)
}

/** True for an ISO3 country or one of the aggregates WLD, EUN, XEU. */
export function isPartnerCode(code: string): boolean {
  return isIso3(code) || isAggregate(code)
}

/** ISO numeric code (as used by world-atlas) for an alpha-3 code, or undefined. */
export function numericFromIso3(code: string): string | undefined {
  return countries.alpha3ToNumeric(code) ?? undefined
}

export function iso3FromNumeric(numeric: string): string | undefined {
  return countries.numericToAlpha3(numeric) ?? undefined
}

export const iso3Schema = z
  .string()
  .refine(isIso3, { message: 'expected an ISO 3166-1 alpha-3 country code such as JPN' })

export const partnerSchema = z
  .string()
  .refine(isPartnerCode, { message: 'expected an ISO3 country code or WLD, EUN, XEU' })

export const isoDateSchema = z
  .string()
  .refine(isIsoDate, { message: 'expected a calendar date YYYY-MM-DD' })

export const monthSchema = z.string().refine(isMonth, { message: 'expected a month YYYY-MM' })

/** The 17 rare-earth elements (lanthanides + Sc + Y). */
export const RARE_EARTHS = [
  'Sc', 'Y', 'La', 'Ce', 'Pr', 'Nd', 'Pm', 'Sm', 'Eu', 'Gd', 'Tb', 'Dy', 'Ho', 'Er', 'Tm', 'Yb', 'Lu',
] as const // prettier-ignore

/** Other elements that appear in export-control measures and bills of materials. */
export const OTHER_ELEMENTS = [
  'Ga', 'Ge', 'Sb', 'W', 'C', 'In', 'Mo', 'Co', 'Li', 'Ni', 'Ag', 'Te', 'Bi', 'Mn', 'Al', 'Fe', 'B', 'Cu',
] as const // prettier-ignore

export const ELEMENTS = [...RARE_EARTHS, ...OTHER_ELEMENTS] as const
export type Element = (typeof ELEMENTS)[number]
export const elementSchema = z.enum(ELEMENTS)

export function isElement(s: string): s is Element {
  return (ELEMENTS as readonly string[]).includes(s)
}

/** Item forms, as in DESIGN.md's licence contract. */
export const FORMS = [
  'ore', 'oxide', 'metal', 'alloy', 'compound', 'magnet', 'target', 'technology', 'equipment', 'article',
] as const // prettier-ignore
export type Form = (typeof FORMS)[number]
export const formSchema = z.enum(FORMS)

export const OUTPUT_FORMATS = ['table', 'json', 'csv'] as const
export type OutputFormat = (typeof OUTPUT_FORMATS)[number]

/** The one error body of the HTTP API. */
export const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
})
export type ErrorBody = z.infer<typeof errorBodySchema>
