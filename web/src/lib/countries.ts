/**
 * Country codes and names. Partners are ISO 3166-1 alpha-3 (or the aggregates WLD, EUN, XEU); world-atlas
 * features carry ISO numeric ids. Names come from the browser's Intl.DisplayNames, so no name tables ship.
 */
import countries from 'i18n-iso-countries'

const AGGREGATE_NAMES: Record<string, string> = {
  WLD: 'World',
  EUN: 'European Union (EU27)',
  XEU: 'Europe (region)',
}

export function isAggregate(code: string): boolean {
  return Object.hasOwn(AGGREGATE_NAMES, code)
}

/** `392` or `'392'` → `JPN`; undefined for ids world-atlas uses without an ISO code. */
export function iso3FromNumeric(id: string | number | undefined): string | undefined {
  if (id === undefined) return undefined
  return countries.numericToAlpha3(String(id).padStart(3, '0')) ?? undefined
}

let displayNames: Intl.DisplayNames | null | undefined

/** `JPN` → `Japan`; aggregates by their names; an unknown code is returned as is. */
export function countryName(code: string): string {
  const agg = AGGREGATE_NAMES[code]
  if (agg) return agg
  const a2 = countries.alpha3ToAlpha2(code)
  if (!a2) return code
  if (displayNames === undefined) {
    try {
      displayNames = new Intl.DisplayNames(['en'], { type: 'region' })
    } catch {
      displayNames = null
    }
  }
  return displayNames?.of(a2) ?? code
}
