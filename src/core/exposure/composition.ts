/**
 * Resolves a part's `elements` cell into mass fractions: fractions from the file as given, `@id` from the magnet
 * composition library, and, for a magnet that lists elements without fractions, the library entry with the same
 * rare-earth set. Library figures are typical values and are always counted as assumed.
 */
import { RARE_EARTHS, type Element, type Form } from '../../contracts/common'
import { parseElementContent } from '../../contracts/elements'
import type { Result } from '../shared/result'
import type { CompositionSource, ElementFraction, MagnetComposition } from './types'

export interface ResolvedComposition {
  content: readonly ElementFraction[]
  presentOnly: readonly Element[]
  source: CompositionSource
  libraryId: string | null
  /** Set when the result rests on a choice the user should see (library fill, fractions missing). */
  warning: string | null
}

const RE = new Set<string>(RARE_EARTHS)
const NO_CONTENT: readonly ElementFraction[] = Object.freeze([])
const NO_ELEMENTS: readonly Element[] = Object.freeze([])

/** Resolves `text` for a part of `form`; an error names what was expected. */
export function resolveComposition(
  text: string,
  form: Form,
  library: readonly MagnetComposition[]
): Result<ResolvedComposition, string> {
  const t = text.trim()
  if (t.startsWith('@')) {
    const id = t.slice(1).trim()
    const entry = library.find((c) => c.id === id)
    if (!entry) {
      return {
        ok: false,
        error: `unknown composition "@${id}" (expected one of ${library.map((c) => `@${c.id}`).join(', ')}; see data/magnet_compositions.csv)`,
      }
    }
    return { ok: true, value: fromLibrary(entry, `named @${entry.id}`) }
  }
  const parsed = parseElementContent(t)
  if (!parsed.ok) return { ok: false, error: parsed.error }
  const listed = parsed.value
  if (listed.length === 0) {
    return {
      ok: true,
      value: {
        content: NO_CONTENT,
        presentOnly: NO_ELEMENTS,
        source: form === 'magnet' ? 'unknown' : 'none',
        libraryId: null,
        warning: null,
      },
    }
  }
  const known = listed.filter((e) => e.fraction !== null) as ElementFraction[]
  const presentOnly = listed.filter((e) => e.fraction === null).map((e) => e.element)
  if (presentOnly.length === 0) {
    return {
      ok: true,
      value: {
        content: known,
        presentOnly: NO_ELEMENTS,
        source: 'file',
        libraryId: null,
        warning: null,
      },
    }
  }
  if (known.length === 0 && form === 'magnet') {
    const match = matchLibrary(presentOnly, library)
    if (match.entry) {
      const how =
        match.candidates > 1
          ? `matched ${presentOnly.join(';')} (${match.candidates} library entries fit; the marked default was used: write @id to choose)`
          : `matched ${presentOnly.join(';')}`
      return { ok: true, value: fromLibrary(match.entry, how) }
    }
  }
  return {
    ok: true,
    value: {
      content: known,
      presentOnly,
      source: 'presence_only',
      libraryId: null,
      warning: `no fraction for ${presentOnly.join(', ')}: listed as present, no mass counted${form === 'magnet' ? ' (no library composition has exactly these rare earths; write @id to use one)' : ''}`,
    },
  }
}

function fromLibrary(entry: MagnetComposition, how: string): ResolvedComposition {
  return {
    content: entry.elements,
    presentOnly: NO_ELEMENTS,
    source: 'library',
    libraryId: entry.id,
    warning: `composition from library @${entry.id} (${entry.name}; ${how}): counted as assumed`,
  }
}

/** Library entries whose rare-earth set equals the listed one (non-rare-earth elements are ignored). */
function matchLibrary(
  listed: readonly Element[],
  library: readonly MagnetComposition[]
): { entry: MagnetComposition | undefined; candidates: number } {
  const want = [...new Set(listed.filter((e) => RE.has(e)))].sort().join(';')
  if (want === '') return { entry: undefined, candidates: 0 }
  const fits = library.filter(
    (c) =>
      c.elements
        .filter((e) => RE.has(e.element) && e.fraction > 0)
        .map((e) => e.element)
        .sort()
        .join(';') === want
  )
  if (fits.length <= 1) return { entry: fits[0], candidates: fits.length }
  return { entry: fits.find((c) => c.presenceDefault) ?? fits[0], candidates: fits.length }
}
