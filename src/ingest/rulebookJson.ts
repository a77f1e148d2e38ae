/**
 * Reads the export-control rulebook (a JSON array of measures). This first pass checks the envelope only
 * (array of objects with unique string ids); src/contracts/rulebook.ts validates each measure's shape.
 */
import type { DomainIssue, Result } from '../core/shared/result'
import type { DatasetRow } from './datasets'

export function readRulebookJson(text: string, file: string): Result<DatasetRow[]> {
  const issue = (
    message: string,
    path: (string | number)[],
    expected: string,
    found: string
  ): DomainIssue => ({
    code: 'invalid_rulebook',
    message,
    path,
    file,
    expected,
    found,
  })
  let doc: unknown
  try {
    doc = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text)
  } catch (e) {
    const m = /position (\d+)/.exec((e as Error).message)
    const pos = m ? Number(m[1]) : 0
    const before = text.slice(0, pos)
    const line = before.split('\n').length
    const column = pos - before.lastIndexOf('\n')
    return {
      ok: false,
      error: [
        {
          ...issue(`malformed JSON: ${(e as Error).message}`, [], 'valid JSON', 'a syntax error'),
          line,
          column,
        },
      ],
    }
  }
  if (!Array.isArray(doc)) {
    return {
      ok: false,
      error: [issue('the rulebook must be a JSON array of measures', [], 'an array', typeof doc)],
    }
  }
  const issues: DomainIssue[] = []
  const rows: DatasetRow[] = []
  const seen = new Set<string>()
  doc.forEach((m: unknown, i) => {
    if (typeof m !== 'object' || m === null || Array.isArray(m)) {
      issues.push(issue(`measure ${i} is not an object`, [i], 'an object', typeof m))
      return
    }
    const id = (m as Record<string, unknown>)['id']
    if (typeof id !== 'string' || id === '') {
      issues.push(issue(`measure ${i} has no id`, [i, 'id'], 'a non-empty string id', String(id)))
      return
    }
    if (seen.has(id)) {
      issues.push(issue(`measure id ${id} appears twice`, [i, 'id'], 'unique ids', id))
      return
    }
    seen.add(id)
    const sources = (m as Record<string, unknown>)['sources']
    const first = Array.isArray(sources) ? sources[0] : undefined
    const url =
      typeof first === 'string'
        ? first
        : typeof first === 'object' && first
          ? String((first as { url?: unknown }).url ?? '')
          : null
    rows.push({
      key: id,
      data: m as Record<string, string | null>,
      source_url: url || null,
      line: i + 1,
    })
  })
  if (issues.length > 0) return { ok: false, error: issues }
  return { ok: true, value: rows }
}
