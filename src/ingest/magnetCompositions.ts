/**
 * Reads the magnet composition library (data/magnet_compositions.csv): typical compositions used, marked assumed,
 * when a BOM names one (`@id`) or lists a magnet's elements without fractions. Every row needs a source_url.
 */
import { RARE_EARTHS } from '../contracts/common'
import { parseElementContent } from '../contracts/elements'
import type { MagnetComposition } from '../core/exposure/types'
import type { Result } from '../core/shared/result'
import { parseCsv, requireColumns } from './csv'
import { RowIssues } from './rowIssues'

export const COMPOSITION_COLUMNS = [
  'id',
  'name',
  'family',
  'elements',
  'presence_default',
  'source_url',
  'note',
] as const

const RE = new Set<string>(RARE_EARTHS)

export function readMagnetCompositions(text: string, file: string): Result<MagnetComposition[]> {
  const parsed = parseCsv(text, file)
  if (!parsed.ok) return parsed
  const cols = requireColumns(parsed.value, COMPOSITION_COLUMNS, file)
  if (!cols.ok) return cols
  const at = (k: (typeof COMPOSITION_COLUMNS)[number]): number => cols.value[k] ?? 0
  const bad = new RowIssues(file)
  const out: MagnetComposition[] = []
  const defaults = new Map<string, string>()
  for (const r of parsed.value.records) {
    const f = (k: (typeof COMPOSITION_COLUMNS)[number]): string => (r.fields[at(k)] ?? '').trim()
    const before = bad.issues.length
    const id = f('id')
    if (!/^[a-z0-9][a-z0-9-]*$/.test(id))
      bad.add(r, at('id'), 'id', 'invalid_id', 'lower-case letters, digits and -', id)
    if (out.some((c) => c.id === id)) bad.add(r, at('id'), 'id', 'duplicate_id', 'a unique id', id)
    const elements = parseElementContent(f('elements'))
    if (!elements.ok) {
      bad.add(
        r,
        at('elements'),
        'elements',
        'invalid_elements',
        'El:fraction;...',
        f('elements'),
        `elements: ${elements.error}`
      )
    } else if (elements.value.length === 0 || elements.value.some((e) => e.fraction === null)) {
      bad.add(
        r,
        at('elements'),
        'elements',
        'invalid_elements',
        'a fraction for every element',
        f('elements')
      )
    }
    const url = f('source_url')
    if (!/^https?:\/\/\S+$/.test(url))
      bad.add(r, at('source_url'), 'source_url', 'invalid_url', 'an http(s) URL', url)
    const flag = f('presence_default')
    if (flag !== 'yes' && flag !== 'no')
      bad.add(r, at('presence_default'), 'presence_default', 'invalid_flag', 'yes or no', flag)
    if (bad.issues.length > before || !elements.ok) continue
    const fractions = elements.value.map((e) => ({ element: e.element, fraction: e.fraction ?? 0 }))
    if (flag === 'yes') {
      const set = fractions
        .filter((e) => RE.has(e.element) && e.fraction > 0)
        .map((e) => e.element)
        .sort()
        .join(';')
      const prev = defaults.get(set)
      if (prev !== undefined) {
        bad.add(
          r,
          at('presence_default'),
          'presence_default',
          'duplicate_default',
          `one default per rare-earth set (${prev} already is)`,
          flag
        )
        continue
      }
      defaults.set(set, id)
    }
    out.push({
      id,
      name: f('name'),
      family: f('family'),
      elements: fractions,
      elementsText: f('elements'),
      presenceDefault: flag === 'yes',
      sourceUrl: url,
      note: f('note'),
    })
  }
  if (bad.issues.length > 0) return { ok: false, error: bad.issues }
  return { ok: true, value: out }
}
